import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/load-config.js'

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'tdg-config-'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text)
  return d
}

describe('loadConfig', () => {
  it('finds .tdgrc.yaml and fills ${ENV} placeholders', async () => {
    const d = dir({ '.tdgrc.yaml': 'db: postgres://app:${PW}@localhost/app\nschema: ./s.sql\n' })
    const r = await loadConfig({ cwd: d, env: { PW: 'pw' } })
    expect(r.config).toEqual({ db: 'postgres://app:pw@localhost/app', schema: './s.sql' })
    expect(r.file).toBe(join(d, '.tdgrc.yaml'))
  })

  it('reads package.json#tdg and returns {} when there is no config', async () => {
    expect((await loadConfig({ cwd: dir({ 'package.json': JSON.stringify({ name: 'x', tdg: { dialect: 'sqlite' } }) }) })).config).toEqual({ dialect: 'sqlite' })
    expect((await loadConfig({ cwd: dir({ 'package.json': '{"name":"x"}' }) })).config).toEqual({})
  })

  it.each([
    ['{"dbb": "x"}', /\.tdgrc\.json: unknown key 'dbb'/],
    ['{"db": 5}', /'db' must be a string/],
    ['[1, 2]', /the config must be an object/],
    ['{"db": "postgres://u:${MISSING_VAR}@h/d"}', /uses \$\{MISSING_VAR\}, which is not set/],
    ['{"db": ', /\.tdgrc\.json: /],
  ])('rejects %s with one clear line', async (text, message) => {
    const d = dir({ '.tdgrc.json': text })
    await expect(loadConfig({ cwd: d, env: {} })).rejects.toMatchObject({ code: 'TDG_CONFIG_INVALID', message: expect.stringMatching(message) })
  })
})
