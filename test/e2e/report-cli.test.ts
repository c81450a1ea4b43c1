/**
 * `tdg report` as a user runs it (the built CLI): HTML written atomically, `--json` prints the
 * FidelityResult, `--min-score` exits 1 with one line under the score and 0 at or above it, and bad
 * input (missing file, not JSON, not a profile, another version, a bad field, missing options) is one
 * `tdg: error CODE:` line with a non-zero exit and nothing written.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FidelityResult } from '../../src/report/index.js'
import { shopPair } from '../support/profile-fixtures.js'
import { runCli } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-report-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const src = join(dir, 'source.json')
const tgt = join(dir, 'target.json')

beforeAll(() => {
  const { source, target } = shopPair()
  writeFileSync(src, JSON.stringify(source))
  writeFileSync(tgt, JSON.stringify(target))
})

/** Exactly one stderr line, the error, with this code. */
function oneErrorLine(stderr: string, code: string): string {
  const lines = stderr.trim().split('\n')
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^tdg: error ${code}: `))
  return lines[0]!
}

describe('tdg report', () => {
  it('writes the HTML report (default report.html in the working directory) and one summary line', async () => {
    const r = await runCli(['report', '--source', src, '--target', tgt], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^tdg: report: overall score 0\.\d{3} \(\d+ failing measures\), 3 tables, 16 columns compared → report\.html\n$/)
    const html = readFileSync(join(dir, 'report.html'), 'utf8')
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html.match(/data-chart="column"/g)).toHaveLength(16)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('--json prints the FidelityResult; --profile is --source', async () => {
    const r = await runCli(['report', '--profile', src, '--target', tgt, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const result = JSON.parse(r.stdout) as FidelityResult
    expect(result.version).toBe(1)
    expect(result.source).toEqual({ kind: 'db', name: 'postgres://ro@prod/shop' })
    expect(result.target).toEqual({ kind: 'files', name: './data' })
    expect(result.scale).toBe(10)
    expect(result.tables.map((t) => [t.name, t.columns.length, t.fanOut.length])).toEqual([['customers', 6, 0], ['orders', 6, 1], ['order_items', 4, 1]])
    expect(result.score).toBeGreaterThan(0)
    expect(result.score).toBeLessThan(1)
    expect(result.pass).toBe(false)
    for (const f of result.failing) expect(f.value).toBeGreaterThan(f.threshold)
    const m = result.tables[1]!.columns.find((c) => c.name === 'total')!.measures[0]!
    expect(Object.keys(m).sort()).toEqual(['measure', 'pass', 'score', 'threshold', 'value'])
    // --json without --out writes no HTML.
    expect(existsSync('report.html')).toBe(false)
  })

  it('--min-score: exit 1 with one line below the overall score, 0 at or under it', async () => {
    const json = JSON.parse((await runCli(['report', '--source', src, '--target', tgt, '--json'])).stdout) as FidelityResult
    const above = (json.score + 0.01).toFixed(3)
    const low = await runCli(['report', '--source', src, '--target', tgt, '--json', '--min-score', above])
    expect(low.code).toBe(1)
    expect(JSON.parse(low.stdout).score).toBe(json.score)
    const lines = low.stderr.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toBe(`tdg: error TDG_FIDELITY_LOW: overall fidelity score ${json.score.toFixed(3)} is below --min-score ${Number(above)}`)
    const ok = await runCli(['report', '--source', src, '--target', tgt, '--json', '--min-score', (json.score - 0.01).toFixed(3)])
    expect(ok.code, ok.stderr).toBe(0)
    const self = await runCli(['report', '--source', src, '--target', src, '--json', '--min-score', '1'])
    expect(self.code, self.stderr).toBe(0)
    expect(JSON.parse(self.stdout).score).toBe(1)
  })

  it('--out - writes the HTML to stdout', async () => {
    const r = await runCli(['report', '--source', src, '--target', tgt, '--out', '-'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.startsWith('<!doctype html>')).toBe(true)
  })

  it('documents exit 1 in its help', async () => {
    const r = await runCli(['report', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--min-score <s>')
    expect(r.stdout).toContain('tdg report --min-score: the overall fidelity score is below the minimum')
  })

  const bad = (name: string, text: string) => {
    const p = join(dir, name)
    writeFileSync(p, text)
    return p
  }
  const cases: Array<{ name: string; args: () => string[]; exit: number; code: string; line?: RegExp }> = [
    { name: 'missing source file', args: () => ['--source', join(dir, 'nope.json'), '--target', tgt], exit: 2, code: 'TDG_FILE_READ', line: /nope\.json: no such file$/ },
    { name: 'not JSON', args: () => ['--source', bad('text.json', 'CREATE TABLE t (id int);'), '--target', tgt], exit: 2, code: 'TDG_PROFILE_INVALID', line: /text\.json: not JSON \(.*\); expected a profile written by tdg profile --json$/ },
    { name: 'JSON that is no profile', args: () => ['--source', src, '--target', bad('rules.json', '{"tables": {"users": {}}}')], exit: 2, code: 'TDG_PROFILE_INVALID', line: /rules\.json: not a tdg profile/ },
    { name: 'another version', args: () => ['--source', bad('v2.json', '{"version": 2, "tables": []}'), '--target', tgt], exit: 2, code: 'TDG_PROFILE_INVALID', line: /v2\.json: profile version 2; this tdg reads version 1/ },
    {
      name: 'a bad field, named with its table and column',
      args: () => {
        const p = JSON.parse(readFileSync(tgt, 'utf8'))
        p.tables[1].columns[3].numeric.quantiles = [1, 2, 3]
        return ['--source', src, '--target', bad('short.json', JSON.stringify(p))]
      },
      exit: 2,
      code: 'TDG_PROFILE_INVALID',
      line: /short\.json: tables\[1\] \(orders\)\.columns\[3\] \(total\)\.numeric\.quantiles: expected 101 numbers$/,
    },
    { name: 'a directory without CSV files', args: () => ['--source', dir, '--target', tgt], exit: 2, code: 'TDG_CSV_INVALID', line: /: no \.csv or \.tsv files$/ },
    { name: 'a database that does not answer', args: () => ['--source', 'postgres://ro:s3cret-pw@127.0.0.1:1/app', '--target', tgt], exit: 3, code: 'TDG_CONNECT_FAILED', line: /connection refused$/ },
    { name: 'no --target', args: () => ['--source', src], exit: 2, code: 'TDG_USAGE', line: /report needs --source <src> \(or --profile\) and --target <src>$/ },
    { name: '--source and --profile', args: () => ['--source', src, '--profile', src, '--target', tgt], exit: 2, code: 'TDG_USAGE' },
    { name: 'bad --min-score', args: () => ['--source', src, '--target', tgt, '--min-score', '95'], exit: 2, code: 'TDG_USAGE', line: /--min-score must be a number from 0 to 1/ },
    { name: 'unwritable --out', args: () => ['--source', src, '--target', tgt, '--out', join(dir, 'no-such-dir', 'r.html')], exit: 5, code: 'TDG_WRITE_FAILED', line: /r\.html: no such directory$/ },
  ]
  for (const c of cases) {
    it(`${c.name}: exit ${c.exit}, one ${c.code} line, nothing written`, async () => {
      const out = join(dir, `out-${c.name.replace(/\W+/g, '-')}.html`)
      const args = c.args()
      const r = await runCli(['report', ...args, ...(args.includes('--out') ? [] : ['--out', out])])
      expect(r.code, r.stderr).toBe(c.exit)
      expect(r.stdout).toBe('')
      const line = oneErrorLine(r.stderr, c.code)
      if (c.line) expect(line).toMatch(c.line)
      expect(line).not.toContain('s3cret-pw')
      expect(existsSync(out)).toBe(false)
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    })
  }
})
