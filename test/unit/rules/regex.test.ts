/** The bounded regex generator: random strings always match, unique ones are distinct, refusals are clear. */
import { describe, expect, it } from 'vitest'
import { parseRegex, regexMaxLength, regexRandom, regexSize, regexUnrank, RegexError, scatter } from '../../../src/generate/regex.js'
import { below, mix32 } from '../../../src/generate/prng.js'

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
      const hs = Array.from({ length: 64 }, (_, j) => mix32(j * 7919 + 1))
      let bad = 0
      for (let i = 0; i < 20_000; i++) {
        let j = 0
        const s = regexRandom(root, (n) => below(hs[j++ & 63]! ^ j, i, n))
        if (!re.test(s) || s.length > regexMaxLength(root)) bad++
      }
      expect(bad).toBe(0)
    })
  }

  it('unranking is injective and matches for unambiguous patterns', () => {
    const root = parseRegex('DE[0-9]{9}')
    expect(regexSize(root)).toBe(1e9)
    const spread = scatter(regexSize(root), 12345)
    const seen = new Set<string>()
    for (let k = 0; k < 100_000; k++) seen.add(regexUnrank(root, spread(k), (p) => p * 3))
    expect(seen.size).toBe(100_000)
    expect([...seen].every((s) => /^DE[0-9]{9}$/.test(s))).toBe(true)
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
