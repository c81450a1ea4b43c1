import { describe, expect, it } from 'vitest'
import { data, date, int, measure, only, rows, str } from './helpers.js'

const people = (list: Array<Record<string, string | number | null>>) => data('customers', { id: int, first_name: str, last_name: str, full_name: str, email: str }, list)

describe('email-name', () => {
  it('passes when the local part holds the first or last name (accents, case and punctuation aside)', () => {
    const r = only('email-name', [
      people([
        { id: 1, first_name: 'José', last_name: 'Núñez', email: 'jose.nunez87@example.com' },
        { id: 2, first_name: 'Anne-Marie', last_name: "O'Neil", email: 'amoneil@example.com' },
        { id: 3, first_name: 'Li', last_name: 'Wu', email: 'li_w@example.com' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 3, passed: 3 })
  })

  it('fails when the email names someone else, and shows the row', () => {
    const r = only('email-name', [
      people([
        { id: 1, first_name: 'Conrad', last_name: 'Herzog', email: 'cassie56.0@hotmail.com' },
        { id: 2, first_name: 'Jane', last_name: 'Doe', email: 'jane.doe@example.com' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 2, passed: 1 })
    expect(r.examples).toEqual([{ row: 1, value: 'email=cassie56.0@hotmail.com, first_name=Conrad, last_name=Herzog' }])
  })

  it('names failing rows by their primary key', () => {
    const t = data('users', { id: int, first_name: str, email: str }, [{ id: 41, first_name: 'Ann', email: 'bob@x.org' }], { primaryKey: { columns: ['id'] } })
    expect(only('email-name', [t]).examples).toEqual([{ row: 1, key: 'id=41', value: 'email=bob@x.org, first_name=Ann' }])
  })

  it('does not apply without name columns, nor to a company email', () => {
    expect(measure('email-name', [data('users', { email: str, login: str }, [{ email: 'x@y.z' }])])).toEqual([])
    expect(measure('email-name', [data('accounts', { billing_email: str, first_name: str }, [{ billing_email: 'ap@acme.com', first_name: 'Jo' }])])).toEqual([])
  })
})

describe('full-name', () => {
  it('passes for first + space + last, fails otherwise', () => {
    const r = only('full-name', [
      people([
        { first_name: 'Jane', last_name: 'Doe', full_name: 'Jane Doe' },
        { first_name: 'Jane', last_name: 'Doe', full_name: 'Conrad Herzog' },
        { first_name: 'Jane', last_name: 'Doe', full_name: 'Jane Q. Doe' },
        { first_name: 'Jane', last_name: 'Doe', full_name: 'Jane  Doe ' },
        { first_name: 'Jane', last_name: 'Doe', full_name: 'Doe Jane' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 5, passed: 3 })
    expect(r.examples.map((e) => e.row)).toEqual([2, 5])
  })

  it('reads plain `name` only beside first and last names', () => {
    expect(measure('full-name', [data('products', { name: str }, [{ name: 'Chai' }])])).toEqual([])
    expect(only('full-name', [data('users', { first_name: str, last_name: str, name: str }, [{ first_name: 'A', last_name: 'B', name: 'A B' }])])).toMatchObject({ applicable: 1, passed: 1 })
  })
})

describe('age-birth', () => {
  const now = Date.UTC(2026, 11, 5)
  it('passes within a year of the whole years to --now, fails beyond', () => {
    const r = only(
      'age-birth',
      [
        data('people', { age: int, birth_date: date }, [
          { age: 24, birth_date: '2001-12-05' },
          { age: 25, birth_date: '2001-12-06' },
          { age: 73, birth_date: '2001-12-05' },
        ]),
      ],
      now,
    )
    expect(r).toMatchObject({ applicable: 3, passed: 2 })
    expect(r.examples.map((e) => e.row)).toEqual([3])
  })

  it('does not apply to a text age or without a birth date', () => {
    expect(measure('age-birth', [data('people', { age: int, created_at: date }, [{ age: 3, created_at: '2020-01-01' }])], now)).toEqual([])
  })
})

describe('address', () => {
  const t = (list: Array<Record<string, string | null>>) => data('addresses', { city: str, state: str, zip: str, country: str }, list)
  it('passes a ZIP of its state in the US and a full state name in the US', () => {
    const r = only('address', [
      t([
        { city: 'Portland', state: 'OR', zip: '97201', country: 'USA' },
        { city: 'Seattle', state: 'Washington', zip: '98128', country: 'United States' },
        { city: 'Anchorage', state: 'AK', zip: '99508', country: null },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 3, passed: 3 })
  })

  it('fails a ZIP of another state, a US state in another country, a city in two countries', () => {
    const r = only('address', [
      t([
        { city: 'Eugene', state: 'OR', zip: '10001', country: 'US' },
        { city: 'Lake Joshuaview', state: 'Oregon', zip: null, country: 'HM' },
        { city: 'Springfield', state: null, zip: null, country: 'DE' },
        { city: 'Springfield', state: null, zip: null, country: 'FR' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 4, passed: 0 })
  })

  it('judges foreign addresses against real places (src/geo): right ones pass, a proven mismatch fails', () => {
    const r = measure('address', [
      t([
        { city: 'São Paulo', state: 'SP', zip: '05432-043', country: 'Brazil' },
        { city: 'Perth', state: 'WA', zip: '6000', country: 'Australia' },
        // Northwind's own error: T2F is a Calgary (Alberta) postcode, not British Columbia's.
        { city: 'Tsawassen', state: 'BC', zip: 'T2F 8M4', country: 'Canada' },
      ]),
    ])
    expect(r).toHaveLength(1)
    expect(r[0]).toMatchObject({ applicable: 3, passed: 2 })
  })

  it('does not judge what it cannot know (towns it has no data for)', () => {
    const r = measure('address', [t([{ city: 'Smallville', state: null, zip: null, country: 'United States' }, { city: 'Hobbiton', state: null, zip: null, country: 'New Zealand' }])])
    expect(r).toEqual([])
  })

  it('measures prefixed groups separately (ship_city, ship_country)', () => {
    const r = measure('address', [
      data('orders', { ship_city: str, ship_country: str, ship_state: str }, rows(4, (i) => ({ ship_city: 'Lyon', ship_country: i < 3 ? 'France' : 'Spain', ship_state: null }))),
    ])
    expect(r).toHaveLength(1)
    expect(r[0]).toMatchObject({ columns: ['ship_city', 'ship_state', 'ship_country'], applicable: 4, passed: 3 })
  })
})

describe('name-distinct', () => {
  it('passes varied names and fails a column of few names (100+ rows only)', () => {
    const names = ['Ann', 'Bob', 'Cy']
    const r = measure('name-distinct', [
      data('users', { first_name: str, last_name: str }, rows(200, (i) => ({ first_name: `N${i}`, last_name: names[i % 3]! }))),
    ])
    expect(r.map((x) => [x.columns[0], x.passed])).toEqual([
      ['first_name', 1],
      ['last_name', 0],
    ])
    expect(measure('name-distinct', [data('users', { last_name: str }, rows(99, () => ({ last_name: 'Same' })))])).toEqual([])
  })
})
