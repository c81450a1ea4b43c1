/**
 * `csvProfileInput(path)`: a CSV file (kind `csv`, one table) or a directory of CSV files (kind `files`,
 * one table per `*.csv` / `*.tsv` file, named by the file without extension, or by the directory's
 * tdg `manifest.json` when it has one) as a `ProfileInput` for the profiler. Each file is sniffed
 * (sniff.ts), scanned once in full when the tables are first asked for (scan-file.ts: exact row
 * counts, types, key value sets), and read again for the rows (sample-rows.ts); FK candidates between
 * the files are proposed (fk-candidates.ts). Memory is bounded by one 64 KB piece of text per read
 * plus the key value sets (≤ 65,536 hashed values per key-like column).
 */
import { readFile, readdir, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { TdgError } from '../../errors.js'
import type { RowCount } from '../../model/profile.js'
import type { Table, TableRef } from '../../model/schema.js'
import type { ProfileInput } from '../profile-input.js'
import { describeFormat, type CsvFormat } from './csv-format.js'
import { addForeignKeyCandidates, type ScannedTable } from './fk-candidates.js'
import { sampleRows, SAMPLE_SEED } from './sample-rows.js'
import { PREFIX_RECORDS, readOnce, type ReadOnceResult } from './read-once.js'
import { scanFile, scannedTable, type ScanOptions } from './scan-file.js'
import { sniffCsv, type SniffOverrides } from './sniff.js'

/** Options of `csvProfileInput`; every field is optional. */
export interface CsvProfileOptions extends SniffOverrides {
  /** Seed of the sample draw (default 0x7d6). */
  seed?: number
  /** Most hashed values held per key-like column for key and FK tests (default 65,536). */
  keySetLimit?: number
  /** Propose FK candidates between the files of a directory (default true). */
  foreignKeys?: boolean
  /**
   * The `limit` the profiler will pass to `sample()` (its `--sample`), when known up front: the counting
   * pass then keeps a seeded reservoir of that many raw records per file, and `sample(t, sampleLimit)`
   * serves them without reading the file again (one pass instead of two). Memory: that many records of text.
   * Used up to 50,000 rows: above that, holding the records costs the collector more than the second,
   * parse-only read costs (1M-row file: 10k reservoir ≈ counting pass alone; 100k reservoir ≈ two passes).
   */
  sampleLimit?: number
  /**
   * The caller is the profiler, reading every row of each table with `sample()` right after `tables()`
   * (a single file, and `sampleLimit` undefined or at least half the file's bytes, so no row can be left
   * out): then the counting pass happens during that read (read-once.ts) instead of before it, and
   * `tables()` gives the types of the first `PREFIX_RECORDS` records until the read has ended
   * (`sample().settled()` gives the final table); that read gives dates and timestamps as epoch
   * milliseconds (UTC numbers), not `Date`s. Default false: `tables()` always gives the final types.
   */
  readOnce?: boolean
}

/** A ProfileInput over CSV files, plus what was sniffed. */
export interface CsvProfileInput extends ProfileInput {
  /** One line per file: `orders (003-orders.csv): UTF-8, comma-delimited, "-quoted, LF, header row, 9 columns; 50 rows`. Tables must have been read. */
  describe(): string
}

/** Largest `sampleLimit` kept as a reservoir during the counting pass. */
export const RESERVOIR_MAX = 50_000

interface FileEntry {
  path: string
  ref: { schema?: string; name: string }
}

/**
 * Open `path` (a CSV file or a directory of them) for profiling. Sniffing happens here (so a missing,
 * empty or binary file fails at once with a one-line TdgError naming the file and line); the counting
 * pass runs on the first `tables()` / `rowCount()`.
 */
export async function csvProfileInput(path: string, opts: CsvProfileOptions = {}): Promise<CsvProfileInput> {
  let isDir: boolean
  let size: number
  try {
    const st = await stat(path)
    isDir = st.isDirectory()
    size = st.size
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new TdgError('TDG_FILE_READ', `${path}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? 'error'})`}`, { file: path })
  }
  const entries = isDir ? await directoryEntries(path) : [{ path, ref: { name: basename(path, extname(path)) } }]
  const overrides: SniffOverrides = {
    ...(opts.encoding ? { encoding: opts.encoding } : {}),
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
    ...(opts.quote ? { quote: opts.quote } : {}),
    ...(opts.header !== undefined ? { header: opts.header } : {}),
  }
  const formats: CsvFormat[] = []
  for (const e of entries) formats.push(await sniffCsv(e.path, overrides))
  let scanned: Promise<ScannedTable[]> | undefined
  let done: ScannedTable[] | undefined
  const scanOptions = (i: number): ScanOptions => ({
    ...(opts.keySetLimit ? { keySetLimit: opts.keySetLimit } : {}),
    encodingFixed: opts.encoding !== undefined,
    keyColumns: isDir && opts.foreignKeys !== false ? { only: 'all' } : { only: 'pk', table: (entries[i] as FileEntry).ref.name },
    ...(opts.sampleLimit !== undefined && opts.sampleLimit <= RESERVOIR_MAX ? { reservoir: { size: opts.sampleLimit, seed: opts.seed ?? SAMPLE_SEED } } : {}),
  })
  const scanAll = (): Promise<ScannedTable[]> =>
    (scanned ??= (async () => {
      const out: ScannedTable[] = []
      // One file at a time: memory holds one piece of text and the key sets.
      for (const [i, e] of entries.entries()) {
        const scan = await scanFile(e.path, formats[i] as CsvFormat, scanOptions(i))
        out.push({ scan, table: scannedTable(scan, e.ref) })
      }
      if (isDir && opts.foreignKeys !== false) addForeignKeyCandidates(out)
      return (done = out)
    })())
  // Read once (CsvProfileOptions.readOnce): every row is read, so a record holds at least a byte and a newline.
  const coversAll = (limit: number | undefined): boolean => limit === undefined || limit >= size / 2
  const once = !isDir && opts.readOnce === true && coversAll(opts.sampleLimit)
  let prefix: Promise<ScannedTable> | undefined
  const provisional = (): Promise<ScannedTable> =>
    (prefix ??= (async () => {
      const e = entries[0] as FileEntry
      const scan = await scanFile(e.path, formats[0] as CsvFormat, { ...scanOptions(0), maxRecords: PREFIX_RECORDS })
      const st = { scan, table: scannedTable(scan, e.ref) }
      // The prefix was the whole file: it is the counting pass.
      if (scan.rows < PREFIX_RECORDS) scanned ??= Promise.resolve((done = [st]))
      return st
    })())
  const pending = (): boolean => once && done === undefined
  const find = async (t: TableRef): Promise<ScannedTable> => {
    const all = await scanAll()
    const hit = all.find((s) => matches(s.table, t))
    if (!hit) throw notFound(t)
    return hit
  }
  const notFound = (t: TableRef) => new TdgError('TDG_TABLE_NOT_FOUND', `${path}: no CSV table ${t.schema ? `${t.schema}.` : ''}${t.name}`, { table: t.name })
  return {
    kind: isDir ? 'files' : 'csv',
    name: path,
    async tables(): Promise<Table[]> {
      if (pending()) {
        const p = await provisional()
        if (pending()) return [p.table]
      }
      return (await scanAll()).map((s) => s.table)
    },
    async rowCount(t: TableRef): Promise<RowCount> {
      const { scan } = await find(t)
      return { count: scan.rows, exact: true, method: `all ${scan.rows} lines` }
    },
    sample(t: TableRef, limit: number | undefined) {
      let inner: ReturnType<typeof sampleRows> | undefined
      let settled: ReadOnceResult | undefined
      async function* rows() {
        if (pending() && coversAll(limit)) {
          const p = await provisional()
          if (!matches(p.table, t)) throw notFound(t)
          if (pending()) {
            const e = entries[0] as FileEntry
            yield* readOnce(e.path, p.scan.format, p.scan, e.ref, scanOptions(0), (r) => {
              settled = r
              scanned = Promise.resolve((done = [{ scan: r.scan, table: scannedTable(r.scan, e.ref) }]))
            })
            return
          }
        }
        inner = sampleRows((await find(t)).scan, limit, opts.seed ?? SAMPLE_SEED)
        yield* inner.rows
      }
      return {
        rows: rows(),
        sampling: () => (settled ? 'all rows' : (inner?.sampling() ?? 'not read')),
        settled: () => (settled && done ? { table: (done[0] as ScannedTable).table, reread: settled.reread, ...(settled.reason !== undefined ? { reason: settled.reason } : {}) } : undefined),
      }
    },
    describe(): string {
      return (done ?? [])
        .map(({ scan, table }) => {
          const ragged = scan.raggedRows > 0 ? `; ${scan.raggedRows} ragged records tolerated (first at line ${scan.firstRaggedLine})` : ''
          return `${table.name} (${basename(scan.path)}): ${describeFormat(scan.format)}; ${scan.rows} rows${ragged}`
        })
        .join('\n')
    },
    async close(): Promise<void> {},
  }
}

function matches(table: Table, t: TableRef): boolean {
  return table.name === t.name && (t.schema === undefined || table.schema === undefined || table.schema === t.schema)
}

/** The CSV files of a directory, named by its manifest.json when there is one. */
async function directoryEntries(dir: string): Promise<FileEntry[]> {
  const names = (await readdir(dir)).filter((n) => /\.(csv|tsv)$/i.test(n)).sort()
  const byManifest = await manifestNames(dir)
  if (names.length === 0) {
    throw new TdgError('TDG_CSV_INVALID', `${dir}: no .csv or .tsv files${byManifest.size > 0 ? ' (the manifest lists another format)' : ''}`, { file: dir })
  }
  return names.map((n) => {
    const table = byManifest.get(n)
    const dot = table?.indexOf('.') ?? -1
    const ref = table === undefined ? { name: basename(n, extname(n)) } : dot > 0 ? { schema: table.slice(0, dot), name: table.slice(dot + 1) } : { name: table }
    return { path: join(dir, n), ref }
  })
}

/** file → table of a tdg `manifest.json` (empty when there is none or it is not one). */
async function manifestNames(dir: string): Promise<Map<string, string>> {
  let doc: unknown
  try {
    doc = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))
  } catch {
    return new Map()
  }
  const tables = (doc as { tables?: unknown }).tables
  if (!Array.isArray(tables)) return new Map()
  return new Map(
    tables.flatMap((t: unknown) => {
      const e = t as { table?: unknown; file?: unknown }
      return typeof e?.table === 'string' && typeof e?.file === 'string' ? [[e.file, e.table] as [string, string]] : []
    }),
  )
}
