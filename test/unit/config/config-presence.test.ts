/**
 * mayHaveConfig lets loadConfig skip cosmiconfig: it may say "maybe" too often, never "no" where cosmiconfig
 * finds a config. Each case is a project tree; cosmiconfig itself is the judge.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { cosmiconfig } from 'cosmiconfig'
import { describe, expect, it } from 'vitest'
import { mayHaveConfig } from '../../../src/config/config-presence.js'

function tree(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'tdg-presence-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(d, name)), { recursive: true })
    writeFileSync(join(d, name), text)
  }
  return d
}

const CASES: Array<[string, Record<string, string>, string, boolean]> = [
  ['a project without a config', { 'package.json': '{"name":"x"}', 'src/a.ts': '' }, 'src', false],
  ['package.json#tdg', { 'package.json': '{"name":"x","tdg":{"rows":5}}' }, '', true],
  ['.tdgrc in a subdirectory searched up from', { 'package.json': '{}', 'app/.tdgrc.yaml': 'rows: 5\n', 'app/deep/x': '' }, 'app/deep', true],
  ['.tdgrc above the project root is not read', { '.tdgrc.json': '{"rows":5}', 'p/package.json': '{}' }, 'p', false],
  ['.config/tdgrc.json', { 'package.json': '{}', '.config/tdgrc.json': '{"rows":5}' }, '', true],
  ['tdg.config.cjs', { 'package.json': '{}', 'tdg.config.cjs': 'module.exports = { rows: 5 }\n' }, '', true],
  ['.tdgrc without an extension', { 'package.json': '{}', '.tdgrc': 'rows: 5\n' }, '', true],
]

describe('mayHaveConfig', () => {
  for (const [name, files, sub, expected] of CASES) {
    it(`${name}: ${expected ? 'maybe' : 'no'}, and never no where cosmiconfig finds one`, async () => {
      const d = tree(files)
      const from = join(d, sub)
      mkdirSync(from, { recursive: true })
      const found = await cosmiconfig('tdg', { searchStrategy: 'project' }).search(from)
      expect(found !== null && !found.isEmpty).toBe(expected)
      expect(mayHaveConfig(from)).toBe(expected)
    })
  }

  it('a package.json that does not parse: maybe (cosmiconfig reports it)', () => {
    expect(mayHaveConfig(tree({ 'package.json': '{"name": ' }))).toBe(true)
  })
})
