/**
 * `tdg mask` in place on a SQLite file in rollback-journal mode: the snapshot it reads from sits on a
 * second connection, whose SHARED lock would keep the masking transaction from committing; the run
 * switches the file to WAL for its duration (saying so) and back after. Masked column changed on every
 * row, every other column as it was, the journal mode restored and no -wal file left; a run that fails
 * restores the mode too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { runCli } from '../support/run-cli.js'

const KEY = 'mask-sqlite-key-0123456789abcdef'

describe('tdg mask in place on SQLite (rollback journal)', () => {
  let dir: string
  let db: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-mask-sqlite-'))
    db = join(dir, 'shop.db')
    const seed = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', 'examples/shop.sql', '--create', '--rows', '300', '--seed', '3', '-q'])
    expect(seed.code, seed.stderr).toBe(0)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const rows = () => {
    const d = new Database(db, { readonly: true })
    try {
      return { rows: d.prepare('SELECT id, first_name, last_name, email FROM customers ORDER BY id').all() as Array<Record<string, unknown>>, mode: String(d.pragma('journal_mode', { simple: true })) }
    } finally {
      d.close()
    }
  }

  it('masks every row, leaves the rest, says it used WAL and puts the journal mode back', async () => {
    const before = rows()
    expect(before.mode).toBe('delete')
    const rules = join(dir, 'masking.yaml')
    writeFileSync(rules, 'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n')
    const r = await runCli(['mask', '--db', `sqlite:${db}`, '--rules', rules, '--yes', '--allow-unmapped'], { env: { TDG_MASK_KEY: KEY } })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/note: SQLite: journal_mode switched from delete to WAL for this run/)
    const after = rows()
    expect(after.mode).toBe('delete')
    expect(existsSync(`${db}-wal`)).toBe(false)
    expect(after.rows).toHaveLength(before.rows.length)
    const changed = after.rows.filter((a, i) => a.first_name !== before.rows[i]!.first_name).length
    // A keyed fake name can land on the original by chance; nearly every row differs.
    expect(changed).toBeGreaterThan(before.rows.length * 0.95)
    expect(after.rows.map(({ id, last_name, email }) => ({ id, last_name, email }))).toEqual(before.rows.map(({ id, last_name, email }) => ({ id, last_name, email })))
  })

  it('a run that fails mid-write (a trigger raising) rolls back and still puts the journal mode back', async () => {
    const d = new Database(db)
    d.exec("CREATE TRIGGER boom BEFORE UPDATE ON customers BEGIN SELECT RAISE(ABORT, 'boom'); END")
    d.close()
    const before = rows()
    const rules = join(dir, 'masking.yaml')
    const r = await runCli(['mask', '--db', `sqlite:${db}`, '--rules', rules, '--yes', '--allow-unmapped'], { env: { TDG_MASK_KEY: KEY } })
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/note: SQLite: journal_mode switched/)
    expect(r.stderr).toMatch(/TDG_WRITE_FAILED/)
    expect(rows()).toEqual(before)
    expect(existsSync(`${db}-wal`)).toBe(false)
  })
})
