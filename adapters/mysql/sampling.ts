/**
 * How `tdg profile` samples MySQL/MariaDB: `information_schema.tables.table_rows` as the row estimate, and
 * `WHERE RAND(seed) < share` with a LIMIT. Chosen over random key ranges because it is uniform over rows
 * whatever the key (composite, text, gappy or absent) and needs no second query; its cost is one
 * server-side pass over the table, but only the sampled rows cross the wire. Seeded: the same rows again
 * while the table and its scan order are unchanged.
 */
import type { ProfileSampling } from '../../src/adapter/adapter.js'
import { fractionText } from '../../src/adapter/sample-percent.js'
import type { TableRef } from '../../src/model/schema.js'

export function mysqlSampling(literal: (s: string) => string): ProfileSampling {
  return {
    rowEstimate: (ref: TableRef) => ({
      sql: `SELECT table_rows FROM information_schema.tables WHERE table_schema = ${ref.schema !== undefined ? literal(ref.schema) : 'DATABASE()'} AND table_name = ${literal(ref.name)}`,
      method: 'information_schema.tables.table_rows estimate',
    }),
    draw: (_ref, req) => (req.attempt === 0 ? { where: `RAND(${req.seed}) < ${fractionText(req.share)}`, describe: `WHERE RAND() < ${fractionText(req.share)} (one server-side pass)` } : undefined),
  }
}
