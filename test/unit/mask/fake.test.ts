/**
 * fake-by-hash: a row's person fields share one fake person (the email is built from the masked names,
 * as generation builds it), address fields one real place (checked with geo's checkAddress), and
 * `unique` fakes never collide.
 */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { col, int, table, varchar } from '../plan/model-builders.js'
import { emailDraws, handlePart, personField, personRecords } from '../../../src/generate/person-source.js'
import { checkAddress } from '../../../src/geo/index.js'
import { KEY, maskColumn, maskRows } from './helpers.js'
import { compileTableMasker } from '../../../src/mask/compile-table.js'
import { digitTail, foldedFingerprint, lanesOf, mixLanes, POW_A, POW_B } from '../../../src/mask/maskers/unique.js'
import { uniqueEmails } from '../../../src/mask/maskers/unique-email.js'

const people = table('people', [
  col('id', int()),
  col('first_name', varchar(50), { nullable: true }),
  col('last_name', varchar(50), { nullable: true }),
  col('full_name', varchar(100), { nullable: true }),
  col('email', varchar(60), { nullable: true }),
  col('login', varchar(30), { nullable: true }),
  col('street', varchar(80), { nullable: true }),
  col('city', varchar(60), { nullable: true }),
  col('state', varchar(2), { nullable: true }),
  col('zip', varchar(10), { nullable: true }),
], { primaryKey: { columns: ['id'] } })

const personSpecs = {
  first_name: { kind: 'fake', field: 'first-name' },
  last_name: { kind: 'fake', field: 'last-name' },
  full_name: { kind: 'fake', field: 'full-name' },
  email: { kind: 'fake', field: 'email', unique: true },
  login: { kind: 'fake', field: 'username' },
} as const

const originals = Array.from({ length: 500 }, (_, i) => ({
  id: i,
  first_name: `First${i % 37}`,
  last_name: `Last${i % 53}`,
  full_name: `First${i % 37} Last${i % 53}`,
  email: `user${i}@corp.example`,
  login: `u${i}`,
  street: `${i} Elm Street`,
  city: 'Springfield',
  state: 'IL',
  zip: String(62700 + (i % 40)),
}))

describe('person group', () => {
  it('masks the email from the masked first and last name, and the full name is first + last', () => {
    const out = maskRows(people, personSpecs, originals)
    let named = 0
    for (const r of out) {
      const f = r.first_name as string
      const l = r.last_name as string
      expect(r.full_name).toBe(`${f} ${l}`)
      const local = (r.email as string).split('@')[0]!
      expect(r.email).toMatch(/^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$/)
      if (local.includes(handlePart(l)) || local.includes(handlePart(f))) named++
      expect((r.login as string).length).toBeLessThanOrEqual(30)
    }
    // Every pattern names the first or the last name (some use only an initial of one of them).
    expect(named).toBeGreaterThan(out.length * 0.95)
    expect(new Set(out.map((r) => r.first_name)).size).toBeGreaterThan(100)
  })
  it('the same email masks to the same person wherever it appears; NULL fields stay NULL', () => {
    const staff = table('staff', [col('id', int()), col('mail', varchar(60), { nullable: true }), col('given', varchar(50), { nullable: true })])
    const a = maskRows(people, personSpecs, [originals[7]!])[0]!
    const b = maskRows(staff, { mail: { kind: 'fake', field: 'email', unique: true }, given: { kind: 'fake', field: 'first-name' } }, [{ id: 1, mail: originals[7]!.email, given: 'Someone' }])[0]!
    expect(b.mail).toBe(a.email)
    expect(b.given).toBe(a.first_name)
    const nulls = maskRows(people, personSpecs, [{ ...originals[3]!, first_name: null, login: null }])[0]!
    expect(nulls.first_name).toBeNull()
    expect(nulls.login).toBeNull()
    expect(nulls.last_name).not.toBeNull()
  })
  it('unique emails never collide over 200k distinct originals, and one original keeps its value', () => {
    const n = 200_000
    const t = table('u', [col('email', varchar(40))], { uniques: [{ columns: ['email'] }] })
    const vals = Array.from({ length: n }, (_, i) => `person${i}@example.org`)
    const out = maskColumn(t, 'email', { kind: 'fake', field: 'email', unique: true }, vals) as string[]
    expect(new Set(out.map((v) => v.toLowerCase())).size).toBe(n)
    expect(out.every((v) => v.length <= 40 && /@/.test(v))).toBe(true)
    const again = maskColumn(t, 'email', { kind: 'fake', field: 'email', unique: true }, vals.slice(0, 1000))
    expect(again).toEqual(out.slice(0, 1000))
  }, 60_000)
  it('a unique guard sized up front (expectedRows) picks exactly what a growing one picks, collisions included', () => {
    // A short column: few digits and cut names, so many originals need a later candidate.
    const t = table('u', [col('email', varchar(16))], { uniques: [{ columns: ['email'] }] })
    const vals = Array.from({ length: 30_000 }, (_, i) => `p${i}@example.org`)
    const run = (expectedRows?: number) => {
      const m = compileTableMasker(t, { table: { name: 'u' }, columns: [{ column: 'email', mask: { kind: 'fake', field: 'email', unique: true }, source: 'rule', reason: 'test' }] }, KEY, expectedRows === undefined ? {} : { expectedRows })
      return m.maskColumns({ columns: ['email'], rows: vals.map((v) => [v]) }).values[0]!
    }
    const grown = run()
    expect(new Set(grown.map((v) => String(v).toLowerCase())).size).toBe(vals.length)
    expect(run(vals.length)).toEqual(grown)
    // A hint far too small: the table starts small and grows as before.
    expect(run(10)).toEqual(grown)
  }, 60_000)

  it('unique person values and phones are pinned: a faster build must write the same bytes (sha256 of 20k values per shape)', () => {
    const digest = (len: number, field: 'email' | 'username' | 'full-name') => {
      const t = table('g', [col('v', varchar(len), { nullable: true })])
      const m = compileTableMasker(t, { table: { name: 'g' }, columns: [{ column: 'v', mask: { kind: 'fake', field, unique: true }, source: 'rule', reason: 'test' }] }, KEY)
      const vals = m.maskColumns({ columns: ['v'], rows: Array.from({ length: 20_000 }, (_, i) => [`p${i}@example.org`]) }).values[0]!
      return createHash('sha256').update(vals.join('\n')).digest('hex').slice(0, 16)
    }
    // Computed before the email's fast path (pieces and their fingerprint); varchar(16) cuts names and collides.
    expect([digest(100, 'email'), digest(16, 'email'), digest(40, 'username'), digest(60, 'full-name')]).toEqual(['34a1c44d864ddba2', '3730c8cbe67f5aa1', 'e8332c99713c5df8', '424da76ff6a447f0'])
    // Phones likewise (computed before they were built from character codes), plain and unique.
    const phones = (len: number, unique: boolean) => {
      const t = table('g', [col('v', varchar(len), { nullable: true })])
      const m = compileTableMasker(t, { table: { name: 'g' }, columns: [{ column: 'v', mask: { kind: 'fake', field: 'phone', unique }, source: 'rule', reason: 'test' }] }, KEY)
      const vals = m.maskColumns({ columns: ['v'], rows: Array.from({ length: 20_000 }, (_, i) => [`+1 555 ${i}`]) }).values[0]!
      return createHash('sha256').update(vals.join('\n')).digest('hex').slice(0, 16)
    }
    expect([phones(30, false), phones(14, true)]).toEqual(['25c2c01776d26318', 'eb7ec622dddb0076'])
  }, 60_000)

  it('a fingerprint composed from its pieces\' lanes is the fingerprint of the whole string, case-folded; no lanes past a non-ASCII character', () => {
    const lanes = new Int32Array(2)
    const fed = (...pieces: string[]) => {
      let a = 0
      let b = 0
      let n = 0
      for (const p of pieces) {
        expect(lanesOf(p, lanes, 0)).toBe(true)
        a = (Math.imul(a, POW_A[p.length]!) + lanes[0]!) | 0
        b = (Math.imul(b, POW_B[p.length]!) + lanes[1]!) | 0
        n += p.length
      }
      return mixLanes(a, b, n)
    }
    for (const pieces of [['anna', '.', 'smith', '0042', '@', 'gmail.com'], ['J', '', '', '7', '@', 'Example.COM'], [''], ['', '', ''], ['anna.smith', '0042@Gmail.com']]) {
      expect(fed(...pieces)).toBe(foldedFingerprint(pieces.join('')))
      expect(fed(...pieces)).toBe(foldedFingerprint(pieces.join('').toUpperCase()))
    }
    expect(fed('anna', 'smith')).not.toBe(fed('annas', 'mith', 'x'))
    expect(lanesOf('@bücher.de', lanes, 0)).toBe(false)
    // The length counts: leading NUL characters (how non-ASCII text is folded) still tell strings apart.
    expect(foldedFingerprint('\u0000a')).not.toBe(foldedFingerprint('a'))
  })

  it('a unique email made from the draws alone is the record\'s email, and its fingerprint the string\'s', () => {
    const records = personRecords('s33d', 'mask', 'person', undefined, 'en', true)
    const draws = emailDraws('s33d', 'mask', 'person', 'en')
    const out = new Int32Array(5)
    const fp = new Float64Array(1)
    const fits = [{ text: true, minLength: 0 }, { text: true, minLength: 0, maxLength: 24 }, { text: true, minLength: 21 }]
    for (const fit of fits)
      for (const digits of [2, 3, 4]) {
        const make = uniqueEmails(draws, fit, digits, fp)
        const tail = { minLength: fit.minLength, ...(fit.maxLength !== undefined ? { maxLength: fit.maxLength } : {}), tail: () => digitTail(7_654_321, digits) }
        let made = 0
        // Indexes past 2^31 too: the masker draws at a 32-bit hash word.
        for (let j = 0; j < 3000; j++) {
          const i = (j * 2_654_435_761) % 4_294_967_296
          const r = records(i)
          draws.draw(i, out)
          expect([out[0] === 1 ? 'female' : 'male', draws.firstHandle(out[0]!, out[1]!), draws.lastHandle(out[2]!), out[3], draws.atDomains[out[4]!]]).toEqual([r.sex, r.firstHandle, r.lastHandle, r.pattern, r.atDomain])
          fp[0] = NaN
          const v = make(i, 7_654_321)
          if (v === undefined) {
            expect(Number.isNaN(fp[0])).toBe(true)
            continue
          }
          made++
          expect(v).toBe(personField('email', records(i), tail, 0))
          expect(fp[0]).toBe(foldedFingerprint(v))
        }
        // Most values need no fitting; the length bounds send the rest the general way.
        expect(made).toBeGreaterThan(fit.maxLength === undefined && fit.minLength === 0 ? 2999 : 300)
      }
  })

  it('a batch resolved at once (startBatch) gives what one-row batches give, collisions and repeats included', () => {
    const t = table('u', [col('id', int()), col('email', varchar(16))], { uniques: [{ columns: ['email'] }] })
    // Repeated originals (i % 4000) and a short column, so candidates collide and owners meet again.
    const rows = Array.from({ length: 6000 }, (_, i) => [i, i % 97 === 0 ? null : `p${i % 4000}@example.org`])
    const compile = () => compileTableMasker(t, { table: { name: 'u' }, columns: [{ column: 'email', mask: { kind: 'fake', field: 'email', unique: true }, source: 'rule', reason: 'test' }] }, KEY)
    const whole = compile().maskColumns({ columns: ['id', 'email'], rows }).values[0]!
    const m = compile()
    const single = rows.map((r) => m.maskColumns({ columns: ['id', 'email'], rows: [r] }).values[0]![0])
    expect(whole).toEqual(single)
    const distinct = new Set(whole.filter((v) => v !== null).map((v) => String(v).toLowerCase()))
    expect(distinct.size).toBe(new Set(rows.filter((r) => r[1] !== null).map((r) => r[1])).size)
  }, 60_000)
})

describe('address group and single fields', () => {
  it('street, city, state and zip of a row are one real place', () => {
    const out = maskRows(people, { street: { kind: 'fake', field: 'street' }, city: { kind: 'fake', field: 'city' }, state: { kind: 'fake', field: 'state' }, zip: { kind: 'fake', field: 'zip' } }, originals.slice(0, 200))
    let ok = 0
    for (const r of out) {
      expect((r.state as string).length).toBeLessThanOrEqual(2)
      const v = checkAddress({ city: r.city as string, state: r.state as string, zip: r.zip as string, country: 'US' })
      if (v.verdict === 'consistent' && v.held.includes('zip-in-state')) ok++
    }
    expect(ok).toBe(out.length)
    expect(new Set(out.map((r) => r.city)).size).toBeGreaterThan(50)
  })
  it('phones keep a phone format with keyed digits; unique companies stay unique; text is cut near the original length', () => {
    const t = table('s', [col('phone', varchar(30)), col('company', varchar(40)), col('notes', { kind: 'text' })])
    const phones = maskColumn(t, 'phone', { kind: 'fake', field: 'phone' }, Array.from({ length: 300 }, (_, i) => `+1 555 ${1000 + i}`)) as string[]
    expect(phones.every((p) => /[0-9]{3}/.test(p) && p.length <= 30)).toBe(true)
    expect(new Set(phones).size).toBeGreaterThan(290)
    const companies = maskColumn(t, 'company', { kind: 'fake', field: 'company', unique: true }, Array.from({ length: 5000 }, (_, i) => `Company ${i}`)) as string[]
    expect(new Set(companies).size).toBe(5000)
    expect(companies.every((c) => c.length <= 40)).toBe(true)
    const notes = maskColumn(t, 'notes', { kind: 'fake', field: 'text' }, ['a short note about a customer'])
    expect((notes[0] as string).length).toBeLessThanOrEqual(29)
    expect(notes[0]).not.toBe('a short note about a customer')
  })
})

describe('locales', () => {
  it('a fake person in another locale uses that locale’s names (after loadMaskLocales)', async () => {
    const { loadMaskLocales } = await import('../../../src/mask/compile-table.js')
    const specs = { first_name: { kind: 'fake', field: 'first-name', locale: 'de' }, last_name: { kind: 'fake', field: 'last-name', locale: 'de' } } as const
    await loadMaskLocales([{ table: { name: 'people' }, columns: Object.entries(specs).map(([column, mask]) => ({ column, mask, source: 'rule', reason: '' })) }])
    const { fakerFor } = await import('../../../src/generate/locales.js')
    const lasts = new Set<string>(fakerFor('de').definitions.person.last_name.generic ?? [])
    const out = maskRows(people, specs, originals.slice(0, 50))
    expect(out.every((r) => lasts.has(r.last_name as string))).toBe(true)
  })
})
