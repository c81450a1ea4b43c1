/** copyChunks (PostgreSQL COPY text encoding): byte for byte what copyField gives, across chunk boundaries. */
import { describe, expect, it } from 'vitest'
import { copyChunks, copyField, COPY_BUFFER_BYTES, COPY_FIRST_BYTES } from '../../../adapters/postgres/copy-text.js'
import type { Value } from '../../../src/model/rows.js'

/** The COPY text copyField would make for `rows` (the reference the fast encoder must match). */
function reference(rows: Value[][], json: boolean[]): string {
  return rows.map((r) => r.map((v, i) => copyField(v, json[i])).join('\t') + '\n').join('')
}

async function encode(batches: Value[][][], json: boolean[]): Promise<{ text: string; chunks: Buffer[]; counts: number[] }> {
  const chunks: Buffer[] = []
  const counts: number[] = []
  async function* src() {
    for (const b of batches) yield b
  }
  for await (const c of copyChunks(src(), json, (n) => counts.push(n))) chunks.push(Buffer.from(c))
  return { text: Buffer.concat(chunks).toString('utf8'), chunks, counts }
}

const awkward: Value[] = [
  0, -0, 7, -7, 9, 10, 99, 100, 2147483647, -2147483647, -2147483648, 2147483648, 4294967296, 9007199254740991, -9007199254740991,
  1.5, -0.25, 1e21, 1e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  '', 'plain', 'tab\there', 'new\nline', 'cr\rhere', 'back\\slash', '\\N', 'ünïcödé', '日本語テキスト', 'emoji 😀 end', 'mixed ascii then é\t\\',
  'x'.repeat(47), 'y'.repeat(48), 'z'.repeat(49), 'a\\'.repeat(200), 'long ü '.repeat(100),
  null, undefined as unknown as Value, true, false, 12n, -12n, new Date('2024-01-02T03:04:05.000Z'), new Uint8Array([0, 1, 171, 255]), { a: 'b\tc' }, [1, 'two', null],
]

describe('copyChunks', () => {
  it('encodes every kind of value exactly like copyField (numbers, escapes, non-ASCII, long text, NULL)', async () => {
    const rows = awkward.map((v, i) => [i, v, awkward[(i * 7) % awkward.length] as Value])
    for (const json of [
      [false, false, false],
      [false, true, true],
    ]) {
      const { text, counts } = await encode([rows.slice(0, 10), [], rows.slice(10)], json)
      expect(text).toBe(reference(rows, json))
      expect(counts.at(-1)).toBe(rows.length)
    }
  })

  it('cuts chunks at row boundaries, from COPY_FIRST_BYTES doubling up to COPY_BUFFER_BYTES, and reports the rows sent so far', async () => {
    const row = (i: number): Value[] => [i, -i * 3, `name ${i} ü`, i % 5 === 0 ? null : 'f'.repeat(i % 300)]
    const rows = Array.from({ length: 30_000 }, (_, i) => row(i))
    const batches = [rows.slice(0, 12_345), rows.slice(12_345)]
    const { text, chunks, counts } = await encode(batches, [false, false, false, false])
    expect(text).toBe(reference(rows, [false, false, false, false]))
    expect(chunks.length).toBeGreaterThan(2)
    // The server starts parsing after a small first chunk; later ones grow to the full size.
    chunks.forEach((c, k) => {
      const limit = Math.min(COPY_FIRST_BYTES * 2 ** k, COPY_BUFFER_BYTES)
      expect(c.length).toBeLessThanOrEqual(limit)
      if (k < chunks.length - 1) expect(c.length).toBeGreaterThan(limit - 1024)
      expect(c[c.length - 1]).toBe(0x0a)
    })
    expect(Math.max(...chunks.map((c) => c.length))).toBeGreaterThan(COPY_BUFFER_BYTES - 1024)
    let lines = 0
    for (let k = 0; k < chunks.length; k++) {
      lines += chunks[k]!.toString('utf8').split('\n').length - 1
      expect(counts[k]).toBe(lines)
    }
  })

  it('starts a bigger buffer for a row that does not fit a chunk (never splitting it)', async () => {
    const big = 'é'.repeat(COPY_BUFFER_BYTES)
    const rows: Value[][] = [[1, 'a'], [2, big], [3, 'c']]
    const { text, chunks } = await encode([rows], [false, false])
    expect(text).toBe(reference(rows, [false, false]))
    expect(chunks.map((c) => c.toString('utf8').split('\n').length - 1)).toEqual([1, 2])
  })
})
