/**
 * One profiled column → the column rule that best reproduces it, and the evidence (a one-line comment)
 * that chose it. Never a raw value of a column whose values are withheld or flagged as PII: such columns
 * get a faker call by shape (when tdg's built-in generator would not already make that shape from the
 * column's name) or nothing at all, and their comment names no value.
 */
import type { ColumnProfile } from '../model/profile.js'
import type { ColumnRule } from '../rules/schema.js'
import { resolveFakerMethod } from '../generate/faker-call.js'
import { stringSemantic } from '../plan/semantics.js'

/** Categories cover at least this share of the non-null values before they become `values` + `weights`. */
const CATEGORY_COVER = 0.98

/** Shapes and the faker method that makes them (the built-in generator makes them from names it knows). */
const SHAPE_FAKER: Record<string, string> = {
  email: 'internet.email',
  phone: 'phone.number',
  'first-name': 'person.firstName',
  'last-name': 'person.lastName',
  'full-name': 'person.fullName',
  username: 'internet.username',
  street: 'location.streetAddress',
  'address-line': 'location.streetAddress',
  city: 'location.city',
  state: 'location.state',
  zip: 'location.zipCode',
  country: 'location.country',
  company: 'company.name',
  'job-title': 'person.jobTitle',
  url: 'internet.url',
  ip: 'internet.ipv4',
  uuid: 'string.uuid',
  iban: 'finance.iban',
}

/** Built-in semantics (src/plan/semantics.ts) that already make a shape. */
const SAME_SEMANTIC: Record<string, string[]> = { street: ['street', 'address'], 'address-line': ['street', 'address'], country: ['country', 'country-code'] }

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`
const round4 = (x: number) => Math.round(x * 10000) / 10000

/** True when the column's raw values must not appear in the rules. */
export function withheld(c: ColumnProfile): boolean {
  return c.valuesWithheld === true || c.pii !== undefined
}

type Family = 'number' | 'date' | 'timestamp' | 'text' | 'boolean' | 'other'

/** What kind of rule a profiled column can take, from its logical kind. */
export function familyOf(c: ColumnProfile): Family {
  switch (c.kind) {
    case 'integer': case 'decimal': case 'float': return 'number'
    case 'date': return 'date'
    case 'timestamp': return 'timestamp'
    case 'string': case 'text': case 'enum': return 'text'
    case 'boolean': return 'boolean'
    default: return 'other'
  }
}

/** The generator part of a column's rule (no nullRate), and what chose it; `unique`: the schema says every value differs. */
export function generatorFor(c: ColumnProfile, table: string, unique = false): { rule: ColumnRule; why: string } | undefined {
  const fam = familyOf(c)
  if (withheld(c)) return shapeRule(c, table)
  const cats = c.categories
  // A unique column cannot repeat a short list of values (a scaled-up lookup table would be capped).
  if (!unique && cats && cats.values.length > 0 && cats.other <= 1 - CATEGORY_COVER && fam !== 'other') {
    const total = cats.values.reduce((s, v) => s + v.share, 0)
    return {
      rule: { values: cats.values.map((v) => categoryValue(v.value, fam)), weights: cats.values.map((v) => round4(v.share / total)) },
      why: `${cats.values.length} categories${cats.other > 0 ? ` (${pct(1 - cats.other)} of values)` : ''}`,
    }
  }
  if (fam === 'number' && c.numeric) {
    const scale = scaleOf(c)
    const q = c.numeric.quantiles.map((v) => (c.numeric!.integral ? Math.round(v) : roundTo(v, scale)))
    return { rule: { distribution: { quantiles: q } }, why: `${q.length} quantiles${c.numeric.integral ? ' (integers)' : ''}` }
  }
  if ((fam === 'date' || fam === 'timestamp') && c.numeric) {
    const q = c.numeric.quantiles.map((ms) => isoOf(ms, fam))
    const rule: ColumnRule = { distribution: { quantiles: q } }
    // Hours only for timestamps; a flat table adds nothing but text.
    const s = c.seasonality
    const season: Record<string, number[]> = {}
    if (s && useful(s.weekday)) season.weekday = s.weekday.map(round4)
    if (s && useful(s.month)) season.month = s.month.map(round4)
    if (s && fam === 'timestamp' && useful(s.hour)) season.hour = s.hour.map(round4)
    const parts = Object.keys(season)
    if (parts.length > 0) rule.seasonality = season
    return { rule, why: `${q.length} quantiles${parts.length > 0 ? ` + ${parts.join('/')} seasonality` : ''}` }
  }
  if (fam === 'text' && c.pattern) return { rule: { regex: c.pattern }, why: `pattern ${c.pattern}` }
  if (fam === 'text' && c.shape) return shapeRule(c, table)
  return undefined
}

/** Why a column with evidence but no generator rule is left to the built-in generator. */
export function builtinWhy(c: ColumnProfile, table: string): string {
  const shape = c.shape ?? c.pii?.category
  const builtin = stringSemantic(c.name, table)
  if (shape !== undefined && builtin !== undefined) return `shape ${shape}: tdg's built-in ${builtin} generator (by the name), NULL share kept`
  return 'built-in generator, NULL share kept'
}

/** A category as the rule literal its column takes: ISO text for epoch-ms dates, booleans for 1/0 and t/f. */
function categoryValue(v: string | number | boolean, fam: Family): string | number | boolean {
  if ((fam === 'date' || fam === 'timestamp') && typeof v === 'number') return isoOf(v, fam)
  if (fam === 'boolean' && typeof v !== 'boolean') return ['1', 't', 'true', 'y', 'yes'].includes(String(v).toLowerCase())
  return v
}

/** A faker call for a shape the built-in generator would not make from the column's name. */
function shapeRule(c: ColumnProfile, table: string): { rule: ColumnRule; why: string } | undefined {
  const shape = c.shape ?? c.pii?.category
  if (shape === undefined || familyOf(c) !== 'text') return undefined
  const builtin = stringSemantic(c.name, table)
  if (builtin !== undefined && (builtin === shape || SAME_SEMANTIC[shape]?.includes(builtin))) return undefined
  const method = SHAPE_FAKER[shape]
  if (method === undefined || 'error' in resolveFakerMethod(method)) return undefined
  return { rule: { faker: method }, why: `shape ${shape}` }
}

/** The evidence line of a column (no values for withheld ones). */
export function evidenceOf(c: ColumnProfile, chose: string): string {
  const head = `${c.count} sampled, ${pct(c.nullShare)} null, ${pct(c.distinctShare)} distinct (${c.distinct})`
  const pii = c.pii ? `; PII ${c.pii.category} ${c.pii.confidence.toFixed(2)}, values withheld` : c.valuesWithheld ? '; values withheld' : ''
  return `${head}${pii}; ${chose}`
}

/** Shares worth a seasonality table: some spread (not all one bucket, not flat within 2 %). */
function useful(a: number[] | undefined): a is number[] {
  if (!a || a.length === 0) return false
  const mean = a.reduce((s, x) => s + x, 0) / a.length
  return mean > 0 && a.some((x) => Math.abs(x - mean) > 0.02 * mean)
}

/** Decimal scale from the native type (`numeric(10,2)`), else 6 places. */
function scaleOf(c: ColumnProfile): number {
  const m = /\(\s*\d+\s*,\s*(\d+)\s*\)/.exec(c.nativeType ?? '')
  if (m) return Number(m[1])
  return c.kind === 'decimal' ? 4 : 6
}

function roundTo(v: number, places: number): number {
  const f = Math.pow(10, places)
  return Math.round(v * f) / f
}

/** Epoch ms → `YYYY-MM-DD` for whole days of a date column, else an ISO timestamp (UTC, `Z`). */
export function isoOf(ms: number, fam: 'date' | 'timestamp'): string {
  const iso = new Date(Math.round(ms)).toISOString()
  if (fam === 'date' && ms % 86_400_000 === 0) return iso.slice(0, 10)
  return iso.replace('.000Z', 'Z')
}
