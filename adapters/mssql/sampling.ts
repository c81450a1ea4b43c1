/**
 * How `tdg profile` samples SQL Server: `sys.partitions` (heap or clustered index rows) as the row
 * estimate; `TABLESAMPLE (p PERCENT) REPEATABLE (seed)` (whole pages) first, and when it returned too few
 * rows a row-level draw `ABS(CHECKSUM(NEWID())) % 1000000 < share × 10⁶` (a full pass, not repeatable).
 * No SQL Server runs in this project's tests: the SQL is unit-tested as text.
 */
import type { ProfileSampling } from '../../src/adapter/adapter.js'
import { percentText } from '../../src/adapter/sample-percent.js'
import type { TableRef } from '../../src/model/schema.js'

export function mssqlSampling(qualify: (ref: TableRef) => string): ProfileSampling {
  return {
    rowEstimate: (ref) => ({
      sql: `SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = OBJECT_ID(N'${qualify(ref).replace(/'/g, "''")}') AND p.index_id IN (0, 1)`,
      method: 'sys.partitions estimate',
    }),
    draw: (_ref, req) => {
      const pct = percentText(req.share)
      if (req.attempt === 0) return { tableSample: `TABLESAMPLE (${pct} PERCENT) REPEATABLE (${req.seed})`, describe: `TABLESAMPLE (${pct} PERCENT)`, check: true }
      if (req.attempt === 1) return { where: `ABS(CHECKSUM(NEWID())) % 1000000 < ${Math.max(1, Math.round(req.share * 1e6))}`, describe: `row-level random draw (${pct}%)` }
      return undefined
    },
  }
}
