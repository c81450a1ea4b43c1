/**
 * `tdg seed --shard i/N --phase P` into MariaDB (docs/sharding.md), the companion of seed-shards.test.ts:
 * the same shapes (FK levels, a composite key, a UNIQUE column, a self-reference, a cycle cut at a
 * nullable FK, AUTO_INCREMENT keys). N = 1, 2, 4 shards per phase as concurrent processes leave tables
 * identical (row counts and CHECKSUM TABLE … EXTENDED, computed by the server) to one unsharded
 * `--truncate` run; a shard that failed rolls back alone; a shard re-run after it committed deletes its own
 * rows first (Writer.deleteKeys: composite keys, the self-referencing table) and completes the same union.
 * Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { execMysql, freshMysqlDatabase, mysqlAvailable, type FreshMysql } from '../support/databases.js'
import { mysqlState, withMysql } from '../support/mysql-state.js'
import { runCli, type CliResult } from '../support/run-cli.js'

const PLAN = ['--rows', '120', '--rows-per-table', 'order_line=300', '--seed', '11', '--now', '2026-03-01', '-q']
const PHASES = ['1', '2', '3', 'finish']
const ddl = readFileSync('test/fixtures/shard-mysql.sql', 'utf8')

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`tdg exited ${r.code}: ${r.stderr}`)
  return r
}

const shard = (db: string, i: number, n: number, phase: string) => runCli(['seed', '--db', db, ...PLAN, '--shard', `${i}/${n}`, '--phase', phase], { timeoutMs: 90_000 })

/** The N shards of `phase` as N concurrent processes; every one must succeed. */
async function phaseOf(db: string, n: number, phase: string): Promise<void> {
  ;(await Promise.all(Array.from({ length: n }, (_, i) => shard(db, i + 1, n, phase)))).forEach(ok)
}

describe.skipIf(!mysqlAvailable())('seed --shard i/N into MariaDB', () => {
  const dbs: FreshMysql[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })
  const fresh = async () => {
    const d = await freshMysqlDatabase()
    dbs.push(d)
    await execMysql(d.url, ddl)
    return d.url
  }
  /** Each table's AUTO_INCREMENT counter and highest key. */
  const counters = (url: string) =>
    withMysql(url, async (c) => {
      const out: Record<string, { next: number; max: number }> = {}
      for (const t of ['customer', 'dept', 'emp']) {
        const [[r]] = (await c.query(`select auto_increment as ai from information_schema.tables where table_schema = database() and table_name = ?`, [t])) as unknown as [[{ ai: number }]]
        const [[m]] = (await c.query(`select max(id) as m from ${t}`)) as unknown as [[{ m: number }]]
        out[t] = { next: Number(r.ai), max: Number(m.m) }
      }
      return out
    })

  let expected: Awaited<ReturnType<typeof mysqlState>>
  const single = async () => {
    if (expected) return expected
    const url = await fresh()
    ok(await runCli(['seed', '--db', url, ...PLAN, '--truncate'], { timeoutMs: 90_000 }))
    expected = await mysqlState(url)
    return expected
  }

  it('N = 1, 2, 4 shards give the tables of one --truncate run, counters past every key', { timeout: 300_000 }, async () => {
    const want = await single()
    expect(Object.values(want).every((t) => t.rows > 0)).toBe(true)
    expect(want['order_line']!.rows).toBe(300)
    for (const n of [1, 2, 4]) {
      const url = await fresh()
      for (const phase of PHASES) await phaseOf(url, n, phase)
      expect(await mysqlState(url), `${n} shards`).toEqual(want)
      for (const [t, c] of Object.entries(await counters(url))) expect(c.next, `${t} after ${n} shards`).toBeGreaterThan(c.max)
    }
  })

  it('a failed shard rolls back alone; re-running shards after they committed deletes their rows first and completes the union', { timeout: 300_000 }, async () => {
    const want = await single()
    const url = await fresh()
    ok(await shard(url, 1, 2, '1'))
    // Shard 2 of phase 1 fails midway (a trigger on its second table): nothing of it stays.
    await execMysql(url, "CREATE TRIGGER boom BEFORE INSERT ON region FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'")
    const failed = await shard(url, 2, 2, '1')
    expect(failed.code).not.toBe(0)
    expect(failed.stderr).toMatch(/tdg: error TDG_WRITE_FAILED/)
    const rows = await withMysql(url, async (c) => (await c.query('select (select count(*) from dept) as d, (select count(*) from region) as r'))[0])
    expect(rows).toEqual([{ d: 60, r: 60 }])
    await execMysql(url, 'DROP TRIGGER boom')
    ok(await shard(url, 2, 2, '1'))
    // Every phase: both shards, then both again (the second run finds its rows committed and deletes them:
    // composite keys in phase 3, the self-referencing customer table in phase 2, the fixup in finish).
    ok(await shard(url, 2, 2, '1'))
    for (const phase of PHASES.slice(1)) {
      await phaseOf(url, 2, phase)
      await phaseOf(url, 2, phase)
    }
    expect(await mysqlState(url)).toEqual(want)
  })
})
