/**
 * Row coherence for people: the name-like columns of a table (first, last, full name, email, username)
 * become fields of one person per row (the `person` generator), with first names following a gender
 * column, and an `age` next to a birth date is computed from it. Only columns whose CHECKs the person
 * values cannot break are grouped; everything else keeps its own generator.
 */
import type { PersonField } from '../model/plan.js'
import type { DraftColumnView } from './draft-column.js'
import type { ColumnConstraints } from './column-constraints.js'
import { snakeName, timeRole } from './semantics.js'

/** The draft columns this step reads and rewrites. */
export type GroupColumn = Pick<DraftColumnView, 'name' | 'column' | 'spec' | 'reason'>

const FIELDS: Record<string, PersonField> = { 'first-name': 'first', 'last-name': 'last', 'full-name': 'full', email: 'email', username: 'username' }
/** LIKE patterns every `local@domain.tld` matches (the usual email CHECKs). */
const EMAIL_LIKE = /^(%|_%|%_)@(%|_%|%_)(\.(%|_%|%_|__%))?$/
/** Room a unique value needs for its digits and the longest free-mail domain. */
const MIN_LENGTH: Record<PersonField, number> = { first: 1, last: 1, full: 3, email: 28, username: 6 }

/**
 * Group the person columns of one table in place. `cons(name)`: the column's CHECK-derived constraints;
 * `inKey(name)`: the column is in a PK/UNIQUE; `covered`: columns a rule replaced (left alone).
 * Returns the names of the grouped columns.
 */
export function applyPersonGroup(
  columns: GroupColumn[],
  cons: (name: string) => ColumnConstraints,
  inKey: (name: string) => boolean,
  covered: Set<string>,
  now: number,
): string[] {
  const members: Array<{ c: GroupColumn; field: PersonField; minLength: number; maxLength?: number }> = []
  for (const c of columns) {
    if (covered.has(c.name) || c.spec.kind !== 'faker' || (c.column.default?.kind === 'literal' && c.column.default.value !== null)) continue
    const field = FIELDS[c.spec.semantic]
    if (!field) continue
    const k = cons(c.name)
    const likesOk = k.likes.length === 0 || (field === 'email' && k.likes.every((p) => EMAIL_LIKE.test(p)))
    const free = likesOk && k.notLikes.length === 0 && k.exclude.every((v) => v === '') && k.inList === undefined && k.equals === undefined
    // A name in a key would need unique names; emails and usernames are unique by their digits.
    const keyOk = !inKey(c.name) || field === 'email' || field === 'username'
    if (!free || !keyOk || (c.spec.maxLength !== undefined && c.spec.maxLength < MIN_LENGTH[field])) continue
    members.push({ c, field, minLength: c.spec.minLength, ...(c.spec.maxLength !== undefined ? { maxLength: c.spec.maxLength } : {}) })
  }
  if (members.length < 2) return ageFromBirth(columns, cons, covered, now)
  const gender = columns.find((c) => /^(gender|sex)$/.test(snakeName(c.name)) && !members.some((m) => m.c === c))?.name
  for (const m of members) {
    m.c.spec = { kind: 'person', field: m.field, group: 'person', ...(gender ? { gender } : {}), minLength: m.minLength, ...(m.maxLength !== undefined ? { maxLength: m.maxLength } : {}), digits: 2 }
    const from = m.field === 'email' || m.field === 'username' ? 'made from the names' : gender ? `first names follow ${gender}` : 'one person per row'
    m.c.reason = `${m.c.reason}; the row's person (${from})`
  }
  return [...members.map((m) => m.c.name), ...ageFromBirth(columns, cons, covered, now)]
}

/** An unconstrained `age` beside a birth date/timestamp: the whole years from it to `now`. */
function ageFromBirth(columns: GroupColumn[], cons: (name: string) => ColumnConstraints, covered: Set<string>, now: number): string[] {
  const birth = columns.find((c) => (c.spec.kind === 'date' || c.spec.kind === 'timestamp') && timeRole(c.name) === 'birth' && !covered.has(c.name))
  const age = columns.find((c) => /(^|_)age(_years)?$/.test(snakeName(c.name)) && c.spec.kind === 'number' && c.column.type.kind === 'integer' && !covered.has(c.name))
  if (!birth || !age) return []
  const k = cons(age.name)
  if (k.exclude.length > 0 || k.inList !== undefined || k.equals !== undefined) return []
  // Birth dates give ages 18–90 (see ranges.ts); a CHECK on the age narrows the birth dates to the ages
  // it allows (ages lo..hi: born after now − (hi + 1) years, on or before now − lo years).
  const lo = Math.max(18, ...k.lower.map((b) => Math.ceil(Number(b.value)) + (b.inclusive ? 0 : 1)))
  const hi = Math.min(90, ...k.upper.map((b) => Math.floor(Number(b.value)) - (b.inclusive ? 0 : 1)))
  const b = birth.spec
  if (!(lo <= hi) || (b.kind !== 'date' && b.kind !== 'timestamp')) return []
  const unit = b.kind === 'date' ? 86400 : 1
  const yearsAgo = (y: number) => {
    const d = new Date(now * 1000)
    return Math.floor(Date.UTC(d.getUTCFullYear() - y, d.getUTCMonth(), d.getUTCDate()) / 1000 / unit)
  }
  const min = Math.max(b.min, yearsAgo(hi + 1) + 1)
  const max = Math.min(b.max, yearsAgo(lo))
  if (min > max) return []
  birth.spec = { ...b, min, max, start: Math.min(Math.max(b.start, min), max) }
  age.spec = { kind: 'age', from: birth.name, unit: unit === 86400 ? 'day' : 'second', now }
  age.reason = `age: whole years from ${birth.name} to now`
  if (lo > 18 || hi < 90) birth.reason = `${birth.reason}; ages ${lo}–${hi} as ${age.name}'s CHECK allows`
  return [age.name]
}
