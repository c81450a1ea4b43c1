/**
 * One column rule (its `use` merged) → the GeneratorSpec that replaces the built-in one, checked against
 * the column: its type, length, enum labels and CHECK IN list, and the columns it refers to. A rule that
 * contradicts the schema is TDG_RULES_INVALID at its path, naming table and column.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import type { Column, Table } from '../model/schema.js'
import { describeShape, type ColumnConstraints } from '../plan/column-constraints.js'
import { decimalText, exactNumber, keepsShape } from './exact-value.js'
import type { FkEdge } from '../plan/fk-graph.js'
import { parseRegex, regexMaxLength } from '../generate/regex.js'
import { parseDate } from '../generate/format.js'
import { tableKey } from '../plan/insert-order.js'
import type { ColumnRule, RuleScalar, RuleSet } from './schema.js'
import { didYouMean, ruleSetError, type RulePath } from './rule-error.js'
import { parseWhen, resolveUse } from './validate.js'

/** What a column rule needs to know about its column and table. */
export interface ColumnContext {
  set: RuleSet
  path: RulePath
  table: string
  tableDef: Table
  column: Column
  cons: ColumnConstraints
  /** The built-in generator (kept by a rule without one, and by a missing `else`). */
  builtin: GeneratorSpec
  /** The column's hard-bounds generator (type and CHECK limits, no realistic window). */
  hard(): GeneratorSpec
  /** CHECK constraints of a column of the table. */
  consOf(column: string): ColumnConstraints
  /** FK edges out of this table. */
  edges: FkEdge[]
  tables: Map<string, Table>
  /** "now" in epoch seconds. */
  now: number
}

/** A rule's generator, the columns it reads and a short description for `tdg plan`. */
export interface RuleSpec {
  spec: GeneratorSpec
  deps: string[]
  what: string
  /** The generator itself can yield NULL (`else: null`, a null value). */
  yieldsNull: boolean
}

type Family = 'number' | 'boolean' | 'text' | 'date' | 'timestamp' | 'time' | 'other'

function family(c: Column): Family {
  switch (c.type.kind) {
    case 'integer': case 'decimal': case 'float': return 'number'
    case 'boolean': return 'boolean'
    case 'string': case 'text': case 'enum': return 'text'
    case 'date': return 'date'
    case 'timestamp': return 'timestamp'
    case 'time': return 'time'
    default: return 'other'
  }
}

/** Longest text the column accepts (type and CHECK length), if bounded. */
function maxLengthOf(c: Column, cons: ColumnConstraints): number | undefined {
  const typeMax = c.type.kind === 'string' ? c.type.maxLength : undefined
  if (typeMax === undefined) return cons.maxLength
  return cons.maxLength === undefined ? typeMax : Math.min(typeMax, cons.maxLength)
}

/**
 * A rule scalar as the column's value: numbers exact for numeric columns (decimal text where a double
 * would round: see exact-value.ts), labels checked against enums, and every value held against the
 * column's CHECK shapes (IN lists, bounds, LIKE, lengths, disjunctions), naming the CHECK it breaks.
 */
export function coerceValue(column: Column, cons: ColumnConstraints, v: RuleScalar, fail: (why: string) => never): Value {
  if (v === null) return null
  const fam = family(column)
  const maxLen = maxLengthOf(column, cons)
  let value: Value
  if (fam === 'number') {
    if (typeof v !== 'number' && typeof v !== 'string') return fail(`'${String(v)}' is not a number (the column is ${column.nativeType})`)
    const r = exactNumber(column, v)
    if ('error' in r) return fail(r.error)
    value = r.value
  } else if (fam === 'boolean') {
    if (typeof v === 'boolean') return v
    if (v === 'true' || v === 'false') return v === 'true'
    return fail(`'${String(v)}' is not a boolean`)
  } else {
    const s = String(v)
    if (column.type.kind === 'enum' && !column.type.values.includes(s))
      return fail(`'${s}' is not a label of enum ${column.type.name ?? column.nativeType} (${column.type.values.join(', ')})`)
    if (maxLen !== undefined && s.length > maxLen) return fail(`'${s}' is longer than ${column.nativeType} allows (${maxLen})`)
    value = s
  }
  for (const { label, shape } of cons.checks)
    if (!keepsShape(shape, value, fam === 'number'))
      return fail(`${typeof value === 'string' && fam !== 'number' ? `'${value}'` : String(value)} is not allowed by its ${label} (${describeShape(shape)})`)
  return value
}

/** The rule's generator for the column; undefined when the rule has none (only unique/nullRate). */
export function ruleSpec(rule: ColumnRule, ctx: ColumnContext): RuleSpec | undefined {
  const { set, path, column } = ctx
  const name = `${ctx.table}.${column.name}`
  const fam = family(column)
  const fail = (key: string | number | Array<string | number>, why: string): never => {
    throw ruleSetError(set, [...path, ...(Array.isArray(key) ? key : [key])], `${name}: ${why}`)
  }
  const maxLen = maxLengthOf(column, ctx.cons)
  const coerce = (v: RuleScalar, key: Array<string | number>): Value => coerceValue(column, ctx.cons, v, (why) => fail(key, why))
  const lower = (v: Value) => (rule.lowercase && typeof v === 'string' ? v.toLowerCase() : v)
  const out = (spec: GeneratorSpec, what: string, deps: string[] = [], yieldsNull = false): RuleSpec => ({ spec, what, deps, yieldsNull })
  const sibling = (key: Array<string | number>, ref: string): Column => {
    const c = ctx.tableDef.columns.find((x) => x.name === ref)
    if (!c) return fail(key, `no column '${ref}' in ${ctx.table}${didYouMean(ref, ctx.tableDef.columns.map((x) => x.name))}`)
    return c
  }

  if (rule.values !== undefined) {
    const values = rule.values.map((v, j) => lower(coerce(v, ['values', j])))
    const weights = rule.weights ?? values.map(() => 1)
    return out({ kind: 'weighted', values, weights }, rule.weights ? `values with weights ${weights.join('/')}` : `values ${values.slice(0, 4).join(', ')}${values.length > 4 ? ', …' : ''}`, [], values.includes(null))
  }
  if (rule.constant !== undefined) return out({ kind: 'constant', value: coerce(rule.constant, ['constant']) }, 'constant', [], rule.constant === null)
  if (rule.range !== undefined) {
    if (fam !== 'number') return fail('range', `range needs a numeric column (the column is ${column.nativeType})`)
    const hard = ctx.hard()
    const [lo, hi, scale, as] =
      hard.kind === 'number' && column.type.kind !== 'float'
        ? [hard.min, hard.max, hard.scale, hard.as]
        : column.type.kind === 'float'
          ? [column.type.bytes === 4 ? -9_999_999 : -(1e15 - 1), column.type.bytes === 4 ? 9_999_999 : 1e15 - 1, 2, 'float' as const]
          : [-(1e15 - 1), 1e15 - 1, 0, 'integer' as const]
    const f = Math.pow(10, scale)
    const bound = (key: 'min' | 'max'): number => {
      const v = rule.range![key]
      const n = Number(v)
      // A range is drawn in doubles: a bound a double cannot hold would be silently moved.
      if (typeof v === 'string' && decimalText(n) !== decimalText(v)) return fail(['range', key], `${v.trim()} cannot be drawn exactly from a range (beyond 2^53); list such values with 'values'`)
      return n
    }
    const [rMin, rMax] = [bound('min'), bound('max')]
    const min = Math.max(lo, Math.ceil(rMin * f - 1e-9))
    const max = Math.min(hi, Math.floor(rMax * f + 1e-9))
    if (min > max) return fail('range', `range [${rMin}, ${rMax}] lies outside what ${column.nativeType} and its CHECKs allow`)
    const dist = rule.distribution ?? 'uniform'
    // Narrowed to the type, its CHECKs and tdg's exact range (±(10^15 − 1) units): say so in `tdg plan`.
    const kept = min > Math.ceil(rMin * f - 1e-9) || max < Math.floor(rMax * f + 1e-9) ? ` (kept within ${min / f}..${max / f})` : ''
    // A unique range enumerates its values (k = row); a distribution cannot be unique.
    if (rule.unique) return out({ kind: 'number', min, max, start: min, scale, as }, `range ${rMin}..${rMax}${kept}, enumerated (unique)`)
    return out({ kind: 'distributed', min, max, scale, as, distribution: dist }, `range ${rMin}..${rMax}${kept}, ${dist}`)
  }
  if (rule.regex !== undefined) {
    if (fam !== 'text') return fail('regex', `regex needs a text column (the column is ${column.nativeType})`)
    const longest = regexMaxLength(parseRegex(rule.regex))
    if (maxLen !== undefined && longest > maxLen) return fail('regex', `the regex can produce ${longest} characters, more than ${column.nativeType} allows (${maxLen})`)
    return out({ kind: 'regex', pattern: rule.regex, ...(rule.lowercase ? { lowercase: true } : {}) }, `regex ${rule.regex}`)
  }
  if (rule.faker !== undefined) {
    const method = typeof rule.faker === 'string' ? rule.faker : rule.faker.method
    const args = typeof rule.faker === 'string' ? [] : (rule.faker.args ?? [])
    return out({ kind: 'faker-call', method, args, ...(rule.lowercase ? { lowercase: true } : {}), ...(maxLen !== undefined ? { maxLength: maxLen } : {}) }, `faker ${method}`)
  }
  if (rule.template !== undefined) {
    if (fam !== 'text') return fail('template', `template needs a text column (the column is ${column.nativeType})`)
    return out({ kind: 'template', template: rule.template, ...(rule.lowercase ? { lowercase: true } : {}), ...(maxLen !== undefined ? { maxLength: maxLen } : {}) }, `template ${rule.template}`)
  }
  if (rule.between !== undefined) {
    const hard = ctx.hard()
    const [a, b] = rule.between
    if (fam === 'date' && hard.kind === 'date') {
      const day = (s: string) => (s.trim().toLowerCase() === 'now' ? Math.floor(ctx.now / 86400) : parseDate(s))
      const min = Math.max(hard.min, day(a))
      const max = Math.min(hard.max, day(b))
      if (min > max) return fail('between', `the window lies outside what the column allows`)
      return out({ kind: 'date', min, max, start: min }, `between ${a} and ${b}`)
    }
    if (fam === 'timestamp' && hard.kind === 'timestamp') {
      const min = Math.max(hard.min, parseWhen(a, ctx.now))
      const max = Math.min(hard.max, parseWhen(b, ctx.now))
      if (min > max) return fail('between', `the window lies outside what the column allows`)
      return out({ kind: 'timestamp', min, max, start: min, tz: hard.tz }, `between ${a} and ${b}`)
    }
    return fail('between', `between needs a date or timestamp column (the column is ${column.nativeType})`)
  }
  if (rule.after !== undefined || rule.before !== undefined) {
    const key = rule.after !== undefined ? 'after' : 'before'
    const ref = (rule.after ?? rule.before)!
    const base = sibling([key], ref)
    if (base.name === column.name) return fail(key, 'a column cannot follow itself')
    if (!['date', 'timestamp', 'number'].includes(fam) || family(base) !== fam)
      return fail(key, `${key} needs two date, two timestamp or two numeric columns (${column.name} is ${column.nativeType}, ${ref} is ${base.nativeType})`)
    const of = ctx.hard()
    const days = rule.maxDays ?? 365
    const maxDelta = fam === 'timestamp' ? days * 86400 : days
    return out({ kind: 'relative', from: ref, op: key === 'after' ? '>' : '<', maxDelta, of }, `${key} ${ref}${rule.maxDays ? ` within ${days} days` : ''}`, [ref])
  }
  if (rule.sequence !== undefined) {
    const { start = 1, prefix = '', padding = 0 } = rule.sequence
    if (fam === 'number') {
      if (prefix !== '' || padding > 0) return fail('sequence', 'prefix and padding need a text column')
      return out({ kind: 'sequence', start, prefix: '', padding: 0, as: 'integer' }, `sequence from ${start}`)
    }
    if (fam !== 'text') return fail('sequence', `sequence needs a text or numeric column (the column is ${column.nativeType})`)
    if (maxLen !== undefined && prefix.length + Math.max(padding, 1) > maxLen) return fail('sequence', `prefix and padding are longer than ${column.nativeType} allows (${maxLen})`)
    return out({ kind: 'sequence', start, prefix, padding, as: 'text' }, `sequence ${prefix}${'0'.repeat(Math.max(0, padding - 1))}${start}…`)
  }
  if (rule.from !== undefined) {
    const dot = rule.from.lastIndexOf('.')
    const parentName = rule.from.slice(0, dot)
    const parentColumn = rule.from.slice(dot + 1)
    const edges = ctx.edges.filter((e) => !e.self && (e.parent === parentName || ctx.tables.get(e.parent)?.name === parentName))
    const groups = [...new Set(edges.map((e) => e.group))]
    if (groups.length === 0) return fail('from', `${ctx.table} has no foreign key to '${parentName}'`)
    if (groups.length > 1) return fail('from', `${ctx.table} has ${groups.length} foreign keys to '${parentName}'; which parent row is meant is ambiguous`)
    const edge = edges[0]!
    const parent = ctx.tables.get(edge.parent)!
    const pc = parent.columns.find((c) => c.name === parentColumn)
    if (!pc) return fail('from', `no column '${parentColumn}' in ${tableKey(parent)}${didYouMean(parentColumn, parent.columns.map((c) => c.name))}`)
    if (family(pc) !== fam) return fail('from', `${tableKey(parent)}.${parentColumn} (${pc.nativeType}) does not fit ${column.nativeType}`)
    return out({ kind: 'parent-value', via: edge.fk.columns[0]!, parentStep: edge.parent, parentColumn }, `from ${rule.from}`, [edge.fk.columns[0]!], edge.nullable)
  }
  if (rule.when !== undefined) {
    const when: Record<string, Array<string | number | boolean | null>> = {}
    const deps: string[] = []
    for (const [ref, v] of Object.entries(rule.when)) {
      const c = sibling(['when', ref], ref)
      const list = Array.isArray(v) ? v : [v]
      // Coerce to the referenced column's type, so 5 and "5" compare as the generated values do.
      when[ref] = list.map((x, j) =>
        coerceValue(c, ctx.consOf(ref), x, (why) => fail(Array.isArray(v) ? ['when', ref, j] : ['when', ref], `${ref}: ${why}`)),
      ) as Array<string | number | boolean | null>
      deps.push(ref)
    }
    const branch = (key: 'then' | 'else', body: ColumnRule | null | undefined): RuleSpec => {
      if (body === null) return out({ kind: 'null' }, 'NULL', [], true)
      if (body === undefined) return out(ctx.builtin, 'built-in')
      const merged = resolveUse(set, body, [...path, key])
      return ruleSpec(merged, { ...ctx, path: [...path, key] }) ?? out(ctx.builtin, 'built-in')
    }
    const then = branch('then', rule.then)
    const other = branch('else', rule.else)
    const cond = Object.entries(when).map(([k, vs]) => `${k} ${vs.length === 1 ? `= ${String(vs[0])}` : `in ${vs.join('|')}`}`).join(' and ')
    return out({ kind: 'conditional', when, then: then.spec, else: other.spec }, `when ${cond} then ${then.what} else ${other.what}`, [...deps, ...then.deps, ...other.deps], then.yieldsNull || other.yieldsNull)
  }
  return undefined
}
