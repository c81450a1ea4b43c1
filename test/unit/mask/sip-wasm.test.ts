/**
 * The WebAssembly SipHash (src/mask/sip-wasm.ts) is the build of scripts/gen-sip-wasm.ts as checked in,
 * and agrees with the JavaScript one (`sip`, itself checked against the reference vectors) on values
 * longer than the module's first memory page (the scratch buffer grows) and after it grew.
 */
import { describe, expect, it } from 'vitest'
import { sipWasmBytes } from '../../../scripts/gen-sip-wasm.js'
import { SIP_WASM_BASE64 } from '../../../src/mask/sip-wasm.js'
import { feistel2, hashValue, hashValueWords, OUT, sip, sip13Word, sipKey } from '../../../src/mask/keyed-hash.js'

const key = sipKey(new Uint8Array(16).map((_, i) => (i * 37 + 11) & 255))

function viaJs(text: string, tweak: number): [number, number] {
  const bytes = Buffer.from(text, 'utf8')
  const m = tweak === 0 ? bytes : Buffer.concat([bytes, Buffer.from(new Uint32Array([tweak]).buffer)])
  sip(key, m)
  return [OUT[0]!, OUT[1]!]
}

describe('SipHash in WebAssembly', () => {
  it('is the checked-in build of scripts/gen-sip-wasm.ts (run it after changing the module text)', async () => {
    expect(Buffer.from(await sipWasmBytes()).toString('base64')).toBe(SIP_WASM_BASE64)
  })

  it('agrees with the JavaScript SipHash-2-4 on long values, across the memory growing', () => {
    for (const n of [65_000, 70_000, 200_003, 7, 64]) {
      const text = 'é'.repeat(n >> 3) + 'x'.repeat(n - (n >> 3))
      for (const tweak of [0, 5]) {
        hashValue(key, text, tweak)
        expect([OUT[0]!, OUT[1]!]).toEqual(viaJs(text, tweak))
      }
    }
  })

  it('hashValueWords (two hashes in one call, then one per pair) equals hashValue with tweaks 0, 2, 4 at every block boundary', () => {
    const w: number[] = []
    for (let n = 0; n < 40; n++)
      for (const text of ['x'.repeat(n), 'ü'.repeat(n), 'a'.repeat(n) + '€']) {
        hashValueWords(key, text, 6, w)
        const want: number[] = []
        for (const tweak of [0, 2, 4]) want.push(...viaJs(text, tweak))
        expect(w).toEqual(want)
      }
  })

  it('sip13Word is unsigned and stable', () => {
    const a = sip13Word(key, 0xffffffff, 0x80000000)
    expect(a).toBeGreaterThanOrEqual(0)
    expect(sip13Word(key, 0xffffffff, 0x80000000)).toBe(a)
    expect(sip13Word(key, 1, 2)).not.toBe(sip13Word(key, 2, 1))
  })
})

describe('the two-part Feistel network in WebAssembly', () => {
  /** permutation.ts's rounds in JavaScript, one `sip13Word` per round. */
  function viaRounds(sizes: number[], rounds: number, inverse: boolean, x: number[]): number[] {
    const y = [...x]
    const below = (h: number, n: number) => Math.floor((h / 4294967296) * n)
    for (let i = 0; i < rounds; i++) {
      const r = inverse ? rounds - 1 - i : i
      const j = r & 1
      const n = sizes[j]!
      const f = below(sip13Word(key, y[1 - j]!, r), n)
      y[j] = inverse ? (y[j]! - f + n) % n : (y[j]! + f) % n
    }
    return y
  }

  it('computes what one sip13Word call per round computes, both ways, up to parts of 2^32 - 1', () => {
    let seed = 12345
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296) * n
    for (const sizes of [[2, 2], [10, 100], [1e9, 100], [4294967295, 4294967295], [3, 4294967295], [26 ** 6, 10 ** 9]]) {
      for (let t = 0; t < 200; t++) {
        const x = sizes.map((n) => Math.floor(rand(n)))
        for (const inverse of [false, true]) {
          const y = [...x]
          feistel2(key, sizes, 8, inverse, y)
          expect(y).toEqual(viaRounds(sizes, 8, inverse, x))
        }
        const y = [...x]
        feistel2(key, sizes, 8, false, y)
        feistel2(key, sizes, 8, true, y)
        expect(y).toEqual(x)
      }
    }
  })
})
