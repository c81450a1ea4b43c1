/** The keyed permutations are bijections: exhaustive over small domains, round trips over large ones. */
import { describe, expect, it } from 'vitest'
import { sipKey } from '../../../src/mask/keyed-hash.js'
import { domainPermutation, integerPermuter, shapePermuter } from '../../../src/mask/permutation.js'

const key = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 1))
const other = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 2))

describe('domainPermutation', () => {
  it.each([1, 2, 3, 10, 97, 1000, 4099, 65536])('is a bijection of [0, %i)', (m) => {
    const p = domainPermutation(key, BigInt(m), 1)
    const seen = new Set<number>()
    let bad = 0
    for (let x = 0; x < m; x++) {
      const y = p.forward(x)
      if (!(y >= 0 && y < m) || p.inverse(y) !== x) bad++
      seen.add(y)
    }
    expect(bad).toBe(0)
    expect(seen.size).toBe(m)
  })
  it('moves most values and depends on the key', () => {
    const a = domainPermutation(key, 100000n, 1)
    const b = domainPermutation(other, 100000n, 1)
    let fixed = 0
    let same = 0
    for (let x = 0; x < 1000; x++) {
      if (a.forward(x) === x) fixed++
      if (a.forward(x) === b.forward(x)) same++
    }
    expect(fixed).toBeLessThan(5)
    expect(same).toBeLessThan(5)
  })
  it('round-trips beyond 2^53 with BigInt', () => {
    const m = 9223372036854775807n - 999999999999999999n
    const p = domainPermutation(key, m, 2)
    for (const x of [0n, 1n, 123456789012345678n, m - 1n]) {
      const y = p.forwardBig(x)
      expect(y >= 0n && y < m).toBe(true)
      expect(p.inverseBig(y)).toBe(x)
    }
  })
})

describe('integerPermuter', () => {
  it('keeps sign and digit count and is a bijection of a clipped int range', () => {
    // A tiny "type" [-128, 127]: classes 1-9, 10-99, 100-127 and their negatives (to -128).
    const p = integerPermuter(key, -128n, 127n)
    const seen = new Set<number>()
    for (let v = -128; v <= 127; v++) {
      const y = p.permute(v)
      expect(y >= -128 && y <= 127).toBe(true)
      expect(Math.sign(y)).toBe(Math.sign(v))
      expect(String(Math.abs(y)).length).toBe(String(Math.abs(v)).length)
      seen.add(y)
      expect(Number(p.unpermuteBig(BigInt(y)))).toBe(v)
    }
    expect(seen.size).toBe(256)
  })
  it('is a bijection of a range a CHECK narrows at both ends', () => {
    const p = integerPermuter(key, 1500n, 4000n)
    const out = new Set<number>()
    for (let v = 1500; v <= 4000; v++) out.add(p.permute(v))
    expect(out.size).toBe(2501)
    expect([...out].every((y) => y >= 1500 && y <= 4000)).toBe(true)
  })
  it('numbers and bigints agree; int8 extremes stay in range', () => {
    const max = 9223372036854775807n
    const p = integerPermuter(key, -max - 1n, max)
    for (const v of [1, 7, 42, 99999, 123456789, 2 ** 40 + 3]) expect(BigInt(p.permute(v))).toBe(p.permuteBig(BigInt(v)))
    for (const v of [max, max - 1n, -max - 1n, 9007199254740993n]) {
      const y = p.permuteBig(v)
      expect(y <= max && y >= -max - 1n).toBe(true)
      expect(y.toString().length).toBe(v.toString().length)
      expect(p.unpermuteBig(y)).toBe(v)
    }
  })
})

describe('shapePermuter', () => {
  it('keeps classes and separators and is a bijection of a shape (exhaustive over Ad-9)', () => {
    const p = shapePermuter(key)
    const seen = new Set<string>()
    for (let u = 0; u < 26; u++)
      for (let l = 0; l < 26; l++)
        for (let d = 0; d < 10; d++) {
          const s = `${String.fromCharCode(65 + u)}${String.fromCharCode(97 + l)}-${d}`
          const t = p(s)
          expect(t).toMatch(/^[A-Z][a-z]-[0-9]$/)
          expect(p(t, undefined, true)).toBe(s)
          seen.add(t)
        }
    expect(seen.size).toBe(26 * 26 * 10)
  })
  it('round-trips long strings (several Feistel parts) and leaves other characters', () => {
    const p = shapePermuter(key)
    const s = 'Invoice 2024/000123 — Ünïcode stays: ABCdef0123456789xyzXYZ'
    const t = p(s)
    expect(t).not.toBe(s)
    expect(t.length).toBe(s.length)
    expect(t.replace(/[A-Za-z0-9]/g, '')).toBe(s.replace(/[A-Za-z0-9]/g, ''))
    expect(p(t, undefined, true)).toBe(s)
  })
  it('hex mode keeps a uuid a uuid', () => {
    const p = shapePermuter(key, 'hex')
    const u = '3f2a9c1e-0b7d-4e21-9a55-6c0d2e1f7b88'
    const t = p(u)
    expect(t).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    expect(t).not.toBe(u)
    expect(p(t, undefined, true)).toBe(u)
  })
})
