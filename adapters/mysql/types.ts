/**
 * MySQL/MariaDB native ↔ logical types. The canonical native spelling is MariaDB's
 * `information_schema.COLUMNS.COLUMN_TYPE` (`int(11)`, `int(10) unsigned`, `tinyint(1)`, `varchar(40)`,
 * `enum('M','F')`, `decimal(12,2)`): `canonicalMysqlType` brings DDL spellings (`INTEGER`, `ENUM ('M', 'F')`,
 * `BOOL`, `NUMERIC`) and MySQL 8's width-less spellings (`int unsigned`) to it, and it is THE one place
 * both the DDL parser and the live introspector go through, so their `nativeType`s compare equal.
 * `json` stays `json` (MariaDB stores it as `longtext` + a `json_valid` CHECK; the introspector folds that back).
 */
import { match, P } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'

/** Display widths MariaDB prints for integer types without one: [signed, unsigned]. */
const INT_WIDTHS: Record<string, [number, number]> = {
  tinyint: [4, 3],
  smallint: [6, 5],
  mediumint: [9, 8],
  int: [11, 10],
  bigint: [20, 20],
}

/** Synonyms → the name COLUMN_TYPE uses. */
const SYNONYMS: Record<string, string> = {
  integer: 'int',
  int1: 'tinyint',
  int2: 'smallint',
  int3: 'mediumint',
  middleint: 'mediumint',
  int4: 'int',
  int8: 'bigint',
  numeric: 'decimal',
  dec: 'decimal',
  fixed: 'decimal',
  real: 'double',
  'double precision': 'double',
  float8: 'double',
  float4: 'float',
  'character varying': 'varchar',
  'char varying': 'varchar',
  'national varchar': 'varchar',
  'national character varying': 'varchar',
  nvarchar: 'varchar',
  'national char': 'char',
  'national character': 'char',
  nchar: 'char',
  character: 'char',
  'long varchar': 'mediumtext',
  long: 'mediumtext',
  'long varbinary': 'mediumblob',
}

/** Types whose COLUMN_TYPE shows a default length when the DDL gave none. */
const DEFAULT_LENGTH: Record<string, string> = { char: '(1)', binary: '(1)', bit: '(1)', decimal: '(10,0)', year: '(4)' }

interface TypeParts {
  name: string
  args: string[]
  /** Enum/set labels (unquoted). */
  labels?: string[]
  unsigned: boolean
  zerofill: boolean
}

/**
 * Split a type text into name, argument list and attributes. Accepts both DDL and catalog spellings;
 * returns undefined for text that is not a type (the caller keeps it as written).
 */
export function splitMysqlType(text: string): TypeParts | undefined {
  const m = /^\s*([a-z][a-z0-9_]*(?:\s+(?:varying|precision|varchar|char|character|varbinary)(?:\s+varying)?)?)\s*(\(([\s\S]*)\))?\s*([a-z\s]*)$/i.exec(text)
  if (!m) return undefined
  const name = (m[1] ?? '').toLowerCase().replace(/\s+/g, ' ')
  const inner = m[3]
  const attrs = (m[4] ?? '').toLowerCase().split(/\s+/).filter((a) => a !== '')
  if (attrs.some((a) => !['unsigned', 'signed', 'zerofill'].includes(a))) return undefined
  const parts: TypeParts = { name, args: [], unsigned: attrs.includes('unsigned') || attrs.includes('zerofill'), zerofill: attrs.includes('zerofill') }
  if (inner !== undefined) {
    if (name === 'enum' || name === 'set') {
      const labels = enumLabels(inner)
      if (!labels) return undefined
      parts.labels = labels
    } else {
      parts.args = inner.split(',').map((s) => s.trim())
      if (parts.args.some((a) => !/^\d+$/.test(a))) return undefined
    }
  }
  return parts
}

/** `'a','b''c'` (spaces allowed, `''` and backslash escapes) → labels; undefined when malformed. */
export function enumLabels(inner: string): string[] | undefined {
  const out: string[] = []
  let i = 0
  const s = inner
  for (;;) {
    while (/\s/.test(s[i] ?? '')) i++
    const q = s[i]
    if (q !== "'" && q !== '"') return undefined
    i++
    let v = ''
    for (;;) {
      if (i >= s.length) return undefined
      const c = s[i] as string
      if (c === '\\' && i + 1 < s.length) { v += s[i + 1]; i += 2; continue }
      if (c === q) {
        if (s[i + 1] === q) { v += q; i += 2; continue }
        i++
        break
      }
      v += c
      i++
    }
    out.push(v)
    while (/\s/.test(s[i] ?? '')) i++
    if (i >= s.length) return out
    if (s[i] !== ',') return undefined
    i++
  }
}

/** A label as COLUMN_TYPE quotes it: single quotes, doubled inside. */
function quoteLabel(v: string): string {
  return `'${v.replace(/'/g, "''")}'`
}

/**
 * The canonical (MariaDB COLUMN_TYPE) spelling of a type: lower case, synonyms resolved, default display
 * widths and lengths filled in, enum/set labels re-quoted without spaces. Unknown text comes back
 * lower-cased and trimmed.
 */
export function canonicalMysqlType(text: string): string {
  const p = splitMysqlType(text)
  if (!p) return text.trim().replace(/\s+/g, ' ').toLowerCase()
  let name = SYNONYMS[p.name] ?? p.name
  let args = p.args
  if (name === 'bool' || name === 'boolean') return 'tinyint(1)'
  if (name === 'float' && args.length === 1) {
    // FLOAT(p): a precision in bits picks float or double, without a width.
    name = Number(args[0]) > 24 ? 'double' : 'float'
    args = []
  }
  if (name === 'enum' || name === 'set') return `${name}(${(p.labels ?? []).map(quoteLabel).join(',')})`
  const widths = INT_WIDTHS[name]
  let mods = args.length > 0 ? `(${args.join(',')})` : ''
  if (widths && mods === '') mods = `(${p.unsigned ? widths[1] : widths[0]})`
  if (name === 'decimal' && args.length === 1) mods = `(${args[0]},0)`
  if (mods === '' && DEFAULT_LENGTH[name]) mods = DEFAULT_LENGTH[name] as string
  if (name === 'json') return 'json'
  const numeric = widths !== undefined || ['decimal', 'float', 'double'].includes(name)
  const attrs = numeric ? `${p.unsigned ? ' unsigned' : ''}${p.zerofill ? ' zerofill' : ''}` : ''
  return `${name}${mods}${attrs}`
}

/** Map a canonical MySQL type (see `canonicalMysqlType`) to a logical type. */
export function mysqlLogicalType(nativeType: string): LogicalType {
  const p = splitMysqlType(nativeType)
  if (!p) return { kind: 'unknown', native: nativeType }
  const name = SYNONYMS[p.name] ?? p.name
  const n = p.args.map(Number)
  const unsigned = p.unsigned ? { unsigned: true } : {}
  return match(name)
    .returnType<LogicalType>()
    .with('tinyint', () => (n[0] === 1 && !p.unsigned ? { kind: 'boolean' } : { kind: 'integer', bytes: 1, ...unsigned }))
    .with('bool', 'boolean', () => ({ kind: 'boolean' }))
    .with('smallint', () => ({ kind: 'integer', bytes: 2, ...unsigned }))
    .with('mediumint', () => ({ kind: 'integer', bytes: 3, ...unsigned }))
    .with('int', () => ({ kind: 'integer', bytes: 4, ...unsigned }))
    .with('bigint', () => ({ kind: 'integer', bytes: 8, ...unsigned }))
    // YEAR stores 1901..2155 (and 0000, which tdg never writes): an integer narrowed to that range.
    .with('year', () => ({ kind: 'integer', bytes: 2, unsigned: true, min: 1901, max: 2155 }))
    // BIT(n) holds n bits: the widest integer that surely fits; 2..7 bits only get 0/1.
    .with('bit', () => (n[0] === undefined || n[0] < 8 ? { kind: 'boolean' } : { kind: 'integer', bytes: bitBytes(n[0]), unsigned: true }))
    .with('decimal', () => ({ kind: 'decimal', precision: n[0] ?? 10, scale: n[1] ?? 0 }))
    .with('float', () => ({ kind: 'float', bytes: 4 }))
    .with('double', () => ({ kind: 'float', bytes: 8 }))
    .with('varchar', () => (n[0] !== undefined ? { kind: 'string', maxLength: n[0] } : { kind: 'string' }))
    .with('char', () => ({ kind: 'string', maxLength: n[0] ?? 1, fixed: true }))
    .with('tinytext', () => ({ kind: 'string', maxLength: 255 }))
    .with('text', 'mediumtext', 'longtext', () => ({ kind: 'text' }))
    .with('json', () => ({ kind: 'json' }))
    .with('uuid', () => ({ kind: 'uuid' }))
    .with('inet4', () => ({ kind: 'inet' }))
    // INET6 rejects plain IPv4 text: the writer sends generated IPv4 addresses IPv4-mapped (`::ffff:a.b.c.d`).
    .with('inet6', () => ({ kind: 'inet', ipv6: true }))
    .with('date', () => ({ kind: 'date' }))
    .with('time', () => ({ kind: 'time', tz: false }))
    .with('datetime', () => ({ kind: 'timestamp', tz: false }))
    // TIMESTAMP is stored in UTC and shown in the session zone: a zoned instant.
    .with('timestamp', () => ({ kind: 'timestamp', tz: true }))
    .with('binary', () => ({ kind: 'binary', maxLength: n[0] ?? 1 }))
    .with('varbinary', () => (n[0] !== undefined ? { kind: 'binary', maxLength: n[0] } : { kind: 'binary' }))
    .with('tinyblob', () => ({ kind: 'binary', maxLength: 255 }))
    .with(P.union('blob', 'mediumblob', 'longblob'), () => ({ kind: 'binary' }))
    .with('enum', () => ({ kind: 'enum', values: p.labels ?? [] }))
    .with('set', () => ({ kind: 'set', values: p.labels ?? [] }))
    .otherwise(() => ({ kind: 'unknown', native: nativeType }))
}

function bitBytes(bits: number): 1 | 2 | 4 | 8 {
  return bits >= 64 ? 8 : bits >= 32 ? 4 : bits >= 16 ? 2 : 1
}
