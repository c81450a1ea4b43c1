/**
 * `tdg leak-check` on SQLite files made by hand (not by tdg): an email pasted into a kept `notes`
 * column is found elsewhere, a shuffled many-valued column is caught with its counts, a properly
 * masked copy passes — and no report ever prints a value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { runCli } from '../support/run-cli.js'

const env = { TDG_MASK_KEY: 'leak-check-test-key-0123456789' }
const SURNAMES = ['Okafor', 'Lindqvist', 'Marchetti', 'Hernández', 'Nakamura', 'Kowalczyk', 'Dubois', 'Papadopoulos', 'Fitzgerald', 'Van der Berg']

describe('tdg leak-check', () => {
  let dir: string
  let src: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-leak-'))
    src = join(dir, 'prod.db')
    const db = new Database(src)
    db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, notes TEXT);
             CREATE TABLE tickets (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), body TEXT NOT NULL);`)
    const ins = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?)')
    const tic = db.prepare('INSERT INTO tickets VALUES (?, ?, ?)')
    for (let i = 1; i <= 400; i++) {
      const last = `${SURNAMES[i % SURNAMES.length]}-${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26)}`
      const email = `client${i}.${SURNAMES[i % 10]!.toLowerCase().replace(/[^a-z]/g, '')}@mailbox-example.org`
      ins.run(i, ['Amara', 'Björn', 'Chiara', 'Dmitri', 'Eun-ji'][i % 5], last, email, i % 50 === 0 ? `asked to be reached at ${email.toUpperCase()} only` : 'prefers phone')
      tic.run(i, i, i % 40 === 0 ? `customer wrote from ${email}: refund please` : 'refund please')
    }
    db.close()
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const clone = async (name: string, rules: string) => {
    const file = join(dir, `${name}.yaml`)
    writeFileSync(file, rules)
    const to = join(dir, `${name}.db`)
    const r = await runCli(['clone', '--from', `sqlite:${src}`, '--to', `sqlite:${to}`, '--create-schema', '--rules', file, '--allow-unmapped', '-q'], { env })
    expect(r.code, r.stderr).toBe(0)
    return { to, rules: file }
  }
  const check = (to: string, rules: string) => runCli(['leak-check', '--from', `sqlite:${src}`, '--to', `sqlite:${to}`, '--rules', rules, '--json'], { env })

  it('a properly masked copy passes', async () => {
    const { to, rules } = await clone(
      'good',
      'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n      last_name: { mask: { fake: last-name } }\n      email: { mask: { fake: email } }\n      notes: { mask: redact }\n  tickets:\n    columns:\n      body: { mask: redact }\n',
    )
    const r = await check(to, rules)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const report = JSON.parse(r.stdout) as { survivors: number; columns: Array<{ column: string; matchedRows: number }> }
    expect(report.survivors).toBe(0)
    expect(report.columns.find((c) => c.column === 'email')!.matchedRows).toBe(400)
  })

  it('clone --verify fails with TDG_LEAK_FOUND after committing a copy that leaked, naming columns, never values', async () => {
    const file = join(dir, 'verify.yaml')
    writeFileSync(file, 'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n      last_name: { mask: { fake: last-name } }\n      email: { mask: { fake: email } }\n')
    const to = join(dir, 'verify.db')
    const r = await runCli(['clone', '--from', `sqlite:${src}`, '--to', `sqlite:${to}`, '--create-schema', '--rules', file, '--allow-unmapped', '--verify', '-q'], { env })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/TDG_LEAK_FOUND: --verify: \d+ original values survived in the target \(customers\.email, customers\.notes\); the copy is committed — fix the rules and clone again with --truncate/)
    expect(r.stdout + r.stderr).not.toMatch(/mailbox-example\.org/i)
    const copy = new Database(to, { readonly: true })
    expect((copy.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n).toBe(400)
    copy.close()
  })

  it('emails left in free text are found elsewhere (case-folded), in both tables', async () => {
    const { to, rules } = await clone(
      'notes-kept',
      'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n      last_name: { mask: { fake: last-name } }\n      email: { mask: { fake: email } }\n',
    )
    const r = await runCli(['leak-check', '--from', `sqlite:${src}`, '--to', `sqlite:${to}`, '--rules', rules], { env })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/TDG_LEAK_FOUND: .*customers\.email/)
    // 8 notes (every 50th customer) and 10 ticket bodies (every 40th) hold an original email.
    expect(r.stdout).toMatch(/customers\.email\s+email\s+fake\s+400\s+0\s+18\s+survived/)
    expect(r.stdout + r.stderr).not.toMatch(/mailbox-example\.org/i)
  })

  it('a shuffled many-valued column is caught by its counts', async () => {
    const { to, rules } = await clone(
      'shuffled',
      'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n      last_name: { mask: shuffle }\n      email: { mask: { fake: email } }\n      notes: { mask: redact }\n  tickets:\n    columns:\n      body: { mask: redact }\n',
    )
    const r = await check(to, rules)
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { columns: Array<{ column: string; verdict: string; multisetOverlap: number; equalInRow: number }> }
    const last = report.columns.find((c) => c.column === 'last_name')!
    expect(last.verdict).toBe('survived')
    expect(last.multisetOverlap).toBe(1)
    expect(last.equalInRow).toBeLessThan(40)
    expect(report.columns.find((c) => c.column === 'first_name')!.verdict).not.toBe('survived')
  })
})
