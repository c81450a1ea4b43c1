/**
 * Typed rows of a scanned CSV file: every row, or — with a limit below the row count (known from the
 * counting pass) — a stratified sample: the rows are cut into `limit` equal blocks and one row drawn
 * from each by a seeded hash, so the sample spans the whole file (not its first N rows), is the same on
 * every run, and needs no memory beyond one batch. Only drawn rows are converted. When the counting pass
 * kept a reservoir of exactly `limit` records (`CsvProfileOptions.sampleLimit`), those are served instead:
 * no second read.
 */
import { basename } from 'node:path'
import { TdgError } from '../../errors.js'
import type { RowStream, Value } from '../../model/rows.js'
import { fieldConverter } from './convert.js'
import { readRecords, type ReadStats } from './read-records.js'
import { unit, type Reservoir } from './reservoir.js'
import type { ScannedFile } from './scan-file.js'

/** Default seed of the sample draw. */
export const SAMPLE_SEED = 0x7d6

/** Rows of `scan`, at most `limit` (all when undefined); `sampling()` says how, once the stream ended. */
export function sampleRows(scan: ScannedFile, limit: number | undefined, seed = SAMPLE_SEED): { rows: RowStream; sampling: () => string } {
  const total = scan.rows
  const all = limit === undefined || limit >= total
  if (!all && scan.reservoir && scan.reservoir.size === limit) return fromReservoir(scan, scan.reservoir, seed)
  const blocks = all ? total : Math.max(0, Math.floor(limit))
  let sampled = 0
  const columns = scan.format.columns
  const converters = scan.inferred.map((c) => fieldConverter(c))
  async function* rows(): AsyncGenerator<{ columns: string[]; rows: Value[][] }> {
    const stats: ReadStats = { records: 0, ragged: 0 }
    let block = -1
    let pick = -1
    // Block b holds records [floor(b·N/k), floor((b+1)·N/k)); `pick` is the drawn record of the current block.
    const nextPick = (b: number) => {
      const start = Math.floor((b * total) / blocks)
      const end = Math.floor(((b + 1) * total) / blocks)
      return start + Math.floor(unit(seed, b) * (end - start))
    }
    if (!all && blocks > 0) pick = nextPick((block = 0))
    if (!all && blocks === 0) return
    for await (const batch of readRecords(scan.path, scan.format, stats)) {
      const out: Value[][] = []
      for (let r = 0; r < batch.records.length; r++) {
        if (!all) {
          if (batch.firstRecord + r !== pick) continue
          if (++block < blocks) pick = nextPick(block)
          else pick = -1
        }
        const rec = batch.records[r] as string[]
        const row: Value[] = new Array(rec.length)
        for (let c = 0; c < rec.length; c++) row[c] = (converters[c] as (s: string) => Value)(rec[c] as string)
        out.push(row)
      }
      sampled += out.length
      if (out.length > 0) yield { columns, rows: out }
      if (!all && pick < 0) break
    }
    if (all && stats.records !== total) {
      throw new TdgError('TDG_READ_FAILED', `${basename(scan.path)}: changed while it was read (${total} records counted, ${stats.records} read)`, { file: scan.path })
    }
  }
  return {
    rows: rows(),
    sampling: () => (all ? 'all rows' : `one row drawn from each of ${blocks} equal blocks of ${(total / blocks).toFixed(1)} rows (seed ${seed}); ${sampled} rows`),
  }
}

/** The reservoir the counting pass kept, converted with the final types; no second read. */
function fromReservoir(scan: ScannedFile, reservoir: Reservoir, seed: number): { rows: RowStream; sampling: () => string } {
  const converters = scan.inferred.map((c) => fieldConverter(c))
  const columns = scan.format.columns
  async function* rows(): AsyncGenerator<{ columns: string[]; rows: Value[][] }> {
    const records = reservoir.records()
    for (let at = 0; at < records.length; at += 1000) {
      yield { columns, rows: records.slice(at, at + 1000).map((rec) => rec.map((v, c) => (converters[c] as (s: string) => Value)(v))) }
    }
  }
  return { rows: rows(), sampling: () => `reservoir of ${reservoir.size} of ${scan.rows} rows drawn while counting (seed ${seed})` }
}
