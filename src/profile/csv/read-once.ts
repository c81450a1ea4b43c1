/**
 * One read of a CSV file when the profiler reads every row: the counting pass (FileScanner: exact row
 * count, types over every value, key sets) and the typed rows come out of the same read, instead of a
 * counting read followed by a second, typed one. The rows are converted with the types a prefix scan
 * found (the first `PREFIX_RECORDS` records, read before); when the read ends, `settle()` compares them
 * with the types over every value. Where a converter or what the statistics depend on would differ (a
 * late value widened a column, made it nullable or broke its key), the rows as converted are wrong and
 * `reread` says so: the profiler then reads again with the final types (the old two-read cost, once).
 * Nothing is ever reported from rows converted with a type that a value does not fit.
 */
import { basename } from 'node:path'
import type { RowStream, Value } from '../../model/rows.js'
import type { Table } from '../../model/schema.js'
import type { CsvFormat } from './csv-format.js'
import { fieldConverter } from './convert.js'
import type { InferredColumn } from './infer-type.js'
import { DecodeError, readRecords } from './read-records.js'
import { FileScanner, scanFile, scannedTable, type ScannedFile, type ScanOptions } from './scan-file.js'

/** Records the provisional types are inferred from. */
export const PREFIX_RECORDS = 20_000

/** How a one-read pass ended: the scan over every record, and whether the rows must be read again. */
export interface ReadOnceResult {
  scan: ScannedFile
  /** The rows were converted (or their statistics set up) differently from what the final types say. */
  reread: boolean
  /** Why, in words, when `reread`. */
  reason?: string
}

/**
 * Read `path` once: rows converted with `provisional`'s types, and the full scan. `done` is called with
 * the result once the rows have ended (not when the consumer stops early).
 */
export function readOnce(path: string, format: CsvFormat, provisional: ScannedFile, name: { schema?: string; name: string }, scanOpts: ScanOptions, done: (r: ReadOnceResult) => void): RowStream {
  const columns = format.columns
  // Lenient: a late value that does not fit the provisional type must not throw (its pass is redone).
  // Dates as epoch milliseconds: the profiler reads no more of them, and a Date per value is garbage.
  const converters = provisional.inferred.map((c) => fieldConverter(c, { lenient: true, epochMs: true }))
  const fatal = format.encoding === 'utf-8' && !scanOpts.encodingFixed && !format.bom
  async function* rows(): AsyncGenerator<{ columns: string[]; rows: Value[][] }> {
    const scanner = new FileScanner(path, format, scanOpts)
    try {
      for await (const batch of readRecords(path, format, scanner.stats, fatal)) {
        scanner.add(batch)
        const records = batch.records
        const out: Value[][] = new Array(records.length)
        for (let r = 0; r < records.length; r++) {
          const rec = records[r] as string[]
          const row: Value[] = new Array(rec.length)
          for (let c = 0; c < rec.length; c++) row[c] = (converters[c] as (s: string) => Value)(rec[c] as string)
          out[r] = row
        }
        yield { columns, rows: out }
      }
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e
      // Invalid UTF-8 past the sniffed part: the file is Windows-1252; the rows already given are wrong.
      done({ scan: await scanFile(path, format, scanOpts), reread: true, reason: `${basename(path)}: not UTF-8 past the sniffed part` })
      return
    }
    const scan = scanner.result()
    const reason = differs(provisional, scan, name)
    done({ scan, reread: reason !== undefined, ...(reason !== undefined ? { reason } : {}) })
  }
  return rows()
}

/** Why rows converted with `a`'s types do not stand for `b`'s, or undefined when they do. */
export function differs(a: ScannedFile, b: ScannedFile, name: { schema?: string; name: string }): string | undefined {
  for (let c = 0; c < b.inferred.length; c++) {
    const x = a.inferred[c] as InferredColumn
    const y = b.inferred[c] as InferredColumn
    const col = b.format.columns[c]
    if (x.type.kind !== y.type.kind) return `${col}: ${x.type.kind} in the first ${a.rows} rows, ${y.type.kind} over all`
    if (x.nullable !== y.nullable) return `${col}: nullable over all rows`
    if (x.temporal !== y.temporal || x.decimalComma !== y.decimalComma || x.nullTokens.join('\u0000') !== y.nullTokens.join('\u0000')) return `${col}: another text form over all rows`
  }
  if (pkOf(scannedTable(a, name)) !== pkOf(scannedTable(b, name))) return 'the primary key candidate changed over all rows'
  return undefined
}

function pkOf(t: Table): string {
  return t.primaryKey?.columns.join(',') ?? ''
}
