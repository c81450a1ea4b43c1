/**
 * `tdg clone` with masked keys and under faults: composite keys masked column by column still join;
 * `kill -9` of the clone and a source session killed mid-scan leave the target exactly as before; the
 * in-place `tdg mask` masks by key in one transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { repoRoot, runCli } from '../support/run-cli.js'
import { pgState, psql, withPg } from '../support/table-state.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[clone-keys-faults] skipped: ${postgresMissingReason()}`)
const env = { TDG_MASK_KEY: 'keys-and-faults-key-0123456789' }

const SCHEMA = `
create table branches (region char(2) not null, code varchar(8) not null, city text not null, primary key (region, code));
create table accounts (region char(2) not null, branch varchar(8) not null, acct_no varchar(12) not null, holder text not null, email text unique,
  primary key (region, acct_no), foreign key (region, branch) references branches (region, code));
create table transfers (id bigint primary key, region char(2) not null, acct_no varchar(12) not null, amount numeric(10,2) not null, note text,
  foreign key (region, acct_no) references accounts (region, acct_no));
`
const RULES = `
tables:
  branches:
    columns:
      code: { mask: scramble }
      city: { mask: { fake: city } }
  accounts:
    columns:
      region: { mask: keep }
      acct_no: { mask: scramble }
      holder: { mask: { fake: full-name } }
      email: { mask: { fake: email } }
  transfers:
    columns:
      id: { mask: permute }
      note: { mask: { redact: "[redacted]" } }
`

describe.skipIf(!pg)('tdg clone: masked keys, faults, in-place mask', () => {
  let src: FreshPostgres
  let dir: string
  let rules: string
  const made: FreshPostgres[] = []
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-clone-keys-'))
    rules = join(dir, 'masking.yaml')
    writeFileSync(rules, RULES)
    src = await freshPostgresDatabase()
    psql(src.url, { sql: SCHEMA })
    psql(src.url, {
      sql: `insert into branches select r, 'B' || lpad(i::text, 4, '0'), 'City ' || i from unnest(array['DE','US','FR']) r, generate_series(1, 20) i;
            insert into accounts select b.region, b.code, 'AC' || lpad((row_number() over ())::text, 8, '0'), 'Holder ' || b.code || i, 'h' || b.region || b.code || i || '@example.org' from branches b, generate_series(1, 10) i;
            insert into transfers select i, a.region, a.acct_no, (i % 997) / 10.0, case when i % 3 = 0 then 'paid by ' || a.email end
              from (select region, acct_no, email, row_number() over (order by region, acct_no) as k from accounts) a join generate_series(1, 300000) i on (i % 600) + 1 = a.k;`,
    })
  })
  afterAll(async () => {
    for (const d of [src, ...made]) await d?.drop()
    rmSync(dir, { recursive: true, force: true })
  })
  const fresh = async () => {
    const d = await freshPostgresDatabase()
    made.push(d)
    psql(d.url, { sql: SCHEMA })
    return d
  }

  it('composite keys masked column by column: every FK still joins, keys differ from the originals, the leak check passes', async () => {
    const t = await fresh()
    const r = await runCli(['clone', '--from', src.url, '--to', t.url, '--rules', rules, '--allow-unmapped', '--verify'], { env, timeoutMs: 180_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const q = async (url: string, sql: string) => withPg(url, async (c) => (await c.query<{ n: string }>(sql)).rows[0]!.n)
    expect(await q(t.url, 'select count(*)::text as n from transfers x join accounts a using (region, acct_no) join branches b on b.region = a.region and b.code = a.branch')).toBe('300000')
    expect(await q(t.url, 'select count(*)::text as n from accounts')).toBe('600')
    // Scrambled keys keep their shape and leave no original behind.
    expect(await q(t.url, "select count(*)::text as n from accounts where acct_no !~ '^[A-Z]{2}[0-9]{8}$'")).toBe('0')
    const orig = (await withPg(src.url, (c) => c.query<{ acct_no: string }>('select acct_no from accounts'))).rows.map((x) => x.acct_no)
    expect(await withPg(t.url, async (c) => (await c.query<{ n: string }>('select count(*)::text as n from accounts where acct_no = any($1)', [orig])).rows[0]!.n)).toBe('0')
    // Emails inside the notes were redacted with their column.
    expect(await q(t.url, "select count(*)::text as n from transfers where note like '%@example.org%'")).toBe('0')
  }, 300_000)

  it('kill -9 mid-clone leaves the target exactly as before', async () => {
    const t = await fresh()
    psql(t.url, { sql: "insert into branches values ('XX', 'KEEP', 'Before')" })
    const before = await pgState(t.url)
    const child = spawn(process.execPath, [`${repoRoot}bin/tdg.js`, 'clone', '--from', src.url, '--to', t.url, '--rules', rules, '--allow-unmapped', '--truncate', '--batch-size', '5000'], {
      env: { ...process.env, ...env, TDG_PROGRESS_INTERVAL_MS: '50', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString()
        // Killed while transfers stream in: parents are written, the transaction is open.
        if (/transfers: [\d,]+ \//.test(err)) child.kill('SIGKILL')
      })
      child.on('close', () => resolve())
    })
    expect(err).toMatch(/transfers: [\d,]+ \//)
    // The server notices the dead client and rolls its transaction back.
    await new Promise((r) => setTimeout(r, 500))
    expect(await pgState(t.url)).toEqual(before)
  }, 120_000)

  it('a source session killed mid-scan: TDG_READ_FAILED, target as before', async () => {
    const t = await fresh()
    const before = await pgState(t.url)
    const dbName = new URL(src.url).pathname.slice(1)
    const child = spawn(process.execPath, [`${repoRoot}bin/tdg.js`, 'clone', '--from', src.url, '--to', t.url, '--rules', rules, '--allow-unmapped', '--batch-size', '5000'], {
      env: { ...process.env, ...env, TDG_PROGRESS_INTERVAL_MS: '50', CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let err = ''
    let killed = false
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString()
      if (!killed && /transfers: [\d,]+ \//.test(err)) {
        killed = true
        void withPg(src.url.replace(`/${dbName}`, '/postgres'), (c) => c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]))
      }
    })
    const code = await done
    expect(killed).toBe(true)
    expect(code, err).toBe(3)
    expect(err).toMatch(/TDG_READ_FAILED/)
    expect(await pgState(t.url)).toEqual(before)
  }, 120_000)

  it('tdg mask in place: masked by key in one transaction; refuses without --yes and on key columns', async () => {
    const t = await fresh()
    const r0 = await runCli(['clone', '--from', src.url, '--to', t.url, '--allow-unmapped', '-q'], { env, timeoutMs: 120_000 })
    expect(r0.code, r0.stderr).toBe(0)
    const inPlace = join(dir, 'in-place.yaml')
    writeFileSync(inPlace, 'tables:\n  accounts:\n    columns:\n      holder: { mask: { fake: full-name } }\n  transfers:\n    columns:\n      note: { mask: null }\n')
    const no = await runCli(['mask', '--db', t.url, '--rules', inPlace, '--allow-unmapped'], { env })
    expect(no.code).toBe(2)
    expect(no.stderr).toMatch(/--yes/)
    const r = await runCli(['mask', '--db', t.url, '--rules', inPlace, '--allow-unmapped', '--yes'], { env, timeoutMs: 120_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/transfers\s+300,000/)
    const q = async (sql: string) => withPg(t.url, async (c) => (await c.query<{ n: string }>(sql)).rows[0]!.n)
    expect(await q("select count(*)::text as n from accounts where holder like 'Holder %'")).toBe('0')
    expect(await q('select count(*)::text as n from transfers where note is not null')).toBe('0')
    writeFileSync(inPlace, 'tables:\n  accounts:\n    columns:\n      acct_no: { mask: scramble }\n')
    const keys = await runCli(['mask', '--db', t.url, '--rules', inPlace, '--allow-unmapped', '--yes'], { env })
    expect(keys.code).toBe(2)
    expect(keys.stderr).toMatch(/key or FK column.*tdg clone/)
  }, 240_000)
})
