/**
 * Masking rows kept as COPY text: the result decodes to exactly what masking the decoded rows gives,
 * whatever the fields hold (escapes, tabs, newlines, backslashes, non-ASCII, NULLs), with untouched
 * fields byte for byte as they came and fixup columns written NULL.
 */
import { describe, expect, it } from 'vitest'
import type { TextScanBatch } from '../../../src/adapter/adapter.js'
import type { Value } from '../../../src/model/rows.js'
import { compileTableMasker } from '../../../src/mask/compile-table.js'
import { textBatchMasker } from '../../../src/mask/mask-text.js'
import { copyField, pgCopyCodec } from '../../../adapters/postgres/copy-text.js'
import { col, int, table, varchar } from '../plan/model-builders.js'
import { KEY } from './helpers.js'

const columns = ['id', 'email', 'first_name', 'last_name', 'notes', 'phone', 'parent_id']
const t = table(
  'people',
  [
    col('id', int(8)),
    col('email', varchar(80)),
    col('first_name', varchar(40)),
    col('last_name', varchar(40)),
    col('notes', { kind: 'text' }, { nullable: true }),
    col('phone', varchar(24), { nullable: true }),
    col('parent_id', int(8), { nullable: true }),
  ],
  { primaryKey: { columns: ['id'] } },
)
const mask = {
  table: { name: 'people' },
  columns: [
    { column: 'email', mask: { kind: 'fake', field: 'email', unique: true }, source: 'rule', reason: 'r' },
    { column: 'first_name', mask: { kind: 'fake', field: 'first-name' }, source: 'rule', reason: 'r' },
    { column: 'last_name', mask: { kind: 'fake', field: 'last-name' }, source: 'rule', reason: 'r' },
    { column: 'phone', mask: { kind: 'scramble' }, source: 'rule', reason: 'r' },
  ],
} as const

const rows: Value[][] = [
  [1, 'ann.lee@example.org', 'Ann', 'Lee', 'plain', '+1 555 0100', null],
  [2, 'bob@example.org', 'Bob', "O'Neil", 'tab\there, newline\nthere, back\\slash', null, 1],
  [3, 'zoë@exämple.org', 'Zoë', 'Brontë', 'ünïcödé ✓ 日本', '+44 20 7946 0958', 2],
  [4, 'x\\y@example.org', 'Tab\tName', 'Line\nName', null, '', 3],
  [5, 'e@example.org', 'E', 'F', '\\N', '\\N', 4],
]
const parse = columns.map((c) => (c === 'id' || c === 'parent_id' ? (s: string): Value => Number(s) : (s: string): Value => s))

/** The rows as COPY text, the way PostgreSQL sends them (copyField escapes like COPY TO). */
function encode(rs: Value[][]): Buffer {
  return Buffer.from(rs.map((r) => r.map((v) => copyField(v)).join('\t') + '\n').join(''), 'utf8')
}

/** COPY text back to rows (fields split on tabs; every value decoded as the parsers say). */
function decode(bytes: Uint8Array): Value[][] {
  const text = Buffer.from(bytes).toString('utf8')
  const lines = text.split('\n').slice(0, -1)
  return lines.map((line) => {
    const out: Value[] = []
    let start = 0
    const buf = Buffer.from(line + '\n', 'utf8')
    for (let i = 0, f = 0; i < buf.length; i++) {
      if (buf[i] === 0x09 || buf[i] === 0x0a) {
        const v = pgCopyCodec.decode(buf, start, i)
        out.push(v === null ? null : parse[f]!(v))
        f++
        start = i + 1
      }
    }
    return out
  })
}

function batch(rs: Value[][]): TextScanBatch {
  return { format: pgCopyCodec.format, columns, bytes: encode(rs), rows: rs.length, codec: pgCopyCodec, parse }
}

describe('textBatchMasker', () => {
  it('decodes to exactly what masking decoded rows gives; other fields are the bytes that came', () => {
    const viaText = textBatchMasker(compileTableMasker(t, { ...mask, columns: [...mask.columns] }, KEY))(batch(rows))
    const viaValues = compileTableMasker(t, { ...mask, columns: [...mask.columns] }, KEY).mask({ columns, rows }).rows
    expect(viaText.rows).toBe(rows.length)
    expect(decode(viaText.bytes)).toEqual(viaValues)
    // Masking changed the masked columns and nothing else.
    const out = decode(viaText.bytes)
    for (let r = 0; r < rows.length; r++) {
      expect(out[r]![0]).toBe(rows[r]![0])
      expect(out[r]![4]).toBe(rows[r]![4])
      expect(out[r]![6]).toBe(rows[r]![6])
      expect(out[r]![1]).not.toBe(rows[r]![1])
    }
    // The untouched notes field kept its escaped bytes exactly.
    expect(Buffer.from(viaText.bytes).toString('utf8')).toContain('tab\\there, newline\\nthere, back\\\\slash')
  })

  it('fixup columns are written NULL, masked or not; a batch without masked columns is passed through as it is', () => {
    const nulling = textBatchMasker(compileTableMasker(t, { ...mask, columns: [...mask.columns] }, KEY), new Set(['parent_id', 'phone']))
    const out = decode(nulling(batch(rows)).bytes)
    expect(out.map((r) => r[6])).toEqual([null, null, null, null, null])
    expect(out.map((r) => r[5])).toEqual([null, null, null, null, null])
    const b = batch(rows)
    expect(textBatchMasker(undefined)(b)).toBe(b)
  })

  it('many batches of one stream: the unique guard holds across them, as it does for decoded batches', () => {
    const many: Value[][] = Array.from({ length: 3000 }, (_, i) => [i + 1, `user${i}@example.org`, 'Sam', 'Smith', null, null, null])
    const m = textBatchMasker(compileTableMasker(t, { ...mask, columns: [...mask.columns] }, KEY))
    const emails = [0, 1000, 2000].flatMap((at) => decode(m(batch(many.slice(at, at + 1000))).bytes).map((r) => r[1]))
    expect(new Set(emails).size).toBe(3000)
  })

  it('a row with the wrong number of fields is an internal error, not a silent shift of columns', () => {
    const bad: TextScanBatch = { ...batch(rows.slice(0, 1)), bytes: Buffer.from('1\ta@b.org\tAnn\n') }
    expect(() => textBatchMasker(compileTableMasker(t, { ...mask, columns: [...mask.columns] }, KEY))(bad)).toThrow(/fields/)
  })
})

describe('pgCopyCodec.decode', () => {
  it('undoes every COPY TO escape, octal and hex bytes included, and reads \\N as NULL', () => {
    const dec = (s: string) => pgCopyCodec.decode(Buffer.from(s, 'utf8'), 0, Buffer.byteLength(s))
    expect(dec('\\N')).toBeNull()
    expect(dec('\\\\N')).toBe('\\N')
    expect(dec('a\\tb\\nc\\rd\\\\e\\bf\\fg\\vh')).toBe('a\tb\nc\rd\\e\bf\fg\vh')
    expect(dec('\\303\\251t\\303\\251')).toBe('été')
    expect(dec('\\xc3\\xa9')).toBe('é')
    expect(dec('\\q')).toBe('q')
    expect(dec('')).toBe('')
  })
})
