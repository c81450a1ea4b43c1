/**
 * The rules file format as zod schemas, and the typed model inferred from them. Every object is strict:
 * an unknown key is an error (the loader adds a "did you mean"). Cross-field checks that need no schema
 * (one generator per rule, weights as long as values, min ≤ max) live here too, as refinements.
 */
import { z } from 'zod'
import { isMaskProblem, parseMaskRule } from './mask-rule.js'
import { GENERATOR_KEYS, isEmpirical } from './generator-key.js'

export { GENERATOR_KEYS, generatorKey, isEmpirical, type GeneratorKey } from './generator-key.js'

/** A constant a rule can name: what YAML scalars give. */
export type RuleScalar = string | number | boolean | null

/** Shapes of a value distribution over a range (and of children per parent). */
export const DISTRIBUTIONS = ['uniform', 'normal', 'lognormal', 'exponential', 'zipf'] as const
export type Distribution = (typeof DISTRIBUTIONS)[number]

/**
 * An empirical distribution: `quantiles[j]` is the value at cumulative share j / (n − 1), evenly spaced
 * (101 points = every percentile, p0 = min … p100 = max; 2 … 101 points). Draws invert the CDF with
 * linear interpolation between points. Numbers for numeric columns; ISO dates or timestamps for date and
 * timestamp columns (UTC unless an offset is given).
 */
export interface EmpiricalDistribution {
  quantiles: Array<number | string>
}

/** Shares of when temporal values fall (relative weights, any scale): Monday first, January first, UTC hours. */
export interface SeasonalityRule {
  weekday?: number[]
  month?: number[]
  hour?: number[]
}

/** Most points an empirical distribution may list (every percentile). */
export const MAX_QUANTILES = 101


/** A faker method: `location.countryCode`, or `{ method: 'number.int', args: [{ max: 9 }] }`. */
export type FakerCall = string | { method: string; args?: unknown[] }

/**
 * One column rule (also the body of a template and of `then`/`else`). At most one generator key
 * (`values`, `range`, `regex`, `faker`, `template`, `between`, `after`, `before`, `constant`, `sequence`,
 * `from`, `when`) — or none, to keep the built-in generator and only set `unique`/`nullRate`.
 */
export interface ColumnRule {
  /** Name of a template (yours or a built-in one) whose fields this rule starts from. */
  use?: string
  unique?: boolean
  values?: RuleScalar[]
  /** Relative weights of `values`, same length; default equal. */
  weights?: number[]
  /** Bounds as numbers, or decimal text for numbers a double cannot hold exactly. */
  range?: { min: number | string; max: number | string }
  /**
   * Shape of `range` draws (default uniform), or an empirical `{ quantiles: [...] }`: then `range` is
   * optional (min and max are the first and last points), and on a date/timestamp column it goes alone
   * or with `between`.
   */
  distribution?: Distribution | EmpiricalDistribution
  /** When date/timestamp values fall (with `between` or an empirical distribution): see kinds/empirical.ts. */
  seasonality?: SeasonalityRule
  /** Share of NULLs in [0, 1]; default the run's null rate for nullable columns. */
  nullRate?: number
  regex?: string
  faker?: FakerCall
  /** `{{person.firstName}}.{{person.lastName}}@acme.test`: faker paths in braces, compiled once. */
  template?: string
  lowercase?: boolean
  /** A date/time window: ISO dates or timestamps, or "now". */
  between?: [string, string]
  /** Later than this column of the same row. */
  after?: string
  /** Earlier than this column of the same row. */
  before?: string
  /** Largest distance from `after`/`before`'s column in days; default 365. */
  maxDays?: number
  constant?: RuleScalar
  sequence?: { start?: number; prefix?: string; padding?: number }
  /** Column → value (or list of values) the row's already generated values must match. */
  when?: Record<string, RuleScalar | RuleScalar[]>
  then?: ColumnRule | null
  else?: ColumnRule | null
  /** `parentTable.column`: copy the value of the picked parent row. */
  from?: string
  /** Faker locale of the column's values (`de`, `fr`, `pt_BR`): its faker/template pools and built-in names, addresses, phones. */
  locale?: string
  /** The masker `tdg clone` / `tdg mask` applies (see mask-rule.ts); generation ignores it. */
  mask?: unknown
}


const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])
/** A number, or its decimal text (kept exact where a double would round it). */
const numeric = z.union([z.number(), z.string().regex(/^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/, 'must be a number')])
const quantiles = z
  .array(z.union([z.number(), z.string().min(1)]))
  .min(2, 'needs at least 2 points')
  .max(MAX_QUANTILES, `at most ${MAX_QUANTILES} points (every percentile)`)
  .superRefine((q, ctx) => {
    if (!(q.every((v) => typeof v === 'number') || q.every((v) => typeof v === 'string')))
      return ctx.addIssue({ code: 'custom', message: 'points must be all numbers or all date/timestamp texts' })
    q.forEach((v, j) => {
      if (j > 0 && typeof v === 'number' && v < (q[j - 1] as number)) ctx.addIssue({ code: 'custom', path: [j], message: `${v} is below the point before it: quantiles ascend` })
    })
  })
const empirical = z.strictObject({ quantiles })
const shares = (n: number, what: string) =>
  z
    .array(z.number().nonnegative('shares must be ≥ 0'))
    .length(n, `needs ${n} shares (${what})`)
    .refine((a) => a.some((w) => w > 0), 'shares sum to 0')
    .optional()
const seasonality = z.strictObject({ weekday: shares(7, 'Monday first'), month: shares(12, 'January first'), hour: shares(24, 'UTC hours 0 to 23') })
const fakerCall = z.union([z.string().min(1), z.strictObject({ method: z.string().min(1), args: z.array(z.unknown()).optional() })])

const ruleShape = {
  use: z.string().min(1).optional(),
  unique: z.boolean().optional(),
  values: z.array(scalar).min(1, 'needs at least one value').optional(),
  weights: z.array(z.number().nonnegative('weights must be ≥ 0')).optional(),
  range: z.strictObject({ min: numeric, max: numeric }).optional(),
  distribution: z.union([z.enum(DISTRIBUTIONS), empirical]).optional(),
  seasonality: seasonality.optional(),
  nullRate: z.number().min(0, 'must be in [0, 1]').max(1, 'must be in [0, 1]').optional(),
  regex: z.string().min(1).optional(),
  faker: fakerCall.optional(),
  template: z.string().min(1).optional(),
  lowercase: z.boolean().optional(),
  between: z.tuple([z.string(), z.string()]).optional(),
  after: z.string().min(1).optional(),
  before: z.string().min(1).optional(),
  maxDays: z.number().positive().optional(),
  constant: scalar.optional(),
  sequence: z
    .strictObject({ start: z.number().int().optional(), prefix: z.string().optional(), padding: z.number().int().min(0).max(30).optional() })
    .optional(),
  when: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(),
  get then() {
    return z.union([columnRule, z.null()]).optional()
  },
  get else() {
    return z.union([columnRule, z.null()]).optional()
  },
  from: z.string().regex(/^[^.\s]+(\.[^.\s]+)?\.[^.\s]+$/, 'must be "parentTable.column"').optional(),
  locale: z.string().min(1).optional(),
  mask: z
    .unknown()
    .superRefine((v, ctx) => {
      if (v === undefined) return
      const r = parseMaskRule(v)
      if (isMaskProblem(r)) ctx.addIssue({ code: 'custom', path: r.path, message: r.message })
    })
    .optional(),
}

/** Cross-field checks of one rule (the same for column, template, branch and match rules). */
function refineRule(r: ColumnRule, ctx: z.RefinementCtx): void {
  const gens = GENERATOR_KEYS.filter((k) => r[k] !== undefined)
  if (gens.length > 1) ctx.addIssue({ code: 'custom', path: [gens[1]!], message: `choose one generator: '${gens[0]}' and '${gens[1]}' both given` })
  if (r.weights && !r.values) ctx.addIssue({ code: 'custom', path: ['weights'], message: "weights need 'values'" })
  if (r.weights && r.values && r.weights.length !== r.values.length)
    ctx.addIssue({ code: 'custom', path: ['weights'], message: `${r.weights.length} weights for ${r.values.length} values` })
  if (r.weights && r.weights.every((w) => w === 0)) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights sum to 0' })
  if (r.range && Number(r.range.min) > Number(r.range.max)) ctx.addIssue({ code: 'custom', path: ['range'], message: `min ${r.range.min} > max ${r.range.max}` })
  if (typeof r.distribution === 'string' && !r.range) ctx.addIssue({ code: 'custom', path: ['distribution'], message: "distribution needs 'range'" })
  const other = gens.find((k) => k !== 'range' && k !== 'between')
  if (isEmpirical(r.distribution) && other) ctx.addIssue({ code: 'custom', path: ['distribution'], message: `quantiles go with 'range', 'between' or no other generator, not '${other}'` })
  if (r.seasonality && !(r.between || isEmpirical(r.distribution)))
    ctx.addIssue({ code: 'custom', path: ['seasonality'], message: "seasonality needs 'between' or a distribution with quantiles" })
  if (r.maxDays !== undefined && !r.after && !r.before) ctx.addIssue({ code: 'custom', path: ['maxDays'], message: "maxDays needs 'after' or 'before'" })
  if (r.lowercase !== undefined && !(r.template || r.faker || r.regex || r.values || r.use))
    ctx.addIssue({ code: 'custom', path: ['lowercase'], message: "lowercase needs 'template', 'faker', 'regex' or 'values'" })
  if (r.when && Object.keys(r.when).length === 0) ctx.addIssue({ code: 'custom', path: ['when'], message: 'names no column' })
  if (r.when && r.then === undefined) ctx.addIssue({ code: 'custom', path: ['when'], message: "when needs 'then'" })
  if ((r.then !== undefined || r.else !== undefined) && !r.when) ctx.addIssue({ code: 'custom', path: [r.then !== undefined ? 'then' : 'else'], message: "then/else need 'when'" })
}

/** A column rule. */
export const columnRule: z.ZodType<ColumnRule> = z.strictObject(ruleShape).superRefine(refineRule) as unknown as z.ZodType<ColumnRule>

/** A rule applied by pattern: `column` is a glob (`*_email`) or `/regex/`; `table` an optional glob. */
export const matchRule = z
  .strictObject({ ...ruleShape, column: z.string().min(1), table: z.string().min(1).optional() })
  .superRefine((r, ctx) => refineRule(r as ColumnRule, ctx))
export type MatchRule = ColumnRule & { column: string; table?: string }

/**
 * Children per parent row: `perParent: { customers: { min: 0, max: 20, distribution: zipf } }`, or an
 * empirical count distribution `{ quantiles: [0, 1, 1, 2, …, 14] }` (counts ≥ 0, evenly spaced shares
 * like a column's quantiles; min and max default to the first and last point, draws are rounded).
 */
export const fanOutRule = z
  .strictObject({
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
    distribution: z.enum(DISTRIBUTIONS).optional(),
    quantiles: quantiles.optional(),
  })
  .superRefine((f, ctx) => {
    if (f.quantiles === undefined) {
      if (f.min === undefined) ctx.addIssue({ code: 'custom', path: ['min'], message: "needs 'min' (or 'quantiles')" })
      if (f.max === undefined) ctx.addIssue({ code: 'custom', path: ['max'], message: "needs 'max' (or 'quantiles')" })
    } else {
      if (f.distribution !== undefined) ctx.addIssue({ code: 'custom', path: ['distribution'], message: "choose one of 'distribution' and 'quantiles'" })
      f.quantiles.forEach((v, j) => {
        if (typeof v !== 'number' || v < 0) ctx.addIssue({ code: 'custom', path: ['quantiles', j], message: 'child counts are numbers ≥ 0' })
      })
    }
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) ctx.addIssue({ code: 'custom', path: ['max'], message: 'min > max' })
  })
export type FanOutRule = z.infer<typeof fanOutRule>

/** Rules of one table. */
export const tableRules = z.strictObject({
  /**
   * Rows of this table (a per-table count given on the command line wins; `--scale` multiplies it).
   * With `perParent`, the children are drawn per parent and then evened out to exactly this total.
   */
  rows: z.number().int().min(0).optional(),
  columns: z.record(z.string(), columnRule).optional(),
  perParent: z.record(z.string(), fanOutRule).optional(),
  /** Faker locale of the table's faker-backed columns (a column's own `locale` wins). */
  locale: z.string().min(1).optional(),
})
export type TableRules = z.infer<typeof tableRules>

/** A whole rules file. */
export const rulesFile = z.strictObject({
  /** Editor hint, ignored. */
  $schema: z.string().optional(),
  templates: z.record(z.string(), columnRule).optional(),
  tables: z.record(z.string(), tableRules).optional(),
  match: z.array(matchRule).optional(),
})
export type RulesFile = z.infer<typeof rulesFile>

/**
 * Validated rules plus where they came from: the PlanOptions field `rules`. Plain data (no functions),
 * so it travels inside options and can be built by hand (`source` and `lines` are then absent).
 */
export interface RuleSet {
  rules: RulesFile
  /** File the rules came from, for messages. */
  source?: string
  /** Line of each dotted path (`tables.orders.columns.status.weights`, `match[1].regex`). */
  lines?: Record<string, number>
}

/** Keys allowed at a path, for "did you mean" on unknown keys. */
export function knownKeys(path: ReadonlyArray<string | number>): string[] {
  const rule = Object.keys(ruleShape)
  const p = path.filter((s) => typeof s === 'string') as string[]
  const last = p[p.length - 1]
  const depth = path.length
  if (depth === 0) return ['$schema', 'templates', 'tables', 'match']
  if (p[0] === 'tables' && depth === 2) return ['rows', 'columns', 'perParent', 'locale']
  if (p[0] === 'tables' && p[2] === 'perParent' && depth === 4) return ['min', 'max', 'distribution', 'quantiles']
  if (last === 'distribution') return ['quantiles']
  if (last === 'seasonality') return ['weekday', 'month', 'hour']
  if (last === 'range') return ['min', 'max']
  if (last === 'sequence') return ['start', 'prefix', 'padding']
  if (last === 'faker') return ['method', 'args']
  if (p[0] === 'match' && depth === 2) return [...rule, 'column', 'table']
  return rule
}
