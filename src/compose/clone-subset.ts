/**
 * `--subset` for a copy: the specs parsed, the rows decided inside the source snapshot (src/subset), and
 * per table the row filter and scan options the clone's reads use.
 */
import type { SnapshotReader } from '../adapter/adapter.js'
import type { SchemaModel } from '../model/schema.js'
import { computeSubset, formatSubsetCounts, parseSubsetSpec } from '../subset/index.js'
import type { CloneSubset } from './clone-database.js'

/** Decide the subset of `model` read through `reader`. Throws TDG_USAGE on a bad spec. */
export async function subsetForClone(model: SchemaModel, reader: SnapshotReader, specs: string[], withChildren: boolean): Promise<CloneSubset> {
  const result = await computeSubset(model, reader, specs.map(parseSubsetSpec), { withChildren })
  const keep: CloneSubset['keep'] = new Map()
  for (const [key, t] of result.tables) {
    if (t.mode === 'all') continue
    keep.set(key, { count: t.count, keep: (row, columns) => t.keep(row, columns), scan: result.scanOptions(key) })
  }
  return { keep, counts: result.counts, lines: formatSubsetCounts(result) }
}
