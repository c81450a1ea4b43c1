/**
 * Issue 14 item 4: a `tdg serve` killed outright (kill -9) while a job runs leaves that job `interrupted`
 * after the restart (never lost; its SQLite transaction rolled back), and the queued jobs run; SIGTERM
 * stops taking jobs and ends the process cleanly. A real server process and real SQLite files.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'
import { apiClient, startServe } from '../support/serve-process.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-serve-restart-'))
const env = { TDG_STATE_URL: join(dir, 'state.db') }
const shop = join(repoRoot, 'examples/shop.sql')
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function customers(file: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('tdg serve: restart after a crash, shutdown on SIGTERM', { timeout: 180_000 }, () => {
  it('kill -9 during a running job, restart: the job is interrupted, the target unchanged', async () => {
    mkdirSync(join(dir, 'out'), { recursive: true })
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`sqlite:${dir}/*`], output: [join(dir, 'out')] } } }))
    const created = await runCli(['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env })
    expect(created.code, created.stderr).toBe(0)
    const token = created.stdout.trim()
    const seeded = await runCli(['seed', '--db', `sqlite:${dir}/t.db`, '--schema', shop, '--create', '--rows', '10', '-q'], { cwd: dir, env })
    expect(seeded.code, seeded.stderr).toBe(0)

    // concurrency 1: the second job stays queued behind the first.
    const first = await startServe(['--config', 'tdg.json', '--concurrency', '1'], { cwd: dir, env })
    const api = apiClient(first.base)
    const big = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: `sqlite:${dir}/t.db`, rows: 5_000_000, batchSize: 1000 } })
    const queued = await api.call('POST', '/v1/jobs', { token, body: { kind: 'generate', schema: shop, output: join(dir, 'out', 'g'), rows: 5, seed: 1 } })
    const dropped = await api.call('POST', '/v1/jobs', { token, body: { kind: 'generate', schema: shop, output: join(dir, 'out', 'never'), rows: 5 } })
    expect([big.status, queued.status, dropped.status]).toEqual([201, 201, 201])
    // A queued job cancelled is cancelled at once, and never runs.
    const cancel = await api.call('POST', `/v1/jobs/${dropped.json.id}/cancel`, { token })
    expect(cancel).toMatchObject({ status: 202, json: { status: 'cancelled' } })
    // Killed once rows are being written (the job's progress says so).
    for (let i = 0; ; i++) {
      const j = await api.call('GET', `/v1/jobs/${big.json.id}`, { token })
      if (j.json.status === 'running' && j.json.progress.written > 0) break
      expect(i).toBeLessThan(600)
      await new Promise((r) => setTimeout(r, 50))
    }
    first.child.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')

    const second = await startServe(['--config', 'tdg.json', '--concurrency', '1'], { cwd: dir, env })
    try {
      const api2 = apiClient(second.base)
      const job = (await api2.call('GET', `/v1/jobs/${big.json.id}`, { token })).json
      expect(job).toMatchObject({ status: 'interrupted', error: { code: 'TDG_INTERRUPTED' } })
      expect(job.finishedAt).toBeDefined()
      // The dead server wrote no audit record of the run; the restarted one did.
      const audit = await runCli(['audit', 'show', job.runId, '--json'], { cwd: dir, env })
      expect(audit.code, audit.stderr).toBe(0)
      expect(JSON.parse(audit.stdout)).toMatchObject({ origin: 'api', actor: 'ci', command: 'seed', outcome: 'interrupted', errorCode: 'TDG_INTERRUPTED' })
      expect(second.stderr()).toMatch(/1 job left running by the previous server marked interrupted/)
      // The queued job was not lost: the new server runs it.
      expect(await api2.waitFinal(queued.json.id, token)).toMatchObject({ status: 'ok' })
      expect(customers(join(dir, 't.db'))).toBe(10)
      expect((await api2.call('GET', `/v1/jobs/${dropped.json.id}`, { token })).json.status).toBe('cancelled')
      expect(existsSync(join(dir, 'out', 'never'))).toBe(false)
      const listed = await api2.call('GET', '/v1/jobs?status=interrupted', { token })
      expect(listed.json.jobs.map((j: any) => j.id)).toEqual([big.json.id])
    } finally {
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    }
  })

  it('SIGTERM with --grace 0: the running job is cancelled (interrupted, rolled back), the process exits 0', async () => {
    const token = (await runCli(['token', 'create', '--name', 'ci2', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env })).stdout.trim()
    const server = await startServe(['--config', 'tdg.json', '--grace', '0'], { cwd: dir, env })
    const api = apiClient(server.base)
    const big = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: `sqlite:${dir}/t.db`, rows: 5_000_000, batchSize: 1000 } })
    for (let i = 0; ; i++) {
      const j = await api.call('GET', `/v1/jobs/${big.json.id}`, { token })
      if (j.json.status === 'running' && j.json.progress.written > 0) break
      expect(i).toBeLessThan(600)
      await new Promise((r) => setTimeout(r, 50))
    }
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.stderr()).toMatch(/stopping: no new jobs/)
    expect(customers(join(dir, 't.db'))).toBe(10)
    const again = await startServe(['--config', 'tdg.json'], { cwd: dir, env })
    try {
      const job = (await apiClient(again.base).call('GET', `/v1/jobs/${big.json.id}`, { token })).json
      expect(job).toMatchObject({ status: 'interrupted', error: { code: 'TDG_INTERRUPTED' } })
      expect(again.stderr()).not.toMatch(/marked interrupted/)
    } finally {
      again.child.kill('SIGTERM')
      await again.exited
    }
  })

  it('token and serve runs are audited like every CLI run, and no record holds a token', async () => {
    const r = await runCli(['audit', 'list', '--json', '--limit', '1000'], { cwd: dir, env })
    expect(r.code, r.stderr).toBe(0)
    const records = JSON.parse(r.stdout) as Array<{ command: string; outcome: string; origin: string }>
    const commands = records.map((x) => `${x.origin} ${x.command} ${x.outcome}`)
    expect(commands).toContain('cli token create ok')
    expect(commands).toContain('cli serve ok')
    expect(commands).toContain('api generate ok')
    expect(r.stdout).not.toMatch(/tdg_[A-Za-z0-9_-]{43}/)
    const verify = await runCli(['audit', 'verify'], { cwd: dir, env })
    expect(verify.code, verify.stderr).toBe(0)
  })
})
