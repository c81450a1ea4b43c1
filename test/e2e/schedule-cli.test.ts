/**
 * Issue 15 item 1: `tdg schedule` on the command line — add prints the next three runs in the zone;
 * bad input (cron, zone, name, job file missing, not JSON, not a job, a taken name) is one error line
 * with a non-zero exit and writes nothing; `run` runs the job in the foreground with the job's exit code,
 * audited with origin `schedule`, and records the outcome.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-schedule-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const env = { TDG_STATE_URL: join(dir, 'state.db') }
const shop = join(repoRoot, 'examples/shop.sql')
const cli = (args: string[]) => runCli(['schedule', ...args], { cwd: dir, env })

describe('tdg schedule', { timeout: 120_000 }, () => {
  it('add prints the next 3 runs in the zone; list shows them; pause, resume, remove', async () => {
    writeFileSync(join(dir, 'job.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/t.db`, schema: shop, create: true, rows: 5, seed: 9 }))
    const add = await cli(['add', 'nightly', '--cron', '0 3 * * *', '--tz', 'Europe/Berlin', '--job', 'job.json', '--jitter', '30'])
    expect(add.code, add.stderr).toBe(0)
    expect(add.stdout).toMatch(/^schedule 'nightly' added: seed job, cron "0 3 \* \* \*" in Europe\/Berlin, missed runs: skip, jitter < 30 s$/m)
    // 03:00 in Berlin is 02:00Z in winter, 01:00Z in summer.
    const lines = add.stdout.split('\n').filter((l) => l.startsWith('  '))
    expect(lines).toHaveLength(3)
    for (const l of lines) expect(l).toMatch(/^ {2}\d{4}-\d\d-\d\d 03:00:00 Europe\/Berlin {2}\(\d{4}-\d\d-\d\d 0[12]:00:00Z\)$/)
    expect((await cli(['pause', 'nightly'])).code).toBe(0)
    expect((await cli(['list'])).stdout).toMatch(/^nightly +0 3 \* \* \* +Europe\/Berlin +paused +- +- +-$/m)
    expect((await cli(['resume', 'nightly'])).code).toBe(0)
    const json = JSON.parse((await cli(['list', '--json'])).stdout)
    expect(json).toHaveLength(1)
    expect(json[0]).toMatchObject({ name: 'nightly', enabled: true, jitterSeconds: 30 })
    expect(json[0].nextRuns).toHaveLength(3)
    expect((await cli(['remove', 'nightly'])).stdout).toBe("schedule 'nightly' removed\n")
    expect((await cli(['list'])).stdout).toMatch(/^no schedules/)
  })

  it('bad input: one error line naming the problem, a non-zero exit, nothing written', async () => {
    writeFileSync(join(dir, 'ok.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/t.db`, rows: 1 }))
    writeFileSync(join(dir, 'broken.json'), '{"kind": "seed",')
    writeFileSync(join(dir, 'notajob.json'), JSON.stringify({ kind: 'seed', rows: 'many' }))
    expect((await cli(['add', 'taken', '--cron', '0 3 * * *', '--job', 'ok.json'])).code).toBe(0)
    const cases: Array<[string[], string, RegExp]> = [
      [['add', 'x', '--cron', '0 3 * *', '--job', 'ok.json'], 'TDG_SCHEDULE_INVALID', /cron '0 3 \* \*': 4 fields; expected five \("m h dom mon dow"\) or six \(seconds first\)$/],
      [['add', 'x', '--cron', '99 3 * * *', '--job', 'ok.json'], 'TDG_SCHEDULE_INVALID', /cron '99 3 \* \* \*': Invalid value for minute: 99$/],
      [['add', 'x', '--cron', '0 3 * * *', '--tz', 'Europe/Atlantis', '--job', 'ok.json'], 'TDG_SCHEDULE_INVALID', /tz 'Europe\/Atlantis' is not an IANA time zone/],
      [['add', 'x', '--cron', '0 3 * * *', '--job', 'missing.json'], 'TDG_FILE_READ', /--job missing\.json: no such file/],
      [['add', 'x', '--cron', '0 3 * * *', '--job', 'broken.json'], 'TDG_SCHEDULE_INVALID', /--job broken\.json: not valid JSON/],
      [['add', 'x', '--cron', '0 3 * * *', '--job', 'notajob.json'], 'TDG_SCHEDULE_INVALID', /--job notajob\.json: db: .*rows: /],
      [['add', 'taken', '--cron', '0 4 * * *', '--job', 'ok.json'], 'TDG_SCHEDULE_CONFLICT', /a schedule named 'taken' exists already/],
      [['add', 'no spaces', '--cron', '0 3 * * *', '--job', 'ok.json'], 'TDG_SCHEDULE_INVALID', /name 'no spaces' is not valid/],
      [['add', 'x', '--cron', '0 3 * * *', '--job', 'ok.json', '--missed', 'twice'], 'TDG_SCHEDULE_INVALID', /--missed 'twice': expected skip or once/],
      [['pause', 'ghost'], 'TDG_SCHEDULE_NOT_FOUND', /no schedule 'ghost'/],
      [['run', 'ghost'], 'TDG_SCHEDULE_NOT_FOUND', /no schedule 'ghost'/],
    ]
    const before = (await cli(['list', '--json'])).stdout
    for (const [args, code, detail] of cases) {
      const r = await cli(args)
      expect(r.code, args.join(' ')).toBe(2)
      const errLines = r.stderr.trim().split('\n')
      expect(errLines, args.join(' ')).toHaveLength(1)
      expect(errLines[0]).toMatch(new RegExp(`^tdg: error ${code}: `))
      expect(errLines[0]).toMatch(detail)
      expect(r.stdout).toBe('')
    }
    expect((await cli(['list', '--json'])).stdout).toBe(before)
  })

  it('run: the job in the foreground, its exit code, audited with origin schedule, outcome recorded', async () => {
    writeFileSync(join(dir, 'seed.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/run.db`, schema: shop, create: true, rows: 6, seed: 4 }))
    expect((await cli(['add', 'now', '--cron', '0 0 1 1 *', '--job', 'seed.json'])).code).toBe(0)
    const ok = await cli(['run', 'now'])
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stderr).toMatch(/^customers: 6 rows/m)
    const runId = /\(audit run (\w+)\)/.exec(ok.stdout)![1]!
    expect(ok.stdout).toMatch(/^schedule 'now': seed ok, 24 rows in [\d.]+ s, seed 4 \(audit run \w+\)$/m)
    const audit = JSON.parse((await runCli(['audit', 'show', runId, '--json'], { cwd: dir, env })).stdout)
    expect(audit).toMatchObject({ origin: 'schedule', actor: 'schedule:now', command: 'seed', outcome: 'ok', rows: 24, seed: '4' })
    // One record for the run: the CLI's own record of `schedule run` is not written besides it.
    const all = JSON.parse((await runCli(['audit', 'list', '--json', '--limit', '100'], { cwd: dir, env })).stdout) as Array<{ command: string }>
    expect(all.filter((r) => r.command.startsWith('schedule'))).toEqual([])
    expect(JSON.parse((await cli(['list', '--json'])).stdout).find((s: any) => s.name === 'now')).toMatchObject({ lastOutcome: 'ok', lastJobId: null })

    writeFileSync(join(dir, 'fails.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/run2.db`, schema: join(dir, 'no-such.sql'), create: true, rows: 1 }))
    expect((await cli(['add', 'fails', '--cron', '0 0 1 1 *', '--job', 'fails.json'])).code).toBe(0)
    const bad = await cli(['run', 'fails'])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim()).toMatch(/^tdg: error TDG_FILE_READ: /)
    expect(JSON.parse((await cli(['list', '--json'])).stdout).find((s: any) => s.name === 'fails')).toMatchObject({ lastOutcome: 'failed' })
    const failed = JSON.parse((await runCli(['audit', 'list', '--json', '--limit', '1'], { cwd: dir, env })).stdout)[0]
    expect(failed).toMatchObject({ origin: 'schedule', actor: 'schedule:fails', outcome: 'failed', errorCode: 'TDG_FILE_READ' })
  })
})
