/**
 * Issue 9 §4: Ctrl-C, SIGTERM and a closed stdout, as a user meets them. Ctrl-C goes through a real
 * pseudo-terminal (test/support/pty-run.py: the terminal driver turns "\x03" into SIGINT for the
 * foreground process group, exactly as at a keyboard), mid-COPY on PostgreSQL and mid-INSERT on SQLite;
 * the target must be exactly as before (row counts and checksums), the one line
 * `tdg: interrupted, rolled back` printed, and the exit status 130 (SIGINT) / 143 (SIGTERM).
 * A terminal of width 0 gets plain progress lines, finishes, and still answers Ctrl-C.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  execMysql,
  freshMysqlDatabase,
  freshPostgresDatabase,
  mariadbCliArgs,
  mysqlAvailable,
  mysqlMissingReason,
  postgresAvailable,
  postgresMissingReason,
  type FreshMysql,
  type FreshPostgres,
} from '../support/databases.js'
import { repoRoot, runCli } from '../support/run-cli.js'
import { pgState, psql, sqliteState } from '../support/table-state.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[signals] PostgreSQL cases skipped: ${postgresMissingReason()}`)
const my = mysqlAvailable()
if (!my) console.warn(`[signals] MariaDB cases skipped: ${mysqlMissingReason()}`)

const tdg = `${repoRoot}bin/tdg.js`
const dir = mkdtempSync(join(tmpdir(), 'tdg-signals-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const LINE = 'tdg: interrupted, rolled back'

interface PtyResult {
  status: number
  output: string
  sent: boolean
  bytes: number
}

/** Run the CLI in a pty of `cols` columns; when its output matches `when`, type Ctrl-C. */
function inPty(args: string[], opts: { cols?: number; when?: string; env?: NodeJS.ProcessEnv; cwd?: string; timeoutS?: number } = {}): Promise<PtyResult> {
  const py = [`${repoRoot}test/support/pty-run.py`, '--cols', String(opts.cols ?? 100), '--timeout', String(opts.timeoutS ?? 120)]
  if (opts.when) py.push('--when', opts.when)
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [...py, '--', process.execPath, tdg, ...args], {
      cwd: opts.cwd ?? repoRoot,
      env: { ...process.env, FORCE_COLOR: '0', CI: '', ...opts.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', () => {
      try {
        resolve(JSON.parse(out) as PtyResult)
      } catch (e) {
        reject(new Error(`pty-run gave no result: ${out.slice(0, 500)} (${String(e)})`))
      }
    })
  })
}

/**
 * Terminal output with cursor-to-column-1 (ora's redraw) read as a carriage return and every other
 * control sequence (erase line, cursor show/hide, synchronized output) dropped.
 */
function plainTerminal(output: string): string {
  return output.replace(/\x1b\[1?G/g, '\r').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
}

/** The lines a terminal shows (carriage-return redraws collapsed to their last state). */
function screenLines(output: string): string[] {
  return plainTerminal(output)
    .split(/\r?\n/)
    .map((l) => l.split('\r').filter((p) => p !== '').pop() ?? '')
    .map((l) => l.replace(/^\^C/, ''))
    .filter((l) => l.trim() !== '')
}

/** Asserts the end of an interrupted run: the one line, last, exactly once, and no error line. */
function expectInterrupted(r: PtyResult, status = 130): void {
  expect(r.sent, r.output).toBe(true)
  expect(r.status, r.output).toBe(status)
  const lines = screenLines(r.output)
  expect(lines.filter((l) => l.includes(LINE)), r.output).toEqual([LINE])
  expect(lines[lines.length - 1]).toBe(LINE)
  expect(r.output).not.toMatch(/tdg: error|internal error|at .*\.js:\d+/)
}

const NARROW = 'CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL, s TEXT NOT NULL);\n'

/** A SQLite file with table t holding `rows` rows written by tdg. */
async function sqliteWith(name: string, rows: number): Promise<string> {
  const schema = join(dir, 'narrow.sql')
  writeFileSync(schema, NARROW)
  const file = join(dir, name)
  const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', schema, '--create', '--rows', String(rows), '--seed', '1', '-q'])
  expect(r.code, r.stderr).toBe(0)
  return file
}

describe('SQLite', () => {
  for (const truncate of [false, true]) {
    it(`Ctrl-C in a terminal mid-insert${truncate ? ' (with --truncate)' : ''}: one line, exit 130, the file exactly as before`, async () => {
      const file = await sqliteWith(`ctrl-c-${truncate}.db`, 1000)
      const before = sqliteState(file)
      expect(before.t?.rows).toBe(1000)
      // Ctrl-C once at least 200,000 of 3,000,000 rows have gone in.
      const r = await inPty(['seed', '--db', `sqlite:${file}`, '--rows', '3000000', '--seed', '2', ...(truncate ? ['--truncate'] : [])], {
        when: '[2-9]\\d\\d,\\d{3} / 3,000,000 rows',
      })
      expectInterrupted(r)
      expect(sqliteState(file)).toEqual(before)
    })
  }

  it('SIGTERM (process.kill) without a terminal: exit 143, the line on stderr, nothing written', async () => {
    const file = await sqliteWith('sigterm.db', 500)
    const before = sqliteState(file)
    const child = spawn(process.execPath, [tdg, 'seed', '--db', `sqlite:${file}`, '--rows', '3000000', '--seed', '3'], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: '0', TDG_PROGRESS_INTERVAL_MS: '200' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      if (/ rows \(\d+ %\)/.test(stderr) && !child.killed) child.kill('SIGTERM')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
    expect(code, stderr).toBe(143)
    const lines = stderr.trim().split('\n')
    expect(lines[lines.length - 1]).toBe(LINE)
    expect(lines.filter((l) => l.startsWith('tdg:'))).toEqual([LINE])
    expect(stdout).toBe('')
    expect(sqliteState(file)).toEqual(before)
  })

  it('SIGINT before anything is written (still reading the schema from stdin): exit 130, the one line, no output', async () => {
    const work = mkdtempSync(join(dir, 'early-'))
    const child = spawn(process.execPath, [tdg, 'generate', '--schema', '-', '--rows', '10', '--output', 'out'], { cwd: work, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdin.write('CREATE TABLE t (id INTEGER PRIMARY KEY);\n') // and stdin stays open: tdg waits for the rest
    setTimeout(() => child.kill('SIGINT'), 4000) // after start-up (imports) on a busy machine
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(130)
    expect(stderr).toBe(`${LINE}\n`)
    expect(readdirSync(work)).toEqual([])
  })

  it('a second SIGINT while the first is still being handled exits at once: 130, still one line', async () => {
    const work = mkdtempSync(join(dir, 'twice-'))
    const child = spawn(process.execPath, [tdg, 'generate', '--schema', '-', '--rows', '10', '--output', 'out'], { cwd: work, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    let firstAt = 0
    setTimeout(() => {
      child.kill('SIGINT')
      firstAt = Date.now()
      setTimeout(() => child.kill('SIGINT'), 300)
    }, 4000)
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(130)
    expect(stderr).toBe(`${LINE}\n`)
    // Well before the 3 s grace period the first signal alone would have waited.
    expect(Date.now() - firstAt).toBeLessThan(2500)
    expect(readdirSync(work)).toEqual([])
  })

  it('Ctrl-C in a command with nothing to undo (introspect of stdin) ends it at once: exit 130', async () => {
    const child = spawn(process.execPath, [tdg, 'introspect', '--schema', '-'], { cwd: dir, env: { ...process.env, FORCE_COLOR: '0' }, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    setTimeout(() => child.kill('SIGINT'), 4000) // after start-up (imports) on a busy machine
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(130)
    expect(stderr).toBe('tdg: interrupted\n')
  })

  it('a terminal of width 0: plain progress lines (no cursor codes), the run finishes', async () => {
    const file = await sqliteWith('width0.db', 0)
    const r = await inPty(['seed', '--db', `sqlite:${file}`, '--rows', '1000000', '--seed', '4'], { cols: 0, env: { TDG_PROGRESS_INTERVAL_MS: '200' }, timeoutS: 90 })
    expect(r.status, r.output).toBe(0)
    expect(r.output).not.toContain('\x1b[')
    expect(r.bytes).toBeLessThan(20_000)
    expect(r.output).toMatch(/t: 1,000,000 rows in [\d.]+ s/)
    expect(sqliteState(file).t?.rows).toBe(1_000_000)
  })

  it('a terminal of width 0 answers Ctrl-C: exit 130, nothing written', async () => {
    const file = await sqliteWith('width0-ctrl-c.db', 10)
    const before = sqliteState(file)
    const r = await inPty(['seed', '--db', `sqlite:${file}`, '--rows', '3000000', '--seed', '5'], {
      cols: 0,
      env: { TDG_PROGRESS_INTERVAL_MS: '200' },
      when: 'rows \\(\\d+ %\\)',
    })
    expectInterrupted(r)
    expect(r.output).not.toContain('\x1b[')
    expect(sqliteState(file)).toEqual(before)
  })

  it('a live terminal shows one redrawn line per table, cut to its width, and a ✔ line when done', async () => {
    const file = await sqliteWith('live.db', 0)
    const r = await inPty(['seed', '--db', `sqlite:${file}`, '--rows', '400000', '--seed', '6'], { cols: 40 })
    expect(r.status, r.output).toBe(0)
    // The redrawn frames (spinner first) never wrap; the ✔ line is permanent and may.
    const frames = plainTerminal(r.output)
      .split(/[\r\n]/)
      .filter((f) => /^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /.test(f))
    expect(frames.length).toBeGreaterThan(1)
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(39)
    expect(screenLines(r.output).some((l) => /^✔ t: 400,000 rows in [\d.]+ s, [\d,]+ rows\/s$/.test(l)), r.output).toBe(true)
  })

  it('without a terminal, a long table prints a line at least every interval (rows, rows/s, ETA)', async () => {
    const file = await sqliteWith('plain.db', 0)
    const child = spawn(process.execPath, [tdg, 'seed', '--db', `sqlite:${file}`, '--rows', '3000000', '--seed', '7'], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: '0', TDG_PROGRESS_INTERVAL_MS: '300' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const stamps: number[] = []
    let stderr = ''
    const started = Date.now()
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
      for (const _ of d.toString().matchAll(/rows \(\d+ %\)/g)) stamps.push(Date.now() - started)
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(code, stderr).toBe(0)
    const progress = stderr.split('\n').filter((l) => l.includes(' %)'))
    expect(progress.length).toBeGreaterThanOrEqual(3)
    for (const l of progress) expect(l).toMatch(/^t: [\d,]+ \/ 3,000,000 rows \(\d+ %\), [\d,]+ rows\/s, ETA (\d+ (s|min|h) ?)+$/)
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]!)
    expect(Math.max(...gaps)).toBeLessThan(1500)
  })
})

describe('files', () => {
  it('Ctrl-C during generate into an earlier output: exit 130, the earlier files untouched, no temp directory', async () => {
    const schema = join(dir, 'narrow.sql')
    writeFileSync(schema, NARROW)
    const work = mkdtempSync(join(dir, 'gen-'))
    const first = await runCli(['generate', '--schema', schema, '--rows', '100', '--seed', '1', '--output', 'out', '-q'], { cwd: work })
    expect(first.code, first.stderr).toBe(0)
    const snapshot = () => Object.fromEntries(readdirSync(join(work, 'out')).map((f) => [f, readFileSync(join(work, 'out', f), 'utf8')]))
    const before = snapshot()
    const r = await inPty(['generate', '--schema', schema, '--rows', '3000000', '--seed', '2', '--output', 'out'], { cwd: work, when: '[1-9]\\d\\d,\\d{3} / 3,000,000 rows' })
    expectInterrupted(r)
    expect(readdirSync(work)).toEqual(['out'])
    expect(snapshot()).toEqual(before)
  })

  it('`| head -1` on --output -: one row, no error, exit 141, no temp directory', () => {
    const schema = join(dir, 'narrow.sql')
    writeFileSync(schema, NARROW)
    const work = mkdtempSync(join(dir, 'pipe-'))
    const r = spawnSync('bash', ['-c', `node ${tdg} generate --schema ${schema} --rows 2000000 --seed 1 --output - --format ndjson | head -1; echo "status \${PIPESTATUS[0]}" >&2`], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    })
    expect(r.stdout.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ table: 'public.t', row: { id: 1 } })
    // The dialect note comes first; then only the status: no error line, no stack.
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('tdg: dialect'))).toEqual(['status 141'])
    expect(readdirSync(work)).toEqual([])
  })

  it('stdout closed before the summary of a directory run: exit 141, quiet, the output complete', () => {
    const schema = join(dir, 'narrow.sql')
    writeFileSync(schema, NARROW)
    const work = mkdtempSync(join(dir, 'pipe-dir-'))
    const r = spawnSync('bash', ['-c', `node ${tdg} generate --schema ${schema} --rows 20000 --seed 1 --output out -q | head -c 0; echo "status \${PIPESTATUS[0]}" >&2`], {
      cwd: work,
      encoding: 'utf8',
    })
    // head -c 0 exits at once, long before the summary is written: the write meets a closed pipe.
    expect(r.stderr).toBe('status 141\n')
    expect(readdirSync(work)).toEqual(['out'])
    expect(readdirSync(join(work, 'out')).sort()).toEqual(['001-t.csv', 'manifest.json'])
  })
})

describe.skipIf(!pg)('PostgreSQL', () => {
  const dbs: FreshPostgres[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })

  for (const truncate of [false, true]) {
    it(`Ctrl-C in a terminal mid-COPY of 1,000,000 rows${truncate ? ' (with --truncate)' : ''}: one line, exit 130, tables exactly as before`, async () => {
      const db = await freshPostgresDatabase()
      dbs.push(db)
      psql(db.url, {
        sql: `create table parent (id int primary key, name text not null);
              create table child (id bigint generated by default as identity primary key, parent_id int not null references parent, v int not null, s text);
              insert into parent values (1, 'pre'), (2, 'pre 2');
              insert into child (parent_id, v, s) values (1, 1, 'a'), (2, 2, null);`,
      })
      const before = await pgState(db.url)
      const r = await inPty(['seed', '--db', db.url, '--rows', '1000000', '--rows-per-table', 'parent=1000', '--seed', '8', ...(truncate ? ['--truncate'] : [])], {
        when: 'child: [1-9]\\d\\d,\\d{3} / 1,000,000 rows',
      })
      expectInterrupted(r)
      expect(await pgState(db.url)).toEqual(before)
    })
  }
})

describe.skipIf(!my)('MariaDB', () => {
  const dbs: FreshMysql[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })

  /** Row count and an order-independent checksum of every row, computed by the server. */
  function state(url: string): string {
    const sql = `SELECT (SELECT CONCAT(COUNT(*), ':', COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', id, name))), 0)) FROM parent),
                        (SELECT CONCAT(COUNT(*), ':', COALESCE(BIT_XOR(CRC32(CONCAT_WS('|', id, parent_id, v, COALESCE(s, '<null>')))), 0)) FROM child)`
    const r = spawnSync('mariadb', [...mariadbCliArgs(url), '-N', '-B', '-e', sql], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    return r.stdout.trim()
  }

  for (const truncate of [false, true]) {
    it(`Ctrl-C in a terminal mid LOAD DATA${truncate ? ' (with --truncate)' : ''}: one line, exit 130, tables exactly as before`, async () => {
      const db = await freshMysqlDatabase()
      dbs.push(db)
      await execMysql(
        db.url,
        `create table parent (id int primary key, name varchar(40) not null) engine=InnoDB;
         create table child (id bigint auto_increment primary key, parent_id int not null, v int not null, s varchar(40), foreign key (parent_id) references parent (id)) engine=InnoDB;
         insert into parent values (1, 'pre'), (2, 'pre 2');
         insert into child (parent_id, v, s) values (1, 1, 'a'), (2, 2, null);`,
      )
      const before = state(db.url)
      expect(before).toMatch(/^2:\d+\t2:\d+$/)
      const r = await inPty(['seed', '--db', db.url, '--rows', '1000000', '--rows-per-table', 'parent=1000', '--seed', '9', ...(truncate ? ['--truncate'] : [])], {
        when: 'child: [1-9]\\d\\d,\\d{3} / 1,000,000 rows',
      })
      expectInterrupted(r)
      expect(state(db.url)).toBe(before)
    })
  }
})
