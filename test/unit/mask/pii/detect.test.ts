/**
 * detectPii on hand-made schemas with in-memory row streams (the shape `Adapter.sample` returns): how
 * names, values and types combine, and what is deliberately not PII.
 */
import { describe, expect, it } from 'vitest'
import { detectPii } from '../../../../src/mask/pii/detect.js'
import type { PiiFinding } from '../../../../src/model/mask.js'
import type { RowStream, Value } from '../../../../src/model/rows.js'
import type { Column, LogicalType, SchemaModel, Table } from '../../../../src/model/schema.js'

const text: LogicalType = { kind: 'text' }
const int: LogicalType = { kind: 'integer', bytes: 4 }

function col(name: string, type: LogicalType = text): Column {
  return { name, nativeType: type.kind, type, nullable: true }
}

function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, uniques: [], foreignKeys: [], checks: [], ...extra }
}

function model(...tables: Table[]): SchemaModel {
  return { dialect: 'sqlite', tables, enums: [], domains: [] }
}

/** Rows per table, as columns → values; sampled as one batch per call (as adapters do, in pieces). */
function source(data: Record<string, Record<string, Value[]>>) {
  const asked: Array<{ table: string; columns: string[] }> = []
  const fn = (t: { name: string }, columns: string[]): RowStream | undefined => {
    asked.push({ table: t.name, columns })
    const cols = data[t.name]
    if (!cols) return undefined
    const names = Object.keys(cols)
    const n = Math.max(...names.map((c) => cols[c]!.length))
    const rows = Array.from({ length: n }, (_, i) => names.map((c) => cols[c]![i] ?? null))
    return (async function* () {
      for (let i = 0; i < rows.length; i += 7) yield { columns: names, rows: rows.slice(i, i + 7) }
    })()
  }
  return Object.assign(fn, { asked })
}

const byKey = (fs: PiiFinding[]) => Object.fromEntries(fs.map((f) => [`${f.table.name}.${f.column}`, f]))
const emails = (n: number) => Array.from({ length: n }, (_, i) => `person${i}@example.org`)

describe('detectPii', () => {
  it('names alone (no samples) decide with lower confidence and say so', async () => {
    const m = model(table('users', [col('id', int), col('email'), col('vorname')], { primaryKey: { columns: ['id'] } }))
    const { findings } = await detectPii(m, () => undefined)
    const f = byKey(findings)
    expect(Object.keys(f)).toEqual(['users.email', 'users.vorname'])
    expect(f['users.email']!.confidence).toBe(0.86)
    expect(f['users.email']!.reasons).toEqual(['name "email"', 'names only (no values sampled)'])
    expect(f['users.email']!.suggested).toEqual({ kind: 'fake', field: 'email' })
    expect(f['users.email']!.identifying).toBe(true)
    expect(f['users.vorname']!.identifying).toBe(false)
  })

  it('values confirm a name, find an unnamed column, and contradict a wrong name', async () => {
    const m = model(table('accounts', [col('e_mail'), col('contact'), col('mail_flag'), col('note_text')]))
    const s = source({
      accounts: {
        e_mail: emails(40),
        contact: emails(40),
        mail_flag: Array.from({ length: 40 }, (_, i) => (i % 2 ? 'yes' : 'no')),
        note_text: Array.from({ length: 40 }, () => 'nothing to see here'),
      },
    })
    const { findings, unsure } = await detectPii(m, s, { sampleRows: 30 })
    const f = byKey(findings)
    expect(f['accounts.e_mail']!.reasons).toEqual(['name "e_mail"', '100% of 30 sampled values look like emails'])
    expect(f['accounts.e_mail']!.confidence).toBeGreaterThan(0.95)
    expect(f['accounts.contact']!.category).toBe('email')
    expect(f['accounts.contact']!.reasons).toEqual(['100% of 30 sampled values look like emails'])
    // `mail_flag` is named like an email but holds yes/no: only unsure, with the contradiction given.
    expect(f['accounts.mail_flag']).toBeUndefined()
    expect(byKey(unsure)['accounts.mail_flag']!.reasons).toEqual(['name "mail_flag"', 'only 0% of 30 sampled values look like emails'])
    expect(s.asked).toEqual([{ table: 'accounts', columns: ['e_mail', 'contact', 'mail_flag', 'note_text'] }])
  })

  it('type-aware: booleans and timestamps are not emails or logins; a birth_date date column is a birth date; integer keys are not PII', async () => {
    const m = model(
      table(
        'people',
        [
          col('person_id', int),
          col('email_verified', { kind: 'boolean' }),
          col('last_login', { kind: 'timestamp', tz: true }),
          col('birth_date', { kind: 'date' }),
          col('manager_id', int),
          col('phone', { kind: 'integer', bytes: 8 }),
          col('ssn', int),
        ],
        { primaryKey: { columns: ['person_id'] }, foreignKeys: [{ columns: ['manager_id'], references: { table: 'people', columns: ['person_id'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false }] },
      ),
    )
    const s = source({ people: { person_id: [1, 2, 3, 4, 5, 6], manager_id: [1, 1, 2, 2, 3, 3], phone: [4930123456, 4930123457, 4930123458, 4930123459, 4930123460, 4930123461], ssn: [123456789, 234567890, 345678901, 456789012, 567890123, 678901234] } })
    const { findings, unsure } = await detectPii(m, s)
    const f = byKey(findings)
    expect(Object.keys(f).sort()).toEqual(['people.birth_date', 'people.phone', 'people.ssn'])
    expect(f['people.birth_date']!.reasons).toEqual(['name "birth_date"', 'type date'])
    expect(f['people.birth_date']!.suggested).toEqual({ kind: 'shift', maxDays: 180 })
    expect(f['people.phone']!.reasons).toEqual(['name "phone"', 'type integer'])
    // Numbers cannot hold fake phone text: a keyed permutation keeps the digits' shape.
    expect(f['people.phone']!.suggested).toEqual({ kind: 'permute' })
    expect(f['people.ssn']!.suggested).toEqual({ kind: 'permute' })
    expect(unsure).toEqual([])
  })

  it('a first-name word holding whole names (`nome`) becomes full-name', async () => {
    const whole = ['Maria Silva', 'João Santos', 'Ana Oliveira', 'Pedro Costa', 'Lucas Pereira', 'Julia Rodrigues']
    const { findings } = await detectPii(model(table('clientes', [col('nome'), col('primeiro_nome')])), source({ clientes: { nome: whole, primeiro_nome: whole.map((n) => n.split(' ')[0]!) } }))
    expect(findings.map((f) => `${f.column}:${f.category}:${f.reasons[1]}`)).toEqual([
      'nome:full-name:100% of 6 sampled values look like person names',
      'primeiro_nome:first-name:100% of 6 sampled values look like first names',
    ])
    expect(findings[0]!.suggested).toEqual({ kind: 'fake', field: 'full-name' })
  })

  it('a generated column is not PII: nothing writes it, it follows the masked columns', async () => {
    const full: Column = { ...col('full_name'), generated: { expression: "first_name || ' ' || last_name", stored: true } }
    const { findings } = await detectPii(model(table('people', [col('first_name'), col('last_name'), full])), () => undefined)
    expect(findings.map((f) => f.column)).toEqual(['first_name', 'last_name'])
  })

  it('quasi-identifiers count only beside a person: a state in a reference table is unsure', async () => {
    const m = model(table('us_states', [col('state_name'), col('state_abbr')]), table('customers', [col('contact_name'), col('city'), col('region')]))
    const { findings, unsure } = await detectPii(m, () => undefined)
    expect(findings.map((f) => `${f.table.name}.${f.column}:${f.category}`)).toEqual(['customers.contact_name:full-name', 'customers.city:city', 'customers.region:state'])
    expect(unsure.map((f) => `${f.table.name}.${f.column}`)).toEqual(['us_states.state_name'])
    expect(unsure[0]!.reasons).toContain('no person in this table')
  })

  it('false positives stay out: products, prices, descriptions without personal data', async () => {
    const m = model(table('products', [col('product_name'), col('description'), col('sku'), col('price', { kind: 'decimal', precision: 10, scale: 2 })]))
    const s = source({
      products: {
        product_name: Array.from({ length: 20 }, (_, i) => `Widget ${i}`),
        description: Array.from({ length: 20 }, () => 'A sturdy steel widget for the workshop'),
        sku: Array.from({ length: 20 }, (_, i) => `SKU-${1000 + i}`),
      },
    })
    expect(await detectPii(m, s)).toEqual({ findings: [], unsure: [] })
  })

  it('person names in a neutral column, free text with personal data, cards and IBANs by checksum', async () => {
    const names = ['Maria Anders', 'Thomas Hardy', 'Hanna Moos', 'Peter Franken', 'Carine Schmitt', 'Paolo Accorti', 'Lucía García', 'Jan de Vries', 'Anna Müller', 'Sven Larsson']
    const m = model(table('tickets', [col('owner_label'), col('body'), col('payment_ref'), col('account_ref'), col('big_number')]))
    const s = source({
      tickets: {
        owner_label: names,
        body: names.map((n, i) => (i % 3 === 0 ? `Customer ${n} called about the order` : 'Order delayed by the carrier')),
        payment_ref: Array.from({ length: 10 }, () => '4111 1111 1111 1111'),
        account_ref: Array.from({ length: 10 }, (_, i) => (i % 2 ? 'GB82 WEST 1234 5698 7654 32' : 'NL91ABNA0417164300')),
        // 16 digits that fail Luhn: not cards.
        big_number: Array.from({ length: 10 }, (_, i) => `${1234567812345670 + (i % 9) + 1}`).filter((x) => !x.endsWith('0')),
      },
    })
    const { findings } = await detectPii(m, s)
    const f = byKey(findings)
    expect(f['tickets.owner_label']!.category).toBe('full-name')
    expect(f['tickets.body']!.category).toBe('free-text')
    expect(f['tickets.body']!.suggested).toEqual({ kind: 'redact' })
    expect(f['tickets.payment_ref']!.category).toBe('card')
    expect(f['tickets.payment_ref']!.suggested).toEqual({ kind: 'scramble', luhn: true })
    expect(f['tickets.account_ref']!.category).toBe('iban')
    expect(f['tickets.big_number']).toBeUndefined()
    for (const x of findings) for (const r of x.reasons) expect(r).not.toMatch(/Maria|4111|GB82|@/)
  })

  it('unique columns get unique fakes; minConfidence moves findings to unsure; sampleRows bounds the read', async () => {
    const m = model(table('members', [col('id', int), col('email'), col('country')], { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['email'] }] }))
    const s = source({ members: { id: Array.from({ length: 100 }, (_, i) => i), email: emails(100), country: Array.from({ length: 100 }, () => 'DE') } })
    const { findings, unsure } = await detectPii(m, s, { minConfidence: 0.7, sampleRows: 10 })
    expect(findings.map((f) => f.column)).toEqual(['email'])
    expect(findings[0]!.suggested).toEqual({ kind: 'fake', field: 'email', unique: true })
    expect(findings[0]!.reasons[1]).toBe('100% of 10 sampled values look like emails')
    expect(unsure.map((f) => f.column)).toEqual(['country'])
  })
})
