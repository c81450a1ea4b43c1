import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { csvProfileInput } from '../../../../src/profile/csv/csv-input.js'
import { PREFIX_RECORDS } from '../../../../src/profile/csv/read-once.js'
import { profileInput } from '../../../../src/profile/profile.js'
import type { Profile } from '../../../../src/model/profile.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-read-once-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const ROWS = PREFIX_RECORDS * 2 + 500

/** A CSV whose row `late` (past the prefix) may break the prefix's types. */
function write(name: string, late: (i: number) => string | undefined): string {
  const out = ['id,qty,price,day,label,flag']
  for (let i = 1; i <= ROWS; i++) {
    const day = `2024-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`
    out.push(late(i) ?? `${i},${i % 17},${(i % 1000) / 4},${day},name ${i % 40},${i % 2 ? 'true' : 'false'}`)
  }
  const p = join(dir, name)
  writeFileSync(p, `${out.join('\n')}\n`)
  return p
}

/** The profile of `path` read once (readOnce) and read twice (the counting pass first); createdAt and `sampling` aside. */
async function both(path: string): Promise<{ once: Profile; twice: Profile; onceTypes: string[]; twiceTypes: string[] }> {
  const run = async (readOnce: boolean) => {
    const input = await csvProfileInput(path, { readOnce })
    const p = await profileInput(input, {})
    const types = (await input.tables())[0]!.columns.map((c) => `${c.name}:${c.nativeType}:${c.nullable}`)
    await input.close()
    return { p, types }
  }
  const a = await run(true)
  const b = await run(false)
  return { once: a.p, twice: b.p, onceTypes: a.types, twiceTypes: b.types }
}

function comparable(p: Profile): unknown {
  return { ...p, createdAt: undefined, tables: p.tables.map((t) => ({ ...t, sampling: undefined })) }
}

describe('one read of a CSV file (readOnce)', () => {
  it('gives the same profile and final types as two reads when the prefix types hold, and reads the file once', async () => {
    const p = write('stable.csv', () => undefined)
    const { once, twice, onceTypes, twiceTypes } = await both(p)
    expect(comparable(once)).toEqual(comparable(twice))
    expect(onceTypes).toEqual(twiceTypes)
    // id 1..40 500 is an integer wider than the prefix's smallint: the final type is the full scan's.
    expect(onceTypes[0]).toBe('id:integer:false')
    expect(once.tables[0]!.sampling).toBe('all rows')
    expect(once.tables[0]!.rows).toEqual(twice.tables[0]!.rows)
  })

  it.each([
    ['a decimal past the prefix widens an integer column', (i: number) => (i === ROWS - 3 ? `${i},2.5,1,2024-01-01,x,true` : undefined), 'qty: integer'],
    ['a NULL past the prefix makes a column nullable', (i: number) => (i === PREFIX_RECORDS + 9000 ? `${i},1,,2024-01-01,x,true` : undefined), 'price: nullable'],
    ['a text past the prefix turns a date column into text', (i: number) => (i === ROWS ? `${i},1,1,soon,x,true` : undefined), 'day: date'],
    ['a duplicate id past the prefix takes the key candidate away', (i: number) => (i === ROWS ? `5,1,1,2024-01-01,x,true` : undefined), 'primary key'],
  ])('%s: the rows are read again with the final types and the profile is the two-read one', async (_name, late, reason) => {
    const p = write(`late-${reason.replace(/\W/g, '')}.csv`, late)
    const { once, twice, onceTypes, twiceTypes } = await both(p)
    expect(comparable(once)).toEqual(comparable(twice))
    expect(onceTypes).toEqual(twiceTypes)
    expect(once.tables[0]!.sampling).toMatch(/^all rows; read twice \(/)
    expect(once.tables[0]!.sampling).toContain(reason)
  })

  it('a byte that is not UTF-8 past the prefix: read again as Windows-1252, as two reads do', async () => {
    const text = write('latin.csv', (i) => (i === ROWS - 10 ? `${i},1,1,2024-01-01,Caf\u00e9,true` : undefined))
    const bytes = Buffer.from(readFileSync(text, 'utf8'), 'latin1')
    writeFileSync(text, bytes)
    const { once, twice } = await both(text)
    expect(comparable(once)).toEqual(comparable(twice))
    expect(once.tables[0]!.sampling).toMatch(/^all rows; read twice \(latin\.csv: not UTF-8/)
    // Decoded as Windows-1252 in the read that counts: the late value is `Café`, not a replacement character.
    expect(once.tables[0]!.columns.find((c) => c.name === 'label')!.categories!.values.map((v) => v.value)).toContain('Caf\u00e9')
  })

  it('reads a sample the usual way when the limit may leave rows out', async () => {
    const p = write('sampled.csv', () => undefined)
    const input = await csvProfileInput(p, { readOnce: true, sampleLimit: 1000 })
    const prof = await profileInput(input, { sample: 1000 })
    expect(prof.tables[0]!.sampled).toBe(1000)
    expect(prof.tables[0]!.sampling).toMatch(/^reservoir of 1000 of 40500 rows drawn while counting/)
    expect((await input.tables())[0]!.columns[0]!.nativeType).toBe('integer')
  })
})
