import { describe, expect, it } from 'vitest'
import { streamHash, uniform } from '../../../src/generate/prng.js'
import {
  countryAt, currencyAt, hasPlaces, isZipInCity, languageAt, placeAt, placeByIndex, placeCount, placeCountries, pointNear, stateOfZip, timezoneAt,
} from '../../../src/geo/index.js'
import { COUNTRY_ROWS, CURRENCY_WEIGHTS, LANGUAGE_WEIGHTS } from '../../../src/geo/data/countries.js'
import { PLACE_TABLES, geoIndex } from '../../../src/geo/places.js'
import { US_STATE_BOXES, inBox } from './bounds.js'

/** The numbers the generators feed in: 32-bit hash uniforms addressed by (stream, row). */
const h = streamHash(42, 'customers', 'city')
const u = (i: number) => uniform(h, i)
const v = (i: number) => uniform(h ^ 0x9e3779b9, i)
const N = 100_000

function frequencies<T>(n: number, draw: (i: number) => T): Map<T, number> {
  const out = new Map<T, number>()
  for (let i = 0; i < n; i++) {
    const k = draw(i)
    out.set(k, (out.get(k) ?? 0) + 1)
  }
  return out
}

/** Observed shares within `tol` (absolute) of the expected ones, for every key. */
function expectShares(observed: Map<string, number>, weights: ReadonlyArray<readonly [string, number]>, n: number, tol: number): void {
  const total = weights.reduce((s, [, w]) => s + w, 0)
  for (const [k, w] of weights) expect(Math.abs((observed.get(k) ?? 0) / n - w / total), k).toBeLessThan(tol)
  expect([...observed.keys()].every((k) => weights.some(([w]) => w === k))).toBe(true)
}

describe('geo draws', () => {
  it('are deterministic: the same numbers give the same place, also across calls in any order', () => {
    const first = Array.from({ length: 500 }, (_, i) => placeAt(undefined, u(i), v(i)))
    const again = Array.from({ length: 500 }, (_, j) => 499 - j).map((i) => placeAt(undefined, u(i), v(i))).reverse()
    expect(again).toEqual(first)
    expect(placeAt('DE', 0.25)).toBe(placeAt('Germany', 0.25))
  })

  it('countryAt follows the GDP weights over 100 000 draws', () => {
    const f = frequencies(N, (i) => countryAt(u(i)).code)
    expectShares(f, COUNTRY_ROWS.map((r) => [r[0], r[5]] as const), N, 0.005)
    // top-heavy: the US first, then CN, with every place country drawn
    const order = [...f.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k)
    expect(order.slice(0, 2)).toEqual(['US', 'CN'])
    expect(f.size).toBe(PLACE_TABLES.length)
  })

  it('placeAt without a country lands in countryAt’s country for the same u (columns drawn apart agree)', () => {
    for (let i = 0; i < 20_000; i++) expect(placeAt(undefined, u(i)).countryCode).toBe(countryAt(u(i)).code)
  })

  it('placeAt without a country draws countries like countryAt, and cities by population', () => {
    const countries = frequencies(N, (i) => placeAt(undefined, u(i)).countryCode)
    expectShares(countries, COUNTRY_ROWS.map((r) => [r[0], r[5]] as const), N, 0.005)
    const us = PLACE_TABLES.find((t) => t.code === 'US')!
    const cities = frequencies(N, (i) => { const p = placeAt('US', u(i)); return `${p.city}/${p.stateCode}` })
    const weights = us.cities.map((c) => [`${c[0].split('|')[0]}/${c[1]}`, c[5]] as const)
    expectShares(cities, weights, N, 0.004)
    expect(cities.get('Chicago/IL')!).toBeGreaterThan(10 * cities.get('Boise/ID')!)
  })

  it('every drawn postal code belongs to the drawn city (and its state where codes follow states)', () => {
    for (let i = 0; i < 20_000; i++) {
      const p = placeAt(undefined, u(i), v(i))
      expect(isZipInCity(p.zip, p.city, p.countryCode), `${p.city} ${p.zip}`).toBe(true)
      if (p.countryCode === 'US' || p.countryCode === 'CA' || p.countryCode === 'AU')
        expect(stateOfZip(p.zip, p.countryCode)?.code, `${p.city} ${p.zip}`).toBe(p.stateCode)
    }
  })

  it('varies the postal code with v (many codes per big city) and keeps the first code without v', () => {
    const first = placeAt('US', 0.01)
    const entry = geoIndex().byCountry.get('US')!.cities.find((e) => e.place === first)!
    const codes = entry.tokens.reduce((s, t) => s + (t.kind === 'range' ? t.count : 1), 0)
    expect(codes).toBeGreaterThan(5)
    const zips = new Set(Array.from({ length: 2000 }, (_, i) => placeAt('US', 0.01, v(i)).zip))
    expect(zips.size).toBe(codes)
    expect(zips.has(first.zip)).toBe(true)
    expect(placeAt('GB', 0).zip).toMatch(/^EC1A 0AA$|^[A-Z]/)
    expect(Object.isFrozen(placeAt('FR', 0.5))).toBe(true)
  })

  it('currencyAt and languageAt follow their weights', () => {
    expectShares(frequencies(N, (i) => currencyAt(u(i))), CURRENCY_WEIGHTS, N, 0.005)
    expectShares(frequencies(N, (i) => languageAt(u(i)).code), LANGUAGE_WEIGHTS, N, 0.005)
    expect(languageAt(0)).toEqual({ code: 'en', name: 'English' })
    expect(currencyAt(0)).toBe('USD')
  })

  it('timezoneAt gives IANA zones where people are, US zones most', () => {
    const f = frequencies(20_000, (i) => timezoneAt(u(i)))
    for (const z of f.keys()) expect(() => new Intl.DateTimeFormat('en', { timeZone: z })).not.toThrow()
    expect(f.get('America/New_York')! + f.get('America/Chicago')! + f.get('America/Los_Angeles')!).toBeGreaterThan(f.get('Europe/Berlin')!)
    expect(f.get('Asia/Shanghai')).toBeGreaterThan(0)
  })

  it('pointNear spreads rows of a city over a disc around its centre, inside its state', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 5000; i++) {
      const p = placeAt('US', u(i))
      const q = pointNear(p, v(i))
      const dy = (q.lat - p.lat) * 111.32
      const dx = (q.lon - p.lon) * 111.32 * Math.cos((p.lat * Math.PI) / 180)
      expect(Math.hypot(dx, dy), p.city).toBeLessThanOrEqual(6.01)
      expect(inBox(US_STATE_BOXES[p.stateCode]!, q.lat, q.lon, 0.3), `${p.city} ${q.lat},${q.lon}`).toBe(true)
      seen.add(`${q.lat},${q.lon}`)
    }
    expect(seen.size).toBeGreaterThan(4900)
    const small = placeAt('US', 0) // the same w gives the same point
    expect(pointNear(small, 0.3)).toEqual(pointNear(small, 0.3))
  })

  it('placeByIndex enumerates every place once, per country or over all', () => {
    const all = placeCount()
    expect(all).toBe(PLACE_TABLES.reduce((s, t) => s + t.cities.length, 0))
    const keys = new Set(Array.from({ length: all }, (_, i) => { const p = placeByIndex(undefined, i); return `${p.countryCode}/${p.stateCode}/${p.city}` }))
    expect(keys.size).toBe(all)
    expect(placeByIndex(undefined, all)).toBe(placeByIndex(undefined, 0))
    expect(placeCount('DE')).toBe(PLACE_TABLES.find((t) => t.code === 'DE')!.cities.length)
    const de = new Set(Array.from({ length: placeCount('DE') }, (_, i) => placeByIndex('DE', i).city))
    expect(de.size).toBe(placeCount('DE'))
    expect(placeByIndex('US', 3, 0.5).zip).not.toBe(placeByIndex('US', 3).zip)
  })

  it('covers u at the edges and refuses a country without places', () => {
    expect(placeAt(undefined, 0).countryCode).toBe('US')
    expect(placeAt(undefined, 1 - 2 ** -32).countryCode).toBe(COUNTRY_ROWS[COUNTRY_ROWS.length - 1]![0])
    expect(placeAt('US', 1).city).toBeTruthy()
    expect(hasPlaces('CL')).toBe(false)
    expect(hasPlaces('deu')).toBe(true)
    expect(() => placeAt('Chile', 0.5)).toThrow(expect.objectContaining({ code: 'TDG_INTERNAL' }))
    expect(placeCountries()[0]).toBe('US')
  })
})
