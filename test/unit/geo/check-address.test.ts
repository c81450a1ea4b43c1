import { describe, expect, it } from 'vitest'
import { streamHash, uniform } from '../../../src/generate/prng.js'
import { checkAddress, placeAt } from '../../../src/geo/index.js'

const h = streamHash(3, 'addresses', 'row')

describe('checkAddress', () => {
  it('holds every drawn place consistent, whichever spelling of state and country a column keeps', () => {
    for (let i = 0; i < 20_000; i++) {
      const p = placeAt(undefined, uniform(h, i), uniform(h ^ 7, i))
      const byName = checkAddress({ city: p.city, state: p.state, zip: p.zip, country: p.country })
      const byCode = checkAddress({ city: p.city, state: p.stateCode, zip: p.zip, country: p.countryCode })
      expect(byName.verdict, `${p.city} ${p.state} ${p.zip} ${p.country}`).toBe('consistent')
      expect(byCode.verdict, `${p.city} ${p.stateCode} ${p.zip} ${p.countryCode}`).toBe('consistent')
      expect(byName.held).toContain('city-in-state')
      if (p.countryCode === 'US') expect(byCode.held).toContain('zip-in-state')
    }
  })

  it('finds what faker-style independent columns get wrong', () => {
    expect(checkAddress({ city: 'Port Kaylee', state: 'Montana', zip: '12345', country: 'US' })).toMatchObject({ verdict: 'inconsistent', failed: 'zip-in-state' })
    expect(checkAddress({ city: 'Houston', state: 'Ohio', country: 'United States' })).toMatchObject({ verdict: 'inconsistent', failed: 'city-in-state' })
    expect(checkAddress({ city: 'Lake Bettyeton', state: 'Bayern', country: 'US' })).toMatchObject({ verdict: 'inconsistent', failed: 'state-in-country' })
    expect(checkAddress({ city: 'Munich', state: 'Texas', country: 'DE' })).toMatchObject({ verdict: 'inconsistent', failed: 'state-in-country' })
    expect(checkAddress({ country: 'Surgo odio' })).toMatchObject({ verdict: 'inconsistent', failed: 'country-known' })
  })

  it('does not call unknown things wrong', () => {
    expect(checkAddress({ city: 'Port Kaylee' }).verdict).toBe('unknown')
    expect(checkAddress({ city: 'Berlin', state: 'NH' }).verdict).toBe('unknown') // Berlin, New Hampshire exists
    expect(checkAddress({ city: 'Paris', state: 'TX', country: 'US' })).toMatchObject({ verdict: 'consistent', held: ['country-known', 'state-in-country'] })
    expect(checkAddress({ city: 'Valparaíso', zip: '2340000', country: 'Chile' })).toMatchObject({ verdict: 'consistent', held: ['country-known'] })
    expect(checkAddress({ city: 'Oulu', zip: '90110', country: 'Finland' })).toMatchObject({ verdict: 'consistent', held: ['country-known', 'city-in-country'] })
    expect(checkAddress({ city: 'Springfield', state: 'PR', country: 'USA' }).verdict).toBe('consistent') // a territory
    expect(checkAddress({}).verdict).toBe('unknown')
    expect(checkAddress({ city: null, state: '', zip: ' ', country: null }).verdict).toBe('unknown')
  })
})
