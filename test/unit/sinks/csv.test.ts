import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { csvField, csvHeader, quoteCsv } from '../../../src/sinks/csv.js'
import { openFileTarget } from '../../../src/sinks/file-target.js'
import type { Value } from '../../../src/model/rows.js'
import { batches, parseCsv, table, tempDir } from './helpers.js'

describe('csv field text', () => {
  it('quotes only fields that need it, doubling quotes; empty string is ""', () => {
    expect(quoteCsv('plain')).toBe('plain')
    expect(quoteCsv('')).toBe('""')
    expect(quoteCsv('a,b')).toBe('"a,b"')
    expect(quoteCsv('say "hi"')).toBe('"say ""hi"""')
    expect(quoteCsv('two\nlines')).toBe('"two\nlines"')
    expect(quoteCsv('cr\rhere')).toBe('"cr\rhere"')
    expect(quoteCsv(' padded ')).toBe(' padded ')
    // COPY's end-of-data marker must not appear bare.
    expect(quoteCsv('\\.')).toBe('"\\."')
  })

  it('spells scalars as PostgreSQL input reads them', () => {
    const text = csvField({ kind: 'text' })
    expect(text(null)).toBe('')
    expect(text(true)).toBe('true')
    expect(text(false)).toBe('false')
    expect(text(12345678901234567890n)).toBe('12345678901234567890')
    expect(text(-1.5)).toBe('-1.5')
    expect(text(Number.NaN)).toBe('NaN')
    expect(csvField({ kind: 'binary' })(new Uint8Array([0, 1, 0xab, 0xff]))).toBe('\\x0001abff')
    expect(csvField({ kind: 'binary' })(Buffer.from('hi'))).toBe('\\x6869')
    const d = new Date('2024-02-29T13:45:01.250Z')
    expect(csvField({ kind: 'timestamp', tz: true })(d)).toBe('2024-02-29T13:45:01.250Z')
    expect(csvField({ kind: 'date' })(d)).toBe('2024-02-29')
    expect(csvField({ kind: 'time' })(d)).toBe('13:45:01.250')
    expect(csvField({ kind: 'json' })({ a: [1, 'x,y'], b: 2n })).toBe('"{""a"":[1,""x,y""],""b"":2}"')
    expect(csvField({ kind: 'json' })('{"raw":true}')).toBe('"{""raw"":true}"')
    expect(csvField({ kind: 'json' })([1, 2])).toBe('"[1,2]"')
  })

  it('writes arrays as PostgreSQL array literals with element quoting', () => {
    const ints = csvField({ kind: 'array', element: { kind: 'integer', bytes: 4 } })
    expect(ints([1, 2, null])).toBe('"{1,2,NULL}"')
    expect(ints([])).toBe('{}')
    expect(ints([[1, 2], [3, 4]])).toBe('"{{1,2},{3,4}}"')
    const texts = csvField({ kind: 'array', element: { kind: 'text' } })
    // {plain,"a b","q\"x","NULL","","back\\slash",NULL}, then CSV-quoted (quotes doubled).
    expect(texts(['plain', 'a b', 'q"x', 'NULL', '', 'back\\slash', null])).toBe(
      '"{plain,""a b"",""q\\""x"",""NULL"","""",""back\\\\slash"",NULL}"',
    )
    const dates = csvField({ kind: 'array', element: { kind: 'date' } })
    expect(dates([new Date('2020-01-02T00:00:00Z')])).toBe('{2020-01-02}')
    const bytes = csvField({ kind: 'array', element: { kind: 'binary' } })
    expect(bytes([new Uint8Array([1])])).toBe('"{""\\\\x01""}"')
  })

  it('header quotes odd column names', () => {
    expect(csvHeader(['id', 'a,b', 'say "x"'])).toBe('id,"a,b","say ""x"""\n')
  })
})

describe('csv files', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  const people = table('people', {
    id: { kind: 'integer', bytes: 4 },
    name: { kind: 'text' },
    note: { kind: 'string', maxLength: 200 },
    tags: { kind: 'array', element: { kind: 'text' } },
  })

  it('round-trips quotes, commas, line breaks, unicode and NULL vs empty string', async () => {
    const tricky = [
      'plain',
      'comma, inside',
      'quote " inside',
      '""',
      'line\nbreak',
      'crlf\r\nbreak',
      '  spaces  ',
      'naïve café — 日本語 🎉 e\u0301',
      '',
      null,
      'NULL',
      '\\.',
    ]
    const rows: Value[][] = tricky.map((s, i) => [i, s, i % 2 === 0 ? '' : null, i % 3 === 0 ? ['x', s ?? 'y'] : null])
    const dir = join(tmp.root, 'out')
    const target = openFileTarget({ dir, format: 'csv', tables: [people] })
    const stats = await target.transaction((w) => w.insert({ name: 'people' }, batches(['id', 'name', 'note', 'tags'], rows, 5)))
    expect(stats.rows).toBe(rows.length)
    const text = readFileSync(join(dir, '001-people.csv'), 'utf8')
    const [header, ...records] = parseCsv(text)
    expect(header).toEqual(['id', 'name', 'note', 'tags'])
    expect(records).toHaveLength(rows.length)
    records.forEach((rec, i) => {
      expect(rec[0]).toBe(String(i))
      expect(rec[1]).toBe(tricky[i])
      expect(rec[2]).toBe(i % 2 === 0 ? '' : null)
      if (i % 3 !== 0) expect(rec[3]).toBeNull()
      else expect(rec[3]).toMatch(/^\{x,/)
    })
    // LF line ends, one per record; CRs only inside quoted values.
    expect(text.endsWith('\n')).toBe(true)
    expect(text.split('\r').length - 1).toBe(1)
  })

  it('writes a header even when no row arrives', async () => {
    const dir = join(tmp.root, 'empty')
    await openFileTarget({ dir, format: 'csv', tables: [people] }).transaction((w) =>
      w.insert({ name: 'people' }, batches(['id'], [], 10)),
    )
    expect(readFileSync(join(dir, '001-people.csv'), 'utf8')).toBe('id,name,note,tags\n')
  })

  it('refuses a second column list for one CSV file with TDG_WRITE_FAILED', async () => {
    const dir = join(tmp.root, 'mixed')
    const work = openFileTarget({ dir, format: 'csv', tables: [people] }).transaction(async (w) => {
      await w.insert({ name: 'people' }, batches(['id', 'name'], [[1, 'a']], 1))
      await w.insert({ name: 'people' }, batches(['id'], [[2]], 1))
    })
    await expect(work).rejects.toMatchObject({ code: 'TDG_WRITE_FAILED', message: expect.stringContaining('people') })
  })
})
