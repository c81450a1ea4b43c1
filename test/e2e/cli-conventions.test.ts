/**
 * Issue 9 §5: the command line behaves as command lines do. `--version`/`-V`, `-q`, help with no
 * arguments, "unknown command", every usage error as one `tdg: error TDG_USAGE: …` line with exit 2,
 * `--schema -` from stdin, `--output -` as one stream (NDJSON, CSV sections, SQL that loads), `--json`
 * summaries, examples and exit codes in every help, replacing an earlier output directory whole, and a
 * broken JSON config named by file, line and reason.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/run-cli.js'
import { hasCommand } from '../support/table-state.js'

const tdg = `${repoRoot}bin/tdg.js`
const shop = join(repoRoot, 'examples/shop.sql')
const dir = mkdtempSync(join(tmpdir(), 'tdg-conventions-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** The built CLI with `args`, optional stdin text, in `cwd` (default: a scratch directory). */
function cli(args: string[], opts: { input?: string; cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [tdg, ...args], {
    cwd: opts.cwd ?? dir,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    maxBuffer: 1 << 28,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version

describe('version, help, commands', () => {
  it('--version and -V print the package version', () => {
    for (const flag of ['--version', '-V']) {
      const r = cli([flag])
      expect(r.code).toBe(0)
      expect(r.stdout).toBe(`${version}\n`)
      expect(r.stderr).toBe('')
    }
  })

  it('tdg with no arguments prints the help (commands, example, exit codes) and exits 0', () => {
    const r = cli([])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage: tdg /)
    for (const c of ['seed', 'generate', 'plan', 'introspect', 'config', 'check', 'scan-pii', 'clone', 'mask', 'leak-check', 'export']) expect(r.stdout).toContain(`  ${c} `)
    expect(r.stdout).toContain('Exit codes:')
    expect(r.stderr).toBe('')
  })

  it('every command help shows one example and the exit codes (130, 143 included)', () => {
    for (const c of ['seed', 'generate', 'plan', 'introspect', 'config', 'check', 'scan-pii', 'clone', 'mask', 'leak-check', 'export']) {
      const r = cli([c, '--help'])
      expect(r.code, c).toBe(0)
      const example = r.stdout.split('Example:\n')[1]?.split('\n')[0] ?? ''
      expect(example, c).toMatch(new RegExp(`^  tdg ${c} `))
      expect(r.stdout.match(/Example:/g), c).toHaveLength(1)
      for (const code of ['0 ', '2 ', '3 ', '4 ', '5 ', '70 ', '130 ', '141 ', '143 ']) expect(r.stdout, `${c} ${code}`).toContain(`\n  ${code}`)
    }
  })

  it('tdg bogus says "unknown command" in one line, exit 2', () => {
    const r = cli(['bogus'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^tdg: error TDG_USAGE: unknown command 'bogus' \(commands: [a-z, -]+; see tdg --help\)\n$/)
  })
})

describe('usage errors: one line, TDG_USAGE, exit 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['bad flag value', ['seed', '--db', 'sqlite:x.db', '--rows', 'abc'], /'abc' is not a whole number/],
    ['zero batch size', ['seed', '--db', 'sqlite:x.db', '--batch-size', '0'], /'0' is not a batch size \(at least 1\)/],
    ['negative batch size', ['generate', '--schema', shop, '--batch-size', '-5'], /'-5' is not a whole number/],
    ['fractional batch size', ['generate', '--schema', shop, '--batch-size', '2.5'], /'2.5' is not a whole number/],
    ['bad share', ['generate', '--schema', shop, '--null-rate', '2'], /'2' is not a share/],
    ['bad choice', ['generate', '--schema', shop, '--output', 'o', '--format', 'xml'], /Allowed choices are csv, json, ndjson, sql/],
    ['unknown option', ['seed', '--bogus'], /unknown option '--bogus'/],
    ['unknown option with a suggestion', ['generate', '--rowz', '3'], /unknown option '--rowz' \(Did you mean --rows\?\)/],
    ['missing option argument', ['seed', '--db'], /option '--db <url>' argument missing/],
    ['extra argument', ['seed', 'extra'], /too many arguments for 'seed'/],
    ['extra argument to plan', ['plan', '--schema', shop, 'x', 'y'], /too many arguments for 'plan'/],
    ['missing required flag', ['seed'], /seed needs --db/],
    ['json to a stream', ['generate', '--schema', shop, '--output', '-', '--format', 'json'], /json needs a directory/],
    ['two things on stdout', ['generate', '--schema', shop, '--output', '-', '--json'], /--json and --output - both write to stdout/],
  ]
  for (const [name, args, message] of cases) {
    it(name, () => {
      const r = cli(args)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stdout).toBe('')
      const lines = r.stderr.split('\n').filter(Boolean)
      expect(lines, r.stderr).toHaveLength(1)
      expect(lines[0]).toMatch(/^tdg: error TDG_USAGE: /)
      expect(lines[0]).toMatch(message)
    })
  }
})

describe('quiet and --json', () => {
  it('-q silences progress and notes; --json prints the seed summary as JSON on stdout', () => {
    const db = join(dir, 'json.db')
    const r = cli(['seed', '--db', `sqlite:${db}`, '--schema', shop, '--create', '--rows', '20', '--seed', '5', '-q', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toBe('')
    const s = JSON.parse(r.stdout) as { seed: number; seedGiven: boolean; rows: number; tables: Array<{ table: string; rows: number; ms: number }> }
    expect(s).toMatchObject({ seed: 5, seedGiven: true })
    const sqlite = new Database(db, { readonly: true })
    try {
      for (const t of s.tables) expect((sqlite.prepare(`select count(*) as n from "${t.table}"`).get() as { n: number }).n, t.table).toBe(t.rows)
    } finally {
      sqlite.close()
    }
    expect(s.rows).toBe(s.tables.reduce((n, t) => n + t.rows, 0))
  })

  it('--json on generate: the summary as JSON, the files written', () => {
    const r = cli(['generate', '--schema', shop, '--rows', '7', '--seed', '1', '--output', 'json-out', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const s = JSON.parse(r.stdout) as { rows: number; tables: Array<{ table: string; rows: number }> }
    expect(s.tables.map((t) => t.table)).toContain('customers')
    const manifest = JSON.parse(readFileSync(join(dir, 'json-out', 'manifest.json'), 'utf8')) as { tables: Array<{ table: string; rows: number }> }
    expect(manifest.tables.map((t) => [t.table, t.rows])).toEqual(s.tables.map((t) => [t.table, t.rows]))
  })
})

describe('--schema - and --output -', () => {
  const ddl = readFileSync(shop, 'utf8')

  it('--schema - reads the DDL from stdin: the same rows as from the file', () => {
    const fromStdin = cli(['generate', '--schema', '-', '--dialect', 'sqlite', '--rows', '5', '--seed', '3', '--output', '-', '--format', 'ndjson', '-q'], { input: ddl })
    const fromFile = cli(['generate', '--schema', shop, '--dialect', 'sqlite', '--rows', '5', '--seed', '3', '--output', '-', '--format', 'ndjson', '-q'])
    expect(fromStdin.code, fromStdin.stderr).toBe(0)
    expect(fromStdin.stdout).toBe(fromFile.stdout)
    expect(fromStdin.stdout.length).toBeGreaterThan(100)
  })

  it('seed --schema - --create reads stdin once and creates the tables', () => {
    const db = join(dir, 'stdin.db')
    const r = cli(['seed', '--db', `sqlite:${db}`, '--schema', '-', '--create', '--rows', '4', '--seed', '1', '-q'], { input: ddl })
    expect(r.code, r.stderr).toBe(0)
    const sqlite = new Database(db, { readonly: true })
    try {
      expect((sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n).toBe(4)
    } finally {
      sqlite.close()
    }
  })

  it('--output - --format ndjson: one {"table","row"} line per row, in FK order, summary on stderr; no directory "-"', () => {
    const r = cli(['generate', '--schema', shop, '--rows', '6', '--seed', '2', '--output', '-', '--format', 'ndjson'])
    expect(r.code, r.stderr).toBe(0)
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> })
    const tables = [...new Set(lines.map((l) => l.table))]
    expect(tables[0]).toBe('customers')
    for (const t of tables) expect(lines.filter((l) => l.table === t)).toHaveLength(6)
    expect(lines[0]!.row).toHaveProperty('email')
    expect(r.stderr).toMatch(/^total +\d+/m)
    expect(existsSync(join(dir, '-'))).toBe(false)
  })

  it('--output - --format csv: one section per table with a leading table column, sections split by an empty line', () => {
    const r = cli(['generate', '--schema', shop, '--rows', '3', '--seed', '2', '--output', '-', '--format', 'csv', '-q'])
    expect(r.code, r.stderr).toBe(0)
    const sections = r.stdout.trimEnd().split('\n\n')
    expect(sections.length).toBeGreaterThanOrEqual(4)
    for (const s of sections) {
      const [header, ...rows] = s.split('\n')
      expect(header).toMatch(/^table,/)
      const name = rows[0]!.split(',')[0]
      expect(rows.every((row) => row.startsWith(`${name},`))).toBe(true)
    }
  })

  it.skipIf(!hasCommand('sqlite3'))('--output - --format sql | sqlite3 loads every row', () => {
    const db = join(dir, 'piped.db')
    const create = spawnSync('sqlite3', ['-bail', db], { input: ddl, encoding: 'utf8' })
    expect(create.status, create.stderr).toBe(0)
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${tdg} generate --schema ${shop} --rows 25 --seed 4 --output - --format sql -q | sqlite3 -bail ${db}`], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const sqlite = new Database(db, { readonly: true })
    try {
      expect((sqlite.prepare('select count(*) as n from orders').get() as { n: number }).n).toBe(25)
      expect(sqlite.prepare('pragma foreign_key_check').all()).toEqual([])
    } finally {
      sqlite.close()
    }
  })
})

describe('generate into an existing directory', () => {
  it('an earlier tdg output is replaced whole: no stale file survives', () => {
    const work = mkdtempSync(join(dir, 'replace-'))
    expect(cli(['generate', '--schema', shop, '--rows', '3', '--format', 'ndjson', '--output', 'out', '-q'], { cwd: work }).code).toBe(0)
    writeFileSync(join(work, 'out', 'stale.txt'), 'old')
    const r = cli(['generate', '--schema', shop, '--rows', '3', '--format', 'csv', '--output', 'out', '-q'], { cwd: work })
    expect(r.code, r.stderr).toBe(0)
    const files = readdirSync(join(work, 'out'))
    expect(files).toContain('manifest.json')
    expect(files.filter((f) => !f.endsWith('.csv') && f !== 'manifest.json')).toEqual([])
    expect(readdirSync(work)).toEqual(['out'])
  })

  it('a directory of other files is refused without --force (exit 2, untouched) and replaced with it', () => {
    const work = mkdtempSync(join(dir, 'force-'))
    mkdirSync(join(work, 'mine'))
    writeFileSync(join(work, 'mine', 'notes.txt'), 'keep')
    const r = cli(['generate', '--schema', shop, '--rows', '3', '--output', 'mine', '-q'], { cwd: work })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^tdg: error TDG_USAGE: mine: .*not tdg output.*--force to replace it\n$/)
    expect(readdirSync(join(work, 'mine'))).toEqual(['notes.txt'])
    const f = cli(['generate', '--schema', shop, '--rows', '3', '--output', 'mine', '--force', '-q'], { cwd: work })
    expect(f.code, f.stderr).toBe(0)
    expect(readdirSync(join(work, 'mine'))).not.toContain('notes.txt')
    expect(readdirSync(work)).toEqual(['mine'])
  })
})

describe('config files', () => {
  it('a broken JSON config names the file, the line and the reason in one line', () => {
    const work = mkdtempSync(join(dir, 'cfg-'))
    writeFileSync(join(work, '.tdgrc.json'), '{\n  "rows": 10,\n  "seed": 1,,\n  "format": "csv"\n}\n')
    const r = cli(['config'], { cwd: work })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^tdg: error TDG_CONFIG_INVALID: \S*\.tdgrc\.json:3:13: Expected double-quoted property name\n$/)
  })
})
