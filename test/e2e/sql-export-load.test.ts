/**
 * Issue 3 acceptance: `tdg generate --format sql` writes INSERT scripts that the database's own client
 * loads into the same schema with 0 errors (`cat dir/*.sql | psql -v ON_ERROR_STOP=1`, `sqlite3 -bail`),
 * including the hard schema's deferred NOT NULL cycle and the fixups of its nullable one; row counts
 * match the manifest. Also: the CSV export loads with psql `\copy`.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { counts, pgState, psql, sqlite3 } from '../support/table-state.js'
import { expectPgConstraintsEnforced, expectSqliteConsistent, sqliteCounts } from '../support/seed-checks.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[sql-export-load] PostgreSQL cases skipped: ${postgresMissingReason()}`)
const dir = mkdtempSync(join(tmpdir(), 'tdg-sql-export-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Manifest {
  tables: Array<{ table: string; file: string; rows: number; columns: string[] }>
}

async function generate(schema: string, format: string, out: string, rows = '3000'): Promise<Manifest> {
  const r = await runCli(['generate', '--schema', schema, '--rows', rows, '--seed', '11', '--format', format, '--output', out, '--quiet'], { timeoutMs: 120_000 })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest
}

/**
 * `cat dir/*.sql | <client…>` through a shell, as the issue states it; throws with the client's stderr.
 * `first`: a statement sent before the files (the sqlite3 shell starts with foreign keys off).
 */
function pipeInto(out: string, client: string, first = ''): void {
  const r = spawnSync('sh', ['-c', `{ printf '%s\n' ${quoteSh(first)}; cat "${out}"/*.sql; } | ${client}`], { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (r.status !== 0 || /error/i.test(r.stderr)) throw new Error(`loading ${out} failed (${r.status}): ${r.stderr.slice(0, 2000)}`)
}

const quoteSh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

describe.skipIf(!pg)('PostgreSQL: cat *.sql | psql -v ON_ERROR_STOP=1', () => {
  const dbs: FreshPostgres[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })

  for (const name of ['hard', 'everything', 'hostile-names']) {
    it(`${name}.sql: loads with 0 errors, counts match the manifest`, async () => {
      const schema = `test/fixtures/postgres/${name}.sql`
      const out = join(dir, `pg-${name}`)
      const manifest = await generate(schema, 'sql', out)
      const db = await freshPostgresDatabase()
      dbs.push(db)
      psql(db.url, { file: schema })
      pipeInto(out, `psql ${quoteSh(db.url)} -X -q -v ON_ERROR_STOP=1`)
      const got = counts(await pgState(db.url))
      expect(got).toEqual(Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows])))
      expect(manifest.tables.some((t) => t.rows > 0)).toBe(true)
      await expectPgConstraintsEnforced(db.url)
      if (name === 'hard') {
        // The fixups ran (manager_id set after both tables of the nullable cycle were in).
        const set = psql(db.url, { sql: 'select count(*) from departments where manager_id is not null' }, ['-At'])
        expect(Number(set.trim())).toBeGreaterThan(2000)
        // The script moved the sequences: an application INSERT without an id works.
        psql(db.url, { sql: `insert into departments (name) values ('app dept'); insert into staff (email) values ('app@example.org');` })
      }
    })
  }

  it('CSV export loads with psql \\copy (header row, FK order)', async () => {
    const schema = 'test/fixtures/postgres/hostile-names.sql'
    const out = join(dir, 'pg-csv')
    const manifest = await generate(schema, 'csv', out)
    const db = await freshPostgresDatabase()
    dbs.push(db)
    psql(db.url, { file: schema })
    const q = (n: string) => `"${n.replace(/"/g, '""')}"`
    const script = manifest.tables
      .map((t) => {
        const [s, n] = [t.table.slice(0, t.table.indexOf('.')), t.table.slice(t.table.indexOf('.') + 1)]
        return `\\copy ${q(s)}.${q(n)} (${t.columns.map(q).join(', ')}) from ${quoteSh(join(out, t.file))} with (format csv, header true)`
      })
      .join('\n')
    psql(db.url, { sql: script })
    expect(counts(await pgState(db.url))).toEqual(Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows])))
  })
})

describe('SQLite: cat *.sql | sqlite3 -bail', () => {
  for (const name of ['hard', 'everything', 'hostile-names']) {
    it(`${name}.sql: loads with 0 errors, counts match, FK and integrity checks clean`, async () => {
      const schema = `test/fixtures/sqlite/${name}.sql`
      const out = join(dir, `sqlite-${name}`)
      const manifest = await generate(schema, 'sql', out)
      const file = join(dir, `${name}.db`)
      // The same schema without the fixture's own sample INSERT rows (everything.sql has one), which
      // would hold keys the export also uses: the export is for an empty schema.
      sqlite3(file, readFileSync(schema, 'utf8').replace(/^INSERT INTO .*$/gim, ''))
      // Foreign keys on, so SQLite itself enforces them while the script loads.
      pipeInto(out, `sqlite3 -bail ${quoteSh(file)}`, 'PRAGMA foreign_keys = ON;')
      const expected = Object.fromEntries(manifest.tables.map((t) => [t.table, t.rows]))
      expect(sqliteCounts(file, Object.keys(expected))).toEqual(expected)
      expectSqliteConsistent(file)
    })
  }
})
