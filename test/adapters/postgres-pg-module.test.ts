/**
 * loadPg (adapters/postgres/pg-module.ts): pg loaded with a `navigator` only for the duration of its
 * require on Node 20 — none left behind — and the same module instance as `import pg from 'pg'`.
 */
import { describe, expect, it } from 'vitest'
import { loadPg } from '../../adapters/postgres/pg-module.js'

describe('loadPg', () => {
  it('leaves globalThis.navigator as it found it and gives the instance `import pg` gives', async () => {
    const had = Object.hasOwn(globalThis, 'navigator')
    const before = (globalThis as { navigator?: unknown }).navigator
    const pg = loadPg()
    expect(Object.hasOwn(globalThis, 'navigator')).toBe(had)
    expect((globalThis as { navigator?: unknown }).navigator).toBe(before)
    expect(loadPg()).toBe(pg)
    expect((await import('pg')).default).toBe(pg)
    expect(typeof pg.Pool).toBe('function')
  })
})
