/**
 * Masking as data: which masker each column of a cloned or masked table gets, and why. Plain JSON like
 * the Plan (no functions, no bigint), so `tdg plan --from`, the API and the audit log can show it.
 * Maskers are pure functions of (key, masker spec, original value[, the row's other originals]): never
 * a call-sequence PRNG, so one original masks to one value in every table, run and database sharing
 * the key (ARCHITECTURE invariant 5). Types only.
 */
import type { TableRef } from './schema.js'
import type { Value } from './rows.js'
import type { GeneratorSpec } from './plan.js'
import type { Issue } from '../errors.js'

/**
 * What a fake-by-hash masker writes. Person fields of one row share one fake person (indexed by a keyed
 * hash of the row's original person values), so the masked email matches the masked name; address
 * fields of one row share one real place (src/geo). The rest are single-value pools.
 */
export type FakeField =
  | 'first-name'
  | 'last-name'
  | 'full-name'
  | 'email'
  | 'username'
  | 'phone'
  | 'street'
  | 'address-line'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'company'
  | 'job-title'
  | 'url'
  | 'ip'
  | 'text'

/** How `generalize` coarsens a value. */
export type Generalization = { round: number } | { bucket: number } | { truncate: 'year' | 'month' | 'day' | 'hour' }

/**
 * One masker. Every kind keeps the column's type, length, CHECKs and enum labels (a value that cannot be
 * fitted fails the run: TDG_MASK_UNSATISFIABLE, nothing written).
 */
export type MaskSpec =
  /** The original, unchanged. */
  | { kind: 'keep' }
  /** NULL (refused on NOT NULL columns when planning). */
  | { kind: 'null' }
  | { kind: 'constant'; value: Value }
  /** A fixed text (`with`, default `REDACTED` cut to the column length) or, `keepLength`, `char` × length. */
  | { kind: 'redact'; with?: string; keepLength?: boolean; char?: string }
  /** Keyed hash of the original (HMAC-like PRF) as hex or base64, cut to `length` / the column length. */
  | { kind: 'hash'; encoding: 'hex' | 'base64'; length?: number }
  /**
   * Format-preserving: same length, each character keeps its class (digit, upper, lower) and separators
   * stay; a bijection per shape, so unique originals stay unique. `luhn`: the last digit is recomputed
   * (card numbers stay valid); `iban`: the check digits are recomputed. Auto-detected when absent.
   */
  | { kind: 'scramble'; luhn?: boolean; iban?: boolean }
  /**
   * A keyed permutation (Feistel with cycle-walking) of integers (per digit count, sign kept, inside the
   * column type's range) or of code-like strings (per character-class shape): keys stay keys, and every
   * FK referencing a permuted column gets the same permutation.
   */
  | { kind: 'permute' }
  /** A realistic fake value chosen by a keyed hash of the original (see FakeField); `unique` adds a collision-free disambiguator. */
  | { kind: 'fake'; field: FakeField; unique?: boolean; locale?: string }
  /** Dates/timestamps moved by a keyed offset in [-maxDays, maxDays] days, keyed per entity: the originals of `by` (default the row's PK). */
  | { kind: 'shift'; maxDays: number; by?: string[] }
  /** Numbers times (1 + e), |e| ≤ percent/100, e keyed by the original; fitted to the type. */
  | { kind: 'noise'; percent: number }
  | { kind: 'generalize'; how: Generalization }
  /** Values exchanged between rows of the column (within windows of `window` rows, keyed), so the column's distribution is kept exactly. */
  | { kind: 'shuffle'; window?: number }
  /** Any generation rule's generator, drawn at the row index given by a keyed hash of the original. */
  | { kind: 'generate'; generator: GeneratorSpec }

export type MaskKind = MaskSpec['kind']

/** Where a column's masker came from, for `tdg plan` and the audit. */
export type MaskSource = 'rule' | 'detected' | 'key' | 'default'

export interface ColumnMask {
  column: string
  mask: MaskSpec
  source: MaskSource
  /** One line: why this masker (`rules: tables.customers.columns.email`, `FK → customers.customer_id (permute)`, `detected email (0.95: name, values)`). */
  reason: string
}

/** Maskers of one table; columns not listed are copied unchanged. */
export interface TableMask {
  table: TableRef
  columns: ColumnMask[]
}

/** Every table's maskers. */
export interface MaskPlan {
  tables: TableMask[]
  issues: Issue[]
}

/** PII categories detection reports (`tdg scan-pii`). */
export type PiiCategory =
  | 'email'
  | 'phone'
  | 'first-name'
  | 'last-name'
  | 'full-name'
  | 'username'
  | 'password'
  | 'street'
  | 'address-line'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'birth-date'
  | 'national-id'
  | 'card'
  | 'iban'
  | 'ip'
  | 'company'
  | 'job-title'
  | 'url'
  | 'geo'
  | 'free-text'

/** One column detection flags. */
export interface PiiFinding {
  table: TableRef
  column: string
  category: PiiCategory
  /** 0..1: how sure (name and value evidence combined). */
  confidence: number
  /** Short reasons: `name "email"`, `97% of 200 sampled values are emails`. Never a value. */
  reasons: string[]
  /** The masker to propose for it. */
  suggested: MaskSpec
  /** Identifying values (email, phone, street, card, IBAN, national id, username, password): the leak check looks for them anywhere. */
  identifying: boolean
}
