/**
 * ChunkWriter encodes each chunk into one reused buffer: the file and its SHA-256 must hold exactly the
 * UTF-8 of the text and the bytes written, in order, across chunks of growing and shrinking sizes,
 * multi-byte characters, surrogate pairs, lone surrogates (U+FFFD, as Buffer.from writes them) and bytes.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CHUNK_BYTES, ChunkWriter } from '../../../src/sinks/chunk-writer.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-chunk-writer-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('ChunkWriter', () => {
  it('writes the UTF-8 of every part, in order, with its SHA-256, through chunks of any size', async () => {
    const w = new ChunkWriter(join(dir, 'out.txt'))
    const expected: Buffer[] = []
    const pieces = ['plain ascii,1,2\n', 'größe – ü €\n', '日本語のテキスト\n', 'emoji 😀 pair\n', 'lone \ud800 surrogate\n']
    // Chunk sizes: small parts adding up past CHUNK_BYTES, one part of 3× it, then small again.
    const sizes = [1, 7, 5000, 3 * CHUNK_BYTES, 3, CHUNK_BYTES + 1, 11]
    let k = 0
    for (const size of sizes) {
      const text = pieces[k++ % pieces.length]!.repeat(Math.max(1, Math.floor(size / 16)))
      await w.write(text)
      expected.push(Buffer.from(text, 'utf8'))
      const bytes = Uint8Array.from({ length: 37 }, (_, i) => (i * 7 + size) & 255)
      await w.write(bytes)
      expected.push(Buffer.from(bytes))
    }
    await w.close()
    const want = Buffer.concat(expected)
    const got = readFileSync(join(dir, 'out.txt'))
    expect(got.equals(want)).toBe(true)
    expect(w.bytes).toBe(want.length)
    expect(w.sha256).toBe(createHash('sha256').update(want).digest('hex'))
  })
})
