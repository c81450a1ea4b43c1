/**
 * Issue 9 §2 through the built CLI, on real SQLite files and a real PostgreSQL (which enforces every
 * CHECK and FK): each input that used to exit 0 with wrong or missing data is now refused before
 * anything is written (exit code, one `tdg: error CODE: …` line naming table.column or the CHECK, row
 * counts unchanged, no output directory), or planned by a visible choice (a note) whose rows the
 * database accepts. Needs `npm run build` first.
 */
import Database from 'better-sqlite3'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli, type CliResult } from '../support/run-cli.js'

const BAD = 'test/bad-input'
const dir = mkdtempSync(join(tmpdir(), 'tdg-silent-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Exit code and the one stderr line `tdg: error CODE: …` matching every pattern; nothing on stdout. */
function expectRefused(r: CliResult, code: string, exit: number, ...patterns: RegExp[]): void {
  expect(r.code, r.stderr).toBe(exit)
  const lines = r.stderr.trimEnd().split('\n')
  expect(lines, r.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(new RegExp(`^tdg: error ${code}: `))
  for (const p of patterns) expect(lines[0]).toMatch(p)
  expect(r.stdout).toBe('')
}

function file(name: string, text: string): string {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

function sqliteDb(name: string, ddl: string): string {
  const path = join(dir, name)
  const db = new Database(path)
  db.exec(ddl)
  db.close()
  return path
}

function sqliteRows(path: string, sql: string): Array<Record<string, unknown>> {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare(sql).all() as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}

const generate = (schema: string, out: string, ...args: string[]) => runCli(['generate', '--schema', schema, '--rows', '5', '--seed', '1', '--format', 'csv', '--output', out, ...args])

describe('refused before anything is written (files and SQLite)', () => {
  it('a NOT NULL column of a type tdg cannot generate: exit 4 naming table.column and the type', async () => {
    const out = join(dir, 'o-unknown')
    expectRefused(await generate(`${BAD}/silent-unknown-type-not-null.sql`, out, '--dialect', 'postgres'), 'TDG_PLAN_UNSATISFIABLE', 4, /public\.holder\.p is NOT NULL of type 'pair'/)
    expect(existsSync(out)).toBe(false)
  })

  it('a CHECK naming a missing column: exit 4 naming the CHECK', async () => {
    const out = join(dir, 'o-chk')
    expectRefused(await generate(`${BAD}/silent-check-unknown-column.sql`, out, '--dialect', 'postgres'), 'TDG_PLAN_UNSATISFIABLE', 4, /CHECK gauge_lvl on public\.gauge names column 'levl'/)
    expect(existsSync(out)).toBe(false)
  })

  it('SQLite REFERENCES nosuch: refused from a DDL file and from a live database, nothing written', async () => {
    const out = join(dir, 'o-fk')
    expectRefused(await generate(`${BAD}/silent-sqlite-fk-nowhere.sql`, out, '--dialect', 'sqlite'), 'TDG_PLAN_UNSATISFIABLE', 4, /foreign key child\(parent_id\) references nosuch/)
    expect(existsSync(out)).toBe(false)
    const db = sqliteDb('fk.db', 'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES nosuch (id));')
    expectRefused(await runCli(['seed', '--db', `sqlite:${db}`, '--rows', '5', '--seed', '1', '--quiet']), 'TDG_PLAN_UNSATISFIABLE', 4, /child\(parent_id\) references nosuch/)
    expect(sqliteRows(db, 'SELECT count(*) AS n FROM child')).toEqual([{ n: 0 }])
  })

  it('a nullable FK to a missing table: NULL with a note in files; SQLite itself refuses the insert (exit 5, rolled back)', async () => {
    const schema = file('fk-null.sql', 'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES nosuch (id), v TEXT);\n')
    const out = join(dir, 'o-fk-null')
    const g = await generate(schema, out, '--dialect', 'sqlite')
    expect(g.code, g.stderr).toBe(0)
    expect(g.stderr).toMatch(/tdg: note: foreign key child\(parent_id\) references nosuch, which is not in the schema: written NULL/)
    expect((await import('node:fs')).readFileSync(join(out, '001-child.csv'), 'utf8').split('\n').slice(1, 6).map((l) => l.split(',')[1])).toEqual(['', '', '', '', ''])
    const db = sqliteDb('fk-null.db', 'CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES nosuch (id), v TEXT);')
    const r = await runCli(['seed', '--db', `sqlite:${db}`, '--rows', '5', '--seed', '1', '--quiet'])
    expectRefused(r, 'TDG_WRITE_FAILED', 5, /no such table: main\.nosuch/)
    expect(sqliteRows(db, 'SELECT count(*) AS n FROM child')).toEqual([{ n: 0 }])
  })

  it('a comments-only or empty DDL file: exit 2 "no tables in FILE", for every dialect', async () => {
    for (const f of ['silent-comments-only.sql', 'silent-empty.sql'])
      for (const d of ['postgres', 'mysql', 'mssql', 'sqlite']) {
        const out = join(dir, `o-empty-${d}`)
        expectRefused(await generate(`${BAD}/${f}`, out, '--dialect', d), 'TDG_DDL_PARSE', 2, new RegExp(`no tables in ${BAD}/${f}$`))
        expect(existsSync(out)).toBe(false)
      }
  })

  it('unknown tables in --rows-per-table, --tables and a config file: exit 2 naming the table', async () => {
    const schema = file('two.sql', 'CREATE TABLE a (id integer PRIMARY KEY);\nCREATE TABLE b (id integer PRIMARY KEY);\n')
    const out = join(dir, 'o-rpt')
    expectRefused(await generate(schema, out, '--dialect', 'postgres', '--rows-per-table', 'nosuch=5'), 'TDG_TABLE_NOT_FOUND', 2, /rows per table: table 'nosuch' is not in the schema/)
    expectRefused(await generate(schema, out, '--dialect', 'postgres', '--tables', 'nosuch'), 'TDG_TABLE_NOT_FOUND', 2, /table 'nosuch' is not in the schema/)
    const config = file('tdg.config.json', JSON.stringify({ rowsPerTable: { nosuch: 5 } }))
    expectRefused(await generate(schema, out, '--dialect', 'postgres', '--config', config), 'TDG_TABLE_NOT_FOUND', 2, /'nosuch'/)
    expect(existsSync(out)).toBe(false)
  })

  it('rule values that break a CHECK, or lose precision: exit 2 at the rule file:line, naming the CHECK', async () => {
    const schema = `${BAD}/silent-rules/schema.sql`
    const cases: Array<[string, RegExp]> = [
      ['values-break-between.yaml', /values-break-between\.yaml:4: tables\.reading\.columns\.score\.values\[0\]: public\.reading\.score: 0 is not allowed by its CHECK reading_score_check/],
      ['weights-break-table-check.yaml', /:4: .*grade\.values\[1\]: public\.reading\.grade: 6 is not allowed by its CHECK reading_grade/],
      ['constant-break-check.yaml', /:5: .*score\.constant: public\.reading\.score: 100 is not allowed by its CHECK reading_score_check/],
      ['value-outside-disjunction.yaml', /:4: .*code\.values\[1\]: public\.reading\.code: 'C1' is not allowed by its CHECK reading_code_check/],
      ['bigint-out-of-range.yaml', /:4: .*big\.values\[0\]: public\.reading\.big: 9223372036854775808 is out of the range of bigint/],
      ['decimal-too-precise.yaml', /:4: .*amount\.constant: public\.reading\.amount: 1\.00000000001 has more than 10 decimal places/],
      ['range-beyond-double.yaml', /:4: .*big\.range\.max: .*cannot be drawn exactly/],
    ]
    for (const [rules, re] of cases) {
      const out = join(dir, `o-${rules}`)
      expectRefused(await generate(schema, out, '--dialect', 'postgres', '--rules', `${BAD}/silent-rules/${rules}`), 'TDG_RULES_INVALID', 2, re)
      expect(existsSync(out)).toBe(false)
    }
  })

  it('a key with a CHECK is capped with a note, on SQLite, and a used-up range writes nothing', async () => {
    const schema = file('keys-sqlite.sql', 'CREATE TABLE k (id smallint PRIMARY KEY CHECK (id BETWEEN 1 AND 3), name text);\n')
    const db = join(dir, 'keys.db')
    const r = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', schema, '--create', '--rows', '5', '--seed', '1'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/tdg: note: k: 5 rows requested, capped at 3: key id has only 3 values within its type and CHECKs/)
    expect(sqliteRows(db, 'SELECT id FROM k ORDER BY id').map((x) => x.id)).toEqual([1, 2, 3])
    const again = await runCli(['seed', '--db', `sqlite:${db}`, '--rows', '5', '--seed', '1'])
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/capped at 0: key id has no values left/)
    expect(sqliteRows(db, 'SELECT count(*) AS n FROM k')).toEqual([{ n: 3 }])
  })
})

describe.skipIf(!postgresAvailable())('PostgreSQL (enforces every CHECK)', () => {
  let db: FreshPostgres
  let client: pg.Client
  const query = async (sql: string) => (await client.query(sql)).rows as Array<Record<string, unknown>>
  const seed = (...args: string[]) => runCli(['seed', '--db', db.url, '--seed', '1', ...args])

  beforeAll(async () => {
    db = await freshPostgresDatabase()
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('disjunctions tdg understands are kept by the rows (PostgreSQL accepts 400 rows), with notes', async () => {
    const schema = file(
      'disj.sql',
      `CREATE TABLE dj (
        id integer PRIMARY KEY,
        a text CHECK (a IS NULL OR a LIKE '%a%' OR a LIKE '%b%'),
        b text NOT NULL CHECK (b IN ('x', 'y') OR b IN ('z')),
        c integer NOT NULL CHECK (c BETWEEN 1 AND 10 OR c BETWEEN 20 AND 30),
        d integer NOT NULL CHECK (d > 50),
        f integer CHECK (d < 10 OR f BETWEEN 5 AND 6),
        g varchar(5) CHECK (g IS NULL OR upper(g) = 'GC' OR upper(g) = 'SP')
      );\n`,
    )
    const r = await seed('--schema', schema, '--create', '--rows', '400')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/tdg: note: CHECK dj_f_check on public\.dj: a disjunction: values are generated by its branch 2 of 2 \(f >= 5 AND f <= 6\)|tdg: note: CHECK dj_check on public\.dj: a disjunction: values are generated by its branch 2 of 2/)
    const [row] = await query("SELECT count(*)::int AS n, count(a)::int AS a, count(*) FILTER (WHERE a NOT LIKE '%a%' AND a NOT LIKE '%b%')::int AS bad_a, count(DISTINCT b)::int AS b, min(c) AS cmin, max(c) AS cmax, min(f) AS fmin, max(f) AS fmax, count(DISTINCT g)::int AS g FROM dj")
    expect(row).toMatchObject({ n: 400, bad_a: 0, b: 3, cmin: 1, cmax: 10, fmin: 5, fmax: 6, g: 2 })
    expect(row!.a as number).toBeGreaterThan(300)
  })

  it('a disjunction tdg does not understand is refused (exit 4, naming the CHECK) unless a rule covers its column', async () => {
    const schema = `${BAD}/silent-disjunction-not-understood.sql`
    expectRefused(await seed('--schema', schema, '--create', '--rows', '20', '--quiet'), 'TDG_PLAN_UNSATISFIABLE', 4, /CHECK tag_label_check on public\.tag is a disjunction .*public\.tag\.label a rule/)
    expect(await query("SELECT to_regclass('public.tag') AS t")).toEqual([{ t: null }])
    const rules = file('tag.yaml', 'tables:\n  tag:\n    columns:\n      label: { values: [abc, xyz] }\n')
    const ok = await seed('--schema', schema, '--create', '--rows', '20', '--quiet', '--rules', rules)
    expect(ok.code, ok.stderr).toBe(0)
    expect(await query('SELECT count(*)::int AS n FROM tag')).toEqual([{ n: 20 }])
  })

  it('keys keep their CHECK: identity, smallint and IN-list keys capped with notes; the server accepts every row', async () => {
    const schema = file(
      'keys.sql',
      `CREATE TABLE k1 (id smallint PRIMARY KEY CHECK (id BETWEEN 1 AND 3), name text);
       CREATE TABLE k2 (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY CHECK (id >= 100 AND id < 103), v int);
       CREATE TABLE k3 (id serial PRIMARY KEY CHECK (id IN (7, 9)), v int);\n`,
    )
    const r = await seed('--schema', schema, '--create', '--rows', '5')
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/public\.k1: 5 rows requested, capped at 3/)
    expect(r.stderr).toMatch(/public\.k2: 5 rows requested, capped at 3/)
    expect(r.stderr).toMatch(/public\.k3: 5 rows requested, capped at 2/)
    expect(await query('SELECT (SELECT array_agg(id ORDER BY id) FROM k1) AS k1, (SELECT array_agg(id ORDER BY id) FROM k2) AS k2, (SELECT array_agg(id ORDER BY id) FROM k3) AS k3')).toEqual([
      { k1: [1, 2, 3], k2: [100, 101, 102], k3: [7, 9] },
    ])
    const again = await seed('--rows', '5', '--tables', 'k1')
    expect(again.code, again.stderr).toBe(0)
    expect(await query('SELECT count(*)::int AS n FROM k1')).toEqual([{ n: 3 }])
  })

  it('a NOT NULL column of a user-defined type is refused with nothing created; a rule or DEFAULT makes it work', async () => {
    const schema = `${BAD}/silent-unknown-type-not-null.sql`
    expectRefused(await seed('--schema', schema, '--create', '--rows', '5', '--quiet'), 'TDG_PLAN_UNSATISFIABLE', 4, /public\.holder\.p is NOT NULL of type 'pair'/)
    expect(await query("SELECT to_regclass('public.holder') AS t")).toEqual([{ t: null }])
    const rules = file('pair.yaml', "tables:\n  holder:\n    columns:\n      p: { constant: '(1,a)' }\n")
    const ok = await seed('--schema', schema, '--create', '--rows', '5', '--quiet', '--rules', rules)
    expect(ok.code, ok.stderr).toBe(0)
    expect(await query('SELECT count(*)::int AS n, count(DISTINCT p)::int AS d, min((p).b) AS b FROM holder')).toEqual([{ n: 5, d: 1, b: 'a' }])
  })

  it('exact bigint and numeric(38,10) rule values reach the database, CSV and JSON unrounded', async () => {
    const schema = file('exact.sql', 'CREATE TABLE ex (id integer PRIMARY KEY, big bigint NOT NULL, amount numeric(38,10) NOT NULL, c bigint NOT NULL);\n')
    const rules = file(
      'exact.yaml',
      'tables:\n  ex:\n    columns:\n      big: { values: ["9223372036854775807", -9223372036854775808] }\n      amount: { constant: 1234567890123456789012345678.0123456789 }\n      c: { constant: 9007199254740993 }\n',
    )
    const r = await seed('--schema', schema, '--create', '--rows', '20', '--quiet', '--rules', rules)
    expect(r.code, r.stderr).toBe(0)
    const rows = await query('SELECT DISTINCT big::text AS big, amount::text AS amount, c::text AS c FROM ex ORDER BY 1')
    expect(rows).toEqual([
      { big: '-9223372036854775808', amount: '1234567890123456789012345678.0123456789', c: '9007199254740993' },
      { big: '9223372036854775807', amount: '1234567890123456789012345678.0123456789', c: '9007199254740993' },
    ])
    for (const format of ['csv', 'json', 'sql']) {
      const out = join(dir, `o-exact-${format}`)
      const g = await runCli(['generate', '--schema', schema, '--dialect', 'postgres', '--rules', rules, '--rows', '20', '--seed', '1', '--format', format, '--output', out, '--quiet'])
      expect(g.code, g.stderr).toBe(0)
      const text = (await import('node:fs')).readFileSync(join(out, format === 'sql' ? '001-ex.sql' : `001-ex.${format}`), 'utf8')
      expect(text).toContain('9223372036854775807')
      expect(text).toContain('1234567890123456789012345678.0123456789')
      expect(text).toContain('9007199254740993')
      expect(text).not.toContain('9223372036854776000')
    }
  })

  it('seed --schema against live tables: a note when they match, exit 4 when their columns differ', async () => {
    await client.query('CREATE TABLE live_t (id integer PRIMARY KEY, a text, b text)')
    const same = file('live-same.sql', 'CREATE TABLE live_t (id integer PRIMARY KEY, a text, b text);\n')
    const differs = file('live-differs.sql', 'CREATE TABLE live_t (id integer PRIMARY KEY, a text, c text);\n')
    const bad = await seed('--schema', differs, '--rows', '5')
    expectRefused(bad, 'TDG_SCHEMA_MISMATCH', 4, /live-differs\.sql: table public\.live_t differs from the live one in .*: column c only in the file; column b only in the database/)
    expect(await query('SELECT count(*)::int AS n FROM live_t')).toEqual([{ n: 0 }])
    const ok = await seed('--schema', same, '--rows', '5')
    expect(ok.code, ok.stderr).toBe(0)
    expect(ok.stderr).toMatch(/tdg: note: the tables of .*live-same\.sql exist in .*: planning from the live tables/)
    expect(await query('SELECT count(*)::int AS n FROM live_t')).toEqual([{ n: 5 }])
  })
})

if (!postgresAvailable()) console.warn(`[no-silent-wrong-data] PostgreSQL cases skipped: ${postgresMissingReason()}`)
