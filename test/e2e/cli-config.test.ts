/** Config files as users write them: keys fill flags, flags win, `tdg config` shows the result without secrets. */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'

function project(config: Record<string, unknown>, name = '.tdgrc.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-cfg-'))
  writeFileSync(join(dir, name), JSON.stringify(config))
  return dir
}

describe('config files', () => {
  it('tdg config prints the resolved config with the password redacted', async () => {
    const dir = project({ $comment: 'docs', db: 'postgres://app:${TDG_TEST_PW}@localhost:5432/app', rows: 5 })
    const r = await runCli(['config'], { cwd: dir, env: { TDG_TEST_PW: 'hunter2-secret' } })
    expect(r.code, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ db: 'postgres://app:***@localhost:5432/app', rows: 5 })
    expect(r.stderr).toMatch(/config from .*\.tdgrc\.json/)
    expect(r.stdout + r.stderr).not.toContain('hunter2-secret')
  })

  it('rows, seed, format and output come from the config; flags override them', async () => {
    const dir = project({ schema: join(repoRoot, 'examples/shop.sql'), rows: 7, seed: 3, format: 'ndjson', output: 'out' })
    const r = await runCli(['generate', '--quiet'], { cwd: dir })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^seed: 3, now: \d{4}-\d{2}-\d{2}$/m)
    expect(readdirSync(join(dir, 'out'))).toContain('001-customers.ndjson')
    expect(readFileSync(join(dir, 'out', '001-customers.ndjson'), 'utf8').trim().split('\n')).toHaveLength(7)
    const o = await runCli(['generate', '--quiet', '--rows', '2', '--format', 'csv', '--output', 'out2'], { cwd: dir })
    expect(o.code, o.stderr).toBe(0)
    expect(readFileSync(join(dir, 'out2', '001-customers.csv'), 'utf8').trim().split('\n')).toHaveLength(3)
  })

  it('reads package.json#tdg and YAML, and rejects bad keys with file and key', async () => {
    const pkg = project({ name: 'app', tdg: { schema: join(repoRoot, 'examples/shop.sql'), rows: 1 } }, 'package.json')
    expect((await runCli(['plan'], { cwd: pkg })).stdout).toMatch(/customers: 1 rows/)
    const yaml = mkdtempSync(join(tmpdir(), 'tdg-cfg-'))
    writeFileSync(join(yaml, '.tdgrc.yml'), `schema: ${join(repoRoot, 'examples/shop.sql')}\nrows: two\n`)
    const bad = await runCli(['plan'], { cwd: yaml })
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim()).toMatch(/^tdg: error TDG_CONFIG_INVALID: .*\.tdgrc\.yml: 'rows' must be a number \(got string\)$/)
    const unknown = await runCli(['plan'], { cwd: project({ row: 5 }) })
    expect(unknown.stderr).toMatch(/unknown key 'row' \(known: db, schema, dialect, rules, rows,/)
  })
})
