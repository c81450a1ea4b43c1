/**
 * Parquet written by tdg checked against the CSV of the same rows, by two independent readers:
 * - DuckDB reads the CSV as text and casts each column with its own parsers to the column's SQL type,
 *   reads the Parquet file, and both sides are printed as VARCHAR; the two row multisets must be equal
 *   (EXCEPT ALL both ways): decimals exact, timestamps to the microsecond, NULL apart from ''.
 * - hyparquet reads the Parquet rows (timestamps as exact microseconds), compared cell by cell with the
 *   CSV text in JS (decimals as hyparquet gives them: doubles, so compared as Number of the text).
 */
import { readFileSync } from 'node:fs'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { match, P } from 'ts-pattern'
import type { LogicalType, Table } from '../../src/model/schema.js'
import { pgArrayText } from '../../src/sinks/value-text.js'
import { parseCsv } from '../unit/sinks/helpers.js'

/** One DuckDB connection in memory, UTC. */
export async function duck(): Promise<DuckDBConnection> {
  const c = await (await DuckDBInstance.create(':memory:')).connect()
  await c.run("SET TimeZone = 'UTC'")
  return c
}

/** Rows of a query as JSON-friendly objects. */
export async function query(c: DuckDBConnection, sql: string): Promise<Array<Record<string, unknown>>> {
  return (await c.runAndReadAll(sql)).getRowObjectsJson() as Array<Record<string, unknown>>
}

const q = (s: string) => `"${s.replace(/"/g, '""')}"`
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

/** DuckDB's type for a column's CSV text, or undefined when the text itself is compared. */
function duckType(t: LogicalType): string | undefined {
  return match(t)
    .with({ kind: 'integer' }, (i) => (i.unsigned && i.bytes === 8 ? 'DECIMAL(20,0)' : i.bytes === 8 || (i.unsigned && i.bytes === 4) ? 'BIGINT' : 'INTEGER'))
    .with({ kind: 'decimal' }, (d) => (d.precision === undefined ? undefined : `DECIMAL(${d.precision},${d.scale ?? 0})`))
    .with({ kind: 'float' }, (f) => (f.bytes === 4 ? 'FLOAT' : 'DOUBLE'))
    .with({ kind: 'boolean' }, () => 'BOOLEAN')
    .with({ kind: 'uuid' }, () => 'UUID')
    .with({ kind: 'date' }, () => 'DATE')
    .with({ kind: 'time' }, (x) => (x.tz ? 'TIMETZ' : 'TIME'))
    .with({ kind: 'timestamp' }, (x) => (x.tz ? 'TIMESTAMPTZ' : 'TIMESTAMP'))
    .with({ kind: 'array' }, (a) => `${duckType(a.element) ?? 'VARCHAR'}[]`)
    .with({ kind: P.union('string', 'text', 'interval', 'json', 'binary', 'enum', 'set', 'inet', 'unknown') }, () => undefined)
    .exhaustive()
}

/** The CSV side of a column: DuckDB parses the text into the type and prints it. */
function csvExpr(col: string, t: LogicalType): string {
  const ty = duckType(t)
  if (t.kind === 'array') return `CAST(CAST('[' || substr(${q(col)}, 2, length(${q(col)}) - 2) || ']' AS ${ty}) AS VARCHAR)`
  // A zoned time keeps its offset in DuckDB; the file holds it adjusted to UTC: compare in UTC.
  if (t.kind === 'time' && t.tz) return `CAST(timezone('UTC', CAST(${q(col)} AS TIMETZ)) AS VARCHAR)`
  return ty ? `CAST(CAST(${q(col)} AS ${ty}) AS VARCHAR)` : q(col)
}

/** The Parquet side of a column, printed the same way. */
function parquetExpr(col: string, t: LogicalType): string {
  if (t.kind === 'binary') return `'\\x' || lower(hex(${q(col)}))`
  if (t.kind === 'integer' && t.unsigned && t.bytes === 8) return `CAST(${q(col)} AS VARCHAR)`
  return `CAST(${q(col)} AS VARCHAR)`
}

/** Rows in one side and not the other (EXCEPT ALL both ways), and both counts. */
export async function duckDiff(
  c: DuckDBConnection,
  csvFile: string,
  parquetFiles: string[],
  table: Table,
  columns: string[],
): Promise<{ csvRows: number; parquetRows: number; onlyCsv: number; onlyParquet: number; columns: string[] }> {
  const types = columns.map((n) => (table.columns.find((x) => x.name === n) as Table['columns'][number]).type)
  const csv = `read_csv(${lit(csvFile)}, all_varchar = true, header = true, allow_quoted_nulls = false, quote = '"', escape = '"', delim = ',')`
  const pq = `read_parquet([${parquetFiles.map(lit).join(', ')}])`
  const a = `SELECT ${columns.map((n, i) => `${csvExpr(n, types[i] as LogicalType)} AS c${i}`).join(', ')} FROM ${csv}`
  const b = `SELECT ${columns.map((n, i) => `${parquetExpr(n, types[i] as LogicalType)} AS c${i}`).join(', ')} FROM ${pq}`
  const [r] = await query(
    c,
    `SELECT (SELECT count(*) FROM ${csv}) AS csv_rows, (SELECT count(*) FROM ${pq}) AS pq_rows,
            (SELECT count(*) FROM (${a} EXCEPT ALL ${b})) AS only_csv, (SELECT count(*) FROM (${b} EXCEPT ALL ${a})) AS only_pq`,
  )
  // Which columns differ (each column's values as a multiset), to say where a difference is.
  const differing: string[] = []
  for (const [i, n] of columns.entries()) {
    const t = types[i] as LogicalType
    const [d] = await query(c, `SELECT count(*) AS n FROM (SELECT ${csvExpr(n, t)} FROM ${csv} EXCEPT ALL SELECT ${parquetExpr(n, t)} FROM ${pq})`)
    if (Number(d?.n) !== 0) differing.push(n)
  }
  return { csvRows: Number(r?.csv_rows), parquetRows: Number(r?.pq_rows), onlyCsv: Number(r?.only_csv), onlyParquet: Number(r?.only_pq), columns: differing }
}

/** Microseconds since the epoch of CSV timestamp text (`YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]`). */
function csvMicros(text: string): bigint {
  const m = /^(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(text)
  if (!m) throw new Error(`not a timestamp: ${text}`)
  const zone = m[4] === undefined || m[4] === 'Z' ? 'Z' : m[4].length === 3 ? `${m[4]}:00` : m[4]
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${zone}`)
  return BigInt(ms) * 1000n + BigInt((m[3] ?? '').padEnd(6, '0'))
}

function csvTimeMicros(text: string): bigint {
  const m = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d))?)?$/.exec(text)
  if (!m) throw new Error(`not a time: ${text}`)
  const off = m[5] ? (m[5] === '-' ? -1 : 1) * (Number(m[6]) * 3600 + Number(m[7] ?? 0) * 60) : 0
  const s = (((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) - off) % 86400) + 86400) % 86400
  return BigInt(s) * 1_000_000n + BigInt((m[4] ?? '').padEnd(6, '0'))
}

/** Whether hyparquet's value `v` is the CSV cell `text` of a column of type `t`. */
function sameCell(v: unknown, text: string | null, t: LogicalType): boolean {
  if (text === null) return v === null || v === undefined
  if (v === null || v === undefined) return false
  return match(t)
    .with({ kind: 'integer' }, (i) => (i.unsigned && i.bytes === 8 ? Number(text) === v : String(v) === text))
    .with({ kind: 'decimal' }, (d) => (d.precision === undefined ? v === text : Number(text) === v))
    .with({ kind: 'float' }, (f) => (f.bytes === 4 ? Math.fround(Number(text)) : Number(text)) === v)
    .with({ kind: 'boolean' }, () => String(v) === text)
    .with({ kind: 'uuid' }, () => v === text.toLowerCase())
    .with({ kind: 'date' }, () => v instanceof Date && v.toISOString().slice(0, 10) === text)
    .with({ kind: 'time' }, () => BigInt(v as bigint) === csvTimeMicros(text))
    .with({ kind: 'timestamp' }, () => v === csvMicros(text))
    .with({ kind: 'json' }, () => JSON.stringify(v) === JSON.stringify(JSON.parse(text)))
    .with({ kind: 'binary' }, () => v instanceof Uint8Array && `\\x${Buffer.from(v).toString('hex')}` === text)
    .with({ kind: 'array' }, () => Array.isArray(v) && pgArrayText(v, t) === text)
    .with({ kind: P.union('string', 'text', 'interval', 'enum', 'set', 'inet', 'unknown') }, () => v === text)
    .exhaustive()
}

/**
 * Read `parquetFiles` (in order) with hyparquet and compare every cell with the CSV file's, row by row.
 * Returns the first few mismatches as `table.column row N` (never values) and the rows read.
 */
export async function hyparquetDiff(csvFile: string, parquetFiles: string[], table: Table): Promise<{ rows: number; mismatches: string[] }> {
  const [header, ...records] = parseCsv(readFileSync(csvFile, 'utf8'))
  const names = (header ?? []) as string[]
  const rows: Array<Record<string, unknown>> = []
  for (const f of parquetFiles) {
    const file = await asyncBufferFromFile(f)
    rows.push(...(await parquetReadObjects({ file, utf8: false, parsers: { timestampFromMicroseconds: (m: bigint) => m } })))
  }
  const mismatches: string[] = []
  if (rows.length !== records.length) mismatches.push(`${table.name}: ${rows.length} rows vs ${records.length}`)
  for (let r = 0; r < Math.min(rows.length, records.length) && mismatches.length < 10; r++) {
    names.forEach((n, c) => {
      const type = table.columns.find((x) => x.name === n)?.type as LogicalType
      if (!sameCell(rows[r]?.[n], records[r]?.[c] ?? null, type)) mismatches.push(`${table.name}.${n} row ${r + 1}`)
    })
  }
  return { rows: rows.length, mismatches }
}
