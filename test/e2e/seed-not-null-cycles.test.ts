/**
 * Issue 9 §1: cycles of NOT NULL, NOT DEFERRABLE foreign keys seed on every dialect, inside the one
 * transaction, with the database checking every row (test/fixtures/<dialect>/not-null-cycles.sql: a
 * Sakila-like store ↔ staff pair, a three-table cycle, a composite-key cycle, and a child outside them).
 * Through the built CLI: `seed` (then `seed --truncate`) at 3,000 rows per table on PostgreSQL, MariaDB
 * and SQLite — exit 0, counts as planned, no orphans (anti-joins; SQLite `PRAGMA foreign_key_check`), PostgreSQL constraints
 * NOT DEFERRABLE again; a trigger raising midway rolls everything back and leaves the definitions as
 * they were; a PostgreSQL role that does not own the tables gets one line naming the cycle and the
 * privilege; `generate --format sql` of the same schema loads with each database's own client.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import { afterAll, describe, expect, it } from 'vitest'
import {
  execMysql,
  execPostgres,
  freshMysqlDatabase,
  freshPostgresDatabase,
  mariadbCliArgs,
  mysqlAvailable,
  mysqlMissingReason,
  postgresAvailable,
  postgresMissingReason,
  type FreshMysql,
  type FreshPostgres,
} from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { counts, pgState, psql, sqlite3, withPg } from '../support/table-state.js'
import { expectPgConstraintsEnforced, expectSqliteConsistent, planJson, plannedCounts, sqliteCounts } from '../support/seed-checks.js'

const ROWS = '3000'
const SEED = '9'
const TABLES = ['store', 'staff', 'region', 'city', 'country', 'team', 'member', 'rental']
/** Every FK of the fixture: child, child columns, parent, parent columns. */
const FKS: Array<[string, string[], string, string[]]> = [
  ['store', ['manager_staff_id'], 'staff', ['staff_id']],
  ['staff', ['store_id'], 'store', ['store_id']],
  ['region', ['capital_city_id'], 'city', ['id']],
  ['city', ['country_id'], 'country', ['id']],
  ['country', ['region_id'], 'region', ['id']],
  ['team', ['captain_club', 'captain_no'], 'member', ['club', 'member_no']],
  ['member', ['team_league', 'team_code'], 'team', ['league', 'code']],
  ['rental', ['staff_id'], 'staff', ['staff_id']],
  ['rental', ['city_id'], 'city', ['id']],
]

/** One query per FK counting child rows with every FK column set and no parent row (0 = consistent). */
function orphanQueries(q: (n: string) => string): Array<{ fk: string; sql: string }> {
  return FKS.map(([child, cols, parent, pcols]) => ({
    fk: `${child}(${cols.join(',')})`,
    sql:
      `SELECT count(*) AS n FROM ${q(child)} c LEFT JOIN ${q(parent)} p ON ${cols.map((c, i) => `c.${q(c)} = p.${q(pcols[i]!)}`).join(' AND ')} ` +
      `WHERE p.${q(pcols[0]!)} IS NULL AND ${cols.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ')}`,
  }))
}
const pgQ = (n: string) => `"${n}"`
const myQ = (n: string) => `\`${n}\``

const dir = mkdtempSync(join(tmpdir(), 'tdg-nn-cycles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const seedArgs = (db: string) => ['seed', '--db', db, '--rows', ROWS, '--seed', SEED, '--quiet']

describe('the plan', () => {
  it('defers one NOT NULL link per cycle by force, no fixups for them, and names the mechanism', async () => {
    const plan = await planJson(['--schema', 'test/fixtures/postgres/not-null-cycles.sql', '--rows', ROWS, '--seed', SEED])
    expect(plan.deferred.map((d) => [d.table.name, d.columns.join(','), d.constraint, d.forced, d.cycle.length])).toEqual([
      ['city', 'country_id', 'city_country_fk', true, 4],
      ['member', 'team_league,team_code', 'member_team_fk', true, 3],
      ['staff', 'store_id', 'staff_store_id_fkey', true, 3],
    ])
    expect(plan.fixups).toEqual([])
    for (const s of plan.steps) for (const c of s.columns) if (c.generator.kind === 'fk') expect(c.generator.fixup, `${s.id}.${c.column}`).toBeUndefined()
    const text = await runCli(['plan', '--schema', 'test/fixtures/postgres/not-null-cycles.sql', '--rows', '10'])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toContain('cycle public.staff → public.store → public.staff: NOT NULL, not deferrable: ALTER CONSTRAINT … DEFERRABLE for the load')
    const my = await runCli(['plan', '--schema', 'test/fixtures/mysql/not-null-cycles.sql', '--rows', '10'])
    expect(my.stdout).toContain('cycle staff → store → staff: NOT NULL, no deferrable constraints in MySQL: foreign_key_checks = 0 while staff loads')
    const lite = await runCli(['plan', '--schema', 'test/fixtures/sqlite/not-null-cycles.sql', '--rows', '10'])
    expect(lite.stdout).toContain('cycle staff → store → staff: NOT NULL, not deferrable: PRAGMA defer_foreign_keys = ON, every row checked at COMMIT')
  })
})

const pg = postgresAvailable()
if (!pg) console.warn(`[seed-not-null-cycles] PostgreSQL cases skipped: ${postgresMissingReason()}`)

describe.skipIf(!pg)('PostgreSQL', () => {
  const dbs: FreshPostgres[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })
  const schema = 'test/fixtures/postgres/not-null-cycles.sql'
  const fresh = async () => {
    const db = await freshPostgresDatabase()
    dbs.push(db)
    psql(db.url, { file: schema })
    return db
  }
  /** `condeferrable` of every FK of the schema, by name. */
  const deferrability = (url: string) =>
    withPg(url, async (c) => {
      const r = await c.query<{ conname: string; condeferrable: boolean; condeferred: boolean }>(
        `select conname, condeferrable, condeferred from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace order by conname`,
      )
      return r.rows
    })
  const orphans = (url: string) =>
    withPg(url, async (c) => {
      const out: Record<string, number> = {}
      for (const o of orphanQueries(pgQ)) out[o.fk] = Number((await c.query<{ n: string }>(o.sql)).rows[0]!.n)
      return out
    })
  const noOrphans = Object.fromEntries(orphanQueries(pgQ).map((o) => [o.fk, 0]))

  it(`seed --rows ${ROWS}: exit 0, counts as planned, no orphans, constraints NOT DEFERRABLE again`, { timeout: 120_000 }, async () => {
    const db = await fresh()
    const before = await deferrability(db.url)
    expect(before.every((r) => !r.condeferrable)).toBe(true)
    const plan = await planJson(['--db', db.url, '--rows', ROWS, '--seed', SEED])
    expect(plan.deferred.every((d) => d.forced)).toBe(true)
    const r = await runCli(seedArgs(db.url), { timeoutMs: 110_000 })
    expect(r.code, r.stderr).toBe(0)
    const expected = Object.fromEntries(Object.entries(plannedCounts(plan)).map(([k, v]) => [k, v]))
    expect(counts(await pgState(db.url))).toEqual(expected)
    expect(Object.values(expected).every((n) => n === Number(ROWS))).toBe(true)
    expect(await orphans(db.url)).toEqual(noOrphans)
    expect(await deferrability(db.url)).toEqual(before)
    await expectPgConstraintsEnforced(db.url)
    // --truncate empties the cycle's tables in the same transaction and seeds again.
    const again = await runCli([...seedArgs(db.url), '--truncate'], { timeoutMs: 110_000 })
    expect(again.code, again.stderr).toBe(0)
    expect(counts(await pgState(db.url))).toEqual(expected)
    expect(await orphans(db.url)).toEqual(noOrphans)
    expect(await deferrability(db.url)).toEqual(before)
    // The server still refuses an orphan: the FKs are in force, immediate, after the run.
    await expect(execPostgres(db.url, 'insert into staff (store_id, email) values (-1, \'x@example.org\')')).rejects.toThrow(/staff_store_id_fkey/)
  })

  it('a trigger raising midway rolls everything back and leaves the constraint definitions unchanged', { timeout: 120_000 }, async () => {
    const db = await fresh()
    await execPostgres(
      db.url,
      `create function boom() returns trigger language plpgsql as $$ begin if new.store_id > 2500 then raise exception 'boom at store %', new.store_id; end if; return new; end $$;
       create trigger store_boom before insert on store for each row execute function boom();`,
    )
    const before = await deferrability(db.url)
    const r = await runCli(seedArgs(db.url), { timeoutMs: 110_000 })
    expect(r.code).toBe(5)
    expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: .*boom at store/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(Object.values(counts(await pgState(db.url))).every((n) => n === 0)).toBe(true)
    expect(await deferrability(db.url)).toEqual(before)
  })

  it('an orphan slipped in while the check waits (a trigger) fails SET CONSTRAINTS … IMMEDIATE: exit 5, rolled back', { timeout: 120_000 }, async () => {
    const db = await fresh()
    await execPostgres(
      db.url,
      `create function orphan() returns trigger language plpgsql as $$ begin if new.staff_id = 1500 then new.store_id := -7; end if; return new; end $$;
       create trigger staff_orphan before insert on staff for each row execute function orphan();`,
    )
    const before = await deferrability(db.url)
    const r = await runCli(seedArgs(db.url), { timeoutMs: 110_000 })
    expect(r.code).toBe(5)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: rows of the foreign-key cycle .*public\.staff → public\.store → public\.staff break a foreign key; rolled back \(.*staff_store_id_fkey/)
    expect(Object.values(counts(await pgState(db.url))).every((n) => n === 0)).toBe(true)
    expect(await deferrability(db.url)).toEqual(before)
  })

  it('a role that does not own the tables: one line naming the cycle and the privilege, nothing written', { timeout: 60_000 }, async () => {
    const db = await fresh()
    const role = `tdg_writer_${Math.random().toString(36).slice(2, 8)}`
    await execPostgres(
      db.url,
      `create role ${role} login password 'writer-pw';
       grant usage on schema public to ${role};
       grant select, insert, update on all tables in schema public to ${role};
       grant usage, select, update on all sequences in schema public to ${role};`,
    )
    try {
      const u = new URL(db.url)
      u.username = role
      u.password = 'writer-pw'
      const r = await runCli(seedArgs(u.toString()), { timeoutMs: 50_000 })
      expect(r.code).toBe(5)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: cannot defer the foreign keys of the cycles public\.city → public\.country → public\.region → public\.city; .*must be owner of table .*; this needs ownership of the tables \(ALTER TABLE … ALTER CONSTRAINT\)/)
      expect(r.stderr).not.toContain('writer-pw')
      expect(Object.values(counts(await pgState(db.url))).every((n) => n === 0)).toBe(true)
    } finally {
      await execPostgres(db.url, `drop owned by ${role}; `)
      await execPostgres(db.adminUrl, `drop role ${role}`)
    }
  })

  it('generate --format sql loads with psql -v ON_ERROR_STOP=1; constraints back to NOT DEFERRABLE', { timeout: 120_000 }, async () => {
    const out = join(dir, 'pg-sql')
    const g = await runCli(['generate', '--schema', schema, '--rows', ROWS, '--seed', SEED, '--format', 'sql', '--output', out, '--quiet'], { timeoutMs: 110_000 })
    expect(g.code, g.stderr).toBe(0)
    const pre = readFileSync(join(out, '000-pre.sql'), 'utf8')
    expect(pre).toContain('ALTER TABLE "public"."staff" ALTER CONSTRAINT "staff_store_id_fkey" DEFERRABLE INITIALLY DEFERRED;')
    const end = readFileSync(join(out, '999-fixups.sql'), 'utf8')
    expect(end).toMatch(/SET CONSTRAINTS ALL IMMEDIATE;\n(ALTER TABLE .* NOT DEFERRABLE;\n){3}COMMIT;\n$/)
    const db = await fresh()
    const before = await deferrability(db.url)
    const r = spawnSync('sh', ['-c', `cat "${out}"/*.sql | psql '${db.url}' -X -q -v ON_ERROR_STOP=1`], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    expect(Object.values(counts(await pgState(db.url)))).toEqual(TABLES.map(() => Number(ROWS)))
    expect(await orphans(db.url)).toEqual(noOrphans)
    expect(await deferrability(db.url)).toEqual(before)
  })
})

const my = mysqlAvailable()
if (!my) console.warn(`[seed-not-null-cycles] MariaDB cases skipped: ${mysqlMissingReason()}`)

describe.skipIf(!my)('MariaDB', () => {
  const dbs: FreshMysql[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })
  const schema = 'test/fixtures/mysql/not-null-cycles.sql'
  const fresh = async () => {
    const db = await freshMysqlDatabase()
    dbs.push(db)
    execFileSync('mariadb', mariadbCliArgs(db.url), { input: readFileSync(schema, 'utf8'), stdio: ['pipe', 'ignore', 'pipe'] })
    return db
  }
  const query = async <T>(url: string, sql: string): Promise<T[]> => {
    const u = new URL(url)
    const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1) })
    try {
      return (await c.query(sql))[0] as T[]
    } finally {
      await c.end()
    }
  }
  const tableCounts = async (url: string) => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, Number((await query<{ n: number }>(url, `SELECT count(*) AS n FROM ${myQ(t)}`))[0]!.n)])))
  const orphans = async (url: string) => Object.fromEntries(await Promise.all(orphanQueries(myQ).map(async (o) => [o.fk, Number((await query<{ n: number }>(url, o.sql))[0]!.n)])))
  const noOrphans = Object.fromEntries(orphanQueries(myQ).map((o) => [o.fk, 0]))

  it(`seed --rows ${ROWS}: exit 0, counts as planned, no orphans`, { timeout: 120_000 }, async () => {
    const db = await fresh()
    const plan = await planJson(['--db', db.url, '--rows', ROWS, '--seed', SEED])
    expect(plan.deferred.map((d) => d.table.name)).toEqual(['city', 'member', 'staff'])
    const r = await runCli(seedArgs(db.url), { timeoutMs: 110_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(await tableCounts(db.url)).toEqual(plannedCounts(plan))
    expect(Object.values(plannedCounts(plan)).every((n) => n === Number(ROWS))).toBe(true)
    expect(await orphans(db.url)).toEqual(noOrphans)
    const [fkc] = await query<{ s: number }>(db.url, 'SELECT @@SESSION.foreign_key_checks AS s')
    expect(Number(fkc!.s)).toBe(1)
    // --truncate: DELETE children first cannot empty a NOT NULL cycle with checks on; tdg switches them
    // off for the DELETEs and verifies afterwards.
    const again = await runCli([...seedArgs(db.url), '--truncate'], { timeoutMs: 110_000 })
    expect(again.code, again.stderr).toBe(0)
    expect(await tableCounts(db.url)).toEqual(plannedCounts(plan))
    expect(await orphans(db.url)).toEqual(noOrphans)
  })

  it('--truncate of a subset whose rows a table outside the plan references: the orphans are caught, rolled back', { timeout: 120_000 }, async () => {
    const db = await fresh()
    await execMysql(db.url, 'CREATE TABLE review (id int AUTO_INCREMENT PRIMARY KEY, store_id int NOT NULL, CONSTRAINT review_store_fk FOREIGN KEY (store_id) REFERENCES store (store_id)) ENGINE=InnoDB')
    const first = await runCli(['seed', '--db', db.url, '--rows', '50', '--seed', SEED, '--quiet'], { timeoutMs: 110_000 })
    expect(first.code, first.stderr).toBe(0)
    // Fewer rows than before: --truncate restarts the keys at 1, so rows pointing past 20 lose their parent.
    const r = await runCli(['seed', '--db', db.url, '--rows', '20', '--seed', SEED, '--tables', 'store,staff', '--truncate', '--quiet'], { timeoutMs: 110_000 })
    expect(r.code).toBe(5)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    // rental and review are outside the plan and point at the emptied tables: the first check to fail names rental.
    expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: rows without a parent for rental\(staff_id\) → staff\(staff_id\) \[rental_staff_fk\] \(loaded with foreign_key_checks off\); rolled back/)
    const [n] = await query<{ n: number }>(db.url, 'SELECT count(*) AS n FROM review r JOIN store s ON s.store_id = r.store_id')
    expect(Number(n!.n)).toBe(50)
  })

  it('an orphan made while checks are off (a trigger) is caught by the anti-join: exit 5, rolled back', { timeout: 120_000 }, async () => {
    const db = await fresh()
    // With foreign_key_checks = 0 the server lets this through; tdg's check before COMMIT must not.
    await execMysql(db.url, `CREATE TRIGGER staff_orphan BEFORE INSERT ON staff FOR EACH ROW BEGIN IF NEW.staff_id = 1500 THEN SET NEW.store_id = -7; END IF; END`)
    const r = await runCli(seedArgs(db.url), { timeoutMs: 110_000 })
    expect(r.code).toBe(5)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: rows without a parent for staff\(store_id\) → store\(store_id\) \[staff_store_fk\]/)
    expect(Object.values(await tableCounts(db.url)).every((n) => n === 0)).toBe(true)
  })

  it('a trigger raising midway rolls everything back', { timeout: 120_000 }, async () => {
    const db = await fresh()
    await execMysql(db.url, `CREATE TRIGGER store_boom BEFORE INSERT ON store FOR EACH ROW BEGIN IF NEW.store_id > 2500 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END IF; END`)
    const r = await runCli(seedArgs(db.url), { timeoutMs: 110_000 })
    expect(r.code).toBe(5)
    expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: .*boom/)
    expect(Object.values(await tableCounts(db.url)).every((n) => n === 0)).toBe(true)
  })

  it('generate --format sql loads with the mariadb client; no orphans', { timeout: 120_000 }, async () => {
    const out = join(dir, 'my-sql')
    const g = await runCli(['generate', '--schema', schema, '--rows', ROWS, '--seed', SEED, '--format', 'sql', '--output', out, '--quiet'], { timeoutMs: 110_000 })
    expect(g.code, g.stderr).toBe(0)
    const db = await fresh()
    const r = spawnSync('sh', ['-c', `cat "${out}"/*.sql | mariadb ${mariadbCliArgs(db.url).map((a) => `'${a}'`).join(' ')}`], { encoding: 'utf8', maxBuffer: 1 << 28 })
    expect(r.status, r.stderr).toBe(0)
    expect(await tableCounts(db.url)).toEqual(Object.fromEntries(TABLES.map((t) => [t, Number(ROWS)])))
    expect(await orphans(db.url)).toEqual(noOrphans)
  })
})

describe('SQLite', () => {
  const schema = 'test/fixtures/sqlite/not-null-cycles.sql'

  it(`seed --create --rows ${ROWS}: exit 0, counts as planned, PRAGMA foreign_key_check empty`, { timeout: 120_000 }, async () => {
    const file = join(dir, 'seed.db')
    const plan = await planJson(['--schema', schema, '--rows', ROWS, '--seed', SEED])
    expect(plan.deferred.map((d) => d.table.name)).toEqual(['city', 'member', 'staff'])
    const r = await runCli(['seed', '--db', `sqlite:${file}`, '--create', '--schema', schema, '--rows', ROWS, '--seed', SEED, '--quiet'], { timeoutMs: 110_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(sqliteCounts(file, TABLES)).toEqual(Object.fromEntries(TABLES.map((t) => [t, plannedCounts(plan)[t]])))
    expectSqliteConsistent(file)
    const again = await runCli(['seed', '--db', `sqlite:${file}`, '--truncate', '--rows', ROWS, '--seed', SEED, '--quiet'], { timeoutMs: 110_000 })
    expect(again.code, again.stderr).toBe(0)
    expect(sqliteCounts(file, TABLES)).toEqual(Object.fromEntries(TABLES.map((t) => [t, plannedCounts(plan)[t]])))
    expectSqliteConsistent(file)
    const orphanCounts = Object.fromEntries(orphanQueries(pgQ).map((o) => [o.fk, Number(sqlite3(file, `${o.sql};`).trim())]))
    expect(orphanCounts).toEqual(Object.fromEntries(orphanQueries(pgQ).map((o) => [o.fk, 0])))
  })

  it('a trigger raising midway rolls everything back', { timeout: 60_000 }, async () => {
    const file = join(dir, 'boom.db')
    sqlite3(file, `${readFileSync(schema, 'utf8')}\nCREATE TRIGGER store_boom BEFORE INSERT ON store WHEN NEW.store_id > 2500 BEGIN SELECT RAISE(ABORT, 'boom'); END;`)
    const r = await runCli(['seed', '--db', `sqlite:${file}`, '--rows', ROWS, '--seed', SEED, '--quiet'], { timeoutMs: 50_000 })
    expect(r.code).toBe(5)
    expect(r.stderr).toMatch(/^tdg: error TDG_WRITE_FAILED: .*boom/)
    expect(Object.values(sqliteCounts(file, TABLES)).every((n) => n === 0)).toBe(true)
  })

  it('generate --format sql loads with sqlite3 -bail and foreign keys on', { timeout: 120_000 }, async () => {
    const out = join(dir, 'lite-sql')
    const g = await runCli(['generate', '--schema', schema, '--rows', ROWS, '--seed', SEED, '--format', 'sql', '--output', out, '--quiet'], { timeoutMs: 110_000 })
    expect(g.code, g.stderr).toBe(0)
    expect(readFileSync(join(out, '000-pre.sql'), 'utf8')).toBe('BEGIN;\nPRAGMA defer_foreign_keys = ON;\n')
    const file = join(dir, 'export.db')
    sqlite3(file, readFileSync(schema, 'utf8'))
    const r = spawnSync('sh', ['-c', `{ echo 'PRAGMA foreign_keys = ON;'; cat "${out}"/*.sql; } | sqlite3 -bail '${file}'`], { encoding: 'utf8', maxBuffer: 1 << 28 })
    expect(r.status, r.stderr).toBe(0)
    expect(sqliteCounts(file, TABLES)).toEqual(Object.fromEntries(TABLES.map((t) => [t, Number(ROWS)])))
    expectSqliteConsistent(file)
  })
})

describe('SQL Server (no server here: the T-SQL script is checked as text)', () => {
  it('generate --format sql: NOCHECK after BEGIN TRANSACTION, WITH CHECK CHECK CONSTRAINT before COMMIT', { timeout: 60_000 }, async () => {
    const out = join(dir, 'mssql-sql')
    const g = await runCli(['generate', '--schema', 'test/fixtures/mssql/not-null-cycles.sql', '--rows', '50', '--seed', SEED, '--format', 'sql', '--output', out, '--quiet'], { timeoutMs: 50_000 })
    expect(g.code, g.stderr).toBe(0)
    expect(readFileSync(join(out, '000-pre.sql'), 'utf8')).toBe(
      'SET XACT_ABORT ON;\nBEGIN TRANSACTION;\nALTER TABLE [dbo].[member] NOCHECK CONSTRAINT [FK_member_team];\nALTER TABLE [dbo].[staff] NOCHECK CONSTRAINT [FK_staff_store];\n',
    )
    expect(readFileSync(join(out, '999-fixups.sql'), 'utf8')).toBe(
      'ALTER TABLE [dbo].[member] WITH CHECK CHECK CONSTRAINT [FK_member_team];\nALTER TABLE [dbo].[staff] WITH CHECK CHECK CONSTRAINT [FK_staff_store];\nCOMMIT TRANSACTION;\n',
    )
    // The deferred tables go in before their parents: member before team, staff before store.
    const files = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).tables.map((t: { table: string }) => t.table)
    expect(files).toEqual(['dbo.member', 'dbo.staff', 'dbo.store', 'dbo.team'])
  })
})
