import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { csvProfileInput } from '../../../../src/profile/csv/csv-input.js'
import { isTdgError } from '../../../../src/errors.js'
import type { Value } from '../../../../src/model/rows.js'
import type { ProfileInput } from '../../../../src/profile/profile-input.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-csv-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name)
  writeFileSync(p, content)
  return p
}

async function allRows(input: ProfileInput, table: string, limit?: number): Promise<{ rows: Value[][]; sampling: string }> {
  const s = input.sample({ name: table }, limit)
  const rows: Value[][] = []
  for await (const b of s.rows) rows.push(...b.rows)
  return { rows, sampling: s.sampling() }
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join('\n')

describe('csvProfileInput: one file', () => {
  it('gives one table with inferred columns, a key candidate, exact counts and typed rows', async () => {
    const p = file(
      'orders.csv',
      `id;customer;amount;placed_on;paid;note\n${lines(500, (i) => `${i};${1000 + (i % 7)};${(i * 1.25).toFixed(2)};${i % 2 ? '31/01/2024' : '15/03/2023'};${i % 3 ? 'yes' : 'no'};${i % 10 ? `"n; ${i}"` : ''}`)}\n`,
    )
    const input = await csvProfileInput(p)
    expect(input.kind).toBe('csv')
    const [t] = await input.tables()
    expect(t?.name).toBe('orders')
    expect(t?.primaryKey).toEqual({ columns: ['id'] })
    expect(t?.columns.map((c) => [c.name, c.nativeType, c.type.kind, c.nullable])).toEqual([
      ['id', 'smallint', 'integer', false],
      ['customer', 'smallint', 'integer', false],
      ['amount', 'decimal(5,2)', 'decimal', false],
      ['placed_on', 'date(DD/MM/YYYY)', 'date', false],
      ['paid', 'boolean(no/yes)', 'boolean', false],
      ['note', 'varchar(6)', 'string', true],
    ])
    expect(await input.rowCount({ name: 'orders' })).toEqual({ count: 500, exact: true, method: 'all 500 lines' })
    expect(input.describe()).toBe('orders (orders.csv): UTF-8, semicolon-delimited, "-quoted, LF, header row, 6 columns; 500 rows')
    const { rows, sampling } = await allRows(input, 'orders')
    expect(sampling).toBe('all rows')
    expect(rows).toHaveLength(500)
    expect(rows[0]).toEqual([1, 1001, 1.25, new Date(Date.UTC(2024, 0, 31)), true, 'n; 1'])
    expect(rows[9]).toEqual([10, 1003, 12.5, new Date(Date.UTC(2023, 2, 15)), true, null])
    await input.close()
  })

  it('reads a European export: semicolons, CRLF, Windows-1252, decimal commas, day-first dates', async () => {
    const text = `Kunde;Betrag;Datum;Ort\r\n${lines(50, (i) => `${i};${i},${String(i % 100).padStart(2, '0')};${String(1 + (i % 28)).padStart(2, '0')}/0${1 + (i % 9)}/2024;Köln`).replaceAll('\n', '\r\n')}\r\n`
    const p = file('export-de.csv', Buffer.from(text, 'latin1'))
    const input = await csvProfileInput(p)
    const [t] = await input.tables()
    expect(t?.columns.map((c) => [c.name, c.nativeType])).toEqual([
      ['Kunde', 'smallint'],
      ['Betrag', 'decimal(4,2)'],
      ['Datum', 'date(DD/MM/YYYY)'],
      ['Ort', 'varchar(4)'],
    ])
    expect(input.describe()).toBe('export-de (export-de.csv): Windows-1252, semicolon-delimited, "-quoted, CRLF, header row, 4 columns; 50 rows')
    const { rows } = await allRows(input, 'export-de')
    expect(rows[11]).toEqual([12, 12.12, new Date(Date.UTC(2024, 3, 13)), 'Köln'])
  })

  it('a contradicting value late in the file widens the column, and the rows follow the widened type', async () => {
    const p = file('late.csv', `id,qty,code\n${lines(60_000, (i) => `${i},${i === 50_000 ? '2.5' : i % 100},${i === 55_555 ? 'X-1' : i}`)}\n`)
    const input = await csvProfileInput(p)
    const [t] = await input.tables()
    expect(t?.columns.map((c) => c.nativeType)).toEqual(['integer', 'decimal(3,1)', 'varchar(5)'])
    const { rows } = await allRows(input, 'late')
    expect(rows[49_999]).toEqual([50_000, 2.5, '50000'])
    expect(rows[55_554]).toEqual([55_555, 55, 'X-1'])
  })

  it('proposes the key candidate only when the id column is unique, however late a repeat comes', async () => {
    const pk = async (name: string, ids: (i: number) => number) => {
      const input = await csvProfileInput(file(`${name}.csv`, `id,v\n${lines(9000, (i) => `${ids(i)},x`)}\n`))
      return (await input.tables())[0]?.primaryKey
    }
    expect(await pk('ascending', (i) => i)).toEqual({ columns: ['id'] })
    expect(await pk('shuffled', (i) => (i * 7919) % 9001)).toEqual({ columns: ['id'] })
    // A repeat after the value set of an ascending column was dropped: the order check catches it.
    expect(await pk('late-repeat', (i) => (i === 8000 ? 17 : i))).toBeUndefined()
    expect(await pk('shuffled-repeat', (i) => (i === 8000 ? 7919 : (i * 7919) % 9001))).toBeUndefined()
  })

  it('draws a seeded sample spread over the whole file', async () => {
    const p = file('spread.csv', `id,v\n${lines(10_000, (i) => `${i},${i % 13}`)}\n`)
    const input = await csvProfileInput(p)
    await input.tables()
    const a = await allRows(input, 'spread', 100)
    const b = await allRows(input, 'spread', 100)
    expect(a.rows).toHaveLength(100)
    expect(a.rows).toEqual(b.rows)
    expect(a.sampling).toBe('one row drawn from each of 100 equal blocks of 100.0 rows (seed 2006); 100 rows')
    const ids = a.rows.map((r) => r[0] as number)
    // One row per block of 100: the k-th drawn id lies in block k.
    ids.forEach((id, k) => expect(Math.floor((id - 1) / 100)).toBe(k))
    expect((await allRows(input, 'spread', 20_000)).rows).toHaveLength(10_000)
    const other = await csvProfileInput(p, { seed: 99 })
    await other.tables()
    expect((await allRows(other, 'spread', 100)).rows).not.toEqual(a.rows)
  })

  it('with sampleLimit, keeps a reservoir while counting and serves the sample without a second read', async () => {
    const p = file('reservoir.csv', `id,v,at\n${lines(10_000, (i) => `${i},${i % 13},2024-01-${String(1 + (i % 28)).padStart(2, '0')}`)}\n`)
    const input = await csvProfileInput(p, { sampleLimit: 500 })
    await input.tables()
    rmSync(p)
    const a = await allRows(input, 'reservoir', 500)
    expect(a.sampling).toBe('reservoir of 500 of 10000 rows drawn while counting (seed 2006)')
    expect(a.rows).toHaveLength(500)
    const ids = a.rows.map((r) => r[0] as number)
    expect(ids).toEqual([...ids].sort((x, y) => x - y))
    expect(new Set(ids).size).toBe(500)
    // Spread over the file, not its first rows; typed with the final types.
    expect(ids.filter((i) => i > 5000).length).toBeGreaterThan(150)
    expect(a.rows[0]?.[2]).toBeInstanceOf(Date)
    expect(a.rows.every((r) => r[1] === (r[0] as number) % 13)).toBe(true)
    expect((await allRows(input, 'reservoir', 500)).rows).toEqual(a.rows)
  })

  it('tolerates a few ragged records and refuses many, naming the file and line', async () => {
    const few = file('few-ragged.csv', `a,b,c\n${lines(200, (i) => (i === 50 ? `${i},x` : i === 60 ? `${i},x,y,z` : `${i},x,y`))}\n`)
    const input = await csvProfileInput(few)
    const [t] = await input.tables()
    expect(t?.columns.map((c) => [c.nativeType, c.nullable])).toEqual([['smallint', false], ['varchar(1)', false], ['varchar(1)', true]])
    const { rows } = await allRows(input, 'few-ragged')
    expect(rows[49]).toEqual([50, 'x', null])
    expect(rows[59]).toEqual([60, 'x', 'y'])
    expect(input.describe()).toContain('2 ragged records tolerated (first at line 51)')

    const many = file('many-ragged.csv', `a,b,c\n${lines(100, (i) => (i > 40 ? `${i},x` : `${i},"multi\nline",y`))}\n`)
    const bad = await csvProfileInput(many)
    const e = await bad.tables().catch((x: unknown) => x)
    expect(isTdgError(e) && e.code).toBe('TDG_CSV_INVALID')
    // Record 51 (the 11th ragged one) starts on line 1 + 40×2 + 11 = 92.
    expect((e as Error).message).toBe('many-ragged.csv:92: 11 records do not have the 3 fields of the first record (this one has 2; tolerated: 10 + 1 %)')
  })

  it('refuses an unterminated quote that would swallow the file, without reading it all into memory', async () => {
    const p = file('open-quote.csv', `a,b\n1,"never closed\n${lines(1000, (i) => `${i},x`)}\n`)
    const input = await csvProfileInput(p)
    const [t] = await input.tables()
    // Papaparse ends the open field at the end of the file: one record, counted, no crash.
    expect(await input.rowCount({ name: 'open-quote' })).toEqual({ count: 1, exact: true, method: 'all 1 lines' })
    expect(t?.columns).toHaveLength(2)
  })

  it('falls back to Windows-1252 when invalid UTF-8 shows up past the sniffed part', async () => {
    const head = `id,label\n${lines(5000, (i) => `${i},plain text ${i}`)}\n`
    const p = file('late-latin.csv', Buffer.concat([Buffer.from(head), Buffer.from('5001,caf'), Buffer.from([0xe9]), Buffer.from('\n')]))
    const input = await csvProfileInput(p)
    await input.tables()
    expect(input.describe()).toMatch(/^late-latin \(late-latin\.csv\): Windows-1252/)
    const { rows } = await allRows(input, 'late-latin')
    expect(rows[5000]).toEqual([5001, 'café'])
  })

  it('reads UTF-16 files', async () => {
    const body = `id,city\n${lines(100, (i) => `${i},Zürich ${i}`)}\n`
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])
    const input = await csvProfileInput(file('cities16.csv', le))
    await input.tables()
    expect((await allRows(input, 'cities16')).rows[99]).toEqual([100, 'Zürich 100'])
  })

  it('refuses a missing path and an unknown table with one line', async () => {
    const e = await csvProfileInput(join(dir, 'nope.csv')).catch((x: unknown) => x)
    expect(isTdgError(e) && e.code).toBe('TDG_FILE_READ')
    const input = await csvProfileInput(file('t.csv', 'a,b\n1,2\n'))
    const e2 = await input.rowCount({ name: 'other' }).catch((x: unknown) => x)
    expect(isTdgError(e2) && e2.code).toBe('TDG_TABLE_NOT_FOUND')
  })

  it('streams 100k rows in bounded memory', async () => {
    // A real collector between measurements, so heapUsed is what is retained, not garbage not yet collected.
    v8.setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const p = join(dir, 'big.csv')
    writeFileSync(p, `id,name,amount,created_at\n${lines(100_000, (i) => `${i},name number ${i} of a long-ish text column,${(i / 7).toFixed(2)},2024-01-01 10:00:${String(i % 60).padStart(2, '0')}`)}\n`)
    const input = await csvProfileInput(p)
    gc()
    const before = process.memoryUsage().heapUsed
    await input.tables()
    let retained = 0
    let n = 0
    for await (const b of input.sample({ name: 'big' }, undefined).rows) {
      n += b.rows.length
      if (n % 20_000 < b.rows.length) {
        gc()
        retained = Math.max(retained, process.memoryUsage().heapUsed - before)
      }
    }
    expect(n).toBe(100_000)
    // Holding the 100k typed rows retains ~32 MB; streaming keeps one batch (~600 rows) and the key set of `id`.
    expect(retained).toBeLessThan(8 * 1024 * 1024)
  })
})

describe('csvProfileInput: a directory', () => {
  it('gives one table per file and proposes FK candidates by inclusion and names', async () => {
    const d = join(dir, 'shop')
    mkdirSync(d)
    writeFileSync(join(d, 'customers.csv'), `id,email,country_code\n${lines(40, (i) => `${i},c${i}@example.com,${['DE', 'FR', 'US'][i % 3]}`)}\n`)
    writeFileSync(join(d, 'countries.csv'), 'code,name\nDE,Germany\nFR,France\nUS,United States\nIT,Italy\n')
    writeFileSync(join(d, 'orders.csv'), `id,customer_id,ship_to,qty,manager_id\n${lines(80, (i) => `${i},${1 + (i % 30)},${['FR', 'IT', 'DE'][i % 3]},${1 + (i % 5)},${i > 1 ? 1 + (i % 20) : ''}`)}\n`)
    writeFileSync(join(d, 'notes.txt'), 'not a table')
    const input = await csvProfileInput(d)
    expect(input.kind).toBe('files')
    const tables = await input.tables()
    expect(tables.map((t) => t.name)).toEqual(['countries', 'customers', 'orders'])
    const fks = tables.flatMap((t) => t.foreignKeys.map((f) => `${f.name}: ${t.name}(${f.columns.join()}) → ${f.references.table}(${f.references.columns.join()})`))
    expect(fks.sort()).toEqual([
      // Text inclusion without name evidence (3+ distinct values).
      'candidate_customers_country_code: customers(country_code) → countries(code)',
      // Named: customer_id → customers.id.
      'candidate_orders_customer_id: orders(customer_id) → customers(id)',
      // A generic `_id` whose values lie in exactly one unique key… two here (customers.id, orders.id): not proposed.
      'candidate_orders_ship_to: orders(ship_to) → countries(code)',
    ])
    // qty (1..5) lies in customers.id too, but integers need name evidence.
    expect(fks.some((f) => f.includes('(qty)'))).toBe(false)
  })
})
