/** SipHash-2-4 against the reference vectors (key 00..0f, message 00..n-1), and the canonical text of values. */
import { describe, expect, it } from 'vitest'
import { canonicalText, hashValue, OUT, sip, sipKey, sipWords, stableStringify } from '../../../src/mask/keyed-hash.js'

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
