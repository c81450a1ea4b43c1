/**
 * `tdg scan-pii` as a user runs it: against real northwind rows in PostgreSQL (loaded with psql) and
 * against a SQLite file with German, Spanish and French column names. The rules file it prints must
 * name the personal columns, and `--check` must pass on that very file and fail (exit 1, naming the
 * column) when one rule is removed.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { execMysql, freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, mysqlMissingReason, postgresAvailable, postgresMissingReason, type FreshMysql, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { psql } from '../support/table-state.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[scan-pii] skipped the PostgreSQL part: ${postgresMissingReason()}`)
const my = mysqlAvailable()
if (!my) console.warn(`[scan-pii] skipped the MariaDB part: ${mysqlMissingReason()}`)

interface JsonFinding {
  table: { schema?: string; name: string }
  column: string
  category: string
  confidence: number
  reasons: string[]
  suggested: { kind: string; field?: string }
  identifying: boolean
}
interface JsonOut {
  findings: JsonFinding[]
  unsure: JsonFinding[]
}

type Rules = { tables: Record<string, { columns: Record<string, { mask: unknown }> }> }

const dir = mkdtempSync(join(tmpdir(), 'tdg-scan-pii-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(!pg)('scan-pii on northwind (PostgreSQL, real rows)', () => {
  let db: FreshPostgres | undefined
  afterAll(async () => {
    await db?.drop()
  })

  it('finds the people, addresses and phones; --check passes on its own output and fails without one rule', async () => {
    db = await freshPostgresDatabase()
    psql(db.url, { file: sharedFixture('northwind-postgres.sql') })

    const json = await runCli(['scan-pii', '--db', db.url, '--json'], { timeoutMs: 60_000 })
    expect(json.code, json.stderr).toBe(0)
    const out = JSON.parse(json.stdout) as JsonOut
    const found = new Map(out.findings.map((f) => [`${f.table.name}.${f.column}`, f]))
    const cat = (k: string) => found.get(k)?.category
    for (const t of ['customers', 'suppliers']) {
      expect(cat(`${t}.contact_name`), t).toBe('full-name')
      expect(cat(`${t}.address`)).toBe('address-line')
      expect(cat(`${t}.city`)).toBe('city')
      expect(cat(`${t}.postal_code`)).toBe('zip')
      expect(cat(`${t}.phone`)).toBe('phone')
      expect(cat(`${t}.fax`)).toBe('phone')
      expect(cat(`${t}.company_name`)).toBe('company')
    }
    expect(cat('employees.first_name')).toBe('first-name')
    expect(cat('employees.last_name')).toBe('last-name')
    expect(cat('employees.birth_date')).toBe('birth-date')
    expect(found.get('employees.birth_date')?.suggested).toEqual({ kind: 'shift', maxDays: 180 })
    expect(cat('employees.home_phone')).toBe('phone')
    expect(cat('employees.notes')).toBe('free-text')
    expect(cat('orders.ship_address')).toBe('address-line')
    expect(cat('orders.ship_city')).toBe('city')
    expect(cat('orders.ship_postal_code')).toBe('zip')
    // The recipient's name: mostly company names in northwind, personal all the same; the doubt is in the reasons.
    expect(cat('orders.ship_name')).toBe('full-name')
    expect(found.get('orders.ship_name')!.reasons[1]).toMatch(/^only \d+% of 830 sampled values look like person names$/)
    expect(found.get('orders.ship_name')!.confidence).toBeLessThan(0.8)
    // The whole list, so a change in what is flagged shows here. Decisions: a shipping address and the
    // recipient's name are a person's (B2B or not); a B2B customer's company name is `company`; country,
    // region and contact title are quasi-identifiers beside a person; a homepage is only unsure.
    expect(out.findings.map((f) => `${f.table.name}.${f.column}:${f.category}`).sort()).toEqual(
      [
        ...['customers', 'suppliers'].flatMap((t) => [
          `${t}.company_name:company`, `${t}.contact_name:full-name`, `${t}.contact_title:job-title`, `${t}.address:address-line`, `${t}.city:city`,
          `${t}.region:state`, `${t}.postal_code:zip`, `${t}.country:country`, `${t}.phone:phone`, `${t}.fax:phone`,
        ]),
        'employees.last_name:last-name', 'employees.first_name:first-name', 'employees.birth_date:birth-date', 'employees.address:address-line', 'employees.city:city',
        'employees.region:state', 'employees.postal_code:zip', 'employees.country:country', 'employees.home_phone:phone', 'employees.notes:free-text',
        'orders.ship_name:full-name', 'orders.ship_address:address-line', 'orders.ship_city:city', 'orders.ship_region:state', 'orders.ship_postal_code:zip', 'orders.ship_country:country',
        'shippers.company_name:company', 'shippers.phone:phone',
      ].sort(),
    )
    expect(out.unsure.map((f) => `${f.table.name}.${f.column}:${f.category}`)).toEqual(['suppliers.homepage:url', 'us_states.state_name:state', 'us_states.state_region:state'])
    // Value evidence raised them above what the name alone gives, and says so without a value.
    const contact = found.get('customers.contact_name')!
    expect(contact.confidence).toBeGreaterThanOrEqual(0.9)
    expect(contact.reasons.join(' ')).toMatch(/^name "contact_name" \d+% of 91 sampled values look like person names$/)
    expect(found.get('customers.phone')!.reasons.join(' ')).toMatch(/sampled values look like phone numbers/)
    expect(found.get('customers.phone')!.identifying).toBe(true)
    expect(found.get('customers.city')!.identifying).toBe(false)
    // Not personal: keys, products, prices, dates of orders, reference tables.
    for (const k of ['customers.customer_id', 'orders.order_id', 'orders.customer_id', 'orders.order_date', 'products.product_name', 'order_details.unit_price', 'categories.category_name', 'categories.description', 'region.region_description', 'us_states.state_name', 'employees.hire_date', 'employees.photo'])
      expect(found.has(k), k).toBe(false)
    const allText = JSON.stringify(out)
    for (const v of ['Maria Anders', '030-0074321', 'Obere Str. 57', 'Davolio', '1948-12-08']) expect(allText).not.toContain(v)

    const yaml = await runCli(['scan-pii', '--db', db.url], { timeoutMs: 60_000 })
    expect(yaml.code, yaml.stderr).toBe(0)
    expect(yaml.stdout).toMatch(/^# tdg scan-pii: \d+ sensitive columns in \d+ tables \(postgres:\/\/[^ ]+, 1000 rows sampled per table\)/)
    expect(yaml.stdout).toMatch(/\n {6}contact_name: \{ mask: \{ fake: full-name \} \} # full-name 0\.\d\d: name "contact_name", \d+% of 91 sampled values look like person names\n/)
    expect(yaml.stderr).toMatch(/^tdg: scan-pii: \d+ sensitive columns in \d+ tables, \d+ unsure, from postgres:/)
    const rules = parse(yaml.stdout) as Rules
    expect(Object.keys(rules.tables).sort()).toEqual(['customers', 'employees', 'orders', 'shippers', 'suppliers'])
    expect(rules.tables.employees!.columns.birth_date).toEqual({ mask: { shift: { maxDays: 180 } } })
    expect(Object.values(rules.tables).reduce((n, t) => n + Object.keys(t.columns).length, 0)).toBe(out.findings.length)

    const full = join(dir, 'northwind-masking.yaml')
    writeFileSync(full, yaml.stdout)
    const pass = await runCli(['scan-pii', '--db', db.url, '--check', full], { timeoutMs: 60_000 })
    expect(pass.code, pass.stderr).toBe(0)
    expect(pass.stdout).toBe('')
    expect(pass.stderr).toMatch(/^tdg: scan-pii --check: all 38 sensitive columns have a masking rule in .*northwind-masking\.yaml \(1000 rows sampled per table\)\n$/)

    delete rules.tables.customers!.columns.fax
    const short = join(dir, 'northwind-missing-fax.yaml')
    writeFileSync(short, JSON.stringify(rules))
    const fail = await runCli(['scan-pii', '--db', db.url, '--check', short], { timeoutMs: 60_000 })
    expect(fail.code).toBe(1)
    expect(fail.stderr).toBe(`tdg: error TDG_PII_UNMAPPED: customers.fax (phone ${found.get('customers.fax')!.confidence.toFixed(2)}) has no masking rule in ${short}; add one or mask: keep\n`)

    // A match rule with a glob maps it again; `mask: keep` counts as a decision.
    writeFileSync(short, JSON.stringify({ ...rules, match: [{ column: 'fax', table: 'cust*', mask: 'keep' }] }))
    const again = await runCli(['scan-pii', '--db', db.url, '--check', short], { timeoutMs: 60_000 })
    expect(again.code, again.stderr).toBe(0)
  })
})

describe('scan-pii on a SQLite file (non-English names, values only)', () => {
  const file = join(dir, 'kunden.db')
  execFileSync('sqlite3', [file], {
    input: `
      CREATE TABLE kunden (kunden_nr INTEGER PRIMARY KEY, vorname TEXT, nachname TEXT, "E-Mail" TEXT, telefon TEXT, strasse TEXT, plz TEXT, ort TEXT, geburtsdatum DATE, iban TEXT, bemerkung TEXT, kontakt TEXT, rabatt REAL);
      CREATE TABLE clientes (id INTEGER PRIMARY KEY, nombre TEXT, apellido TEXT, correo TEXT, dni TEXT, tarjeta TEXT, direccion TEXT, ciudad TEXT);
      CREATE TABLE produkte (id INTEGER PRIMARY KEY, product_name TEXT, sku TEXT, preis REAL, beschreibung TEXT);
      ${Array.from({ length: 30 }, (_, i) => `INSERT INTO kunden VALUES (${i + 1}, '${['Anna', 'Lukas', 'Sophie', 'Maximilian', 'Marie'][i % 5]}', '${['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber'][i % 5]}', 'kunde${i}@example.de', '030 ${1000000 + i * 37}', 'Hauptstraße ${i + 1}', '${10115 + i}', 'Berlin', '19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}', '${i % 2 ? 'DE89370400440532013000' : 'DE02120300000000202051'}', 'Rückruf bei ${['Anna', 'Lukas', 'Sophie'][i % 3]} ${['Müller', 'Schmidt', 'Weber'][i % 3]} erbeten', 'info${i}@firma.de', 0.1);`).join('\n')}
      ${Array.from({ length: 20 }, (_, i) => `INSERT INTO clientes VALUES (${i + 1}, '${['Lucía', 'Mateo', 'Carmen', 'Javier'][i % 4]}', '${['García', 'Fernández', 'López', 'Martínez'][i % 4]}', 'cliente${i}@correo.es', '12345678Z', '4111 1111 1111 1111', 'Calle Mayor ${i}', 'Madrid');`).join('\n')}
      ${Array.from({ length: 20 }, (_, i) => `INSERT INTO produkte VALUES (${i + 1}, 'Widget ${i}', 'SKU-${1000 + i}', 9.99, 'Ein solides Produkt aus Stahl');`).join('\n')}
    `,
  })

  it('German and Spanish names and their values; product columns stay out', async () => {
    const r = await runCli(['scan-pii', '--db', `sqlite:${file}`, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as JsonOut
    const cat = Object.fromEntries(out.findings.map((f) => [`${f.table.name}.${f.column}`, f.category]))
    expect(cat).toEqual({
      'kunden.vorname': 'first-name',
      'kunden.nachname': 'last-name',
      'kunden.E-Mail': 'email',
      'kunden.telefon': 'phone',
      'kunden.strasse': 'street',
      'kunden.plz': 'zip',
      'kunden.ort': 'city',
      'kunden.geburtsdatum': 'birth-date',
      'kunden.iban': 'iban',
      'kunden.bemerkung': 'free-text',
      'kunden.kontakt': 'email',
      'clientes.nombre': 'first-name',
      'clientes.apellido': 'last-name',
      'clientes.correo': 'email',
      'clientes.dni': 'national-id',
      'clientes.tarjeta': 'card',
      'clientes.direccion': 'address-line',
      'clientes.ciudad': 'city',
    })
    const f = (k: string) => out.findings.find((x) => `${x.table.name}.${x.column}` === k)!
    expect(f('kunden.kontakt').reasons).toEqual(['100% of 30 sampled values look like emails'])
    expect(f('clientes.tarjeta').suggested).toEqual({ kind: 'scramble', luhn: true })
    expect(f('kunden.iban').suggested).toEqual({ kind: 'scramble', iban: true })
    expect(f('kunden.iban').reasons[1]).toBe('100% of 30 sampled values look like IBANs (valid check digits)')
    expect(f('kunden.bemerkung').suggested).toEqual({ kind: 'redact' })
    expect(JSON.stringify(out)).not.toMatch(/kunde\d+@|Hauptstraße|4111|DE89/)

    // The YAML form quotes what needs quoting (`E-Mail` is fine bare, `a: b` would not be) and passes its own check.
    const yaml = await runCli(['scan-pii', '--db', `sqlite:${file}`])
    expect(yaml.code, yaml.stderr).toBe(0)
    expect(yaml.stdout).toContain('      E-Mail: { mask: { fake: email } } # email 0.99: name "E-Mail", 100% of 30 sampled values look like emails\n')
    expect(yaml.stdout).toContain('      tarjeta: { mask: { scramble: { luhn: true } } } # card 0.99: name "tarjeta", 100% of 20 sampled values look like card numbers (Luhn-valid)\n')
    const rules = join(dir, 'kunden-masking.yaml')
    writeFileSync(rules, yaml.stdout)
    const check = await runCli(['scan-pii', '--db', `sqlite:${file}`, '--check', rules])
    expect(check.code, check.stderr).toBe(0)
  })

  it('--schema decides by names alone and says so; --check names every unmapped column', async () => {
    const ddl = join(dir, 'kunden.sql')
    writeFileSync(ddl, 'CREATE TABLE kunden (kunden_nr INTEGER PRIMARY KEY, vorname TEXT, telefon TEXT, produkt TEXT);\n')
    const r = await runCli(['scan-pii', '--schema', ddl])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('column names only, no values sampled')
    expect(r.stdout).toContain('vorname: { mask: { fake: first-name } } # first-name 0.81: name "vorname", names only (no values sampled)')
    expect(r.stderr).toMatch(/column names only: a DDL file has no values/)
    const empty = join(dir, 'empty.yaml')
    writeFileSync(empty, 'tables: {}\n')
    const fail = await runCli(['scan-pii', '--schema', ddl, '--check', empty])
    expect(fail.code).toBe(1)
    expect(fail.stderr).toMatch(/^tdg: error TDG_PII_UNMAPPED: 2 sensitive columns have no masking rule in .*empty\.yaml: kunden\.vorname \(first-name 0\.81\), kunden\.telefon \(phone 0\.81\); add one each or mask: keep\n$/)
    // Bad input: one line, exit 2, nothing on stdout.
    const broken = join(dir, 'broken.yaml')
    writeFileSync(broken, 'tables:\n  kunden: [\n')
    for (const [args, re] of [
      [['--min-confidence', '2'], /^tdg: error TDG_USAGE: --min-confidence '2': expected a number from 0 to 1\n$/],
      [['--sample', '-5'], /^tdg: error TDG_USAGE: --sample '-5': expected a whole number of rows/],
      [['--check', join(dir, 'missing.yaml')], /^tdg: error TDG_FILE_READ: .*missing\.yaml: no such file\n$/],
      [['--check', broken], /^tdg: error TDG_RULES_INVALID: .*broken\.yaml:\d+: /],
    ] as Array<[string[], RegExp]>) {
      const bad = await runCli(['scan-pii', '--schema', ddl, ...args])
      expect(bad.code, args.join(' ')).toBe(2)
      expect(bad.stdout).toBe('')
      expect(bad.stderr).toMatch(re)
    }
  })
})

describe.skipIf(!my)('scan-pii on MariaDB (French names)', () => {
  let db: FreshMysql | undefined
  afterAll(async () => {
    await db?.drop()
  })

  it('French column names and values; --check passes on the output', async () => {
    db = await freshMysqlDatabase()
    const rows = Array.from({ length: 25 }, (_, i) => {
      const prenom = ['Camille', 'Louis', 'Chloé', 'Hugo', 'Léa'][i % 5]
      const nom = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert'][i % 5]
      return `(${i + 1}, '${prenom}', '${nom}', '${prenom!.toLowerCase()}.${i}@exemple.fr', '01 ${String(40 + i).padStart(2, '0')} 23 45 67', '${75001 + (i % 20)}', 'Paris', '1980-05-${String(1 + (i % 28)).padStart(2, '0')}', '269029934173285', '$2b$10$abcdefghijklmnopqrstuv${i}', '10.0.0.${i + 1}', 'Rappeler au 06 12 34 56 ${String(10 + i)}', ${i % 2})`
    })
    await execMysql(
      db.url,
      `CREATE TABLE clients (id INT PRIMARY KEY, prenom VARCHAR(40), nom VARCHAR(40), courriel VARCHAR(80) UNIQUE, telephone VARCHAR(20), code_postal VARCHAR(5), ville VARCHAR(40), date_naissance DATE, numero_secu VARCHAR(15), mot_de_passe VARCHAR(80), adresse_ip VARCHAR(45), remarque TEXT, actif BOOLEAN);
       INSERT INTO clients VALUES ${rows.join(',\n')};`,
    )
    const r = await runCli(['scan-pii', '--db', db.url, '--json'], { timeoutMs: 60_000 })
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as JsonOut
    expect(Object.fromEntries(out.findings.map((f) => [f.column, f.category]))).toEqual({
      prenom: 'first-name',
      nom: 'last-name',
      courriel: 'email',
      telephone: 'phone',
      code_postal: 'zip',
      ville: 'city',
      date_naissance: 'birth-date',
      numero_secu: 'national-id',
      mot_de_passe: 'password',
      adresse_ip: 'ip',
      remarque: 'free-text',
    })
    const f = (c: string) => out.findings.find((x) => x.column === c)!
    expect(f('courriel').suggested).toEqual({ kind: 'fake', field: 'email', unique: true })
    expect(f('mot_de_passe').suggested).toEqual({ kind: 'hash', encoding: 'hex' })
    expect(f('numero_secu').reasons[1]).toBe('100% of 25 sampled values look like national ids')
    expect(JSON.stringify(out)).not.toMatch(/exemple\.fr|269029934173285|\$2b\$/)

    const yaml = await runCli(['scan-pii', '--db', db.url], { timeoutMs: 60_000 })
    expect(yaml.code, yaml.stderr).toBe(0)
    const rules = join(dir, 'clients-masking.yaml')
    writeFileSync(rules, yaml.stdout)
    const check = await runCli(['scan-pii', '--db', db.url, '--check', rules], { timeoutMs: 60_000 })
    expect(check.code, check.stderr).toBe(0)
  })
})
