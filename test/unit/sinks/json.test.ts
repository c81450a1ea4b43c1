import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Value } from '../../../src/model/rows.js'
import { openFileTarget } from '../../../src/sinks/file-target.js'
import { jsonValue } from '../../../src/sinks/json-value.js'
import { batches, table, tempDir } from './helpers.js'

describe('jsonValue', () => {
  it('covers what JSON.stringify cannot', () => {
    expect(jsonValue(42n)).toBe('42')
    expect(jsonValue(2n ** 60n)).toBe('"1152921504606846976"')
    expect(jsonValue(-(2n ** 53n))).toBe('"-9007199254740992"')
    expect(jsonValue(new Uint8Array([104, 105]))).toBe('"aGk="')
    expect(jsonValue(new Date('2024-01-02T03:04:05.006Z'))).toBe('"2024-01-02T03:04:05.006Z"')
    expect(jsonValue(Number.POSITIVE_INFINITY)).toBe('"Infinity"')
    expect(jsonValue(Number.NaN)).toBe('"NaN"')
    expect(jsonValue({ a: undefined, b: [undefined, 1n], 'c"d': 'é\n' })).toBe('{"b":[null,1],"c\\"d":"é\\n"}')
  })
})

const kitchen = table('kitchen', {
  id: { kind: 'integer', bytes: 8 },
  big: { kind: 'integer', bytes: 8 },
  s: { kind: 'text' },
  ok: { kind: 'boolean' },
  at: { kind: 'timestamp', tz: true },
  day: { kind: 'date' },
  bytes: { kind: 'binary' },
  doc: { kind: 'json', binary: true },
  arr: { kind: 'array', element: { kind: 'integer', bytes: 4 } },
  f: { kind: 'float', bytes: 8 },
})
const columns = kitchen.columns.map((c) => c.name)

function rows(n: number): Value[][] {
  return Array.from({ length: n }, (_, i) => [
    BigInt(i + 1),
    i % 2 === 0 ? 2n ** 62n + BigInt(i) : BigInt(i),
    i % 4 === 0 ? null : i % 4 === 1 ? '' : `line ${i}\n"quoted" — ü 😀`,
    i % 3 === 0,
    new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
    new Date(Date.UTC(2020, 5, 1 + (i % 28))),
    new Uint8Array([i % 256, 255, 0]),
    { k: i, nested: [1, 'two', null], big: BigInt(i) },
    [i, null, -i || 0],
    i / 3,
  ])
}

/** What each row should parse back to. */
function expected(r: Value[]): Record<string, unknown> {
  const [id, big, s, ok, at, day, bytes, doc, arr, f] = r as [bigint, bigint, string | null, boolean, Date, Date, Uint8Array, Record<string, unknown>, number[], number]
  return {
    id: Number(id),
    big: big > BigInt(Number.MAX_SAFE_INTEGER) ? big.toString() : Number(big),
    s,
    ok,
    at: at.toISOString(),
    day: day.toISOString().slice(0, 10),
    bytes: Buffer.from(bytes).toString('base64'),
    doc: { ...doc, big: Number(doc.big) },
    arr,
    f,
  }
}

describe('json and ndjson files', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  it('json: one array per table that parses back to the same values', async () => {
    const data = rows(50)
    const dir = join(tmp.root, 'j')
    await openFileTarget({ dir, format: 'json', tables: [kitchen] }).transaction((w) => w.insert({ name: 'kitchen' }, batches(columns, data, 7)))
    const text = readFileSync(join(dir, '001-kitchen.json'), 'utf8')
    expect(text.startsWith('[\n{')).toBe(true)
    expect(text.endsWith('}\n]\n')).toBe(true)
    expect(JSON.parse(text)).toEqual(data.map(expected))
  })

  it('json: an empty table is []', async () => {
    const dir = join(tmp.root, 'j0')
    await openFileTarget({ dir, format: 'json', tables: [kitchen] }).transaction((w) => w.insert({ name: 'kitchen' }, batches(columns, [], 7)))
    expect(readFileSync(join(dir, '001-kitchen.json'), 'utf8')).toBe('[]\n')
  })

  it('ndjson: one object per line that parses back to the same values', async () => {
    const data = rows(30)
    const dir = join(tmp.root, 'n')
    await openFileTarget({ dir, format: 'ndjson', tables: [kitchen] }).transaction((w) => w.insert({ name: 'kitchen' }, batches(columns, data, 4)))
    const text = readFileSync(join(dir, '001-kitchen.ndjson'), 'utf8')
    const lines = text.split('\n')
    expect(lines.pop()).toBe('')
    expect(lines).toHaveLength(30)
    expect(lines.map((l) => JSON.parse(l))).toEqual(data.map(expected))
  })
})
