/**
 * The statistics engine: any ProfileInput (a live database, CSV files) → a Profile. Tables are read one
 * at a time through `input.sample` in bounded memory (per column: reservoirs of 20 000 values and 1000
 * texts, categories while ≤ the threshold, distinct values exact up to 65 536 then estimated), so a
 * streamed 1M-row CSV costs no more memory than a 10 000-row sample.
 */
import { TdgError } from '../errors.js'
import { PROFILE_VERSION, type FanOutProfile, type Profile, type TableProfile } from '../model/profile.js'
import type { Table, TableRef } from '../model/schema.js'
import { fanOutStats } from './fan-out.js'
import type { ProfileInput } from './profile-input.js'
import { TableAccumulator } from './table-accumulator.js'
import { nameDictionary } from '../mask/pii/name-dictionary.js'

/** Options of `profileInput`. */
export interface ProfileOptions {
  /** Rows read per table at most; default all. */
  sample?: number
  /** Keep categories and ranges of PII-detected columns; default false (they are withheld). */
  keepValues?: boolean
  /** Categories are listed for columns with at most this many distinct values; default 50. */
  categoryThreshold?: number
  /** Tables to profile (`name` or `schema.name`); default all. Unknown names: TDG_TABLE_NOT_FOUND. */
  tables?: string[]
  /** Told when a table starts and when it is done (progress lines; names and counts only). */
  onTable?: (e: ProfileProgress) => void
  /** Seed of the reservoirs; default 1. */
  seed?: number
}

/** A progress event of `profileInput`. */
export type ProfileProgress = { phase: 'start'; table: string; index: number; of: number } | { phase: 'done'; table: string; index: number; of: number; sampled: number; rows: number; ms: number }

/** Profile the tables of `input`. Reads only; `input` stays open (the caller closes it). */
export async function profileInput(input: ProfileInput, opts: ProfileOptions = {}): Promise<Profile> {
  if (opts.sample !== undefined && !(Number.isSafeInteger(opts.sample) && opts.sample > 0)) throw new TdgError('TDG_USAGE', `sample: expected a whole number of rows ≥ 1, got ${String(opts.sample)}`)
  const threshold = opts.categoryThreshold ?? 50
  const keepValues = opts.keepValues ?? false
  // PII detection's name lists load in the background while the first table is read.
  const dictionary = nameDictionary()
  dictionary.catch(() => undefined)
  const selected = selectTables(await input.tables(), opts.tables, input.name)
  const tables: TableProfile[] = []
  for (const [index, table] of selected.entries()) {
    const name = label(table)
    const started = performance.now()
    opts.onTable?.({ phase: 'start', table: name, index, of: selected.length })
    const ref: TableRef = { schema: table.schema, name: table.name }
    const accumulator = (t: Table) => new TableAccumulator(t, { categoryThreshold: threshold, countFanOut: input.fanOut === undefined, seed: opts.seed })
    let acc = accumulator(table)
    let read = input.sample(ref, opts.sample)
    for await (const batch of read.rows) acc.addBatch(batch)
    // An input that learnt the table's types while reading (one CSV file read once) says how they ended.
    const settled = read.settled?.()
    let final = table
    let reread = ''
    if (settled) {
      final = settled.table
      if (settled.reread) {
        acc = accumulator(final)
        read = input.sample(ref, opts.sample)
        for await (const batch of read.rows) acc.addBatch(batch)
        reread = `; read twice (${settled.reason ?? 'types changed'})`
      } else acc.adopt(final)
    }
    const rows = await input.rowCount(ref)
    const stats = await acc.finish(keepValues)
    const fanOut = await fanOutOf(input, final, acc, rows.exact && acc.rows >= rows.count)
    tables.push({ ...(table.schema !== undefined ? { schema: table.schema } : {}), name: table.name, rows, sampled: acc.rows, sampling: read.sampling() + reread, columns: stats.columns, fanOut, orderedPairs: stats.orderedPairs, conditionalNulls: stats.conditionalNulls })
    opts.onTable?.({ phase: 'done', table: name, index, of: selected.length, sampled: acc.rows, rows: rows.count, ms: performance.now() - started })
  }
  return {
    version: PROFILE_VERSION,
    source: { kind: input.kind, name: input.name, ...(input.dialect ? { dialect: input.dialect } : {}) },
    createdAt: new Date().toISOString(),
    ...(opts.sample !== undefined ? { sampleLimit: opts.sample } : {}),
    keepValues,
    tables,
  }
}

/** Fan-out per FK: the input's own (exact) when it has it, else from the rows read (exact only when every row was). */
async function fanOutOf(input: ProfileInput, table: Table, acc: TableAccumulator, readAll: boolean): Promise<FanOutProfile[]> {
  const out: FanOutProfile[] = []
  const child: TableRef = { schema: table.schema, name: table.name }
  for (const fk of table.foreignKeys) {
    const parentRef: TableRef = { schema: fk.references.schema, name: fk.references.table }
    const parent = { ...(fk.references.schema !== undefined ? { schema: fk.references.schema } : {}), table: fk.references.table, columns: fk.references.columns }
    if (input.fanOut) {
      const r = await input.fanOut(child, fk.columns, parentRef, fk.references.columns)
      out.push({ columns: fk.columns, parent, ...fanOutStats(r.counts), nullShare: r.children === 0 ? 0 : r.nullChildren / r.children, exact: true })
      continue
    }
    const counter = acc.fanOut.find((f) => f.fk === fk)?.counter
    if (!counter) continue
    const parents = await input.rowCount(parentRef).then((r) => r.count).catch(() => counter.perParent.size)
    const counts = counter.counts(Math.max(parents, counter.perParent.size))
    out.push({ columns: fk.columns, parent, ...fanOutStats(counts), nullShare: counter.children === 0 ? 0 : counter.nullChildren / counter.children, exact: readAll && !counter.capped })
  }
  return out
}

/** The tables named in `names` (`name` or `schema.name`), in the input's order; all when undefined. */
export function selectTables(all: Table[], names: string[] | undefined, source: string): Table[] {
  if (names === undefined || names.length === 0) return all
  const picked = new Set<Table>()
  for (const n of names) {
    const hits = all.filter((t) => t.name === n || label(t) === n)
    if (hits.length === 0) throw new TdgError('TDG_TABLE_NOT_FOUND', `--tables: no table ${n} in ${source}`, { table: n })
    for (const h of hits) picked.add(h)
  }
  return all.filter((t) => picked.has(t))
}

function label(t: Table): string {
  return t.schema !== undefined ? `${t.schema}.${t.name}` : t.name
}
