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
}

/** The generator for a non-key, non-FK column. */
export function chooseGenerator(input: ChooseInput): Chosen {
  const { cons, column, table } = input
  const ctx: RangeContext = { table, column: column.name }
  const issues: Issue[] = []
  // `= v` and IN lists override the type's generator (filtered by every other bound).
  if (cons.equals !== undefined) return { spec: { kind: 'constant', value: cons.equals }, reason: 'CHECK (= constant)', issues }
  if (cons.inList) {
    const values = filterValues(cons.inList, cons, input.type)
    if (values.length === 0) throw new TdgError('TDG_PLAN_UNSATISFIABLE', `CHECK constraints of ${table}.${column.name} leave no value`, { table, column: column.name })
    return { spec: { kind: 'choice', values }, reason: 'CHECK (IN list)', issues }
  }
  return byType(input, ctx, issues)
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
      const precision = Math.min(t.precision ?? 15, 15)
      const sem = numberSemantic(name)
      const scale = Math.min(t.scale ?? (t.precision === undefined ? (sem?.scale ?? 2) : 0), precision)
      const max = Math.min(Math.pow(10, precision) - 1, UNIT_LIMIT)
      const spec = numberRange({ as: 'decimal', scale, lo: -max, hi: max }, cons, sem, unique, ctx)
      return ok(spec, `decimal(${precision},${scale})${sem ? `, ${sem.reason} by name` : ''}`)
    })
    .with({ kind: 'float' }, (t) => {
      const sem = numberSemantic(name)
      const scale = unique ? 0 : Math.min(sem?.scale ?? 2, t.bytes === 4 ? 2 : 6)
      const max = t.bytes === 4 ? 9_999_999 : UNIT_LIMIT
      return ok(numberRange({ as: 'float', scale, lo: -max, hi: max }, cons, sem, unique, ctx), `float${t.bytes * 8}${sem ? `, ${sem.reason} by name` : ''}`)
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
    .with({ kind: 'enum' }, (t) => {
      const values = filterValues(t.values, cons, t)
      if (values.length === 0) throw new TdgError('TDG_PLAN_UNSATISFIABLE', `no label of enum ${t.name ?? ''} fits the CHECKs of ${table}.${name}`, { table, column: name })
      return ok({ kind: 'choice', values }, `enum (${values.length} labels)`)
    })
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
  // NOT LIKE holds by filtering pools, which covers random draws; unique values and LIKE/uuid values are not filtered.
  const nl = cons.notLikes.length > 0 ? { notLike: cons.notLikes } : {}
  const notLikeLoose = () => {
    if (cons.notLikes.length > 0)
      issues.push({ code: 'GENERATOR_DEGRADED', message: `NOT LIKE check on ${table}.${name} is not guaranteed by construction`, table, column: name })
  }
  if (input.unique) notLikeLoose()
  const nonEmpty = cons.exclude.filter((v) => v !== '')
  if (nonEmpty.length > 0)
    issues.push({ code: 'GENERATOR_DEGRADED', message: `<> check on ${table}.${name} is only guaranteed for IN lists`, table, column: name })
  const named = stringSemantic(name, table) ?? (input.type.kind === 'text' ? 'sentence' : undefined)
  // char(2)/varchar(3) `country` columns hold codes: cut country names would be nonsense.
  const semantic = named === 'country' && maxLength !== undefined && maxLength >= 2 && maxLength <= 3 ? 'country-code' : named
  // An email pool satisfies the usual `LIKE '%@%.%'` checks by itself: keep realistic addresses.
  if (semantic === 'email' && cons.likes.length > 0 && cons.likes.every((p) => EMAIL_LIKE.test(p)) && (maxLength === undefined || maxLength >= 64))
    return { spec: { kind: 'faker', semantic, minLength, ...ml, ...nl }, reason: 'email by name (satisfies its LIKE check)', issues }
  if (cons.likes.length > 0) {
    const pattern = cons.likes[0]!
    if (cons.likes.length > 1) issues.push({ code: 'GENERATOR_DEGRADED', message: `only the first LIKE check of ${table}.${name} is generated`, table, column: name })
    const fixedLen = likeFixedLength(parseLike(pattern))
    if (maxLength !== undefined && fixedLen > maxLength)
      throw new TdgError('TDG_PLAN_UNSATISFIABLE', `LIKE pattern of ${table}.${name} is longer than the column allows`, { table, column: name })
    if (!input.unique) notLikeLoose()
    return { spec: { kind: 'like', pattern, minLength, ...ml }, reason: 'CHECK (LIKE pattern)', issues }
  }
  if (looksLikeUuid(name) && (maxLength === undefined || maxLength >= 36)) {
    if (!input.unique) notLikeLoose()
    return { spec: { kind: 'uuid' }, reason: 'uuid by name', issues }
  }
  if (semantic) return { spec: { kind: 'faker', semantic, minLength, ...ml, ...nl }, reason: `${semantic} by name`, issues }
  if (maxLength === undefined) return { spec: { kind: 'faker', semantic: 'words', minLength, ...nl }, reason: 'words', issues }
  return { spec: { kind: 'string', minLength, maxLength, ...(fixed ? { fixed } : {}), ...nl }, reason: fixed ? `char(${maxLength})` : `string(${maxLength})`, issues }
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
