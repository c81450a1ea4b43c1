/** Small builders for SchemaModel objects in tests (no parser involved). */
import type { CheckConstraint, CheckShape, Column, ForeignKey, LogicalType, SchemaModel, Table } from '../../../src/model/schema.js'
import { isTdgError, type TdgError } from '../../../src/errors.js'

export const int = (bytes: 1 | 2 | 3 | 4 | 8 = 4, unsigned?: boolean): LogicalType => ({ kind: 'integer', bytes, ...(unsigned ? { unsigned } : {}) })
export const varchar = (n?: number): LogicalType => (n === undefined ? { kind: 'string' } : { kind: 'string', maxLength: n })

/** A column; NOT NULL unless `nullable` is given. */
export function col(name: string, type: LogicalType, extra: Partial<Column> = {}): Column {
  return { name, nativeType: type.kind, type, nullable: false, ...extra }
}

/** A foreign key (NO ACTION, not deferrable unless said). */
export function fk(columns: string[], table: string, refColumns: string[], extra: Partial<ForeignKey> = {}): ForeignKey {
  return { columns, references: { table, columns: refColumns }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false, ...extra }
}

/** A CHECK made of shapes (fully parsed). */
export function check(name: string, ...parsed: CheckShape[]): CheckConstraint {
  return { name, expression: name, parsed, fullyParsed: true }
}

export function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, uniques: [], foreignKeys: [], checks: [], ...extra }
}

export function model(tables: Table[], dialect: SchemaModel['dialect'] = 'postgres'): SchemaModel {
  return { dialect, tables, enums: [], domains: [] }
}

/** A realistic 10-column users table (the W2 benchmark shape). */
export function usersTable(): Table {
  return table(
    'users',
    [
      col('id', int(8), { identity: { kind: 'always' } }),
      col('uuid', { kind: 'uuid' }),
      col('email', varchar(255)),
      col('first_name', varchar(100)),
      col('last_name', varchar(100)),
      col('created_at', { kind: 'timestamp', tz: true }),
      col('birth_date', { kind: 'date' }, { nullable: true }),
      col('balance', { kind: 'decimal', precision: 12, scale: 2 }),
      col('is_active', { kind: 'boolean' }),
      col('bio', { kind: 'text' }, { nullable: true }),
    ],
    { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['email'] }, { columns: ['uuid'] }] },
  )
}

/** The TdgError `f` throws; fails the test when it throws nothing or something else. */
export function thrown(f: () => unknown): TdgError {
  try {
    f()
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error('expected a TdgError')
}
