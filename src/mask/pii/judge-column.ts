/**
 * One column's verdict: the name's hit and the sampled values' shares weighed into one category and a
 * confidence 0..1 with reasons. Reasons name columns, types and percentages, never a value.
 */
import type { PiiCategory } from '../../model/mask.js'
import type { Column, Table } from '../../model/schema.js'
import { CONTRADICTION, KIND_LABEL, MIN_TEXTS_AGAINST, MIN_TEXTS_ALONE, NAMES_ONLY_FACTOR, STORED_AS, SUPPORT, VALUE_ONLY } from './evidence.js'
import type { NameHit } from './name-rules.js'
import { share, type ValueProfile } from './value-profile.js'

/** A column's verdict before the table-level context is applied. */
export interface Verdict {
  category: PiiCategory
  confidence: number
  reasons: string[]
}

/**
 * Weigh `hit` (the name) and `profile` (undefined: no samples at all, names alone decide). A key column
 * (PK/FK member of integer or uuid type) is PII only when its name says so; a column whose type cannot
 * hold the category (a boolean `email_verified`, a timestamp `last_login`) is not PII by that name; a
 * generated column is never PII (nothing writes it).
 */
export function judgeColumn(table: Table, column: Column, hit: NameHit | undefined, profile: ValueProfile | undefined): Verdict | undefined {
  const kind = column.type.kind
  if (kind === 'boolean' || column.generated) return undefined
  const byName = hit && STORED_AS[hit.category].includes(kind) ? hit : undefined
  if (!byName && isKey(table, column)) return undefined
  const fromValues = profile ? valueOnly(profile) : undefined
  if (!byName) {
    if (fromValues && STORED_AS[fromValues.category].includes(kind)) return fromValues
    if (kind === 'inet') return { category: 'ip', confidence: 0.8, reasons: [`type ${column.nativeType}`] }
    return undefined
  }
  const nameReason = `name "${column.name}"`
  // Dates, numbers and binaries are never sampled (their values say nothing detectors read): a
  // `birth_date` date column rests on its name and type, with or without a database.
  if (['date', 'timestamp', 'integer', 'decimal', 'float', 'inet', 'binary'].includes(kind))
    return { category: byName.category, confidence: round(byName.strength), reasons: [nameReason, `type ${column.nativeType}`] }
  if (!profile) return { category: byName.category, confidence: round(byName.strength * NAMES_ONLY_FACTOR), reasons: [nameReason, 'names only (no values sampled)'] }
  if (profile.texts === 0) return { category: byName.category, confidence: round(byName.strength * NAMES_ONLY_FACTOR), reasons: [nameReason, 'no non-empty values sampled'] }
  // `nome`, `nombre`, `name`: whole names where the word suggests a first name; the values decide.
  const full = share(profile, 'full-name')
  if ((byName.category === 'first-name' || byName.category === 'last-name') && full >= 0.5 && full > share(profile, byName.category) + 0.2) {
    const reasons = [nameReason, `${pct(full)} of ${profile.texts} sampled values look like ${KIND_LABEL['full-name']}`]
    return { category: 'full-name', confidence: round(Math.min(0.99, 1 - (1 - byName.strength) * (1 - 0.9 * full))), reasons }
  }
  const support = SUPPORT[byName.category]
  if (!support) {
    // No detector for cities or companies: a strong value signal of another kind (emails in `contact`) still wins.
    if (fromValues && fromValues.confidence > byName.strength && strictKind(fromValues.category)) return { ...fromValues, reasons: [...fromValues.reasons, `${nameReason} suggests ${byName.category}`] }
    return { category: byName.category, confidence: round(byName.strength), reasons: [nameReason] }
  }
  const [best, p] = support.map((k) => [k, share(profile, k)] as const).reduce((a, b) => (b[1] > a[1] ? b : a))
  const valuesReason = `${pct(p)} of ${profile.texts} sampled values look like ${KIND_LABEL[best]}`
  // Free text needs no majority: personal data in a tenth of the notes makes the column personal.
  if (p >= 0.5 || (byName.category === 'free-text' && p >= 0.1)) {
    const confidence = round(Math.min(0.99, 1 - (1 - byName.strength) * (1 - 0.9 * Math.max(p, 0.5))))
    return { category: byName.category, confidence, reasons: [nameReason, valuesReason] }
  }
  if (fromValues && strictKind(fromValues.category) && fromValues.category !== byName.category) return { ...fromValues, reasons: [...fromValues.reasons, `${nameReason} suggests ${byName.category}`] }
  const against = CONTRADICTION[byName.category]
  if (against !== undefined && profile.texts >= MIN_TEXTS_AGAINST && p < 0.2) {
    const factor = against + (1 - against) * (p / 0.2)
    return { category: byName.category, confidence: round(byName.strength * factor), reasons: [nameReason, `only ${valuesReason}`] }
  }
  return { category: byName.category, confidence: round(byName.strength), reasons: p > 0 ? [nameReason, valuesReason] : [nameReason] }
}

/** The strongest category the values show on their own, if any. */
function valueOnly(profile: ValueProfile): Verdict | undefined {
  if (profile.texts < MIN_TEXTS_ALONE) return undefined
  let best: Verdict | undefined
  for (const v of VALUE_ONLY) {
    const p = share(profile, v.kind)
    if (p < v.minShare) continue
    const confidence = round(v.low + ((v.high - v.low) * (p - v.minShare)) / (1 - v.minShare))
    if (!best || confidence > best.confidence) best = { category: v.category, confidence, reasons: [`${pct(p)} of ${profile.texts} sampled values look like ${KIND_LABEL[v.kind]}`] }
  }
  return best
}

/** Categories whose value detectors are near-certain (a checksum or an unmistakable shape). */
function strictKind(c: PiiCategory): boolean {
  return c === 'email' || c === 'iban' || c === 'card' || c === 'ip'
}

/** Member of the primary key or of a foreign key, with a surrogate-key type. */
function isKey(table: Table, column: Column): boolean {
  if (!['integer', 'uuid'].includes(column.type.kind)) return false
  return Boolean(table.primaryKey?.columns.includes(column.name) || table.foreignKeys.some((f) => f.columns.includes(column.name)))
}

function pct(p: number): string {
  return `${Math.round(p * 100)}%`
}

function round(x: number): number {
  return Math.round(x * 100) / 100
}
