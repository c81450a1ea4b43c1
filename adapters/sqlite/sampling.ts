/**
 * How `tdg profile` samples SQLite: count(*) is cheap (no estimate); `RANGES` random rowid ranges, one in
 * each of `RANGES` equal strata of [min(rowid), max(rowid)], together about the wanted share: each range
 * is a rowid b-tree seek plus a short run, so only the sampled rows are read. WITHOUT ROWID tables (no
 * bounds) fall back to a row-level `abs(random()) % 1000000` draw over the whole table.
 */
import type { ProfileSampling } from '../../src/adapter/adapter.js'
import { fractionText, randomRanges } from '../../src/adapter/sample-percent.js'
import type { TableRef } from '../../src/model/schema.js'

export const RANGES = 64

export function sqliteSampling(quoteIdent: (name: string) => string): ProfileSampling {
  return {
    boundsSql: (ref: TableRef) => `SELECT min(rowid), max(rowid) FROM ${quoteIdent(ref.name)}`,
    draw: (_ref, req) => {
      if (req.attempt !== 0) return undefined
      if (req.bounds === undefined) return { where: `abs(random() % 1000000) < ${Math.max(1, Math.round(req.share * 1e6))}`, describe: `row-level random draw (${fractionText(req.share)} of rows)` }
      const ranges = randomRanges(req.bounds[0], req.bounds[1], req.share, RANGES, req.seed)
      return { where: ranges.map(([a, b]) => `rowid BETWEEN ${a} AND ${b}`).join(' OR '), describe: `${ranges.length} random rowid ranges (${fractionText(req.share)} of rowids)` }
    },
  }
}
