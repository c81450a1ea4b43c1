/** The kept name tokens (name-tokens.ts) are exactly what faker's lists give today: a faker upgrade that changes them fails here. */
import { describe, expect, it } from 'vitest'
import { buildFromFaker, nameDictionary } from '../../../../src/mask/pii/name-dictionary.js'

describe('name tokens', () => {
  it('equal the dictionary built from faker (regenerate with `npx tsx scripts/gen-name-tokens.ts`)', async () => {
    const kept = await nameDictionary()
    const fresh = await buildFromFaker()
    expect(kept.first.size).toBeGreaterThan(5000)
    expect([...kept.first].sort()).toEqual([...fresh.first].sort())
    expect([...kept.last].sort()).toEqual([...fresh.last].sort())
    expect(kept.first.has('frederique')).toBe(true)
  })
})
