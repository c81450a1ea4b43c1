/**
 * `--locale` through the built CLI: German rows for `de` (phones, streets), deterministic per (seed,
 * locale), different from English; the config's `locale`; `tdg plan` shows it; an unknown code is one
 * TDG_USAGE line with exit 2 and nothing written.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const DDL = `CREATE TABLE people (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name VARCHAR(50) NOT NULL,
  last_name VARCHAR(50) NOT NULL,
  email VARCHAR(120) NOT NULL UNIQUE,
  phone VARCHAR(40) NOT NULL,
  street VARCHAR(100) NOT NULL,
  city VARCHAR(60) NOT NULL
);
`
const RULES = 'tables:\n  people:\n    columns:\n      email: { template: "{{first_name}}.{{last_name}}@example.com", lowercase: true }\n'

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-locale-'))
  writeFileSync(join(dir, 'people.sql'), DDL)
  writeFileSync(join(dir, 'rules.yaml'), RULES)
  return dir
}

/** CSV rows of `--output - --format csv` (no quoting in these values) as objects. */
function csv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n')
  const cols = head!.split(',')
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, j) => [cols[j]!, v])))
}

const gen = (dir: string, ...extra: string[]) =>
  runCli(['generate', '--schema', 'people.sql', '--rules', 'rules.yaml', '--rows', '300', '--seed', '5', '--output', '-', '--format', 'csv', '--quiet', ...extra], { cwd: dir })

describe('--locale', () => {
  it('de: German phones and streets, emails from the row, same bytes per (seed, locale), not the English rows', async () => {
    const dir = project()
    const [de, again, en] = await Promise.all([gen(dir, '--locale', 'de'), gen(dir, '--locale', 'de'), gen(dir)])
    for (const r of [de, again, en]) expect(r.code, r.stderr).toBe(0)
    expect(again.stdout).toBe(de.stdout)
    const rows = csv(de.stdout)
    const enRows = csv(en.stdout)
    expect(rows).toHaveLength(300)
    expect(rows.filter((r) => !/^0\d{2,5} \d{4,9}$/.test(r.phone!))).toEqual([])
    expect(enRows.filter((r) => !/^\(\d{3}\) \d{3}-\d{4}$/.test(r.phone!))).toEqual([])
    expect(rows.filter((r) => /(str\.|straße|weg|platz|allee|gasse|ring|^Am |^Im |^An )/i.test(r.street!)).length).toBeGreaterThan(200)
    // Names as email local parts: umlauts as ae/oe/ue in German, other accents dropped.
    const local = (n: string) => n.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFD').replace(/[^a-z0-9._-]/g, '')
    expect(rows.filter((r) => !new RegExp(`^${local(r.first_name!)}\\.${local(r.last_name!)}_?\\d{2,}@example\\.com$`).test(r.email!))).toEqual([])
    expect(rows.some((r) => /[äöü]/.test(r.last_name! + r.first_name!))).toBe(true)
    expect(new Set(rows.map((r) => r.email)).size).toBe(300)
    expect(rows.map((r) => r.last_name)).not.toEqual(enRows.map((r) => r.last_name))
  })

  it('seed writes the same German rows into SQLite; plan shows the locale; the config sets it, the flag wins', async () => {
    const dir = project()
    const db = join(dir, 'de.db')
    const s = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', 'people.sql', '--create', '--rules', 'rules.yaml', '--rows', '300', '--seed', '5', '--locale', 'de', '-q'], { cwd: dir })
    expect(s.code, s.stderr).toBe(0)
    const file = csv((await gen(dir, '--locale', 'de')).stdout)
    const sqlite = new Database(db, { readonly: true })
    const written = sqlite.prepare('SELECT first_name, last_name, email, phone FROM people ORDER BY id').all() as Record<string, string>[]
    sqlite.close()
    expect(written).toEqual(file.map((r) => ({ first_name: r.first_name, last_name: r.last_name, email: r.email, phone: r.phone })))
    writeFileSync(join(dir, '.tdgrc.json'), JSON.stringify({ schema: 'people.sql', locale: 'fr' }))
    expect((await runCli(['plan', '--seed', '1'], { cwd: dir })).stdout).toMatch(/^Plan \(seed 1, now \d{4}-\d{2}-\d{2}, locale fr, sqlite\)/)
    expect((await runCli(['plan', '--seed', '1', '--locale', 'pt-BR'], { cwd: dir })).stdout).toMatch(/^Plan \(seed 1, now \d{4}-\d{2}-\d{2}, locale pt_BR, sqlite\)/)
  })

  it('an unknown locale: one TDG_USAGE line, exit 2, nothing written', async () => {
    const dir = project()
    const db = join(dir, 'x.db')
    const r = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', 'people.sql', '--create', '--rows', '5', '--locale', 'xx'], { cwd: dir })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr.trim()).toMatch(/^tdg: error TDG_USAGE: unknown locale 'xx' \(faker locales such as en, en_GB, de, fr, es, it, nl, pl, pt_BR, ja, …\)$/)
    expect(existsSync(db)).toBe(false)
    const cfg = project()
    writeFileSync(join(cfg, '.tdgrc.json'), JSON.stringify({ schema: 'people.sql', locale: 'de-XX' }))
    const c = await runCli(['plan'], { cwd: cfg })
    expect(c.code).toBe(2)
    expect(c.stderr.trim()).toBe("tdg: error TDG_USAGE: unknown locale 'de-XX' (faker locales such as de, de_AT, de_CH)")
  })
})
