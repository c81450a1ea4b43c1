/**
 * How `tdg profile` samples PostgreSQL: `pg_class.reltuples` as the row estimate; `TABLESAMPLE BERNOULLI`
 * (row by row: one pass over the table, ~0.15 s per million rows here) below `SYSTEM_MIN_ROWS` rows and
 * when SYSTEM returned too few rows; `TABLESAMPLE SYSTEM` (whole pages: reads only the pages it returns)
 * for bigger tables, where a full pass costs seconds. SYSTEM's sample is clustered: 10 000 rows are ~100
 * pages, so a column that follows insertion order (a creation time) gets quantiles within a few percent,
 * not within 1 % as row-level draws give. `REPEATABLE (seed)`: the same seed draws the same rows of
 * unchanged data.
 */
import type { ProfileSampling } from '../../src/adapter/adapter.js'
import { percentText } from '../../src/adapter/sample-percent.js'
import type { TableRef } from '../../src/model/schema.js'

/** Below this many rows BERNOULLI's full pass is cheap enough: its row-level sample is the better one. */
export const SYSTEM_MIN_ROWS = 5_000_000

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
