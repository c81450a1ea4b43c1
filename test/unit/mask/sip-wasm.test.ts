/**
 * The WebAssembly SipHash (src/mask/sip-wasm.ts) is the build of scripts/gen-sip-wasm.ts as checked in,
 * and agrees with the JavaScript one (`sip`, itself checked against the reference vectors) on values
 * longer than the module's first memory page (the scratch buffer grows) and after it grew.
 */
import { describe, expect, it } from 'vitest'
import { sipWasmBytes } from '../../../scripts/gen-sip-wasm.js'
import { SIP_WASM_BASE64 } from '../../../src/mask/sip-wasm.js'
import { hashValue, hashValueWords, OUT, sip, sip13Word, sipKey } from '../../../src/mask/keyed-hash.js'

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
