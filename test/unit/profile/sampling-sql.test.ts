/** Each dialect's profiling SQL as text (SQL Server has no server here: this is its only check). */
import { describe, expect, it } from 'vitest'
import { postgresDialect } from '../../../adapters/postgres/dialect.js'
import { mysqlDialect } from '../../../adapters/mysql/dialect.js'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import { sqliteDialect } from '../../../adapters/sqlite/dialect.js'
import { randomRanges } from '../../../src/adapter/sample-percent.js'
import { mssqlSnapshotSelect } from '../../../adapters/mssql/snapshot.js'
import { snapshotClauses } from '../../../src/adapter/snapshot-clauses.js'

const req = { share: 0.0575, rows: 2_000_000, limit: 100_000, seed: 42, attempt: 0 }

describe('profiling samplers per dialect', () => {
  it('PostgreSQL: reltuples, BERNOULLI below 5M rows, SYSTEM (checked) above, BERNOULLI as the second way', () => {
    const s = postgresDialect.sampling!
    expect(s.rowEstimate!({ schema: 'public', name: "o'rders" })).toEqual({ sql: `SELECT c.reltuples::float8 FROM pg_class c WHERE c.oid = to_regclass('"public"."o''rders"')`, method: 'pg_class.reltuples estimate' })
    expect(s.draw({ name: 't' }, req)).toEqual({ tableSample: 'TABLESAMPLE BERNOULLI (5.75) REPEATABLE (42)', describe: 'TABLESAMPLE BERNOULLI (5.75%)' })
    expect(s.draw({ name: 't' }, { ...req, rows: 50_000_000 })).toEqual({ tableSample: 'TABLESAMPLE SYSTEM (5.75) REPEATABLE (42)', describe: 'TABLESAMPLE SYSTEM (5.75%)', check: true })
    expect(s.draw({ name: 't' }, { ...req, rows: 50_000_000, attempt: 1 })!.tableSample).toBe('TABLESAMPLE BERNOULLI (5.75) REPEATABLE (42)')
    expect(s.draw({ name: 't' }, { ...req, attempt: 2 })).toBeUndefined()
  })

  it('MySQL/MariaDB: information_schema.tables.table_rows and a seeded RAND() condition', () => {
    const s = mysqlDialect.sampling!
    expect(s.rowEstimate!({ name: 'orders' }).sql).toBe(`SELECT table_rows FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'orders'`)
    expect(s.draw({ name: 't' }, req)).toEqual({ where: 'RAND(42) < 0.0575', describe: 'WHERE RAND() < 0.0575 (one server-side pass)' })
    expect(s.draw({ name: 't' }, { ...req, attempt: 1 })).toBeUndefined()
  })

  it('SQL Server: sys.partitions, TABLESAMPLE … PERCENT REPEATABLE in FROM, a row-level NEWID() draw second', () => {
    const s = mssqlDialect.sampling!
    expect(s.rowEstimate!({ schema: 'dbo', name: 'orders' }).sql).toBe(`SELECT SUM(p.rows) FROM sys.partitions p WHERE p.object_id = OBJECT_ID(N'[dbo].[orders]') AND p.index_id IN (0, 1)`)
    const first = s.draw({ name: 't' }, req)!
    expect(first).toEqual({ tableSample: 'TABLESAMPLE (5.75 PERCENT) REPEATABLE (42)', describe: 'TABLESAMPLE (5.75 PERCENT)', check: true })
    expect(s.draw({ name: 't' }, { ...req, attempt: 1 })!.where).toBe('ABS(CHECKSUM(NEWID())) % 1000000 < 57500')
    const clauses = snapshotClauses((n) => `[${n}]`, 'dbo.t', ['a', 'b'], ['a', 'b'], { limit: 100 })
    expect(mssqlSnapshotSelect('[dbo].[t]', ['a', 'b'], clauses, first.tableSample)).toBe('SELECT TOP (100) [a], [b] FROM [dbo].[t] TABLESAMPLE (5.75 PERCENT) REPEATABLE (42)')
  })

  it('SQLite: rowid bounds and random ranges covering about the share, one per stratum, never overlapping', () => {
    const s = sqliteDialect.sampling!
    expect(s.rowEstimate).toBeUndefined()
    expect(s.boundsSql!({ name: 'orders' })).toBe('SELECT min(rowid), max(rowid) FROM "orders"')
    const d = s.draw({ name: 't' }, { ...req, bounds: [1, 2_000_000] })!
    expect(d.where).toMatch(/^rowid BETWEEN \d+ AND \d+( OR rowid BETWEEN \d+ AND \d+){63}$/)
    const ranges = randomRanges(1, 2_000_000, 0.0575, 64, 42)
    const covered = ranges.reduce((n, [a, b]) => n + b - a + 1, 0)
    expect(Math.abs(covered - 115_000) / 115_000).toBeLessThan(0.01)
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1])
    expect(ranges[0]![0]).toBeGreaterThanOrEqual(1)
    expect(ranges[63]![1]).toBeLessThanOrEqual(2_000_000)
    expect(randomRanges(1, 2_000_000, 0.0575, 64, 42)).toEqual(ranges)
    expect(s.draw({ name: 't' }, req)!.where).toBe('abs(random() % 1000000) < 57500')
  })
})

describe('portable profiling SQL, as each dialect spells it', () => {
  it('fan-out groups (one pass over the child) and draw counts', async () => {
    const { fanOutSql, drawCountSql } = await import('../../../src/profile/profile-sql.js')
    const child = { schema: 'dbo', name: 'order lines' }
    expect(fanOutSql(mssqlDialect, child, ['order_id', 'shop'])).toBe(
      'SELECT x.n, x.z, COUNT(*) FROM (SELECT COUNT(*) AS n, MAX(CASE WHEN [order_id] IS NULL OR [shop] IS NULL THEN 1 ELSE 0 END) AS z FROM [dbo].[order lines] GROUP BY [order_id], [shop]) x GROUP BY x.n, x.z',
    )
    expect(fanOutSql(mysqlDialect, { name: 'orders' }, ['customer_id'])).toBe(
      'SELECT x.n, x.z, COUNT(*) FROM (SELECT COUNT(*) AS n, MAX(CASE WHEN `customer_id` IS NULL THEN 1 ELSE 0 END) AS z FROM `orders` GROUP BY `customer_id`) x GROUP BY x.n, x.z',
    )
    const draw = mssqlDialect.sampling!.draw({ name: 't' }, req)!
    expect(drawCountSql(mssqlDialect, { schema: 'dbo', name: 't' }, draw)).toBe('SELECT COUNT(*) FROM [dbo].[t] TABLESAMPLE (5.75 PERCENT) REPEATABLE (42)')
    expect(drawCountSql(postgresDialect, { schema: 'public', name: 't' }, { where: 'x > 1', describe: '' })).toBe('SELECT COUNT(*) FROM "public"."t" WHERE (x > 1)')
  })
})
