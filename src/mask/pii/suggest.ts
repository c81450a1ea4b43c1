/**
 * The masker proposed for each PII category, fitted to the column's type (a phone stored as an integer is
 * permuted, not faked), and which categories are identifying (the leak check searches for those
 * everywhere, see `PiiFinding.identifying`).
 */
import { match } from 'ts-pattern'
import type { FakeField, MaskSpec, PiiCategory } from '../../model/mask.js'
import type { Column, Table } from '../../model/schema.js'

const IDENTIFYING: ReadonlySet<PiiCategory> = new Set<PiiCategory>(['email', 'phone', 'street', 'address-line', 'card', 'iban', 'national-id', 'username', 'password'])

/** True for values that single a person out on their own (see PiiFinding.identifying). */
export function isIdentifying(category: PiiCategory): boolean {
  return IDENTIFYING.has(category)
}

/** Days a suggested birth-date shift moves by at most. */
export const BIRTH_SHIFT_DAYS = 180

/** The masker to propose for `column` of `table` detected as `category`. */
export function suggestMask(category: PiiCategory, table: Table, column: Column): MaskSpec {
  const kind = column.type.kind
  const numeric = kind === 'integer' || kind === 'decimal' || kind === 'float'
  const unique = isUnique(table, column.name)
  const fake = (field: FakeField): MaskSpec => (unique ? { kind: 'fake', field, unique: true } : { kind: 'fake', field })
  return match(category)
    .with('email', 'phone', 'username', 'first-name', 'last-name', 'full-name', 'street', 'address-line', 'city', 'state', 'zip', 'country', 'company', 'job-title', 'url', 'ip', (c): MaskSpec =>
      // A number column cannot hold a fake phone or ZIP text: a keyed permutation keeps its digit count.
      numeric ? { kind: 'permute' } : fake(c),
    )
    .with('password', (): MaskSpec => (kind === 'binary' ? { kind: 'hash', encoding: 'base64' } : { kind: 'hash', encoding: 'hex' }))
    .with('birth-date', (): MaskSpec => (numeric ? { kind: 'generalize', how: { bucket: 5 } } : { kind: 'shift', maxDays: BIRTH_SHIFT_DAYS }))
    .with('national-id', (): MaskSpec => (numeric ? { kind: 'permute' } : { kind: 'scramble' }))
    .with('card', (): MaskSpec => (numeric ? { kind: 'permute' } : { kind: 'scramble', luhn: true }))
    .with('iban', (): MaskSpec => (numeric ? { kind: 'permute' } : { kind: 'scramble', iban: true }))
    .with('geo', (): MaskSpec => (numeric ? { kind: 'generalize', how: { round: 0.01 } } : { kind: 'redact' }))
    .with('free-text', (): MaskSpec => ({ kind: 'redact' }))
    .exhaustive()
}

/** The column alone is the primary key or a single-column UNIQUE. */
function isUnique(table: Table, column: string): boolean {
  const single = (cols: string[] | undefined): boolean => cols?.length === 1 && cols[0] === column
  return single(table.primaryKey?.columns) || table.uniques.some((u) => single(u.columns))
}
