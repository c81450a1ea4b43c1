/**
 * The counting pass over one CSV file: every record is read once to count the rows exactly, infer each
 * column's type over all of its values (infer-type.ts), and keep bounded value sets of the columns that
 * can still be keys (key-set.ts). The result is remembered by the input, so `rowCount` costs nothing more.
 * A file sniffed as UTF-8 (no BOM) that turns out invalid later is scanned again as Windows-1252.
 */
import { basename } from 'node:path'
import type { Column, Table } from '../../model/schema.js'
import { describeFormat, type CsvFormat } from './csv-format.js'
import { ColumnInference, type InferredColumn } from './infer-type.js'
import { KeySet } from './key-set.js'
import { DecodeError, readRecords, type ReadStats, type RecordBatch } from './read-records.js'
import { Reservoir } from './reservoir.js'

/** What the counting pass learnt about one file. */
export interface ScannedFile {
  path: string
  format: CsvFormat
  /** Data records (the header not counted). */
  rows: number
  raggedRows: number
  firstRaggedLine?: number
  inferred: InferredColumn[]
  /** Per column, the value set when the column is a key candidate type (integer, uuid, text ≤ 64 chars). */
  keySets: Array<KeySet | undefined>
  /** Per column: no NULL and no duplicate among the kept values. */
  unique: boolean[]
  /** The records kept for `sample(t, reservoir.size)`, when asked for (ScanOptions.reservoir). */
  reservoir?: Reservoir
}

export interface ScanOptions {
  keySetLimit?: number
  /** The encoding was sniffed from a BOM or given: never fall back. */
  encodingFixed?: boolean
  /**
   * Which columns keep value sets: `all` key-like columns (a directory: FK candidates need them), or only
   * those named like a primary key of `table` (one file: only the key candidate is tested). Default `all`.
   */
  keyColumns?: { only: 'all' } | { only: 'pk'; table: string }
  /** Keep a seeded reservoir of this many raw records while counting (see reservoir.ts). */
  reservoir?: { size: number; seed: number }
  /** Stop after about this many records (whole batches): a prefix scan, its `rows` then count only those. */
  maxRecords?: number
}

/** Scan `path` as `format` (see the module comment). */
export async function scanFile(path: string, format: CsvFormat, opts: ScanOptions = {}): Promise<ScannedFile> {
  try {
    return await scanOnce(path, format, opts, format.encoding === 'utf-8' && !opts.encodingFixed && !format.bom)
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e
    const fallback: CsvFormat = { ...format, encoding: 'windows-1252', reasons: [...format.reasons, 'invalid UTF-8 past the sniffed part: read as Windows-1252'] }
    return scanOnce(path, fallback, opts, false)
  }
}

async function scanOnce(path: string, format: CsvFormat, opts: ScanOptions, fatal: boolean): Promise<ScannedFile> {
  const scanner = new FileScanner(path, format, opts)
  for await (const batch of readRecords(path, format, scanner.stats, fatal)) {
    scanner.add(batch)
    if (opts.maxRecords !== undefined && scanner.stats.records >= opts.maxRecords) break
  }
  return scanner.result()
}

/**
 * The counting pass's state over one file, fed batch by batch: by `scanFile`'s own read, or by a read
 * that also converts the rows (read-once.ts). `stats` is the reader's (pass it to `readRecords`).
 */
export class FileScanner {
  readonly stats: ReadStats = { records: 0, ragged: 0 }
  private readonly width: number
  private readonly inference: ColumnInference[]
  private readonly pkNames: Set<string> | undefined
  private readonly keySets: Array<KeySet | undefined>
  private readonly reservoir: Reservoir | undefined
  // A key-named integer column that only ascends is unique without a value set: after the first batches
  // its set is dropped and only the order is checked (a later step down then says "not unique").
  private readonly ascending: boolean[]
  private readonly last: number[]
  private readonly bySetOnly: boolean[]

  constructor(
    private readonly path: string,
    private readonly format: CsvFormat,
    opts: ScanOptions = {},
  ) {
    this.width = format.columns.length
    this.inference = format.columns.map(() => new ColumnInference(format.delimiter !== ','))
    this.pkNames = opts.keyColumns?.only === 'pk' ? pkColumnNames(opts.keyColumns.table) : undefined
    const pkNames = this.pkNames
    this.keySets = format.columns.map((n) => (pkNames && !pkNames.has(n.toLowerCase()) ? undefined : new KeySet(opts.keySetLimit)))
    this.reservoir = opts.reservoir && opts.reservoir.size > 0 ? new Reservoir(opts.reservoir.size, opts.reservoir.seed, this.width) : undefined
    this.ascending = format.columns.map(() => true)
    this.last = format.columns.map(() => -Infinity)
    this.bySetOnly = format.columns.map(() => true)
  }

  /** Account for one batch of records (after the reader counted it into `stats`). */
  add(batch: RecordBatch): void {
    const { format, inference, keySets, pkNames, ascending, last, bySetOnly, stats } = this
    const reservoir = this.reservoir
    if (reservoir) for (let r = 0; r < batch.records.length; r++) reservoir.offer(batch.firstRecord + r, batch.records[r] as string[])
    for (let c = 0; c < this.width; c++) {
      const inf = inference[c] as ColumnInference
      let ks = keySets[c]
      if (pkNames && ascending[c] && pkNames.has((format.columns[c] as string).toLowerCase())) {
        let prev = last[c] as number
        for (const rec of batch.records) {
          const x = Number(rec[c])
          if (!(x > prev)) {
            ascending[c] = false
            break
          }
          prev = x
        }
        last[c] = prev
        if (ascending[c] && stats.records >= 4096 && ks !== undefined && inf.integerSoFar) {
          keySets[c] = ks = undefined
          bySetOnly[c] = false
        }
      }
      for (const rec of batch.records) {
        const v = rec[c] as string
        inf.see(v)
        if (ks !== undefined && v.length > 0) ks.add(v)
      }
      // A column that can no longer be a key stops paying for its set.
      if (ks !== undefined && !inf.keyLike) keySets[c] = ks = undefined
    }
  }

  /** What the records added so far say. */
  result(): ScannedFile {
    const { stats, keySets, bySetOnly, ascending } = this
    const inferred = this.inference.map((i) => i.result())
    const unique = inferred.map((col, c) => {
      if (col.nullable || col.nonNull === 0) return false
      if (!bySetOnly[c]) return ascending[c] === true && col.type.kind === 'integer'
      const ks = keySets[c]
      return ks !== undefined && !ks.duplicate
    })
    return {
      path: this.path,
      format: this.format,
      rows: stats.records,
      raggedRows: stats.ragged,
      ...(stats.firstRaggedLine !== undefined ? { firstRaggedLine: stats.firstRaggedLine } : {}),
      inferred,
      keySets: keySets.map((ks, c) => (ks && isKeyType(inferred[c] as InferredColumn) ? ks : undefined)),
      unique,
      ...(this.reservoir ? { reservoir: this.reservoir } : {}),
    }
  }
}

/** Key candidate types: integers, uuids, texts of at most 64 characters. */
export function isKeyType(col: InferredColumn): boolean {
  const t = col.type
  return t.kind === 'integer' || t.kind === 'uuid' || (t.kind === 'string' && (t.maxLength ?? 0) <= 64)
}

/** The table of a scanned file: columns with inferred types, a primary key candidate, no FKs yet. */
export function scannedTable(scan: ScannedFile, name: { schema?: string; name: string }): Table {
  const columns: Column[] = scan.format.columns.map((colName, c) => {
    const inf = scan.inferred[c] as InferredColumn
    return { name: colName, nativeType: inf.nativeType, type: inf.type, nullable: inf.nullable }
  })
  const pk = primaryKeyCandidate(scan, name.name)
  return {
    ...(name.schema !== undefined ? { schema: name.schema } : {}),
    name: name.name,
    columns,
    ...(pk !== undefined ? { primaryKey: { columns: [pk] } } : {}),
    uniques: [],
    foreignKeys: [],
    checks: [],
    comment: `CSV ${basename(scan.path)}: ${describeFormat(scan.format)}`,
  }
}

/** A unique non-null integer or uuid column named `id`, `<table>_id` or `<singular table>_id`. */
function primaryKeyCandidate(scan: ScannedFile, table: string): string | undefined {
  const names = pkColumnNames(table)
  const c = scan.format.columns.findIndex((n, i) => {
    const k = (scan.inferred[i] as InferredColumn).type.kind
    return names.has(n.toLowerCase()) && (k === 'integer' || k === 'uuid') && scan.unique[i] === true
  })
  return c >= 0 ? scan.format.columns[c] : undefined
}

function pkColumnNames(table: string): Set<string> {
  const t = table.toLowerCase()
  return new Set(['id', `${t}_id`, `${singular(t)}_id`, `${singular(t)}id`])
}

/** English singular of a table name, good enough for names: `categories` → `category`, `orders` → `order`. */
export function singular(name: string): string {
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`
  if (/(ss|x|ch|sh)es$/.test(name)) return name.slice(0, -2)
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1)
  return name
}
