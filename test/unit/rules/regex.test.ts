/** The bounded regex generator: random strings always match, unique ones are distinct, refusals are clear. */
import { describe, expect, it } from 'vitest'
import { parseRegex, regexMaxLength, regexSize, RegexError } from '../../../src/generate/regex.js'
import { compileRegex } from '../../../src/generate/regex-generator.js'
import { scatter } from '../../../src/generate/scatter.js'

const PATTERNS = [
  'DE[0-9]{9}',
  '[0-9]{3}-[0-9]{2}-[0-9]{4}',
  '^[A-Z]{2}\\d{2}( ?[A-Z0-9]{4}){2,4}$',
  '(foo|bar|baz)+_\\w{1,5}',
  '[^a-z]x?y*z+',
  '(?:ab|c)\\.[a-f0-9]{0,3}\\s\\S',
  '(?<year>19|20)\\d\\d-(0[1-9]|1[0-2])',
  '[\\]\\-a]{2}\\x41\\u0042.',
]

describe('regex generator', () => {
  for (const p of PATTERNS) {
    it(`random strings match /${p}/ 100 %`, () => {
      const root = parseRegex(p)
      const re = new RegExp(`^(?:${p.replace(/^\^/, '').replace(/\$$/, '')})$`)
      const gen = compileRegex(root, { h: 7919, h2: 104729 })
      expect(gen.size).toBe(regexSize(root))
      let bad = 0
      const seen = new Set<string>()
      for (let i = 0; i < 20_000; i++) {
        const s = gen.random(i)
        seen.add(s)
        if (!re.test(s) || s.length > regexMaxLength(root)) bad++
      }
      expect(bad).toBe(0)
      // Draws vary: at least min(size, 20 000) / 2 distinct strings.
      expect(seen.size).toBeGreaterThan(Math.min(regexSize(root), 20_000) / 2)
      // Unranked strings match too, across the whole domain.
      for (let k = 0; k < 2_000; k++) {
        const s = gen.unrank(Math.floor((k / 2_000) * gen.size))
        if (!re.test(s)) bad++
      }
      expect(bad).toBe(0)
    })
  }

  it('unranking is injective and matches for unambiguous patterns', () => {
    for (const [p, re] of [
      ['DE[0-9]{9}', /^DE[0-9]{9}$/],
      ['[A-Z]{2}-[a-z]{1,4}', /^[A-Z]{2}-[a-z]{1,4}$/],
      ['(ab|cd|ef)[0-9]{2}x?', /^(ab|cd|ef)[0-9]{2}x?$/],
    ] as const) {
      const root = parseRegex(p)
      const gen = compileRegex(root, { h: 1, h2: 2 })
      const spread = scatter(gen.size, 12345)
      const n = Math.min(100_000, gen.size)
      const seen = new Set<string>()
      for (let k = 0; k < n; k++) seen.add(gen.unrank(spread(k)))
      expect(seen.size).toBe(n)
      expect([...seen].every((s) => re.test(s))).toBe(true)
    }
    expect(regexSize(parseRegex('DE[0-9]{9}'))).toBe(1e9)
  })

  it('lowercase applies to every generated character', () => {
    const gen = compileRegex(parseRegex('[A-Z]{3}-[A-Z0-9]{2,5}'), { h: 3, h2: 4, lowercase: true })
    for (let i = 0; i < 1000; i++) expect(gen.random(i)).toMatch(/^[a-z]{3}-[a-z0-9]{2,5}$/)
  })

  it('scatter is a bijection at small, 2^26+ and 2^40+ sizes', () => {
    for (const size of [10, 1000, 1e9, 2 ** 41 + 7]) {
      const f = scatter(size, 99)
      const seen = new Set<number>()
      const n = Math.min(size, 50_000)
      let outside = 0
      for (let k = 0; k < n; k++) {
        const x = f(k)
        if (!(x >= 0 && x < size && Number.isInteger(x))) outside++
        seen.add(x)
      }
      expect(outside).toBe(0)
      expect(seen.size).toBe(n)
    }
    // Exact against BigInt arithmetic at a large size.
    const size = 10 ** 15 + 37
    const f = scatter(size, 5)
    let a = BigInt(Math.floor(size * 0.6180339887))
    if (a % 2n === 0n) a += 1n
    const gcd = (x: bigint, y: bigint): bigint => (y === 0n ? x : gcd(y, x % y))
    while (gcd(a, BigInt(size)) !== 1n) a += 2n
    for (const k of [0, 1, 123456789, size - 1]) expect(BigInt(f(k))).toBe((BigInt(k) * a + 5n) % BigInt(size))
  })

  it('unbounded quantifiers are capped; lengths are known', () => {
    expect(regexMaxLength(parseRegex('a*'))).toBe(8)
    expect(regexMaxLength(parseRegex('a{2,}b+'))).toBe(10 + 9)
    expect(regexMaxLength(parseRegex('x|yyy'))).toBe(3)
  })

  for (const [p, why] of [
    ['(a)\\1', /backreferences/],
    ['\\k<x>', /backreferences/],
    ['(?=a)b', /lookarounds/],
    ['(?<!a)b', /lookarounds/],
    ['\\bword', /word boundaries/],
    ['\\p{L}', /Unicode property/],
    ['a{3,1}', /out of order/],
    ['[z-a]', /out of order/],
    ['(ab', /missing '\)'/],
    ['ab)', /unmatched/],
    ['*a', /nothing to repeat/],
    ['a^b', /only allowed at the start/],
  ] as const) {
    it(`refuses /${p}/`, () => {
      expect(() => parseRegex(p)).toThrow(RegexError)
      expect(() => parseRegex(p)).toThrow(why)
    })
  }
})
