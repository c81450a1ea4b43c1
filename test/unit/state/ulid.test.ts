import { describe, expect, it } from 'vitest'
import { ulidFactory, ulidTime } from '../../../src/state/ulid.js'
import { parseStateLocation } from '../../../src/state/state-location.js'

describe('ulid', () => {
  it('26 Crockford characters carrying the time; strictly increasing within one millisecond and when the clock steps back', () => {
    const next = ulidFactory()
    const at = Date.UTC(2026, 11, 5, 17, 0, 0)
    const ids = [next(at), next(at), next(at), next(at - 5), next(at + 1)]
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(5)
    expect(ulidTime(ids[0]!)).toBe(at)
    expect(ulidTime(ids[3]!)).toBe(at)
    expect(ulidTime(ids[4]!)).toBe(at + 1)
    // The spec's example time prefix: 1469918176385 ms → 01ARYZ6S41.
    expect(ulidFactory()(1469918176385).slice(0, 10)).toBe('01ARYZ6S41')
  })
})

describe('parseStateLocation', () => {
  it('URLs by scheme, files by path, the default in ~/.tdg', () => {
    expect(parseStateLocation('postgres://u:p@h/db')).toEqual({ kind: 'postgres', url: 'postgres://u:p@h/db' })
    expect(parseStateLocation('mariadb://u@h/db')).toEqual({ kind: 'mysql', url: 'mysql://u@h/db' })
    expect(parseStateLocation('sqlite:./s.db')).toEqual({ kind: 'sqlite', file: './s.db' })
    expect(parseStateLocation('/tmp/s.db')).toEqual({ kind: 'sqlite', file: '/tmp/s.db' })
    expect(parseStateLocation(undefined)).toMatchObject({ kind: 'sqlite', file: expect.stringMatching(/[/\\]\.tdg[/\\]state\.db$/) })
  })
})
