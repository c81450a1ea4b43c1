/**
 * Issue 14 (slice 1): every CLI command writes one audit record in the state store, success or failure,
 * and `tdg audit verify` finds an edited or deleted record. Real SQLite files; the state store of each
 * test is its own temporary file (`TDG_STATE_URL`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'
import type { AuditRecord } from '../../src/audit/audit-record.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-audit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shop = join(repoRoot, 'examples/shop.sql')
const state = join(dir, 'state.db')
const KEY = 'audit-test-mask-key-0123456789'
const env = { TDG_STATE_URL: state, TDG_MASK_KEY: KEY }
const run = (args: string[]) => runCli(args, { cwd: dir, env, timeoutMs: 60_000 })

async function records(): Promise<AuditRecord[]> {
  const r = await run(['audit', 'list', '--json', '--limit', '1000'])
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as AuditRecord[]
}

/** Run `args` and return the one record it added (newest first in `audit list`). */
async function recordOf(args: string[], code = 0): Promise<AuditRecord> {
  const before = (await records()).length
  const r = await run(args)
  expect(r.code, r.stderr).toBe(code)
  expect(r.stderr).not.toMatch(/audit record of this run could not/)
  const after = await records()
  expect(after.length).toBe(before + 1)
  return after[0]!
}

// Each record costs a few CLI runs (the command, then `audit list` before and after): minutes on a loaded machine.
describe('tdg audit: one record per command', { timeout: 300_000 }, () => {
  beforeAll(async () => {
    const r = await run(['seed', '--db', 'sqlite:./src.db', '--schema', shop, '--create', '--rows', '30', '--seed', '5', '-q'])
    expect(r.code, r.stderr).toBe(0)
    writeFileSync(join(dir, 'mask.yaml'), 'tables:\n  customers:\n    columns:\n      email: { mask: { fake: email } }\n')
    // In place only non-key columns can be masked (email is UNIQUE).
    writeFileSync(join(dir, 'names.yaml'), 'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n')
  })

  it('seed: tables with rows and the generator of each column, seed, target, schema hash', async () => {
    const rec = await recordOf(['seed', '--db', 'sqlite:./seeded.db', '--schema', shop, '--create', '--rows', '20', '--seed', '42', '-q'])
    expect(rec).toMatchObject({ command: 'seed', outcome: 'ok', seed: '42', target: 'sqlite:./seeded.db', rows: 80, origin: 'cli' })
    expect(rec.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(rec.tables.map((t) => [t.table, t.rows])).toEqual([['customers', 20], ['orders', 20], ['products', 20], ['order_items', 20]])
    expect(rec.tables[0]!.columns).toMatchObject({ id: 'identity', email: 'person:email', referred_by: 'fk' })
    expect(rec.files.schema?.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(rec.argv).toEqual(['seed', '--db', 'sqlite:./seeded.db', '--schema', shop, '--create', '--rows', '20', '--seed', '42', '-q'])
    expect(rec.durationMs).toBeGreaterThan(0)
  })

  it('generate', async () => {
    const rec = await recordOf(['generate', '--schema', shop, '--rows', '5', '--seed', '1', '--output', 'out', '-q'])
    expect(rec).toMatchObject({ command: 'generate', outcome: 'ok', seed: '1', target: 'out', source: shop, rows: 20 })
    expect(rec.tables.find((t) => t.table === 'products')!.columns).toMatchObject({ sku: 'like' })
  })

  it('introspect, plan, config, check, scan-pii, profile, report', async () => {
    expect(await recordOf(['introspect', '--schema', shop, '--json'])).toMatchObject({ command: 'introspect', outcome: 'ok', source: shop })
    expect(await recordOf(['plan', '--schema', shop, '--rows', '3'])).toMatchObject({ command: 'plan', outcome: 'ok' })
    expect(await recordOf(['config'])).toMatchObject({ command: 'config', outcome: 'ok' })
    expect(await recordOf(['check', '--db', 'sqlite:./src.db'])).toMatchObject({ command: 'check', outcome: 'ok', source: 'sqlite:./src.db' })
    expect(await recordOf(['scan-pii', '--db', 'sqlite:./src.db', '--json'])).toMatchObject({ command: 'scan-pii', outcome: 'ok' })
    expect(await recordOf(['profile', '--db', 'sqlite:./src.db', '--out', 'rules.yaml', '-q'])).toMatchObject({ command: 'profile', outcome: 'ok', target: 'rules.yaml' })
    expect(await recordOf(['report', '--source', 'sqlite:./src.db', '--target', 'sqlite:./seeded.db', '--out', 'r.html'])).toMatchObject({ command: 'report', outcome: 'ok', source: 'sqlite:./src.db', target: 'sqlite:./seeded.db' })
  })

  it('clone, mask, leak-check: maskers per column, rules hash', async () => {
    const clone = await recordOf(['clone', '--from', 'sqlite:./src.db', '--to', 'sqlite:./copy.db', '--create-schema', '--rules', 'mask.yaml', '--allow-unmapped', '-q'])
    expect(clone).toMatchObject({ command: 'clone', outcome: 'ok', source: 'sqlite:./src.db', target: 'sqlite:./copy.db' })
    expect(clone.tables.find((t) => t.table === 'customers')).toMatchObject({ rows: 30, columns: { email: 'mask:fake email' } })
    expect(clone.files.rules).toEqual({ path: 'mask.yaml', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // Only email is masked (--allow-unmapped copied the names): the leak check fails, and says so in the audit.
    expect(await recordOf(['leak-check', '--from', 'sqlite:./src.db', '--to', 'sqlite:./copy.db', '--rules', 'mask.yaml'], 1)).toMatchObject({ command: 'leak-check', outcome: 'failed', errorCode: 'TDG_LEAK_FOUND' })
    // SQLite in-place masking currently fails at COMMIT ("database is locked": the snapshot reader's
    // connection still holds its read lock; seen on this branch, outside the audit code): the audit must
    // record what happened either way, with the maskers when it succeeded.
    const args = ['mask', '--db', 'sqlite:./copy.db', '--rules', 'names.yaml', '--allow-unmapped', '--yes', '-q']
    const n = (await records()).length
    const r = await run(args)
    const [mask] = await records()
    expect((await records()).length).toBe(n + 1)
    expect(mask).toMatchObject({ command: 'mask', target: 'sqlite:./copy.db', outcome: r.code === 0 ? 'ok' : 'failed' })
    if (r.code === 0) expect(mask!.tables).toEqual([{ table: 'customers', rows: 30, columns: { first_name: 'mask:fake first-name' } }])
    else expect(mask).toMatchObject({ errorCode: r.stderr.match(/error (TDG_\w+)/)?.[1] })
  })

  it('failures and usage errors are recorded with their code', async () => {
    expect(await recordOf(['seed', '--db', 'sqlite:./missing.db', '--rows', '1'], 3)).toMatchObject({ command: 'seed', outcome: 'failed', errorCode: 'TDG_CONNECT_FAILED' })
    expect(await recordOf(['seed', '--bogus-flag'], 2)).toMatchObject({ command: 'seed', outcome: 'failed', errorCode: 'TDG_USAGE' })
    expect(await recordOf(['mask', '--db', 'sqlite:./copy.db'], 2)).toMatchObject({ command: 'mask', outcome: 'failed', errorCode: 'TDG_USAGE' })
  })

  it('help, version and tdg audit itself record nothing; --no-audit neither; --audit-log writes JSONL', async () => {
    const n = (await records()).length
    expect((await run(['--help'])).code).toBe(0)
    expect((await run(['seed', '--help'])).code).toBe(0)
    expect((await run(['--version'])).code).toBe(0)
    expect((await run(['introspect', '--schema', shop, '--no-audit'])).code).toBe(0)
    const log = join(dir, 'audit.jsonl')
    expect((await run(['introspect', '--schema', shop, '--no-audit', '--audit-log', log])).code).toBe(0)
    expect((await run(['--audit-log', log, 'introspect', '--schema', shop])).code).toBe(0)
    expect((await records()).length).toBe(n + 1)
    const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord & { hash: string })
    expect(lines.map((l) => [l.seq, l.command])).toEqual([[1, 'introspect'], [2, 'introspect']])
    expect(lines[1]!.prevHash).toBe(lines[0]!.hash)
    expect((await run(['audit', 'verify', '--log', log])).code).toBe(0)
    writeFileSync(log, readFileSync(log, 'utf8').replace('"outcome":"ok"', '"outcome":"failed"'))
    const bad = await run(['audit', 'verify', '--log', log])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^tdg: error TDG_AUDIT_BROKEN: record 1 \(/)
  })

  it('a store that cannot be written: one stderr line, the run keeps its exit code', async () => {
    // A state path under a regular file: its directory can never be made.
    writeFileSync(join(dir, 'a-file'), '')
    const bad = join(dir, 'a-file', 'state.db')
    const r = await runCli(['introspect', '--schema', shop, '--json'], { cwd: dir, env: { TDG_STATE_URL: bad } })
    expect(r.code).toBe(0)
    const lines = r.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]!.startsWith(`tdg: warning: the audit record of this run could not be written to ${bad}: `)).toBe(true)
    const failed = await runCli(['seed', '--db', 'sqlite:./missing.db', '--rows', '1'], { cwd: dir, env: { TDG_STATE_URL: bad } })
    expect(failed.code).toBe(3)
  })

  it('list and show as a user reads them', async () => {
    const list = await run(['audit', 'list', '--limit', '3'])
    expect(list.code).toBe(0)
    expect(list.stdout.split('\n')[0]).toMatch(/^when\s+id\s+who\s+command\s+target\s+rows\s+outcome$/)
    expect(list.stdout.trim().split('\n')).toHaveLength(4)
    const seed = (await records()).find((r) => r.command === 'seed' && r.outcome === 'ok' && r.seed === '42')!
    const show = await run(['audit', 'show', seed.id.slice(0, 20)])
    expect(show.code, show.stderr).toBe(0)
    expect(show.stdout).toContain(`run       ${seed.id}`)
    expect(show.stdout).toMatch(/^    email: person:email$/m)
    expect((await run(['audit', 'show', 'ZZZZZZZZ'])).code).toBe(2)
  })

  it('verify: intact, then an edited record and a deleted record are named (exit 1)', async () => {
    const ok = await run(['audit', 'verify'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/^audit chain intact: \d+ records in .*; head [0-9a-f]{64}\n$/)
    const copy = join(dir, 'edited.db')
    const deleted = join(dir, 'deleted.db')
    writeFileSync(copy, readFileSync(state))
    writeFileSync(deleted, readFileSync(state))
    const db = new Database(copy)
    const row = db.prepare('SELECT seq, id, record FROM tdg_audit_events WHERE seq = 3').get() as { seq: number; id: string; record: string }
    db.prepare('UPDATE tdg_audit_events SET record = ? WHERE seq = 3').run(row.record.replace('"outcome":"ok"', '"outcome":"failed"'))
    db.close()
    const edited = await runCli(['audit', 'verify'], { cwd: dir, env: { TDG_STATE_URL: copy } })
    expect(edited.code).toBe(1)
    expect(edited.stderr).toBe(`tdg: error TDG_AUDIT_BROKEN: record 3 (${row.id}) of ${copy}: its content does not match its hash (edited)\n`)
    const d = new Database(deleted)
    d.prepare('DELETE FROM tdg_audit_events WHERE seq = 2').run()
    d.close()
    const gone = await runCli(['audit', 'verify'], { cwd: dir, env: { TDG_STATE_URL: deleted } })
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(/TDG_AUDIT_BROKEN: record 3 \(\w{26}\) of .*: record 2 is missing \(deleted\)/)
  })
})
