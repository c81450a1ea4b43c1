/** A failed `seed --create` leaves nothing behind: no half-filled tables and no new database file. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-create-'))
const ddl = join(dir, 'schema.sql')
writeFileSync(ddl, `CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);
CREATE TABLE child (id INTEGER PRIMARY KEY AUTOINCREMENT, parent_id INTEGER NOT NULL REFERENCES parent (id));
CREATE TRIGGER child_fails BEFORE INSERT ON child BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
`)

describe('seed --create rolls back whole', () => {
  it('a new database file is removed when the run fails', async () => {
    const db = join(dir, 'new.db')
    const r = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', ddl, '--create', '--rows', '50', '--quiet'])
    expect(r.code).toBe(5)
    expect(r.stderr.trim()).toBe('tdg: error TDG_WRITE_FAILED: insert into child failed: injected failure')
    expect(existsSync(db)).toBe(false)
  })

  it('an existing database file keeps exactly what it had (the DDL rolls back too)', async () => {
    const db = join(dir, 'existing.db')
    execFileSync('sqlite3', [db, 'CREATE TABLE keep (x INTEGER); INSERT INTO keep VALUES (1), (2);'])
    const r = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', ddl, '--create', '--rows', '50', '--quiet'])
    expect(r.code).toBe(5)
    expect(execFileSync('sqlite3', [db, "SELECT group_concat(name) FROM sqlite_schema; SELECT count(*) FROM keep;"], { encoding: 'utf8' })).toBe('keep\n2\n')
  })
})
