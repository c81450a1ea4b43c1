/**
 * `tdg seed --shard i/N --phase P` (docs/sharding.md): on a schema with FK levels, a composite key, a
 * UNIQUE column, a self-reference, a cycle cut at a nullable FK (a fixup) and identity columns, N = 1, 2
 * and 4 shards — the shards of each phase run as concurrent `node bin/tdg.js` processes, the phases one
 * after another — leave tables identical (row counts and checksums computed by the database) to one
 * unsharded `--truncate` run of the same seed and now, and the identity counters where that run leaves
 * them (past the highest key). PostgreSQL (the test server) and SQLite files. Needs `npm run build` first.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { execPostgres, freshPostgresDatabase, postgresAvailable, type FreshPostgres } from '../support/databases.js'
import { runCli, type CliResult } from '../support/run-cli.js'
import { pgState, sqliteState, withPg, type DbState } from '../support/table-state.js'

const ROWS = '120'
const PLAN = ['--rows', ROWS, '--rows-per-table', 'order_line=300', '--seed', '11', '--now', '2026-03-01']
const SAME = [...PLAN, '-q']
const PHASES = ['1', '2', '3', 'finish']
const pgDdl = readFileSync('test/fixtures/shard-postgres.sql', 'utf8')
const sqliteDdl = readFileSync('test/fixtures/shard-sqlite.sql', 'utf8')

function ok(r: CliResult): CliResult {
  if (r.code !== 0) throw new Error(`tdg exited ${r.code}: ${r.stderr}`)
  return r
}

/** Every phase in order; the N shards of a phase as N concurrent processes. */
async function seedSharded(db: string, n: number): Promise<void> {
  for (const phase of PHASES) {
    const runs = await Promise.all(Array.from({ length: n }, (_, i) => runCli(['seed', '--db', db, ...SAME, '--shard', `${i + 1}/${n}`, '--phase', phase], { timeoutMs: 90_000 })))
    runs.forEach(ok)
  }
}

const nonEmpty = (s: DbState) => Object.values(s).every((t) => t.rows > 0)

describe.skipIf(!postgresAvailable())('seed --shard i/N into PostgreSQL', () => {
  const dbs: FreshPostgres[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })
  const fresh = async () => {
    const d = await freshPostgresDatabase()
    dbs.push(d)
    await execPostgres(d.url, pgDdl)
    return d.url
  }
  /** Each identity's sequence: its last value and whether it was called. */
  const sequences = (url: string) =>
    withPg(url, async (c) => {
      const out: Array<{ t: string; v: string; called: boolean; max: string }> = []
      for (const t of ['customer', 'dept', 'emp']) {
        const seq = (await c.query<{ s: string }>(`select pg_get_serial_sequence('public.${t}', 'id') as s`)).rows[0]!.s
        const r = (await c.query<{ v: string; called: boolean }>(`select last_value::text as v, is_called as called from ${seq}`)).rows[0]!
        const max = (await c.query<{ m: string }>(`select max(id)::text as m from ${t}`)).rows[0]!.m
        out.push({ t, ...r, max })
      }
      return out
    })

  it('N = 1, 2, 4 shards give the tables and counters of one --truncate run', { timeout: 300_000 }, async () => {
    const single = await fresh()
    ok(await runCli(['seed', '--db', single, ...SAME, '--truncate'], { timeoutMs: 90_000 }))
    const expected = await pgState(single)
    expect(nonEmpty(expected)).toBe(true)
    expect(expected['public.order_line']!.rows).toBe(300)
    const expectedSeqs = await sequences(single)
    for (const n of [1, 2, 4]) {
      const url = await fresh()
      await seedSharded(url, n)
      expect(await pgState(url), `${n} shards`).toEqual(expected)
      const seqs = await sequences(url)
      expect(seqs).toEqual(expectedSeqs)
      // After finish, a plain INSERT gets a key past every written one.
      for (const s of seqs) expect(s.called && Number(s.v) >= Number(s.max)).toBe(true)
    }
  })

  it('a shard that fails rolls back alone; running it again, even after it committed, completes the union', { timeout: 120_000 }, async () => {
    const single = await fresh()
    ok(await runCli(['seed', '--db', single, ...SAME, '--truncate'], { timeoutMs: 90_000 }))
    const url = await fresh()
    ok(await runCli(['seed', '--db', url, ...SAME, '--shard', '1/2', '--phase', '1']))
    // Shard 2 of phase 1 fails midway (a trigger on its second table): nothing of it stays.
    await execPostgres(url, `CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
      CREATE TRIGGER boom BEFORE INSERT ON region FOR EACH ROW EXECUTE FUNCTION boom();`)
    const failed = await runCli(['seed', '--db', url, ...SAME, '--shard', '2/2', '--phase', '1'])
    expect(failed.code).not.toBe(0)
    expect(failed.stderr).toMatch(/tdg: error TDG_WRITE_FAILED/)
    const counts = await withPg(url, async (c) => (await c.query<{ d: string; r: string }>('select (select count(*) from dept)::text as d, (select count(*) from region)::text as r')).rows[0]!)
    expect(counts).toEqual({ d: '60', r: '60' })
    await execPostgres(url, 'DROP TRIGGER boom ON region')
    ok(await runCli(['seed', '--db', url, ...SAME, '--shard', '2/2', '--phase', '1']))
    // Run again after it had committed: it deletes its own rows of the phase first, then writes them again.
    ok(await runCli(['seed', '--db', url, ...SAME, '--shard', '2/2', '--phase', '1']))
    for (const phase of PHASES.slice(1)) {
      (await Promise.all([1, 2].map((i) => runCli(['seed', '--db', url, ...SAME, '--shard', `${i}/2`, '--phase', phase])))).forEach(ok)
      // Phase 2 holds the self-referencing customer table (rows deleted last row first): both shards again.
      if (phase === '2') (await Promise.all([1, 2].map((i) => runCli(['seed', '--db', url, ...SAME, '--shard', `${i}/2`, '--phase', phase])))).forEach(ok)
    }
    await execPostgres(url, 'DROP FUNCTION boom()')
    expect(await pgState(url)).toEqual(await pgState(single))
  })

  it('tdg plan --shard N lists the phases and each shard’s rows; a shard without --phase names them', async () => {
    const url = await fresh()
    const plan = ok(await runCli(['plan', '--db', url, ...PLAN, '--shard', '2']))
    expect(plan.stdout).toContain('  phase 1:\n    1/2: public.dept rows 0–59; public.region rows 0–59\n    2/2: public.dept rows 60–119; public.region rows 60–119')
    expect(plan.stdout).toContain('    1/2: public.emp rows 0–59; public.customer rows 0–119 (whole: self-reference)')
    expect(plan.stdout).toMatch(/phase finish: fixups \(1\), identity sync \(shard 1\)\n {4}1\/2: fixup public\.dept\.head_id rows 0–59; identity sync/)
    const r = await runCli(['seed', '--db', url, ...SAME, '--shard', '1/2'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe('tdg: error TDG_USAGE: --shard needs --phase: this plan has 4 phases (1, 2, 3, finish); run every shard of each phase, in this order')
    expect(await pgState(url)).toEqual(Object.fromEntries(Object.keys(await pgState(url)).map((t) => [t, { rows: 0, checksum: '' }])))
  })
})

describe('seed --shard i/N into SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-shards-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  const fresh = (name: string) => {
    const file = join(dir, `${name}.db`)
    const db = new Database(file)
    db.exec(sqliteDdl)
    db.close()
    return file
  }
  const counters = (file: string) => {
    const db = new Database(file, { readonly: true })
    try {
      return db.prepare('select name, seq from sqlite_sequence order by name').all()
    } finally {
      db.close()
    }
  }

  it('N = 1, 2, 4 shards give the tables and counters of one --truncate run', { timeout: 300_000 }, async () => {
    const single = fresh('single')
    ok(await runCli(['seed', '--db', `sqlite:${single}`, ...SAME, '--truncate'], { timeoutMs: 90_000 }))
    const expected = sqliteState(single)
    expect(nonEmpty(expected)).toBe(true)
    expect(counters(single)).toEqual([
      { name: 'customer', seq: 120 },
      { name: 'dept', seq: 120 },
      { name: 'emp', seq: 120 },
    ])
    for (const n of [1, 2, 4]) {
      const file = fresh(`shards-${n}`)
      await seedSharded(`sqlite:${file}`, n)
      expect(sqliteState(file), `${n} shards`).toEqual(expected)
      expect(counters(file)).toEqual(counters(single))
    }
    // Every shard of every phase run twice (the second run deletes the rows the first committed).
    const twice = fresh('twice')
    for (const phase of PHASES.flatMap((p) => [p, p])) for (const i of [1, 2]) ok(await runCli(['seed', '--db', `sqlite:${twice}`, ...SAME, '--shard', `${i}/2`, '--phase', phase], { timeoutMs: 90_000 }))
    expect(sqliteState(twice)).toEqual(expected)
  })
})
