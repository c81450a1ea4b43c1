/**
 * Which value kinds support each PII category, how much a lack of them counts against a name, and how a
 * category may be stored: the data `judge-column.ts` weighs. Kept apart so the weights read as a table.
 */
import type { PiiCategory } from '../../model/mask.js'
import type { LogicalKind } from '../../model/schema.js'
import type { ValueKind } from './value-detectors.js'

/** Value kinds that confirm a category found by name. */
export const SUPPORT: Partial<Record<PiiCategory, ValueKind[]>> = {
  email: ['email'],
  phone: ['phone'],
  iban: ['iban'],
  card: ['card'],
  'national-id': ['national-id'],
  ip: ['ip'],
  'first-name': ['first-name'],
  'last-name': ['last-name'],
  'full-name': ['full-name'],
  'free-text': ['pii-in-text', 'email', 'phone', 'full-name'],
}

/**
 * How much a name loses when its detector finds (almost) nothing in ≥ 10 sampled values: the factor at
 * share 0. Strong for detectors that recognise nearly every real value (an email column without emails is
 * something else); mild for full names (the dictionaries know ~90% of real ones: a `ship_name` full of
 * company names stays a finding, with its doubt in the reasons); none for single first/last names or
 * national ids, whose lists and shapes miss too many real values to count against.
 */
export const CONTRADICTION: Partial<Record<PiiCategory, number>> = { email: 0.5, card: 0.5, ip: 0.5, phone: 0.75, iban: 0.75, 'full-name': 0.75 }

/** A value kind found without a name: the category, the share it needs and the confidence at shares min → 1. */
export const VALUE_ONLY: Array<{ kind: ValueKind; category: PiiCategory; minShare: number; low: number; high: number }> = [
  { kind: 'email', category: 'email', minShare: 0.5, low: 0.6, high: 0.95 },
  { kind: 'iban', category: 'iban', minShare: 0.5, low: 0.6, high: 0.95 },
  { kind: 'card', category: 'card', minShare: 0.5, low: 0.55, high: 0.9 },
  { kind: 'national-id', category: 'national-id', minShare: 0.6, low: 0.5, high: 0.85 },
  { kind: 'ip', category: 'ip', minShare: 0.6, low: 0.5, high: 0.85 },
  { kind: 'phone', category: 'phone', minShare: 0.8, low: 0.5, high: 0.8 },
  { kind: 'full-name', category: 'full-name', minShare: 0.6, low: 0.45, high: 0.8 },
  { kind: 'first-name', category: 'first-name', minShare: 0.8, low: 0.45, high: 0.7 },
  { kind: 'last-name', category: 'last-name', minShare: 0.8, low: 0.4, high: 0.65 },
  { kind: 'pii-in-text', category: 'free-text', minShare: 0.1, low: 0.5, high: 0.9 },
]

/** Values need this many classified texts before they count (alone or against a name). */
export const MIN_TEXTS_ALONE = 5
export const MIN_TEXTS_AGAINST = 10

/** How the reasons name each kind: `88% of 200 sampled values look like person names`. */
export const KIND_LABEL: Record<ValueKind, string> = {
  email: 'emails',
  phone: 'phone numbers',
  iban: 'IBANs (valid check digits)',
  card: 'card numbers (Luhn-valid)',
  'national-id': 'national ids',
  ip: 'IP addresses',
  'full-name': 'person names',
  'first-name': 'first names',
  'last-name': 'last names',
  'pii-in-text': 'text with personal data in it',
}

const TEXT: LogicalKind[] = ['string', 'text', 'unknown']
const NUMBER: LogicalKind[] = ['integer', 'decimal']

/** Logical types a category can be stored as; any other type (a boolean `email_verified`, a timestamp `last_login`) rules it out. */
export const STORED_AS: Record<PiiCategory, LogicalKind[]> = {
  email: TEXT,
  phone: [...TEXT, ...NUMBER],
  'first-name': TEXT,
  'last-name': TEXT,
  'full-name': TEXT,
  username: TEXT,
  password: [...TEXT, 'binary'],
  street: TEXT,
  'address-line': TEXT,
  city: [...TEXT, 'enum'],
  state: [...TEXT, 'enum'],
  zip: [...TEXT, 'integer'],
  country: [...TEXT, 'enum'],
  'birth-date': ['date', 'timestamp', ...TEXT, 'integer'],
  'national-id': [...TEXT, ...NUMBER],
  card: [...TEXT, ...NUMBER],
  iban: TEXT,
  ip: [...TEXT, 'inet'],
  company: TEXT,
  'job-title': [...TEXT, 'enum'],
  url: TEXT,
  geo: [...TEXT, 'float', 'decimal'],
  'free-text': TEXT,
}

/** Quasi-identifiers: personal only next to a person (a `city` in `us_states` is reference data). */
export const NEEDS_PERSON: ReadonlySet<PiiCategory> = new Set<PiiCategory>(['city', 'state', 'zip', 'country', 'company', 'job-title', 'geo', 'url'])

/** Categories that make a table hold people (so its quasi-identifiers count). */
export const PERSONAL: ReadonlySet<PiiCategory> = new Set<PiiCategory>([
  'email', 'phone', 'first-name', 'last-name', 'full-name', 'username', 'password', 'street', 'address-line', 'birth-date', 'national-id', 'card', 'iban',
])

/** How much a quasi-identifier keeps in a table without a person. */
export const NO_PERSON_FACTOR = 0.6

/** Below this, a column is not even reported as unsure. */
export const UNSURE_FLOOR = 0.25

/** Detection from names alone keeps this much of the name's strength. */
export const NAMES_ONLY_FACTOR = 0.9
