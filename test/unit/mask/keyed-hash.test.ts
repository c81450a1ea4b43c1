/** SipHash-2-4 against the reference vectors (key 00..0f, message 00..n-1), and the canonical text of values. */
import { describe, expect, it } from 'vitest'
import { canonicalText, hashText, hashValue, hashValues, OUT, sip, sip13, sip13Word, sipKey, sipWords, stableStringify } from '../../../src/mask/keyed-hash.js'

const key = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i))
const msg = (n: number) => Uint8Array.from({ length: n }, (_, i) => i)
const hex = () => OUT[0]!.toString(16).padStart(8, '0') + OUT[1]!.toString(16).padStart(8, '0')

describe('SipHash-2-4', () => {
  // From the reference implementation's vectors.h (little-endian bytes read as a u64) and the paper (15 bytes).
  it.each([
    [0, '726fdb47dd0e0e31'],
    [1, '74f839c593dc67fd'],
    [2, '0d6c8009d9a94f5a'],
    [3, '85676696d7fb7e2d'],
    [4, 'cf2794e0277187b7'],
    [7, 'ab0200f58b01d137'],
    [8, '93f5f5799a932462'],
    [15, 'a129ca6149be45e5'],
  ])('message of %i bytes', (n, want) => {
    sip(key, msg(n))
    expect(hex()).toBe(want)
  })

  it('the word fast path equals the byte path over the same 16 bytes', () => {
    sipWords(key, 0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c)
    const a = hex()
    sip(key, msg(16))
    expect(a).toBe(hex())
  })
})

describe('canonical values', () => {
  it('hashes one original alike whatever JS type carries it', () => {
    const h = (v: Parameters<typeof hashValue>[1]) => (hashValue(key, v), hex())
    expect(h(42)).toBe(h(42n))
    expect(h(42)).toBe(h('42'))
    expect(h(new Date('2024-01-02T03:04:05.000Z'))).toBe(h('2024-01-02T03:04:05.000Z'))
    expect(h({ b: 1, a: [1, 2] })).toBe(h({ a: [1, 2], b: 1 }))
    expect(h('Zoë Müller')).not.toBe(h('Zoe Muller'))
    expect(h(Uint8Array.from([1, 2, 3]))).not.toBe(h(Uint8Array.from([1, 2, 4])))
    expect(h('x')).not.toBe((hashValue(key, 'x', 7), hex()))
  })
  it('writes a stable text', () => {
    expect(canonicalText(12345678901234567890n)).toBe('12345678901234567890')
    expect(stableStringify({ z: null, a: { y: 1, x: 'q' } })).toBe('{"a":{"x":"q","y":1},"z":null}')
  })
})

/** A plain BigInt SipHash-c-d (the specification, slow): checked against the 2-4 vectors, then used for 1-3. */
function refSip(c: number, d: number, keyBytes: Uint8Array, m: Uint8Array): bigint {
  const M = (1n << 64n) - 1n
  const rotl = (x: bigint, b: bigint) => ((x << b) | (x >> (64n - b))) & M
  const le = (b: Uint8Array, at: number, n: number) => b.slice(at, at + n).reduceRight((acc, x) => (acc << 8n) | BigInt(x), 0n)
  const k0 = le(keyBytes, 0, 8)
  const k1 = le(keyBytes, 8, 8)
  const v = [k0 ^ 0x736f6d6570736575n, k1 ^ 0x646f72616e646f6dn, k0 ^ 0x6c7967656e657261n, k1 ^ 0x7465646279746573n]
  const round = () => {
    v[0] = (v[0]! + v[1]!) & M; v[1] = rotl(v[1]!, 13n) ^ v[0]!; v[0] = rotl(v[0]!, 32n)
    v[2] = (v[2]! + v[3]!) & M; v[3] = rotl(v[3]!, 16n) ^ v[2]!
    v[0] = (v[0]! + v[3]!) & M; v[3] = rotl(v[3]!, 21n) ^ v[0]!
    v[2] = (v[2]! + v[1]!) & M; v[1] = rotl(v[1]!, 17n) ^ v[2]!; v[2] = rotl(v[2]!, 32n)
  }
  const blocks: bigint[] = []
  for (let i = 0; i + 8 <= m.length; i += 8) blocks.push(le(m, i, 8))
  blocks.push((BigInt(m.length & 255) << 56n) | le(m, m.length - (m.length % 8), m.length % 8))
  for (const b of blocks) {
    v[3] = v[3]! ^ b
    for (let i = 0; i < c; i++) round()
    v[0] = v[0]! ^ b
  }
  v[2] = v[2]! ^ 0xffn
  for (let i = 0; i < d; i++) round()
  return v[0]! ^ v[1]! ^ v[2]! ^ v[3]!
}

describe('reference SipHash (BigInt)', () => {
  const keyBytes = Uint8Array.from({ length: 16 }, (_, i) => i)
  it('the reference gives the 2-4 vectors and agrees with sip() on random lengths', () => {
    expect(refSip(2, 4, keyBytes, msg(15)).toString(16)).toBe('a129ca6149be45e5')
    for (const n of [0, 5, 8, 9, 23, 64, 100]) {
      const m = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255)
      sip(key, m)
      expect(hex()).toBe(refSip(2, 4, keyBytes, m).toString(16).padStart(16, '0'))
    }
  })
  it('sip13 is SipHash-1-3', () => {
    for (const n of [0, 7, 8, 20, 33]) {
      const m = Uint8Array.from({ length: n }, (_, i) => (i * 11 + 3) & 255)
      sip13(key, m)
      expect(hex()).toBe(refSip(1, 3, keyBytes, m).toString(16).padStart(16, '0'))
    }
  })
  it('sip13Word is SipHash-1-3 of 8 bytes (high word)', () => {
    for (const [w0, w1] of [[0, 0], [1, 2], [0xffffffff, 0x80000000], [123456789, 42]] as const) {
      const m = new Uint8Array(new Uint32Array([w0, w1]).buffer)
      expect(sip13Word(key, w0, w1)).toBe(Number(refSip(1, 3, keyBytes, m) >> 32n))
    }
  })
})

describe('the word-at-a-time path of hashValue', () => {
  it('equals SipHash-2-4 of the UTF-8 bytes, for every length around the block size and non-ASCII text', () => {
    const keyBytes = Uint8Array.from({ length: 16 }, (_, i) => i)
    for (const s of ['', 'a', 'abcdefg', 'abcdefgh', 'abcdefghi', 'x'.repeat(300), 'Zoë Ünal 東京', 'é'.repeat(200)]) {
      hashValue(key, s)
      expect(hex()).toBe(refSip(2, 4, keyBytes, new TextEncoder().encode(s)).toString(16).padStart(16, '0'))
    }
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i & 255)
    hashValue(key, bytes)
    expect(hex()).toBe(refSip(2, 4, keyBytes, bytes).toString(16).padStart(16, '0'))
  })
})

describe('hashText', () => {
  // The list format hashValues writes, built here as bytes: each value's UTF-8 length (4 bytes, little-endian)
  // and bytes, then the tweak's 4 bytes when it is not 0; hashed by the JavaScript SipHash (`sip`).
  const reference = (vs: string[], tweak: number): string => {
    const parts: number[] = []
    const le = (n: number) => parts.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff)
    for (const v of vs) {
      const b = Buffer.from(v, 'utf8')
      le(b.length)
      parts.push(...b)
    }
    if (tweak !== 0) le(tweak)
    sip(key, Uint8Array.from(parts))
    return hex()
  }
  const texts = ['', 'a', 'customer.1@example.com', 'customer.123456@example.com', 'x'.repeat(23), 'x'.repeat(24), 'y'.repeat(300), 'Zoë Ünal 東京', 'é'.repeat(200), 'é'.repeat(5000)]

  it('is the list format of the one string: every length around the native encoder\'s threshold, non-ASCII, tweaks', () => {
    for (const s of texts)
      for (const tweak of [0, 1, 7, 65_537]) {
        const want = reference([s], tweak)
        hashText(key, s, tweak)
        expect(hex()).toBe(want)
        // hashValues of one string takes this path; of two, the general one: the same format.
        hashValues(key, [s], tweak)
        expect(hex()).toBe(want)
        hashValues(key, [s, 'b'], tweak)
        expect(hex()).toBe(reference([s, 'b'], tweak))
      }
  })
})
