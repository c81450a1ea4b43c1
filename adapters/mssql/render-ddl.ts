/**
 * A SchemaModel as SQL Server DDL (`SqlDialect.renderSchema`). Character data is Unicode (`nvarchar`);
 * unbounded text `nvarchar(max)`, except in keys (`nvarchar(450)`: SQL Server indexes no `max` column);
 * enums `nvarchar(n)` + `CHECK (x IN (…))`; identities `IDENTITY(start, increment)` (explicit keys go in
 * with IDENTITY_INSERT, see the writer); non-default schemas are created first. No server runs in the
 * test environment: this renderer is verified by its rendered text only.
 */
import { match } from 'ts-pattern'
import type { RenderedSchema } from '../../src/adapter/adapter.js'
import type { LogicalType, SchemaModel } from '../../src/model/schema.js'
import { renderSchemaFor, type DdlTarget, type TypeChoice } from '../../src/adapter/render-ddl.js'
import { mssqlDialect, quoteIdent as q } from './dialect.js'
import { nstring } from './literal.js'

/** Longest indexable nvarchar (900-byte clustered key limit, 2 bytes a character). */
const KEY_NVARCHAR = 450

/** `model` as SQL Server statements, with a note for everything not carried over. */
export function renderMssqlSchema(model: SchemaModel): RenderedSchema {
  const target: DdlTarget = {
    dialect: mssqlDialect,
    label: 'mssql',
    // CREATE SCHEMA must be alone in its batch: EXEC makes it so inside one script.
    createSchema: (s) => `IF SCHEMA_ID(${nstring(s)}) IS NULL EXEC(${nstring(`CREATE SCHEMA ${q(s)}`)})`,
    columnType: (c, ctx) => {
      if (ctx.same) return { sql: c.nativeType, logical: c.type }
      const t = mssqlType(c.type, ctx.inKey)
      if (c.type.kind === 'enum') t.check = `${q(c.name)} IN (${c.type.values.map(nstring).join(', ')})`
      return t
    },
    identity: (c, type) => {
      const integral = type.logical.kind === 'integer' || (type.logical.kind === 'decimal' && (type.logical.scale ?? 0) === 0)
      if (!integral) return { note: `identity on ${type.sql} not carried over (IDENTITY needs an integer)` }
      return { clause: `IDENTITY(${c.identity?.start ?? 1},${c.identity?.increment ?? 1})` }
    },
    nowDefault: (t) =>
      match(t)
        .with({ kind: 'date' }, () => 'CAST(SYSDATETIME() AS date)')
        .with({ kind: 'time' }, () => 'CAST(SYSDATETIME() AS time)')
        .with({ kind: 'timestamp', tz: true }, () => 'SYSDATETIMEOFFSET()')
        .with({ kind: 'timestamp' }, { kind: 'string' }, { kind: 'text' }, () => 'SYSDATETIME()')
        .otherwise(() => undefined),
    generated: (expression, stored) => `AS (${expression})${stored ? ' PERSISTED' : ''}`,
    unsupportedActions: ['restrict'],
    singleCascadePath: true,
    deferrable: false,
    lateFkBinding: false,
    check: { quoteIdent: q, literal: mssqlDialect.literal, lengthFunction: 'len' },
    // A UNIQUE constraint takes one NULL only; other dialects take any number: a filtered index keeps that.
    nullableUnique: (name, ref, columns, nullable) => `CREATE UNIQUE INDEX ${q(name)} ON ${mssqlDialect.qualify(ref)} (${columns.map(q).join(', ')}) WHERE ${nullable.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')}`,
    maxIdentifier: 128,
  }
  return renderSchemaFor(model, target)
}

/** The SQL Server type for a logical type from another dialect; `inKey`: the column is indexed. */
function mssqlType(t: LogicalType, inKey: boolean): TypeChoice {
  const unbounded = (what: string): TypeChoice =>
    inKey
      ? { sql: `nvarchar(${KEY_NVARCHAR})`, logical: { kind: 'string', maxLength: KEY_NVARCHAR }, note: `${what} in a key → nvarchar(${KEY_NVARCHAR}) (SQL Server indexes no max column): longer values do not fit` }
      : { sql: 'nvarchar(max)', logical: { kind: 'text' } }
  return match(t)
    .returnType<TypeChoice>()
    .with({ kind: 'integer' }, (i) => {
      if (i.bytes === 1 && i.unsigned) return { sql: 'tinyint', logical: { kind: 'integer', bytes: 1, unsigned: true } }
      const need = i.unsigned ? i.bytes * 2 : i.bytes
      if (need <= 2) return { sql: 'smallint', logical: { kind: 'integer', bytes: 2 } }
      if (need <= 4) return { sql: 'int', logical: { kind: 'integer', bytes: 4 } }
      if (need <= 8) return { sql: 'bigint', logical: { kind: 'integer', bytes: 8 } }
      return { sql: 'decimal(20,0)', logical: { kind: 'decimal', precision: 20, scale: 0 }, note: 'unsigned 64-bit integer → decimal(20,0)' }
    })
    .with({ kind: 'decimal' }, (d) => {
      if (d.precision === undefined) return { sql: 'decimal(38,10)', logical: { kind: 'decimal', precision: 38, scale: 10 }, note: 'unbounded numeric → decimal(38,10)' }
      if (d.precision > 38) return { sql: `decimal(38,${Math.min(d.scale ?? 0, 38)})`, logical: { kind: 'decimal', precision: 38, scale: Math.min(d.scale ?? 0, 38) }, note: `numeric(${d.precision},${d.scale ?? 0}) → decimal(38,…): SQL Server's widest` }
      return { sql: `decimal(${d.precision},${d.scale ?? 0})`, logical: { kind: 'decimal', precision: d.precision, scale: d.scale ?? 0 } }
    })
    .with({ kind: 'float' }, (f) => ({ sql: f.bytes === 4 ? 'real' : 'float', logical: t }))
    .with({ kind: 'boolean' }, () => ({ sql: 'bit', logical: t }))
    .with({ kind: 'string' }, (s) => {
      if (s.maxLength === undefined || s.maxLength > 4000) return unbounded(s.maxLength === undefined ? 'varchar without a length' : `varchar(${s.maxLength})`)
      return { sql: `${s.fixed ? 'nchar' : 'nvarchar'}(${s.maxLength})`, logical: t }
    })
    .with({ kind: 'text' }, () => unbounded('text'))
    .with({ kind: 'uuid' }, () => ({ sql: 'uniqueidentifier', logical: t }))
    .with({ kind: 'date' }, () => ({ sql: 'date', logical: t }))
    .with({ kind: 'time' }, (x) => ({ sql: 'time(7)', logical: { kind: 'time' }, ...(x.tz && { note: 'time with time zone → time(7): the zone is dropped' }) }))
    .with({ kind: 'timestamp' }, (x) => ({ sql: x.tz ? 'datetimeoffset(7)' : 'datetime2(7)', logical: t }))
    .with({ kind: 'interval' }, () => ({ sql: 'nvarchar(100)', logical: { kind: 'string', maxLength: 100 }, note: 'interval → nvarchar(100) (text)' }))
    .with({ kind: 'json' }, () => ({ sql: 'nvarchar(max)', logical: { kind: 'text' }, note: 'json → nvarchar(max) (JSON text, not validated)' }))
    .with({ kind: 'binary' }, (b) => ({ sql: b.maxLength !== undefined && b.maxLength <= 8000 ? `varbinary(${b.maxLength})` : 'varbinary(max)', logical: b.maxLength !== undefined && b.maxLength <= 8000 ? t : { kind: 'binary' } }))
    .with({ kind: 'enum' }, (e) => {
      const n = Math.max(1, ...e.values.map((v) => v.length))
      return { sql: `nvarchar(${n})`, logical: { kind: 'string', maxLength: n } }
    })
    .with({ kind: 'set' }, (s) => ({ ...unbounded('SET'), note: `SET(${s.values.join(',')}) → nvarchar: the comma-separated value is kept, its labels are not checked` }))
    .with({ kind: 'array' }, () => ({ ...unbounded('array'), note: 'array → nvarchar(max) (a JSON array)' }))
    .with({ kind: 'inet' }, () => ({ sql: 'nvarchar(45)', logical: { kind: 'string', maxLength: 45 }, note: 'inet → nvarchar(45) (address text)' }))
    .with({ kind: 'unknown' }, (u) => ({ ...unbounded(`type ${u.native}`), note: `type ${u.native} unknown to tdg → nvarchar` }))
    .exhaustive()
}
