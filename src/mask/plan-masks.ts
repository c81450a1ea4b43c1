/**
 * SchemaModel + masking rules (+ PII findings) → MaskPlan: one masker per masked column, with its reason.
 * Decides, in this order per column: its own `mask:` rule (table rule, then the first `match` rule), the
 * masker of the parent column an FK references (so a masked key and every FK to it mask identically,
 * composite keys column by column), and with `maskSensitive` the masker detection suggests. Refuses,
 * before anything is read, maskers a column cannot hold: NULL on NOT NULL, repeating maskers on UNIQUE or
 * key columns, an FK masked differently from its parent.
 */
import type { ColumnMask, FakeField, MaskPlan, MaskSpec, PiiFinding, TableMask } from '../model/mask.js'
import type { Column, SchemaModel, Table } from '../model/schema.js'
import type { GeneratorSpec } from '../model/plan.js'
import { TdgError, type Issue } from '../errors.js'
import { tableKey } from '../plan/insert-order.js'
import { stringSemantic } from '../plan/semantics.js'
import { findColumnRule } from '../rules/find-column-rule.js'
import { ruleSetError, dottedPath, type RulePath } from '../rules/rule-error.js'
import type { RuleSet } from '../rules/schema.js'
import { parseMaskRule, isMaskProblem, type MaskRuleSpec } from '../rules/mask-rule.js'
import type { Semantic } from '../model/plan.js'

/** Options of `planMasks`. */
export interface PlanMasksOptions {
  /** Masking rules (`--rules`); their `mask:` keys decide first. */
  rules?: RuleSet
  /** What PII detection flagged (`detectPii`); used for `maskSensitive` and to name unmapped columns. */
  findings?: PiiFinding[]
  /** Mask every flagged column without a rule with the detected masker (`--mask-sensitive`). Default false. */
  maskSensitive?: boolean
  /**
   * Turns a `{ generate: <rule> }` masker into the generator the rule engine builds for that column
   * (the caller wires `buildPlan`; absent: `generate` maskers are refused).
   */
  generatorFor?: (table: Table, column: Column, rule: unknown, path: RulePath) => GeneratorSpec
}

/** The plan, plus flagged columns no masker covers (the drift guard refuses them unless allowed). */
export interface MaskPlanResult {
  plan: MaskPlan
  unmapped: PiiFinding[]
  /** Columns a rule keeps on purpose (`mask: keep`), as `tableKey\u0000column`: copied as they are, and not leaks. */
  kept: Set<string>
}

/** Maskers that may repeat values: never on UNIQUE or key columns. */
const REPEATING = new Set<MaskSpec['kind']>(['null', 'constant', 'redact', 'noise', 'generalize', 'generate', 'shift'])

/** Build the MaskPlan. Throws TDG_RULES_INVALID (a rule naming what does not exist) or TDG_MASK_UNSATISFIABLE. */
export function planMasks(model: SchemaModel, opts: PlanMasksOptions = {}): MaskPlanResult {
  const tables = new Map(model.tables.map((t) => [tableKey(t), t]))
  const issues: Issue[] = []
  if (opts.rules) checkRuleTargets(opts.rules, tables)
  const findings = new Map((opts.findings ?? []).map((f) => [`${tableKey(f.table)}\u0000${f.column}`, f]))
  const own = new Map<string, ColumnMask>()
  // Own rules and detection first; FKs then follow their parents (a parent may itself be an FK).
  for (const [key, t] of tables) {
    const tr = opts.rules ? tableRules(opts.rules, key, t) : undefined
    for (const c of t.columns) {
      const found = opts.rules ? findColumnRule(opts.rules, key, t, tr?.rules, tr?.path ?? ['tables', key], c.name) : undefined
      if (found && found.body.mask !== undefined) {
        const parsed = parseMaskRule(found.body.mask)
        if (isMaskProblem(parsed)) throw ruleSetError(opts.rules!, [...found.path, 'mask', ...parsed.path], parsed.message)
        const spec = resolveSpec(parsed, t, c, findings.get(`${key}\u0000${c.name}`), opts, [...found.path, 'mask'])
        own.set(`${key}\u0000${c.name}`, { column: c.name, mask: spec, source: 'rule', reason: `rule ${dottedPath(found.path)}` })
        continue
      }
      const f = findings.get(`${key}\u0000${c.name}`)
      if (f && opts.maskSensitive) own.set(`${key}\u0000${c.name}`, { column: c.name, mask: f.suggested, source: 'detected', reason: `detected ${f.category} (${f.confidence.toFixed(2)}: ${f.reasons.join('; ')})` })
    }
  }
  const resolved = new Map<string, ColumnMask | null>()
  const resolve = (key: string, column: string, seen: Set<string>): ColumnMask | null => {
    const id = `${key}\u0000${column}`
    if (resolved.has(id)) return resolved.get(id)!
    if (seen.has(id)) return own.get(id) ?? null
    seen.add(id)
    const t = tables.get(key)!
    const mine = own.get(id) ?? null
    let inherited: ColumnMask | null = null
    for (const fk of t.foreignKeys) {
      const i = fk.columns.indexOf(column)
      if (i < 0) continue
      const pk = tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table })
      if (!tables.has(pk)) continue
      const parentColumn = fk.references.columns[i]!
      const p = resolve(pk, parentColumn, seen)
      if (!p || p.mask.kind === 'keep') continue
      inherited = { column, mask: p.mask, source: 'key', reason: `FK → ${pk}.${parentColumn} (${p.mask.kind}, as its parent)` }
      if (mine && !sameSpec(mine.mask, p.mask) && mine.source === 'rule')
        throw new TdgError('TDG_MASK_UNSATISFIABLE', `${key}.${column}: its masker (${mine.mask.kind}) differs from ${pk}.${parentColumn}'s (${p.mask.kind}), which it references: the FK would break; mask both alike or drop the rule of ${key}.${column}`, { table: key, column })
    }
    const out = inherited ?? mine
    resolved.set(id, out)
    return out
  }
  const result: TableMask[] = []
  for (const [key, t] of tables) {
    const columns: ColumnMask[] = []
    for (const c of t.columns) {
      const m = resolve(key, c.name, new Set())
      if (!m || m.mask.kind === 'keep') continue
      // A generated column is masked only where it is copied (a target in another dialect stores it plainly).
      refuseUnfit(key, t, c, m)
      columns.push(m)
    }
    if (columns.length > 0) result.push({ table: { ...(t.schema !== undefined ? { schema: t.schema } : {}), name: t.name }, columns })
  }
  const masked = new Set(result.flatMap((tm) => tm.columns.map((c) => `${tableKey(tm.table)}\u0000${c.column}`)))
  const kept = new Set<string>()
  for (const [key, t] of tables) {
    for (const c of t.columns) {
      const found = opts.rules ? findColumnRule(opts.rules, key, t, tableRules(opts.rules, key, t)?.rules, ['tables', key], c.name) : undefined
      const m = found?.body.mask
      if (m === 'keep' || (typeof m === 'object' && m !== null && 'keep' in m)) kept.add(`${key}\u0000${c.name}`)
    }
  }
  const unmapped = (opts.findings ?? []).filter((f) => {
    const id = `${tableKey(f.table)}\u0000${f.column}`
    return !masked.has(id) && !kept.has(id)
  })
  return { plan: { tables: result, issues }, unmapped, kept }
}

/** `fake` without a field takes it from detection or the column name; `generate` becomes a generator. */
function resolveSpec(parsed: MaskRuleSpec, t: Table, c: Column, f: PiiFinding | undefined, opts: PlanMasksOptions, path: RulePath): MaskSpec {
  if (parsed.kind === 'generate' && 'rule' in parsed) {
    if (!opts.generatorFor) throw ruleSetError(opts.rules!, path, `${t.name}.${c.name}: 'generate' maskers are not available here`)
    return { kind: 'generate', generator: opts.generatorFor(t, c, parsed.rule, [...path, 'generate']) }
  }
  if (parsed.kind === 'fake' && parsed.field === undefined) {
    const field = (f?.suggested.kind === 'fake' ? f.suggested.field : undefined) ?? fakeFieldOf(c.name, t.name)
    if (!field) throw ruleSetError(opts.rules!, path, `${t.name}.${c.name}: cannot tell which fake value from the name; say { fake: <field> } (e.g. full-name, email, phone, city)`)
    return { ...parsed, field }
  }
  return parsed as MaskSpec
}

const FROM_SEMANTIC: Partial<Record<Semantic, FakeField>> = {
  email: 'email',
  'first-name': 'first-name',
  'last-name': 'last-name',
  'full-name': 'full-name',
  username: 'username',
  phone: 'phone',
  street: 'street',
  address: 'address-line',
  city: 'city',
  state: 'state',
  zip: 'zip',
  country: 'country',
  company: 'company',
  'job-title': 'job-title',
  url: 'url',
  ip: 'ip',
  description: 'text',
  sentence: 'text',
  paragraph: 'text',
}

/** The fake field a column's name implies (the generator's own name semantics), if any. */
export function fakeFieldOf(column: string, table: string): FakeField | undefined {
  const s = stringSemantic(column, table)
  return s ? FROM_SEMANTIC[s] : undefined
}

/** Refuse maskers the column cannot hold; make fakes on UNIQUE columns collision-free. */
function refuseUnfit(key: string, t: Table, c: Column, m: ColumnMask): void {
  const where = `${key}.${c.name}`
  if (m.mask.kind === 'null' && !c.nullable) throw new TdgError('TDG_MASK_UNSATISFIABLE', `${where} is NOT NULL: mask 'null' cannot hold (${m.reason})`, { table: key, column: c.name })
  const unique = isUniqueColumn(t, c.name)
  if (!unique) return
  if (REPEATING.has(m.mask.kind))
    throw new TdgError('TDG_MASK_UNSATISFIABLE', `${where} is ${unique}: mask '${m.mask.kind}' would repeat values (${m.reason}); use permute, scramble, hash or fake`, { table: key, column: c.name })
  if (m.mask.kind === 'fake' && !m.mask.unique) m.mask = { ...m.mask, unique: true }
}

/** 'a primary key' / 'UNIQUE' when `column` alone is one; a column of a composite key is masked per value, which keeps tuples distinct only for bijective maskers. */
function isUniqueColumn(t: Table, column: string): string | undefined {
  if (t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0] === column) return 'a primary key'
  if (t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column)) return 'UNIQUE'
  if (t.primaryKey?.columns.includes(column)) return 'part of the primary key'
  return undefined
}

function sameSpec(a: MaskSpec, b: MaskSpec): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function tableRules(set: RuleSet, key: string, t: Table): { rules: NonNullable<RuleSet['rules']['tables']>[string]; path: RulePath } | undefined {
  const all = set.rules.tables ?? {}
  for (const name of [key, t.name]) if (all[name]) return { rules: all[name]!, path: ['tables', name] }
  return undefined
}

/** A `tables.<t>` or `tables.<t>.columns.<c>` with a `mask:` naming what the schema lacks is an error. */
function checkRuleTargets(set: RuleSet, tables: Map<string, Table>): void {
  for (const [name, tr] of Object.entries(set.rules.tables ?? {})) {
    const t = tables.get(name) ?? [...tables.values()].find((x) => x.name === name)
    const masks = Object.entries(tr.columns ?? {}).filter(([, r]) => r.mask !== undefined)
    if (masks.length === 0) continue
    if (!t) throw ruleSetError(set, ['tables', name], `no table ${name} in the schema`)
    for (const [c] of masks) if (!t.columns.some((x) => x.name === c)) throw ruleSetError(set, ['tables', name, 'columns', c], `table ${name} has no column ${c}`)
  }
}
