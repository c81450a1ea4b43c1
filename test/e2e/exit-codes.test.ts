/**
 * The README's exit-code rule for missing things: a file the user names as input (DDL, rules, config)
 * that does not exist or cannot be read is bad input, exit 2; a database that cannot be opened — a
 * SQLite file that does not exist, without --create — is exit 3. Each prints exactly one line.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-exit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const out = join(dir, 'out')
const missing = (name: string) => join(dir, name)

const cases: Array<{ name: string; args: string[]; exit: number; line: string }> = [
  { name: 'missing schema file', args: ['generate', '--schema', missing('nope.sql'), '--rows', '1', '--output', out], exit: 2, line: `tdg: error TDG_FILE_READ: ${missing('nope.sql')}: no such file` },
  { name: 'schema path is a directory', args: ['generate', '--schema', dir, '--rows', '1', '--output', out], exit: 2, line: `tdg: error TDG_FILE_READ: ${dir}: is a directory` },
  { name: 'missing rules file', args: ['generate', '--schema', 'examples/shop.sql', '--rules', missing('nope.yaml'), '--rows', '1', '--output', out], exit: 2, line: `tdg: error TDG_FILE_READ: ${missing('nope.yaml')}: no such file` },
  { name: 'missing config file', args: ['generate', '--config', missing('nope.json'), '--schema', 'examples/shop.sql', '--rows', '1', '--output', out], exit: 2, line: `tdg: error TDG_FILE_READ: ${missing('nope.json')}: no such file` },
  { name: 'missing SQLite database (seed without --create)', args: ['seed', '--db', `sqlite:${missing('nope.db')}`, '--rows', '1'], exit: 3, line: `tdg: error TDG_CONNECT_FAILED: sqlite:${missing('nope.db')} does not exist; pass --create (API: create: true) to create it` },
  { name: 'missing SQLite database (introspect)', args: ['introspect', '--db', `sqlite:${missing('nope.db')}`], exit: 3, line: `tdg: error TDG_CONNECT_FAILED: cannot open sqlite:${missing('nope.db')}: no such file` },
]

describe('exit codes for missing inputs', () => {
  for (const c of cases) {
    it(`${c.name}: exit ${c.exit}, one line`, async () => {
      const r = await runCli(c.args)
      expect(r.code, r.stderr).toBe(c.exit)
      const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('tdg: error'))
      expect(lines).toHaveLength(1)
      expect(r.stderr.trim().split('\n').filter((l) => !l.startsWith('tdg: dialect:'))).toHaveLength(1)
      if (c.line.endsWith(': ')) expect(lines[0]!.startsWith(c.line), lines[0]).toBe(true)
      else expect(lines[0]).toBe(c.line)
      expect(existsSync(out)).toBe(false)
      expect(existsSync(missing('nope.db'))).toBe(false)
    })
  }
})
