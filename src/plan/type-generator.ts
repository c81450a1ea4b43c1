/**
 * Choose a column's generator from its logical type, its CHECK constraints and its name.
 * Keys and foreign keys are decided elsewhere; this covers every other column.
 */
import { match } from 'ts-pattern'
import type { GeneratorSpec } from '../model/plan.js'
import type { Column, LogicalType } from '../model/schema.js'
import { TdgError, type Issue } from '../errors.js'
import { emptyConstraints, type ColumnConstraints } from './column-constraints.js'
import { integerLimits, numberRange, dateRange, timeRange, timestampRange, UNIT_LIMIT, type RangeContext } from './ranges.js'
import { looksLikeUuid, numberSemantic, snakeName, stringSemantic, timeRole } from './semantics.js'
import { parseLike, likeFixedLength } from '../generate/strings.js'
import { withReject } from './domain.js'

/** What was chosen and why. */
export interface Chosen {
  spec: GeneratorSpec
  reason: string
  issues: Issue[]
  /** Leave the column to its database default (never written). */
  omit?: 'default'
}

/** Input for one column. */
export interface ChooseInput {
  table: string
  column: Column
  type: LogicalType
  cons: ColumnConstraints
  /** Part of a PK/UNIQUE the plan must make unique. */
  unique: boolean
  /** Where generated time ends (epoch seconds, `PlanOptions.now`). */
  now?: number
}

/** The generator for a non-key, non-FK column. */
export function chooseGenerator(input: ChooseInput): Chosen {
  const { cons, column, table } = input
  const ctx: RangeContext = { table, column: column.name, ...(input.now !== undefined ? { now: input.now } : {}) }
  const issues: Issue[] = []
  // `= v` and IN lists override the type's generator (filtered by every other bound).
  const enumType = input.type.kind === 'enum' ? input.type : undefined
  if (cons.equals !== undefined && !enumType) return { spec: { kind: 'constant', value: cons.equals }, reason: 'CHECK (= constant)', issues }
  if (cons.inList && !enumType) {
    const values = filterValues(cons.inList, cons, input.type)
    if (values.length === 0) throw new TdgError('TDG_PLAN_UNSATISFIABLE', `CHECK constraints of ${table}.${column.name} leave no value`, { table, column: column.name })
    return { spec: { kind: 'choice', values }, reason: 'CHECK (IN list)', issues }
  }
  if (enumType) return enumChoice(input, enumType, issues)
  return byType(input, ctx, issues)
}

/**
 * An enum column: the labels its CHECKs allow (`= v`, IN lists, bounds). A CHECK literal that is no label
 * is never written (the database would reject it). No label left: NULL with a note when the column is
 * nullable (NULL passes the CHECK), otherwise TDG_PLAN_UNSATISFIABLE naming the column.
 */
function enumChoice(input: ChooseInput, t: Extract<LogicalType, { kind: 'enum' }>, issues: Issue[]): Chosen {
  const { cons, table, column } = input
  const asked = cons.equals !== undefined ? [cons.equals] : cons.inList
  const labels = asked === undefined ? t.values : t.values.filter((l) => asked.some((v) => String(v) === l))
  const values = filterValues(labels, cons, t)
  const enumName = t.name ? `enum ${t.name}` : 'the enum'
  if (values.length > 0) return { spec: { kind: 'choice', values }, reason: asked ? `enum ∩ CHECK (${values.length} labels)` : `enum (${values.length} labels)`, issues }
  const message = `no label of ${enumName} (${t.values.join(', ')}) passes the CHECKs of ${table}.${column.name}`
  if (!column.nullable) throw new TdgError('TDG_PLAN_UNSATISFIABLE', message, { table, column: column.name })
  issues.push({ code: 'GENERATOR_DEGRADED', message: `${message}: it is left NULL`, table, column: column.name })
  return { spec: { kind: 'null' }, reason: 'NULL: no enum label passes its CHECKs', issues }
}

function byType(input: ChooseInput, ctx: RangeContext, issues: Issue[]): Chosen {
  const { cons, column, table, unique } = input
  const name = column.name
  const ok = (spec: GeneratorSpec, reason: string): Chosen => ({ spec, reason, issues })
  return match<LogicalType, Chosen>(input.type)
    .with({ kind: 'integer' }, (t) => {
      const [lo, hi] = t.min !== undefined && t.max !== undefined ? [t.min, t.max] : integerLimits(t.bytes, t.unsigned === true)
      const sem = numberSemantic(name)
      return ok(numberRange({ as: 'integer', scale: 0, lo, hi }, cons, sem, unique, ctx), sem ? `integer, ${sem.reason} by name` : `${t.bytes * 8}-bit integer`)
    })
    .with({ kind: 'decimal' }, (t) => {
      const sem = numberSemantic(name)
      const precision = t.precision ?? 15
      const typeScale = Math.min(t.scale ?? (t.precision === undefined ? (sem?.scale ?? 2) : 0), precision)
      // Units must stay below 2^53 (15 significant digits). Beyond that, fractional digits give way to the
      // integer digits the CHECK bounds need: decimal(18,13) CHECK (x >= 100) is generated with 12
      // fractional digits (100 … 999.99…), values the column stores as they are. Never refuse a bound
      // the type can hold because of the generation's own digit budget.
      const intDigits = precision - typeScale
      const keepInt = Math.min(intDigits, Math.max(15 - typeScale, boundDigits(cons)))
      const scale = Math.max(0, Math.min(typeScale, 15 - keepInt))
      const max = Math.min(Math.pow(10, Math.min(Math.min(keepInt, 15) + scale, 15)) - 1, UNIT_LIMIT)
      const spec = numberRange({ as: 'decimal', scale, lo: -max, hi: max }, cons, sem, unique, ctx)
      const shown = scale === typeScale ? `decimal(${Math.min(precision, 15)},${scale})` : `decimal(${precision},${typeScale}) with ${scale} fractional digits`
      return ok(spec, `${shown}${sem ? `, ${sem.reason} by name` : ''}`)
    })
    .with({ kind: 'float' }, (t) => {
      const sem = numberSemantic(name)
      const wanted = unique ? 0 : Math.min(sem?.scale ?? 2, t.bytes === 4 ? 2 : 6)
      const max = t.bytes === 4 ? 9_999_999 : UNIT_LIMIT
      // Large CHECK bounds (x >= 1e12 on a double) do not fit in units at 6 decimals: use fewer.
      for (let scale = wanted; ; scale--) {
        try {
          return ok(numberRange({ as: 'float', scale, lo: -max, hi: max }, cons, sem, unique, ctx), `float${t.bytes * 8}${sem ? `, ${sem.reason} by name` : ''}`)
        } catch (e) {
          if (scale === 0 || !(e instanceof TdgError)) throw e
        }
      }
    })
    .with({ kind: 'boolean' }, () => {
      const likely = /^(is_|has_)?(active|enabled|verified|available|visible|published)$/.test(snakeName(name))
      return ok({ kind: 'boolean', trueRate: likely ? 0.85 : 0.5 }, likely ? 'boolean, mostly true by name' : 'boolean')
    })
    .with({ kind: 'string' }, { kind: 'text' }, (t) => stringChoice(input, t.kind === 'string' ? t.maxLength : undefined, t.kind === 'string' && t.fixed === true, issues))
    .with({ kind: 'uuid' }, () => ok({ kind: 'uuid' }, 'uuid v4 shape'))
    .with({ kind: 'date' }, () => {
      const role = timeRole(name)
      return ok(dateRange(cons, role === 'updated' ? 'created' : role, unique, ctx), role === 'birth' ? 'birth date: ages 18–90' : 'date')
    })
    .with({ kind: 'time' }, (t) => ok(timeRange(cons, t.tz === true, ctx), 'time of day'))
    .with({ kind: 'timestamp' }, (t) => {
      const role = timeRole(name)
      return ok(timestampRange(cons, role === 'updated' ? 'created' : role, t.tz, unique, ctx), role === 'created' ? 'creation time: last 5 years' : 'timestamp')
    })
    .with({ kind: 'interval' }, () => ok({ kind: 'interval', maxSeconds: 30 * 86400 }, 'interval up to 30 days'))
    .with({ kind: 'json' }, (t) => ok({ kind: 'json', binary: t.binary === true }, 'small JSON documents'))
    .with({ kind: 'binary' }, (t) => {
      const max = Math.min(t.maxLength ?? 16, 16)
      return ok({ kind: 'binary', minLength: Math.min(max, 8), maxLength: max }, 'random bytes')
    })
    .with({ kind: 'enum' }, (t) => enumChoice(input, t, issues))
    .with({ kind: 'set' }, (t) => ok({ kind: 'set', values: t.values }, 'set of labels'))
    .with({ kind: 'array' }, (t) => {
      const el = byType({ ...input, type: t.element, cons: emptyConstraints(), unique: false }, ctx, issues)
      return ok({ kind: 'array', element: el.spec, minLength: 1, maxLength: 3 }, `array of ${el.reason}`)
    })
    .with({ kind: 'inet' }, () => ok({ kind: 'inet' }, 'IPv4 address'))
    .with({ kind: 'unknown' }, (t) => {
      issues.push({ code: 'TYPE_UNKNOWN', message: `no generator for type '${t.native}' of ${table}.${name}`, table, column: name })
      if (column.default !== undefined && !column.nullable) return { spec: { kind: 'null' } as GeneratorSpec, reason: `unknown type '${t.native}': database default`, issues, omit: 'default' } satisfies Chosen
      return ok({ kind: 'null' }, `unknown type '${t.native}': NULL`)
    })
    .exhaustive()
}

function stringChoice(input: ChooseInput, typeMax: number | undefined, fixed: boolean, issues: Issue[]): Chosen {
  const { cons, column, table } = input
  const name = column.name
  const maxLength = typeMax === undefined ? cons.maxLength : cons.maxLength === undefined ? typeMax : Math.min(typeMax, cons.maxLength)
  const minLength = Math.max(cons.minLength, 1, fixed && typeMax !== undefined ? typeMax : 0)
  if (maxLength !== undefined && minLength > maxLength)
    throw new TdgError('TDG_PLAN_UNSATISFIABLE', `length bounds of ${table}.${name} leave no value (${minLength} > ${maxLength})`, { table, column: name })
  const ml = maxLength === undefined ? {} : { maxLength }
  // Pools leave NOT LIKE matches out (cheap, most draws); every value is then checked against what the
  // CHECKs exclude (`reject`), which also covers unique, LIKE and uuid values.
  const nonEmpty = cons.exclude.filter((v) => v !== '').map(String)
  const nl = cons.notLikes.length > 0 ? { notLike: cons.notLikes } : {}
  const done = (c: Chosen): Chosen => ({ ...c, spec: withReject(c.spec, nonEmpty, cons.notLikes) })
  const named = stringSemantic(name, table) ?? (input.type.kind === 'text' ? 'sentence' : undefined)
  // char(2)/varchar(3) `country` columns hold codes: cut country names would be nonsense.
  const semantic = named === 'country' && maxLength !== undefined && maxLength >= 2 && maxLength <= 3 ? 'country-code' : named
  // An email pool satisfies the usual `LIKE '%@%.%'` checks by itself: keep realistic addresses.
  if (semantic === 'email' && cons.likes.length > 0 && cons.likes.every((p) => EMAIL_LIKE.test(p)) && (maxLength === undefined || maxLength >= 64))
    return done({ spec: { kind: 'faker', semantic, minLength, ...ml, ...nl }, reason: 'email by name (satisfies its LIKE check)', issues })
  if (cons.likes.length > 0) {
    const pattern = cons.likes[0]!
    if (cons.likes.length > 1) issues.push({ code: 'GENERATOR_DEGRADED', message: `only the first LIKE check of ${table}.${name} is generated`, table, column: name })
    const fixedLen = likeFixedLength(parseLike(pattern))
    if (maxLength !== undefined && fixedLen > maxLength)
      throw new TdgError('TDG_PLAN_UNSATISFIABLE', `LIKE pattern of ${table}.${name} is longer than the column allows`, { table, column: name })
    return done({ spec: { kind: 'like', pattern, minLength, ...ml }, reason: 'CHECK (LIKE pattern)', issues })
  }
  if (looksLikeUuid(name) && (maxLength === undefined || maxLength >= 36)) {
    return done({ spec: { kind: 'uuid' }, reason: 'uuid by name', issues })
  }
  if (semantic) return done({ spec: { kind: 'faker', semantic, minLength, ...ml, ...nl }, reason: `${semantic} by name`, issues })
  if (maxLength === undefined) return done({ spec: { kind: 'faker', semantic: 'words', minLength, ...nl }, reason: 'words', issues })
  // char(n) words: as long as they come (at least what the CHECKs ask); the database pads them with
  // blanks to n, as it would any shorter value. Only unique values are built full-width (see poolSource).
  if (fixed) return done({ spec: { kind: 'string', minLength: Math.max(cons.minLength, 1), maxLength, fixed, ...nl }, reason: `char(${maxLength})`, issues })
  return done({ spec: { kind: 'string', minLength, maxLength, ...nl }, reason: `string(${maxLength})`, issues })
}

/** Integer digits the largest numeric CHECK bound needs (1 for none or |v| < 10). */
function boundDigits(cons: ColumnConstraints): number {
  let digits = 1
  for (const b of [...cons.lower, ...cons.upper]) {
    const v = Math.abs(Number(b.value))
    if (Number.isFinite(v) && v >= 1) digits = Math.max(digits, Math.floor(Math.log10(v)) + 1)
  }
  return digits
}

/** LIKE patterns every pooled email (`local.k@domain.tld`, local and domain non-empty) matches. */
const EMAIL_LIKE = /^(%|_%|%_)@(%|_%|%_)(\.(%|_%|%_|__%))?$/

/** Keep values that satisfy the other CHECK parts (bounds, exclusions, lengths). */
function filterValues(values: Array<string | number>, cons: ColumnConstraints, type: LogicalType): Array<string | number> {
  const numeric = type.kind === 'integer' || type.kind === 'decimal' || type.kind === 'float'
  const cast = (v: string | number) => (numeric ? Number(v) : v)
  const cmp = (a: string | number, b: string | number) => (numeric ? Number(a) - Number(b) : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)
  return values.map(cast).filter((v) => {
    if (cons.exclude.some((e) => cmp(v, e) === 0)) return false
    if (cons.lower.some((b) => (b.inclusive ? cmp(v, b.value) < 0 : cmp(v, b.value) <= 0))) return false
    if (cons.upper.some((b) => (b.inclusive ? cmp(v, b.value) > 0 : cmp(v, b.value) >= 0))) return false
    if (typeof v === 'string' && (v.length < cons.minLength || (cons.maxLength !== undefined && v.length > cons.maxLength))) return false
    return true
  })
}
