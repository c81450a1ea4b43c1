/**
 * A SchemaModel as SQLite DDL (`SqlDialect.renderSchema`). Declared types are the names the SQLite
 * adapter reads back as the same logical type (`UUID`, `TIMESTAMPTZ`, `JSONB`, `INT UNSIGNED`), so a
 * round trip keeps intent though SQLite only stores affinities. No schemas (a note per schema);
 * enums become TEXT + `CHECK (x IN (…))`; an identity that is the whole primary key becomes
 * `INTEGER PRIMARY KEY` (the rowid); FKs stay inline even in cycles (SQLite binds them when rows are written).
 */
import { match } from 'ts-pattern'
import type { RenderedSchema } from '../../src/adapter/adapter.js'
import type { LogicalType, SchemaModel } from '../../src/model/schema.js'
import { renderSchemaFor, type DdlTarget, type TypeChoice } from '../../src/adapter/render-ddl.js'
import { quoteIdent as q, sqliteDialect } from './dialect.js'

/** `model` as SQLite statements, with a note for everything not carried over. */
export function renderSqliteSchema(model: SchemaModel): RenderedSchema {
  const target: DdlTarget = {
    dialect: sqliteDialect,
    label: 'sqlite',
    columnType: (c) => {
      if (model.dialect === 'sqlite') return { sql: c.nativeType, logical: c.type }
      const t = sqliteType(c.type)
      if (c.type.kind === 'enum') t.check = `${q(c.name)} IN (${c.type.values.map((v) => sqliteDialect.literal(v, { kind: 'text' })).join(', ')})`
      return t
    },
    identity: (_c, type, sole) => {
      if (type.logical.kind !== 'integer') return { note: `identity on ${type.sql} not carried over (only an INTEGER PRIMARY KEY numbers itself)` }
      if (!sole) return { note: 'identity not carried over: only a one-column INTEGER PRIMARY KEY numbers itself in SQLite' }
      return { clause: 'PRIMARY KEY', inlinePk: true, type: 'INTEGER' }
    },
    nowDefault: (t) =>
      match(t.kind)
        .with('date', () => 'CURRENT_DATE')
        .with('time', () => 'CURRENT_TIME')
        .with('timestamp', 'string', 'text', () => 'CURRENT_TIMESTAMP')
        .otherwise(() => undefined),
    generated: (expression, stored) => `GENERATED ALWAYS AS (${expression}) ${stored ? 'STORED' : 'VIRTUAL'}`,
    unsupportedActions: [],
    deferrable: true,
    lateFkBinding: true,
    check: { quoteIdent: q, literal: sqliteDialect.literal, lengthFunction: 'length' },
    tableSuffix: (t, same) => (same && t.withoutRowid ? 'WITHOUT ROWID' : ''),
    foldedUnique: (name, ref, cols) => `CREATE UNIQUE INDEX ${q(name)} ON ${q(ref.name)} (${cols.map((c) => (c.fold ? `lower(${q(c.name)})` : q(c.name))).join(', ')})`,
    maxIdentifier: 1000,
  }
  return renderSchemaFor(model, target)
}

const INT_NAMES = { 1: 'TINYINT', 2: 'SMALLINT', 3: 'MEDIUMINT', 4: 'INT', 8: 'BIGINT' } as const

/** The declared SQLite type for a logical type from another dialect. */
function sqliteType(t: LogicalType): TypeChoice {
  return match(t)
    .returnType<TypeChoice>()
    .with({ kind: 'integer' }, (i) => ({ sql: `${INT_NAMES[i.bytes]}${i.unsigned ? ' UNSIGNED' : ''}`, logical: { kind: 'integer', bytes: i.bytes, ...(i.unsigned && { unsigned: true }) } }))
    .with({ kind: 'decimal' }, (d) => ({ sql: d.precision !== undefined ? `NUMERIC(${d.precision},${d.scale ?? 0})` : 'NUMERIC', logical: t }))
    // SQLite stores every REAL in 8 bytes.
    .with({ kind: 'float' }, () => ({ sql: 'REAL', logical: { kind: 'float', bytes: 8 } }))
    .with({ kind: 'boolean' }, () => ({ sql: 'BOOLEAN', logical: t }))
    .with({ kind: 'string' }, (s) => ({ sql: s.fixed ? `CHAR(${s.maxLength ?? 1})` : s.maxLength !== undefined ? `VARCHAR(${s.maxLength})` : 'VARCHAR', logical: t }))
    .with({ kind: 'text' }, () => ({ sql: 'TEXT', logical: t }))
    .with({ kind: 'uuid' }, () => ({ sql: 'UUID', logical: t }))
    .with({ kind: 'date' }, () => ({ sql: 'DATE', logical: t }))
    .with({ kind: 'time' }, (x) => ({ sql: 'TIME', logical: { kind: 'time' }, ...(x.tz && { note: 'time with time zone → TIME: the zone is dropped' }) }))
    .with({ kind: 'timestamp' }, (x) => ({ sql: x.tz ? 'TIMESTAMPTZ' : 'DATETIME', logical: t }))
    .with({ kind: 'interval' }, () => ({ sql: 'TEXT', logical: { kind: 'text' }, note: 'interval → TEXT' }))
    .with({ kind: 'json' }, (j) => ({ sql: j.binary ? 'JSONB' : 'JSON', logical: t }))
    .with({ kind: 'binary' }, (b) => ({ sql: b.maxLength !== undefined ? `BLOB(${b.maxLength})` : 'BLOB', logical: t }))
    .with({ kind: 'enum' }, () => ({ sql: 'TEXT', logical: { kind: 'text' } }))
    .with({ kind: 'set' }, (s) => ({ sql: 'TEXT', logical: { kind: 'text' }, note: `SET(${s.values.join(',')}) → TEXT: the comma-separated value is kept, its labels are not checked` }))
    .with({ kind: 'array' }, () => ({ sql: 'JSON', logical: { kind: 'json' }, note: 'array → JSON (a JSON array)' }))
    // `INET` would get INTEGER affinity (the name contains INT).
    .with({ kind: 'inet' }, () => ({ sql: 'TEXT', logical: { kind: 'text' }, note: 'inet → TEXT (address text)' }))
    .with({ kind: 'unknown' }, (u) => ({ sql: 'TEXT', logical: { kind: 'text' }, note: `type ${u.native} unknown to tdg → TEXT` }))
    .exhaustive()
}
