/**
 * The plan: what will be generated, in which order, with which generator per column, and why.
 * Plain serialisable JSON (no functions, no Infinity, no bigint) so the CLI can print it (`tdg plan`),
 * the API can return it and the pipeline can run it. Types only.
 */
import type { SchemaModel, TableRef } from './schema.js'
import type { Value } from './rows.js'
import type { Issue } from '../errors.js'

/** Column-name semantics that pick a realistic string generator (value pools built with faker). */
export type Semantic =
  | 'email'
  | 'first-name'
  | 'last-name'
  | 'full-name'
  | 'username'
  | 'password'
  | 'phone'
  | 'street'
  | 'address'
  | 'city'
  | 'state'
  | 'zip'
  | 'country'
  | 'country-code'
  | 'company'
  | 'job-title'
  | 'url'
  | 'ip'
  | 'currency'
  | 'title'
  | 'product-name'
  | 'description'
  | 'slug'
  | 'sku'
  | 'iban'
  | 'color'
  | 'gender'
  | 'word'
  | 'words'
  | 'sentence'
  | 'paragraph'

/** Comparison operators a derived column may hold against its base column. */
export type RelationOp = '<' | '<=' | '>' | '>=' | '<>'

/**
 * How a column's value is chosen, as data. An open discriminated union on `kind`: the rule engine
 * replaces a column's spec with its own, and new kinds can be added without touching the others.
 *
 * Units: integer/decimal/float bounds are in *units* (value × 10^scale, integers); dates in days since
 * 1970-01-01; times in seconds of the day; timestamps in seconds since the epoch (UTC).
 */
/**
 * Strings a column's CHECKs exclude (`<> 'v'`, `NOT LIKE 'p'`), compared as every target would reject
 * them (case-insensitively, trailing spaces ignored). A generator carrying one tries up to `tries`
 * candidates per row and fails the run (TDG_PLAN_UNSATISFIABLE) rather than write a rejected value.
 * Unique picks try domain index k + t × `stride` (t < tries), so tries never share an index and the
 * column's UNIQUE capacity is `stride`; random draws try other streams.
 */
export interface Reject {
  values: string[]
  notLike: string[]
  tries: number
  stride: number
}

/** A parent's creation-like column, as the `after-parents` generator reads it. */
export interface ParentTime {
  /** An FK column of the child (the first of its FK) whose picked parent row is read. */
  via: string
  parentStep: string
  parentColumn: string
  /** Raw unit of the parent column: days (date) or seconds (timestamp). */
  unit: 'day' | 'second'
}

/** Fields of a place (see the `address` generator); `line` is street, city, state and postal code in one. */
export type AddressField = 'street' | 'line' | 'city' | 'state' | 'state-code' | 'zip' | 'country' | 'country-code' | 'lat' | 'lon'

/** Fields of a person record (see the `person` generator). */
export type PersonField = 'first' | 'last' | 'full' | 'email' | 'username'

export type GeneratorSpec =
  /** Key assigned by the plan: `start + k × step`, never beyond `max` (the type's largest value). */
  | { kind: 'identity'; start: number; step: number; max?: number }
  /**
   * Integers in units of 10^-scale within [min, max], skipping `exclude`. Random picks use the whole
   * range; unique picks count up from `start` and wrap. `as`: how the value is emitted.
   */
  | { kind: 'number'; min: number; max: number; start: number; scale: number; exclude?: number[]; as: 'integer' | 'decimal' | 'float' }
  | { kind: 'boolean'; trueRate: number }
  /**
   * Generic strings of [a-z0-9] words (a lorem pool), length within bounds; `fixed` for char(n).
   * `notLike`: patterns of `NOT LIKE` checks; pool values matching one are left out of the pool.
   */
  | { kind: 'string'; minLength: number; maxLength: number; fixed?: boolean; notLike?: string[]; reject?: Reject }
  /** A faker value pool for a column-name semantic, trimmed to `maxLength`; `notLike` as for `string`. */
  | { kind: 'faker'; semantic: Semantic; minLength: number; maxLength?: number; notLike?: string[]; reject?: Reject; locale?: string }
  /** Strings matching a SQL LIKE pattern (`_` one char, `%` any run, `\` escapes). */
  | { kind: 'like'; pattern: string; minLength: number; maxLength?: number; reject?: Reject }
  | { kind: 'uuid'; reject?: Reject }
  /**
   * One field of the row's person: first, last and full name, an email and a username made from those
   * names, all drawn from one record per row (`group` names it within the table). The record's sex
   * follows the row's `gender` column when there is one. Unique emails/usernames end in `digits` digits
   * that encode the domain index (a bijection of [0, 10^digits)), so they stay unique by construction.
   */
  | { kind: 'person'; field: PersonField; group: string; gender?: string; minLength: number; maxLength?: number; digits: number; locale?: string }
  /**
   * One field of the row's place: street, city, state, postal code, country, coordinates from one real
   * place per row (src/geo), so they belong together. The place's country is `countryFrom`'s value in
   * the row when that names a country tdg has places for, else `country` (a fixed ISO code), else one
   * drawn by real-world weight. Strings are fitted into [minLength, maxLength]; lat/lon to `scale` digits.
   */
  | { kind: 'address'; field: AddressField; group: string; country?: string; countryFrom?: string; minLength: number; maxLength?: number; scale?: number; locale?: string }
  /**
   * A company's web presence from the row's company name column `from`: its domain (`acme-corp.com`), a
   * website URL on it, or a mailbox on it (`info@acme-corp.com`). Unique columns put `digits` digits
   * encoding the domain index before the TLD, so they stay unique by construction.
   */
  | { kind: 'company-web'; from: string; form: 'domain' | 'url' | 'email'; digits?: number; minLength: number; maxLength?: number }
  /** Whole years between the row's `from` column (a date: `unit` day; a timestamp: second) and `now` (epoch seconds): an age. */
  | { kind: 'age'; from: string; unit: 'day' | 'second'; now: number }
  /**
   * A creation-like time after the creation-like times of the row's parents (an order after its
   * customer): the latest of `parents` (each read through the FK column `via` in the parent row it
   * picked, `unit` its raw unit) plus a share of the time left until `now`, within `of`'s bounds (the
   * column's own date/timestamp spec, which also gives the output format).
   */
  | { kind: 'after-parents'; parents: ParentTime[]; now: number; of: GeneratorSpec }
  | { kind: 'date'; min: number; max: number; start: number }
  | { kind: 'time'; min: number; max: number; start: number; tz?: boolean }
  | { kind: 'timestamp'; min: number; max: number; start: number; tz: boolean }
  /** Intervals up to `maxSeconds`, PostgreSQL text form. */
  | { kind: 'interval'; maxSeconds: number }
  | { kind: 'json'; binary: boolean }
  | { kind: 'binary'; minLength: number; maxLength: number }
  /** One of `values` (enum labels, IN lists). */
  | { kind: 'choice'; values: Array<string | number> }
  /** A subset of `values`, comma-joined (MySQL SET). */
  | { kind: 'set'; values: string[] }
  | { kind: 'array'; element: GeneratorSpec; minLength: number; maxLength: number }
  | { kind: 'inet' }
  /**
   * A foreign-key column: the row picks a parent row index and recomputes that parent's key with the
   * parent's own generator. Columns of one composite FK share `group` and so one parent index.
   */
  | {
      kind: 'fk'
      parent: TableRef
      /** Step id of the parent table. */
      parentStep: string
      parentColumn: string
      /** FK identity within the table (constraint name or its columns). */
      group: string
      parentRows: number
      /**
       * How a random pick spreads children over parents. `uniform`: every parent alike; `skewed`: parents in
       * a seeded order, the first ones much more likely (index ∝ u²), so some parents get many children
       * and many get one or none. Picks that make a UNIQUE hold (`IndexPick` row/digit) ignore it.
       */
      distribution: 'uniform' | 'skewed'
      /** Self-reference: rows point to earlier rows of the same table (row 0 to NULL, or to itself when NOT NULL). */
      self?: boolean
      /** The FK's columns accept NULL. */
      nullable: boolean
      /** Cut at a nullable link of a cycle: written NULL, then set by a plan `Fixup`. */
      fixup?: boolean
      /** Rule fan-out: children laid out per parent row (counts drawn from the seed), not picked uniformly. */
      fanout?: FanOut
      /**
       * Rule fan-out of a further FK of the table (`perParent` naming a second parent): each parent's child
       * count drawn like `fanout`'s, evened out to the step's rows, and the children dealt to parents in a
       * seeded order, so this FK follows the shape without setting the row count.
       */
      spread?: FanOut
      /**
       * Built-in fan-out of a child keyed by (this FK, a counter), like order_items(order_id, line_no): the
       * step's rows laid out over parents in a seeded order, 1..n children each; the counter column is an
       * `ordinal` of this FK (1, 2, … within each parent).
       */
      lines?: LineFanOut
      /**
       * Second FK of a junction key (post_tags PRIMARY KEY (post_id, tag_id)): distinct parents within
       * each parent of the line fan-out FK column `via` — parent (h(p) + ordinal × step) mod parentRows,
       * step coprime to parentRows — so every post gets its own number of distinct tags.
       */
      within?: { via: string }
    }
  /**
   * Derived from another column of the row so `this op from` always holds. `of` formats and bounds it.
   * `baseFactor`: the base's raw value × baseFactor is in this column's raw units (a date vs a timestamp:
   * 86400 or 1/86400); such mixed pairs keep a strict gap, since databases compare them differently.
   * `exact`: the smallest delta the relation allows (1, or 0 for `<=`/`>=`), no clamping: an integer key
   * derived from a key that is unique on its own (`CHECK (key < id)`, both unique) stays unique.
   */
  | { kind: 'relative'; from: string; op: RelationOp; maxDelta: number; of: GeneratorSpec; baseFactor?: number; exact?: boolean }
  | { kind: 'constant'; value: Value }
  | { kind: 'null' }
  /** Copied from a source table (`tdg clone`), through `masker` when the column is masked; the run's RowSource supplies the values, never the generator. */
  | { kind: 'copy'; masker?: string }
  /** `value` (the column's literal DEFAULT) for a `share` of rows (seeded per row), `otherwise` for the rest. */
  | { kind: 'usually'; value: Value; share: number; otherwise: GeneratorSpec }
  /**
   * The numeric column `from` of the same row × a factor drawn in [minFactor, maxFactor], rounded down to
   * `of`'s units and kept within `of`'s bounds (cost = price × 0.4–0.8).
   */
  | { kind: 'scaled'; from: string; minFactor: number; maxFactor: number; of: Extract<GeneratorSpec, { kind: 'number' }> }
  /**
   * The row's position among its parent's children under the line fan-out of FK column `via`: the k-th
   * child (k = 0, 1, …) takes `of`'s k-th value (line_no 1, 2, 3 in each order). Unique per parent.
   */
  | { kind: 'ordinal'; via: string; of: Extract<GeneratorSpec, { kind: 'number' }> }
  | RuleGeneratorSpec

/** Distributions of rule ranges and fan-outs (see src/generate/distributions.ts for the shapes). */
export type ValueDistribution = 'uniform' | 'normal' | 'lognormal' | 'exponential' | 'zipf'

/** Children per parent row of one FK (rules `perParent`). */
export interface FanOut {
  min: number
  max: number
  distribution: ValueDistribution
  /** Empirical child counts (evenly spaced quantiles, rounded draws); replaces `distribution` when given. */
  quantiles?: number[]
  /** Fixed total (the table's `rows`): drawn counts are evened out to sum to exactly this. */
  rows?: number
  /** Sum of the children of all parent rows: the planned row count. */
  total: number
}

/** Children per parent of a built-in line fan-out: a parent gets 1 + j children with relative weight `weights[j]`. */
export interface LineFanOut {
  weights: number[]
  /**
   * Most children one parent may take (the counter's domain). When the weights' mean cannot hold the
   * step's rows over all parents, counts become 1 + a geometric draw with the mean the rows need, up to this.
   */
  max: number
}

/** Generator kinds the rule engine adds (src/rules); compiled by src/generate/rule-sources.ts. */
export type RuleGeneratorSpec =
  /** One of `values` with relative `weights` (unique: the k-th value). `lowercase` applies to strings. */
  | { kind: 'weighted'; values: Value[]; weights: number[] }
  /** Integers in units of 10^-scale within [min, max], drawn with a distribution. */
  | { kind: 'distributed'; min: number; max: number; scale: number; as: 'integer' | 'decimal' | 'float'; distribution: ValueDistribution }
  /**
   * An empirical distribution: `points` are evenly spaced quantiles in `of`'s units (value × 10^scale,
   * days, epoch seconds), drawn by inverse CDF with linear interpolation, kept within `of`'s bounds.
   * `seasonality` (dates and timestamps): relative weights by weekday (Monday first), month and UTC hour
   * that reshape the draws inside each quantile segment (see src/generate/empirical.ts).
   */
  | { kind: 'empirical'; points: number[]; of: Extract<GeneratorSpec, { kind: 'number' | 'date' | 'timestamp' }>; seasonality?: { weekday?: number[]; month?: number[]; hour?: number[] } }
  /** Strings matching a regular expression (bounded: see src/generate/regex.ts). */
  | { kind: 'regex'; pattern: string; lowercase?: boolean }
  /** A pool of faker `method(...args)` values; unique by a base-36 suffix; cut to `maxLength`. */
  | { kind: 'faker-call'; method: string; args: unknown[]; lowercase?: boolean; maxLength?: number; locale?: string }
  /**
   * `{{faker.path}}` placeholders (a pool each) and `{{column}}` placeholders (the row's own value of that
   * column) joined with literals. Unique: a base-36 suffix; with `{{column}}` placeholders, digits
   * (`jane.doe87@…`, see src/generate/template-source.ts).
   */
  | { kind: 'template'; template: string; lowercase?: boolean; maxLength?: number; locale?: string }
  /** `prefix` + (start + row index), zero-padded to `padding` digits: unique by construction. */
  | { kind: 'sequence'; start: number; prefix: string; padding: number; as: 'integer' | 'text' }
  /** `then` when the row's values of the `when` columns match (ts-pattern), else `else`. */
  | { kind: 'conditional'; when: Record<string, Array<string | number | boolean | null>>; then: GeneratorSpec; else: GeneratorSpec }
  /** The value of `parentColumn` in the parent row the FK column `via` picked. */
  | { kind: 'parent-value'; via: string; parentStep: string; parentColumn: string }

export type GeneratorKind = GeneratorSpec['kind']

/**
 * How a generator's domain index `k` comes from the row index `i`. `random`: a seeded uniform draw;
 * `row`: k = i (unique by construction); `digit`: k = floor(i / below) mod radix — one digit of a
 * mixed-radix decomposition that makes a composite UNIQUE hold (no `radix`: the top digit, unbounded).
 * `offset` (absent = 0): rows already in the table; the pick reads row i as i + offset, so an appending
 * run takes domain indexes an earlier run with the same seed never used. Only on picks whose uniqueness
 * the existing rows could break: never on FK picks (they pick among this run's new parent rows), nor on
 * plan-assigned keys (those start after `identityStart`).
 */
export type IndexPick = { kind: 'random' } | { kind: 'row'; offset?: number } | { kind: 'digit'; below: number; radix?: number; offset?: number }

/** One column of a step. */
export interface ColumnPlan {
  column: string
  generator: GeneratorSpec
  pick: IndexPick
  /** Share of NULLs in [0, 1). */
  nullRate: number
  /** True when this column takes part in a PK/UNIQUE that the plan guarantees by construction. */
  unique: boolean
  /** Why this generator: shown by `tdg plan`. */
  reason: string
  /** Never written: a generated/computed column, or one left to its database default. */
  omit?: 'generated' | 'default'
}

/** Keys assigned by the plan for an identity/serial column: the writer moves the sequence past `last`. */
export interface KeyRange {
  column: string
  start: number
  step: number
  /** Last key written (`start + (rows - 1) × step`); `start - step` when no rows. */
  last: number
}

export interface PlanStep {
  /** `schema.name` or `name`: unique within the plan. */
  id: string
  table: TableRef
  rows: number
  /** Rows asked for before caps. */
  requestedRows: number
  /**
   * Rows the target table already held when the plan was made (`PlanOptions.rowOffset`); absent when
   * none. Unique picks start past them (see `IndexPick.offset`) and UNIQUE caps count them.
   */
  rowOffset?: number
  columns: ColumnPlan[]
  keys: KeyRange[]
}

/** An UPDATE after all inserts that sets FK columns that were written NULL to break a cycle. */
export interface Fixup {
  step: string
  table: TableRef
  /** FK group (see the `fk` generator) being restored. */
  group: string
  parent: TableRef
  /** Columns identifying a row of `table` (its PK or a fully generated UNIQUE). */
  keyColumns: string[]
  /** The FK columns to set. */
  columns: string[]
  reason: string
}

/**
 * A NOT NULL FK inside a cycle whose check waits until the cycle's rows are in. Values go in directly
 * (the FK generator picks parent rows, so rows are consistent by construction); only the load order
 * needs the database's check to wait. How it waits is the target dialect's business
 * (`SqlDialect.deferConstraintsSql`): a declared DEFERRABLE constraint is deferred to COMMIT; any
 * other one (`forced`) is made to wait for the load and checked again before COMMIT.
 */
export interface DeferredConstraint {
  step: string
  table: TableRef
  /** Constraint name when known (a DDL file may leave inline FKs unnamed); writers then resolve it by columns. */
  constraint?: string
  columns: string[]
  parent: TableRef
  /** The parent's referenced columns, aligned with `columns`. */
  parentColumns: string[]
  /**
   * Absent or false: the constraint is declared DEFERRABLE. True: it is NOT DEFERRABLE and the cycle has
   * no nullable or deferrable link to break it (or the plan defers cycles whole, `PlanOptions.deferCycles`),
   * so the writer defers it by other means for the load.
   */
  forced?: boolean
  /** The FK's columns accept NULL: a link a cut would have taken, deferred instead (`PlanOptions.deferCycles`). */
  nullable?: boolean
  /** The cycle this link breaks, as step ids `a → b → … → a` (child → parent); for messages and `tdg plan`. */
  cycle: string[]
  /**
   * A NOT NULL self-reference to a UNIQUE that is not the primary key, whose rows may point to themselves
   * (row 0 has no earlier row; a 1:1 self-FK maps every row to itself). No cycle to break: most databases
   * check a row after all of it is in, but one that checks each index as it writes it (InnoDB) may look
   * for the row's own key before that index holds it. Dialects that check after the row ignore these
   * entries (`crossRowDeferred`); always `forced`.
   */
  sameRow?: boolean
  /**
   * Forced links only: every other FK of `table` (to any table), which a mechanism that switches off all
   * of a table's checks (MySQL `foreign_key_checks`) must verify itself.
   */
  siblings?: ForeignKeyCheck[]
  /**
   * Forced links only: FKs of tables outside the plan that reference planned tables, which a mechanism
   * that empties tables (`--truncate`) with checks off must verify itself.
   */
  outsideReferences?: ForeignKeyCheck[]
}

/** An FK to verify with a set-based query: child columns → parent columns. */
export interface ForeignKeyCheck {
  constraint?: string
  table: TableRef
  columns: string[]
  parent: TableRef
  parentColumns: string[]
}

export interface Plan {
  version: 1
  seed: string | number
  /**
   * Faker locale of the value pools (names, addresses, phones): a code of `@faker-js/faker/locale/*`
   * (`en`, `de`, `pt_BR`, …). Absent: `en`. A generator's own `locale` overrides it for its column.
   */
  locale?: string
  dialect: SchemaModel['dialect']
  /** Parents first. */
  steps: PlanStep[]
  fixups: Fixup[]
  deferred: DeferredConstraint[]
  issues: Issue[]
  /** Where generated time ends (epoch seconds, `PlanOptions.now`): replaying a plan needs it. */
  now: number
}
