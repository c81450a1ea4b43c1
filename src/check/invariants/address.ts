import { addressGroups, type AddressColumns, type ColumnRef } from '../columns.js'
import { Tally } from '../tally.js'
import type { CheckContext, Invariant, TableRows } from '../types.js'
import { letters, text } from '../values.js'
import type { Value } from '../../model/rows.js'

/**
 * The parts of one address belong together. Per row, every question the reference can answer is
 * asked, and the row passes when no answer is "no":
 * - a US ZIP (5 digits) fits its US state (name or code), where the country is absent or the US;
 * - a state named in full (`Oregon`) lies in the row's country;
 * - a city lies in the row's state/country, a postal code in its state (src/geo's places, `judge`);
 * - a city that appears more than once in the table has its most frequent country (the data's own
 *   city → country agreement; independent draws break it, real addresses keep it).
 * A row where nothing can be asked is not applicable.
 */
export const address: Invariant = {
  id: 'address',
  description: 'city, state, zip and country of one address belong together',
  measure(ctx, t) {
    return addressGroups(t).flatMap((g) => measureGroup(ctx, t, g))
  },
}

function measureGroup(ctx: CheckContext, t: TableRows, g: AddressColumns) {
  const parts = [g.city, g.state, g.zip, g.country].filter((c): c is ColumnRef => c !== undefined)
  if (parts.length < 2) return []
  const ref = ctx.addressReference
  const cityCountry = g.city && g.country ? modalCountries(t, g.city, g.country) : undefined
  const tally = new Tally('address', t.key, parts.map((c) => c.name))
  t.rows.forEach((r, i) => {
    const get = (c?: ColumnRef) => (c ? text(r[c.at])?.trim() || undefined : undefined)
    const [city, state, zip, country] = [get(g.city), get(g.state), get(g.zip), get(g.country)]
    const code = country !== undefined ? ref.countryCode(country) : undefined
    const answers: boolean[] = []
    if (zip !== undefined && state !== undefined && (country === undefined || code === 'US')) {
      const a = ref.zipInState(zip, state)
      if (a !== undefined) answers.push(a)
    }
    if (state !== undefined && code !== undefined) {
      const sc = ref.stateCountry(state)
      if (sc !== undefined) answers.push(sc === code)
    }
    if (city !== undefined && (state !== undefined || code !== undefined)) {
      const places = ref.cityPlace?.(city)
      if (places && places.length > 0) {
        answers.push(places.some((p) => (state === undefined || p.states.includes(letters(state))) && (code === undefined || p.countries.includes(code))))
      }
    }
    if (ref.judge && (city !== undefined ? 1 : 0) + (state !== undefined ? 1 : 0) + (zip !== undefined ? 1 : 0) + (country !== undefined ? 1 : 0) >= 2) {
      const a = ref.judge({ ...(city ? { city } : {}), ...(state ? { state } : {}), ...(zip ? { zip } : {}), ...(country ? { country } : {}) })
      if (a !== undefined) answers.push(a)
    }
    if (city !== undefined && country !== undefined && cityCountry) {
      const modal = cityCountry.get(letters(city))
      if (modal !== undefined) answers.push(modal === letters(country))
    }
    if (answers.length === 0) return
    tally.add(answers.every(Boolean), i, parts.map((c): [ColumnRef, Value | undefined] => [c, r[c.at]]))
  })
  return tally.done()
}

/** For each city seen at least twice with a country: its most frequent country (ties: none, not asked). */
function modalCountries(t: TableRows, city: ColumnRef, country: ColumnRef): Map<string, string> {
  const counts = new Map<string, Map<string, number>>()
  for (const r of t.rows) {
    const c = text(r[city.at])
    const k = text(r[country.at])
    if (!c || !k) continue
    const per = counts.get(letters(c)) ?? new Map<string, number>()
    per.set(letters(k), (per.get(letters(k)) ?? 0) + 1)
    counts.set(letters(c), per)
  }
  const out = new Map<string, string>()
  for (const [c, per] of counts) {
    const total = [...per.values()].reduce((a, b) => a + b, 0)
    if (total < 2) continue
    const sorted = [...per.entries()].sort((a, b) => b[1] - a[1])
    if (sorted.length > 1 && sorted[0]![1] === sorted[1]![1]) {
      // A tie has no modal country: every row of that city is inconsistent with half of the others.
      out.set(c, '\u0000')
      continue
    }
    out.set(c, sorted[0]![0])
  }
  return out
}
