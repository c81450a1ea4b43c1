/**
 * A SchemaModel as MySQL/MariaDB DDL (`SqlDialect.renderSchema`). No schemas (tables of a non-default
 * schema go to the connection's database, with a note); enums inline `ENUM(…)`; identities
 * `AUTO_INCREMENT` (on a key column, as InnoDB requires); zoned timestamps `datetime(6)`; key columns of
 * unbounded text `varchar(255)` (InnoDB cannot index TEXT without a prefix length). Tables are InnoDB utf8mb4.
 */
import { match } from 'ts-pattern'
import type { RenderedSchema } from '../../src/adapter/adapter.js'
import type { LogicalType, SchemaModel, Table } from '../../src/model/schema.js'
import { renderSchemaFor, type DdlTarget, type TypeChoice } from '../../src/adapter/render-ddl.js'
import { mysqlDialect, quoteIdent as q } from './dialect.js'

/** Longest varchar kept as varchar (utf8mb4: 4 bytes a character within InnoDB's 65,535-byte row). */
const MAX_VARCHAR = 16383
/** A key column of unbounded text: indexable under InnoDB's 3072-byte key limit in utf8mb4. */
const KEY_VARCHAR = 255
/** InnoDB's longest index key (DYNAMIC rows, the default since MySQL 5.7 / MariaDB 10.2). */
const KEY_BYTES = 3072
/** InnoDB's row limit for the inline parts of a row, with room left for the other columns. */
const ROW_BYTES = 60000

/** `model` as MySQL/MariaDB statements, with a note for everything not carried over. */
export function renderMysqlSchema(model: SchemaModel): RenderedSchema {
  const target: DdlTarget = {
    dialect: mysqlDialect,
    label: 'mysql',
    columnType: (c, ctx) => {
      if (ctx.same) return { sql: c.nativeType, logical: c.type }
      const t = mysqlType(c.type, ctx.inKey)
      const cap = keyCaps(ctx.table).get(c.name)
      const n = Number(/^varchar\((\d+)\)$/.exec(t.sql)?.[1] ?? 0)
      if (cap !== undefined && n > cap) {
        const note = `${t.sql} → varchar(${cap}) to fit InnoDB's ${KEY_BYTES}-byte index key in utf8mb4: longer values do not fit`
        return { sql: `varchar(${cap})`, logical: { kind: 'string', maxLength: cap }, note: t.note ? `${t.note}; ${note}` : note }
      }
      if (!ctx.inKey && rowTooWide(ctx.table).has(c.name)) {
        return { sql: 'longtext', logical: { kind: 'text' }, note: `${t.sql} → longtext: the table's varchar columns exceed InnoDB's 65,535-byte row in utf8mb4` }
      }
      return t
    },
    // MySQL 8 takes a literal DEFAULT on TEXT/BLOB/JSON only as an expression; MariaDB takes both.
    literalDefault: (sql, type) => (/text|blob|json/.test(type.sql) ? `(${sql})` : sql),
    identity: (c, type, sole) => {
      if (type.logical.kind !== 'integer') return { note: `identity on ${type.sql} not carried over (AUTO_INCREMENT needs an integer)` }
      // InnoDB wants the AUTO_INCREMENT column first in some index; the PK is the one index sure to exist.
      if (!sole) return { note: 'identity not carried over: AUTO_INCREMENT needs the column to be the primary key' }
      return { clause: 'AUTO_INCREMENT' }
    },
    nowDefault: (t) =>
      match(t.kind)
        .with('timestamp', () => 'CURRENT_TIMESTAMP(6)')
        .with('date', () => '(CURRENT_DATE)')
        .with('time', () => '(CURRENT_TIME)')
        .otherwise(() => undefined),
    generated: (expression, stored) => `GENERATED ALWAYS AS (${expression}) ${stored ? 'STORED' : 'VIRTUAL'}`,
    // InnoDB rejects SET DEFAULT in table definitions.
    unsupportedActions: ['set default'],
    deferrable: false,
    lateFkBinding: false,
    fkSameNumericType: true,
    check: { quoteIdent: q, literal: mysqlDialect.literal, lengthFunction: 'char_length' },
    tableSuffix: () => 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
    maxIdentifier: 64,
  }
  /** Per table: the varchar columns that become longtext so the row fits (widest first, keys never). */
  const wide = new Map<Table, Set<string>>()
  function rowTooWide(t: Table): Set<string> {
    let out = wide.get(t)
    if (out) return out
    out = new Set()
    const keys = new Set([...(t.primaryKey?.columns ?? []), ...t.uniques.flatMap((u) => u.columns), ...t.foreignKeys.flatMap((f) => f.columns)])
    const widths = t.columns.map((c) => {
      const n = /^varchar\((\d+)\)$/.exec(mysqlType(c.type, keys.has(c.name)).sql)?.[1]
      return { name: c.name, key: keys.has(c.name), n: n === undefined ? undefined : Math.min(Number(n), keyCaps(t).get(c.name) ?? Infinity) }
    })
    let bytes = widths.reduce((sum, w) => sum + (w.n ? Number(w.n) * 4 + 2 : 0), 0)
    for (const w of widths.filter((x) => x.n && !x.key).sort((a, b) => Number(b.n) - Number(a.n))) {
      if (bytes <= ROW_BYTES) break
      out.add(w.name)
      bytes -= Number(w.n) * 4 + 2 - 12
    }
    wide.set(t, out)
    return out
  }
  /** Per table: the longest varchar each key column may have so every index key fits in KEY_BYTES. */
  const caps = new Map<Table, Map<string, number>>()
  function keyCaps(t: Table): Map<string, number> {
    let out = caps.get(t)
    if (out) return out
    out = new Map()
    const keys = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((u) => u.columns), ...t.foreignKeys.map((f) => f.columns)]
    for (const key of keys) {
      const parts = key.map((name) => {
        const c = t.columns.find((x) => x.name === name)
        const n = c ? /^varchar\((\d+)\)$/.exec(mysqlType(c.type, true).sql)?.[1] : undefined
        return { name, n: n === undefined ? undefined : Number(n) }
      })
      const strings = parts.filter((p) => p.n !== undefined)
      // Other key parts: at most 16 bytes each (bigint, datetime(6), decimal(38)), char(255) aside.
      const fixed = (parts.length - strings.length) * 16
      if (strings.length === 0 || fixed + strings.reduce((sum, p) => sum + (p.n as number) * 4, 0) <= KEY_BYTES) continue
      const each = Math.floor((KEY_BYTES - fixed) / strings.length / 4)
      for (const p of strings) out.set(p.name, Math.min(out.get(p.name) ?? Infinity, each))
    }
    caps.set(t, out)
    return out
  }

  return renderSchemaFor(model, target)
}

/** The MySQL type for a logical type from another dialect; `inKey`: the column is indexed (PK/UNIQUE/FK). */
function mysqlType(t: LogicalType, inKey: boolean): TypeChoice {
  const unboundedText = (what: string): TypeChoice =>
    inKey
      ? { sql: `varchar(${KEY_VARCHAR})`, logical: { kind: 'string', maxLength: KEY_VARCHAR }, note: `${what} in a key → varchar(${KEY_VARCHAR}) (InnoDB indexes no unbounded text): longer values do not fit` }
      : { sql: 'longtext', logical: { kind: 'text' } }
  return match(t)
    .returnType<TypeChoice>()
    .with({ kind: 'integer' }, (i) => {
      const name = { 1: 'tinyint', 2: 'smallint', 3: 'mediumint', 4: 'int', 8: 'bigint' }[i.bytes]
      return { sql: `${name}${i.unsigned ? ' unsigned' : ''}`, logical: { kind: 'integer', bytes: i.bytes, ...(i.unsigned && { unsigned: true }) } }
    })
    .with({ kind: 'decimal' }, (d) => {
      if (d.precision === undefined) return { sql: 'decimal(65,30)', logical: { kind: 'decimal', precision: 65, scale: 30 }, note: 'unbounded numeric → decimal(65,30)' }
      if (d.precision > 65) return { sql: `decimal(65,${Math.min(d.scale ?? 0, 30)})`, logical: { kind: 'decimal', precision: 65, scale: Math.min(d.scale ?? 0, 30) }, note: `numeric(${d.precision},${d.scale ?? 0}) → decimal(65,…): MySQL's widest` }
      return { sql: `decimal(${d.precision},${d.scale ?? 0})`, logical: { kind: 'decimal', precision: d.precision, scale: d.scale ?? 0 } }
    })
    .with({ kind: 'float' }, (f) => ({ sql: f.bytes === 4 ? 'float' : 'double', logical: t }))
    .with({ kind: 'boolean' }, () => ({ sql: 'tinyint(1)', logical: t }))
    .with({ kind: 'string' }, (s) => {
      if (s.maxLength === undefined) return unboundedText('varchar without a length')
      if (s.fixed && s.maxLength <= 255) return { sql: `char(${s.maxLength})`, logical: t }
      if (s.maxLength <= MAX_VARCHAR) return { sql: `varchar(${s.maxLength})`, logical: { kind: 'string', maxLength: s.maxLength } }
      return unboundedText(`varchar(${s.maxLength})`)
    })
    .with({ kind: 'text' }, () => unboundedText('text'))
    .with({ kind: 'uuid' }, () => ({ sql: 'char(36)', logical: { kind: 'string', maxLength: 36, fixed: true }, note: 'uuid → char(36)' }))
    .with({ kind: 'date' }, () => ({ sql: 'date', logical: t }))
    .with({ kind: 'time' }, (x) => ({ sql: 'time(6)', logical: { kind: 'time', tz: false }, ...(x.tz && { note: 'time with time zone → time(6): the zone is dropped' }) }))
    .with({ kind: 'timestamp' }, (x) => ({ sql: 'datetime(6)', logical: { kind: 'timestamp', tz: false }, ...(x.tz && { note: 'timestamp with time zone → datetime(6): stored without a zone' }) }))
    .with({ kind: 'interval' }, () => ({ sql: 'varchar(100)', logical: { kind: 'string', maxLength: 100 }, note: 'interval → varchar(100) (text)' }))
    .with({ kind: 'json' }, () => ({ sql: 'json', logical: { kind: 'json' } }))
    .with({ kind: 'binary' }, (b) => (b.maxLength !== undefined && b.maxLength <= 65535 ? { sql: `varbinary(${b.maxLength})`, logical: t } : { sql: 'longblob', logical: { kind: 'binary' } }))
    .with({ kind: 'enum' }, (e) => ({ sql: `enum(${e.values.map(label).join(',')})`, logical: { kind: 'enum', values: e.values } }))
    .with({ kind: 'set' }, (s) => ({ sql: `set(${s.values.map(label).join(',')})`, logical: t }))
    .with({ kind: 'array' }, () => ({ sql: 'json', logical: { kind: 'json' }, note: 'array → json (a JSON array)' }))
    .with({ kind: 'inet' }, () => ({ sql: 'varchar(43)', logical: { kind: 'string', maxLength: 43 }, note: 'inet → varchar(43) (address text)' }))
    .with({ kind: 'unknown' }, (u) => ({ ...unboundedText(`type ${u.native}`), note: `type ${u.native} unknown to tdg → ${inKey ? `varchar(${KEY_VARCHAR})` : 'longtext'}` }))
    .exhaustive()
}

/** An ENUM/SET label: single-quoted, quotes doubled, backslashes doubled (MySQL reads `\` as an escape). */
function label(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}
