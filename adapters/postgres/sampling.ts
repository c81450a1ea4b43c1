/**
 * How `tdg profile` samples PostgreSQL: `pg_class.reltuples` as the row estimate; `TABLESAMPLE SYSTEM`
 * (whole pages: reads only the share of the table it returns) for tables of at least `SYSTEM_MIN_ROWS`
 * rows, `BERNOULLI` (row by row, over the whole table) for smaller ones and when SYSTEM returned too few
 * rows (few, lumpy pages). `REPEATABLE (seed)`: the same seed draws the same rows of unchanged data.
 */
import type { ProfileSampling } from '../../src/adapter/adapter.js'
import { percentText } from '../../src/adapter/sample-percent.js'
import type { TableRef } from '../../src/model/schema.js'

/** Below this many rows SYSTEM's pages are too few to be representative: BERNOULLI from the start. */
export const SYSTEM_MIN_ROWS = 50_000

export function postgresSampling(qualify: (ref: TableRef) => string): ProfileSampling {
  return {
    rowEstimate: (ref) => ({
      sql: `SELECT c.reltuples::float8 FROM pg_class c WHERE c.oid = to_regclass('${qualify(ref).replace(/'/g, "''")}')`,
      method: 'pg_class.reltuples estimate',
    }),
    draw: (_ref, req) => {
      const pct = percentText(req.share)
      if (req.attempt === 0 && req.rows >= SYSTEM_MIN_ROWS) return { tableSample: `TABLESAMPLE SYSTEM (${pct}) REPEATABLE (${req.seed})`, describe: `TABLESAMPLE SYSTEM (${pct}%)`, check: true }
      if (req.attempt <= 1) return { tableSample: `TABLESAMPLE BERNOULLI (${pct}) REPEATABLE (${req.seed})`, describe: `TABLESAMPLE BERNOULLI (${pct}%)` }
      return undefined
    },
  }
}
