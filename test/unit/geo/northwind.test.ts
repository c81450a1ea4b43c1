import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { sharedFixture } from '../../support/shared-fixtures.js'
import { checkAddress, resolveState, type AddressVerdict } from '../../../src/geo/index.js'

/** Values of one-line `INSERT INTO t VALUES (…);` statements: strings with '' escapes, NULL, numbers. */
function rowsOf(sql: string, table: string): (string | null)[][] {
  const out: (string | null)[][] = []
  const prefix = `INSERT INTO ${table} VALUES (`
  for (const line of sql.split('\n')) {
    if (!line.startsWith(prefix)) continue
    const body = line.slice(prefix.length, line.lastIndexOf(')'))
    const row: (string | null)[] = []
    let i = 0
    while (i < body.length) {
      if (body[i] === "'") {
        let s = ''
        i++
        while (i < body.length) {
          if (body[i] === "'" && body[i + 1] === "'") (s += "'"), (i += 2)
          else if (body[i] === "'") break
          else s += body[i++]
        }
        row.push(s)
        i++
      } else {
        const end = body.indexOf(',', i)
        const tok = body.slice(i, end < 0 ? body.length : end).trim()
        row.push(tok === 'NULL' ? null : tok)
        i = end < 0 ? body.length : end
      }
      while (body[i] === ',' || body[i] === ' ') i++
    }
    out.push(row)
  }
  return out
}

const sql = readFileSync(sharedFixture('northwind-postgres.sql'), 'utf8')
/** Address columns (city, region, postal code, country) by table. */
const ADDRESS: Record<string, [number, number, number, number]> = {
  customers: [5, 6, 7, 8], suppliers: [5, 6, 7, 8], employees: [8, 9, 10, 11], orders: [10, 11, 12, 13],
}

describe('geo checks on real data (northwind)', () => {
  it('finds only the address northwind has wrong, and verifies most of them', () => {
    const verdicts: { table: string; row: (string | null)[]; v: AddressVerdict }[] = []
    for (const [table, [c, r, z, k]] of Object.entries(ADDRESS))
      for (const row of rowsOf(sql, table)) verdicts.push({ table, row: [row[c]!, row[r]!, row[z]!, row[k]!], v: checkAddress({ city: row[c], state: row[r], zip: row[z], country: row[k] }) })
    expect(verdicts.length).toBe(91 + 29 + 9 + 830)
    // Tsawassen is in British Columbia (V4M …); T2F is a Calgary, Alberta FSA: a real error in northwind
    const wrong = new Set(verdicts.filter((x) => x.v.verdict === 'inconsistent').map((x) => `${x.row.join(', ')} ${x.v.failed}`))
    expect([...wrong]).toEqual(['Tsawassen, BC, T2F 8M4, Canada zip-in-state'])
    expect(verdicts.filter((x) => x.v.verdict === 'inconsistent').length).toBe(1 + 14) // the customer and its 14 orders
    // every row names a real country; many cities are known, with their state where one is given
    expect(verdicts.every((x) => x.v.held.includes('country-known'))).toBe(true)
    const cityKnown = verdicts.filter((x) => x.v.held.includes('city-in-country')).length
    expect(cityKnown / verdicts.length).toBeGreaterThan(0.5)
    expect(verdicts.some((x) => x.v.held.includes('city-in-state'))).toBe(true)
    expect(verdicts.some((x) => x.v.held.includes('zip-in-state'))).toBe(true)
  })

  it('the same rows with their states swapped or their ZIPs moved fail', () => {
    expect(checkAddress({ city: 'Seattle', state: 'OR', zip: '98124', country: 'USA' })).toMatchObject({ verdict: 'inconsistent', failed: 'city-in-state' })
    expect(checkAddress({ city: 'Kirkland', state: 'WA', zip: '10001', country: 'USA' })).toMatchObject({ verdict: 'inconsistent', failed: 'zip-in-state' })
    expect(checkAddress({ city: 'Tsawassen', state: 'Narnia', zip: 'T2F 8M4', country: 'Canada' })).toMatchObject({ verdict: 'inconsistent', failed: 'state-in-country' })
    expect(checkAddress({ city: 'Berlin', zip: '12209', country: 'Germania Magna' })).toMatchObject({ verdict: 'inconsistent', failed: 'country-known' })
  })

  it('our US states agree with northwind’s us_states table (but for its Iowa = IO)', () => {
    const states = rowsOf(sql, 'us_states')
    expect(states).toHaveLength(51)
    const differ = states.filter(([, name, abbr]) => resolveState(abbr!, 'US')?.name !== name).map(([, name, abbr]) => `${name} ${abbr}`)
    expect(differ).toEqual(['Iowa IO'])
    for (const [, name] of states) expect(resolveState(name!, 'US')?.name).toBe(name)
  })
})
