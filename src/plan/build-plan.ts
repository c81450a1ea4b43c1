/**
 * SchemaModel + options → Plan (pure). Decides the table order, cycle cuts and deferrals, row counts
 * and their caps, and one generator per column with the reason for it — all before anything is written.
 */
import type { ColumnPlan, Fixup, GeneratorSpec, KeyRange, Plan, PlanStep } from '../model/plan.js'
import type { SchemaModel, Table } from '../model/schema.js'
import { TdgError, type Issue } from '../errors.js'
import { tableKey } from './insert-order.js'
import { emptyConstraints, tableConstraints, type TableConstraints } from './column-constraints.js'
import { fixupOrder, fkEdges, resolveFkGraph, type FkEdge } from './fk-graph.js'
import { deferredConstraints } from './deferred-constraints.js'
import { chooseGenerator } from './type-generator.js'
import { applyRelations } from './relations.js'
import { capacity, picksOf, planUniques, takesOffset, type UniquePlan } from './uniqueness.js'
import { resolveTableKeys, selectTables } from './select-tables.js'
import { keyGenerator } from './key-range.js'
import { startOfTodayUtc } from './ranges.js'
import { applyPersonGroup } from './person-group.js'
import type { DraftColumnView } from './draft-column.js'
import { applyAddressGroup } from './address-group.js'
import { applyPriceCopy } from './price-copy.js'
import { applyWorldVocabulary } from './world-vocabulary.js'
import { applyCompanyGroup } from './company-group.js'
import { localeCountry } from '../geo/index.js'
import { applyLifecycle } from './lifecycle.js'
import { applyParentTimes, futureLike } from './time-order.js'
import { checkLabel, unresolvedCheckColumn, unsupportedChecks } from './check-guards.js'
import type { RuleSet } from '../rules/schema.js'
import { prepareRules, type PlanRules } from '../rules/apply-rules.js'
import { checkScale, scaleCount } from '../rules/scale.js'
import { DEFAULT_LOCALE, requireLocale } from '../generate/locales.js'
import { shapeColumns } from './realism.js'
import { planLineFanOut, settleLineFanOut } from './line-fan-out.js'
import { compareNames } from './name-order.js'

/** How `tdg plan` words a random FK pick (replaced when a UNIQUE makes the pick one by construction). */
const SKEWED_PICK = 'a parent row, skewed (some parents get many children, many one or none)'

/** Options of `buildPlan`. */
export interface PlanOptions {
  /** Rows for every table. */
  rows: number
  /** Per-table overrides, keyed by `name` or `schema.name`. */
  rowsPerTable?: Record<string, number>
  seed: number | string
  /**
   * Highest key already used per table (`name` or `schema.name`), e.g. the current sequence value or
   * max(id) of a live table: keys start after it. Default: the identity's START (or 1) for the first key.
   */
  identityStart?: Record<string, number>
  /**
   * Rows already in each table (`name` or `schema.name`), e.g. `count(*)` of a live table an appending
   * run writes into: unique columns take domain indexes past them, so a run with the seed that wrote
   * those rows does not repeat their values, and UNIQUE caps count them. Default 0 (an empty table).
   */
  rowOffset?: Record<string, number>
  /** Tables to plan (`name` or `schema.name`); default all. Parents needed by NOT NULL FKs are added. */
  tables?: string[]
  /** Share of NULLs in nullable columns; default 0.1. */
  nullRate?: number
  /**
   * Rules (src/rules, `--rules file`): a column rule beats a match rule beats the built-in choice;
   * `tables.<t>.rows` sets a count unless `rowsPerTable` gives one; `perParent` sets a child's count.
   */
  rules?: RuleSet
  /**
   * `--scale F` (> 0, default 1): multiplies every table's row count except per-table counts given in
   * `rowsPerTable` — the rules' `tables.<t>.rows`, and `rows` for tables the rules give none — rounded,
   * at least 1 for a table that would have rows. Children counted by `perParent` follow their (scaled)
   * parents.
   */
  scale?: number
  /**
   * Where generated time ends, in epoch seconds: creation times fall before it, birth dates give ages
   * as of it. Default: the start of today (UTC) when the plan is built. Recorded as `Plan.now`.
   */
  now?: number
  /**
   * Faker locale of names, addresses, phones… (`de`, `pt_BR`, `pt-BR`; see src/generate/locales.ts),
   * recorded in the plan. Default `en`. An unknown code is TDG_USAGE. Rules can override it per table
   * or column (`locale: de`).
   */
  locale?: string
  /**
   * For a target whose deferral covers every FK of the transaction (`SqlDialect.defersAllForeignKeys`, see
   * `targetPlanOptions`; not for shards, whose transactions hold only part of a cycle's rows): a cycle
   * whose cut link's columns a self-reference of the same table reads is deferred whole instead of cut
   * (written NULL, then set by a fixup UPDATE): rows go in with their final values. That UPDATE can make
   * a row match its own reference, which SQLite 3.53 does not count as resolved (COMMIT then fails).
   * Other cycles stay cut: while deferred violations are pending, SQLite scans the child table for every
   * parent row written (quadratic without an index: 20,000 rows of hard.sql took 15 s of CPU, not 1.7).
   * Default false.
   */
  deferCycles?: boolean
}

interface DraftColumn extends DraftColumnView {
  /** Why the built-in generator cannot fill this column: an error unless a rule replaces it. */
  unfillable?: string
}

interface Draft {
  key: string
  table: Table
  cons: TableConstraints
  columns: DraftColumn[]
  uniques: UniquePlan
  edges: FkEdge[]
}

/** Build a plan. Throws TDG_PLAN_UNSATISFIABLE / TDG_TABLE_NOT_FOUND / TDG_USAGE. */
export function buildPlan(model: SchemaModel, opts: PlanOptions): Plan {
  checkCount('rows', opts.rows)
  const locale = opts.locale === undefined ? DEFAULT_LOCALE : requireLocale(opts.locale)
  for (const [t, n] of Object.entries(opts.rowsPerTable ?? {})) checkCount(`rows for ${t}`, n)
  for (const [t, n] of Object.entries(opts.rowOffset ?? {})) checkCount(`existing rows of ${t}`, n)
  const issues: Issue[] = []
  opts = { ...opts, locale, now: opts.now ?? startOfTodayUtc(), ...(opts.rowsPerTable ? { rowsPerTable: resolveTableKeys(model, opts.rowsPerTable, 'rows per table') } : {}) }
  const tables = selectTables(model, opts.tables, issues)
  const edges = fkEdges(tables)
  const { order, cut, deferred, forced, cycles } = resolveFkGraph([...tables.keys()], edges, tables, { deferCycles: opts.deferCycles === true })
  const referenced = new Set(edges.flatMap((e) => e.fk.references.columns.map((c) => `${e.parent}\u0000${c}`)))
  const drafts = new Map<string, Draft>()
  const scale = opts.scale === undefined ? 1 : checkScale(opts.scale)
  const rules = opts.rules ? prepareRules(opts.rules, model, tables, edges, opts.seed, scale) : undefined
  for (const key of order) drafts.set(key, draft(key, tables.get(key)!, model, tables, edges, cut, opts, issues, rules))
  applyParentTimes(order.map((key) => ({ key, columns: drafts.get(key)!.columns, edges: drafts.get(key)!.edges })), cut, opts.now!)
  applyPriceCopy(order.map((key) => ({ ...drafts.get(key)!, cons: (c: string) => drafts.get(key)!.cons.columns.get(c) ?? emptyConstraints() })), cut)

  const requested = new Map(order.map((k) => [k, lookup(opts.rowsPerTable, tables.get(k)!) ?? rules?.rowsOf(tables.get(k)!) ?? scaleCount(opts.rows, scale)]))
  const offsets = new Map(order.map((k) => [k, lookup(opts.rowOffset, tables.get(k)!) ?? 0]))
  const settle = (req: Map<string, number>, iss: Issue[]) => settleCounts(order, drafts, req, offsets, iss)
  const rows = rules ? rules.settle(order, requested, settle, issues, opts.rowsPerTable) : settle(requested, issues)
  const rowsOf = (t: string) => rows.get(t) ?? 0

  const steps: PlanStep[] = order.map((key) => {
    const d = drafts.get(key)!
    const offset = offsets.get(key)!
    const picks = picksOf(d.uniques, rowsOf, offset)
    const columns: ColumnPlan[] = d.columns.map((c) => {
      const unique = d.uniques.uniqueColumns.has(c.name)
      const mustFill = unique || referenced.has(`${key}\u0000${c.name}`) || d.cons.columns.get(c.name)?.notNull === true
      const nullable = c.fk ? c.fk.nullable : c.column.nullable
      // A self-FK other FKs read from must not leave its first row NULL: that row points to itself.
      const spec =
        c.spec.kind === 'fk'
          ? { ...c.spec, parentRows: rowsOf(c.spec.parentStep), ...(c.spec.self && mustFill ? { nullable: false } : {}) }
          : c.spec.kind === 'person' || (c.spec.kind === 'company-web' && c.spec.digits !== undefined)
            ? // Enough digits for every domain index this table has (its rows, after the ones already there).
              { ...c.spec, digits: Math.max(2, String(Math.max(0, rowsOf(key) + offset - 1)).length) }
            : c.spec
      const pick = picks.get(c.name) ?? (spec.kind === 'identity' ? { kind: 'row' as const } : { kind: 'random' as const })
      // FKs that serve a UNIQUE pick parents by construction, not at random: say so.
      const reason = spec.kind === 'fk' && !spec.self && pick.kind !== 'random' ? c.reason.replace(SKEWED_PICK, pick.kind === 'row' ? 'one row per parent row (1:1)' : 'parents in turn (part of a composite key)') : c.reason
      const plan: ColumnPlan = {
        column: c.name,
        generator: spec,
        pick,
        nullRate: c.omit ? 0 : (rules?.nullRate(key, c.name) ?? (nullable && !mustFill ? (c.nullRate ?? opts.nullRate ?? 0.1) : 0)),
        unique,
        reason,
      }
      if (c.omit) plan.omit = c.omit
      return plan
    })
    settleLineFanOut(opts.seed, key, rowsOf(key), columns)
    const step: PlanStep = { id: key, table: ref(d.table), rows: rowsOf(key), requestedRows: requested.get(key)!, columns, keys: keyRanges(columns, rowsOf(key)) }
    if (offset > 0) step.rowOffset = offset
    return step
  })

  const fixups: Fixup[] = []
  for (const e of fixupOrder([...cut].sort((a, b) => compareNames(a.child, b.child) || compareNames(a.group, b.group)))) {
    const step = steps.find((s) => s.id === e.child)!
    const keyColumns = fixupKey(drafts.get(e.child)!, e)
    if (!keyColumns) {
      issues.push({ code: 'GENERATOR_DEGRADED', message: `${e.child} has no key to UPDATE by, so ${e.child}(${e.fk.columns.join(', ')}) → ${e.parent} stays NULL`, table: e.child })
      for (const c of step.columns)
        if (e.fk.columns.includes(c.column)) {
          c.generator = { kind: 'null' }
          c.reason = `FK → ${e.parent}: NULL (cycle cut; no key to fix it up by)`
        }
      continue
    }
    fixups.push({
      step: e.child,
      table: step.table,
      group: e.group,
      parent: ref(tables.get(e.parent)!),
      keyColumns,
      columns: e.fk.columns,
      reason: `cycle through ${e.child} → ${e.parent} cut at this nullable FK`,
    })
  }
  refuseNullParents(steps)
  const deferredList = deferredConstraints({ deferred, forced, cycles }, steps, edges, tables, model)
  rules?.check(steps)
  return { version: 1, seed: opts.seed, locale, now: opts.now!, dialect: model.dialect, steps, fixups, deferred: deferredList, issues }
}

/**
 * A NOT NULL FK whose parent column is never written (NULL: an FK to a table outside the plan, a type
 * tdg cannot generate, a cut FK with no key to fix it up by) would copy NULLs: refuse before writing.
 */
function refuseNullParents(steps: PlanStep[]): void {
  const byId = new Map(steps.map((s) => [s.id, s]))
  for (const step of steps)
    for (const c of step.columns) {
      const g = c.generator
      if (g.kind !== 'fk' || g.nullable || step.rows === 0) continue
      const parent = byId.get(g.parentStep)?.columns.find((p) => p.column === g.parentColumn)
      if (parent && (parent.generator.kind === 'null' || parent.omit !== undefined))
        throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${step.id}.${c.column} is a NOT NULL foreign key to ${g.parentStep}.${g.parentColumn}, which tdg leaves NULL (${parent.reason}): give ${g.parentStep}.${g.parentColumn} a rule`, { table: step.id, column: c.column })
    }
}

function checkCount(what: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new TdgError('TDG_USAGE', `${what} must be a whole number ≥ 0`, { value: String(n) })
}

function ref(t: Table) {
  return t.schema === undefined ? { name: t.name } : { schema: t.schema, name: t.name }
}

function lookup<T>(rec: Record<string, T> | undefined, t: Table): T | undefined {
  if (!rec) return undefined
  return rec[tableKey(t)] ?? rec[t.name]
}

/** Column drafts of one table: FK, key, typed, then relations, then uniqueness. */
function draft(key: string, table: Table, model: SchemaModel, tables: Map<string, Table>, edges: FkEdge[], cut: Set<FkEdge>, opts: PlanOptions, issues: Issue[], rules?: PlanRules): Draft {
  for (const check of table.checks) {
    const missing = unresolvedCheckColumn(table, check)
    if (missing !== undefined)
      throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${checkLabel(check)} on ${key} names column '${missing}', which ${key} does not have`, { table: key, column: missing })
  }
  for (const fk of table.foreignKeys) {
    const parent = tableKey({ schema: fk.references.schema ?? table.schema, name: fk.references.table })
    if (model.tables.some((t) => tableKey(t) === parent)) continue
    const what = `foreign key ${fk.name ? `${fk.name} ` : ''}${key}(${fk.columns.join(', ')}) references ${parent}, which is not in the schema`
    if (fk.columns.some((c) => table.columns.find((x) => x.name === c)?.nullable === false))
      throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${what}: its NOT NULL values would point nowhere`, { table: key, column: fk.columns[0] })
    issues.push({ code: 'FK_UNRESOLVED', message: `${what}: written NULL`, table: key, column: fk.columns[0] })
  }
  const cons = tableConstraints(table, model.domains)
  for (const note of cons.notes) issues.push({ code: 'GENERATOR_DEGRADED', message: `${note.check} on ${key}: ${note.message}`, table: key })
  for (const check of table.checks)
    if (!check.fullyParsed)
      issues.push({ code: 'CHECK_UNPARSED', message: `CHECK ${check.name ?? `(${check.expression})`} on ${key} is not understood; generated values may violate it`, table: key })
  const mine = edges.filter((e) => e.child === key)
  const owner = new Map<string, { edge: FkEdge; parentColumn: string }>()
  for (const e of mine)
    e.fk.columns.forEach((c, j) => {
      if (owner.has(c)) issues.push({ code: 'GENERATOR_DEGRADED', message: `${key}.${c} is in two FKs; only ${owner.get(c)!.edge.group} is guaranteed`, table: key, column: c })
      else owner.set(c, { edge: e, parentColumn: e.fk.references.columns[j]! })
    })
  const outside = new Set(table.foreignKeys.filter((fk) => !mine.some((e) => e.fk === fk)).flatMap((fk) => fk.columns))
  const uniqueSets = [...(table.primaryKey ? [table.primaryKey.columns] : []), ...table.uniques.map((u) => u.columns), ...(table.foldedUniques ?? []).map((u) => u.columns)]
  const inUnique = new Set(uniqueSets.flat())
  // A key column may still be derived from a CHECK partner (`a <= b`) when every key it is in holds that
  // partner too: the key's uniqueness then rests on the partner.
  const partners = (c: string) => cons.relations.flatMap((r) => (r.left === c ? [r.right] : r.right === c ? [r.left] : []))
  // Or, an integer, from an integer partner that is unique on its own (`CHECK (key < id)`, both keys): the
  // partner plus a constant is as unique as the partner (relations.ts builds it `exact`).
  const integer = (c: string) => table.columns.find((x) => x.name === c)?.type.kind === 'integer'
  const aloneUnique = (c: string) => uniqueSets.some((set) => set.length === 1 && set[0] === c)
  const derivable = (c: string) =>
    uniqueSets.every((set) => !set.includes(c) || partners(c).some((p) => p !== c && set.includes(p))) ||
    (integer(c) && partners(c).some((p) => p !== c && integer(p) && aloneUnique(p)))
  const pk = table.primaryKey?.columns
  const keyOnly: string[][] = []
  const columns: DraftColumn[] = table.columns.map((column) => {
    const base = { column, name: column.name, fixed: false }
    if (column.generated) return { ...base, spec: { kind: 'null' }, reason: 'generated column: never written', omit: 'generated', fixed: true }
    const o = owner.get(column.name)
    if (o) {
      const e = o.edge
      const spec: GeneratorSpec = {
        kind: 'fk',
        parent: ref(tables.get(e.parent)!),
        parentStep: e.parent,
        parentColumn: o.parentColumn,
        group: e.group,
        parentRows: 0,
        distribution: 'skewed',
        nullable: e.nullable,
        ...(e.self ? { self: true } : {}),
        ...(cut.has(e) ? { fixup: true } : {}),
      }
      const why = e.self ? 'self-reference to an earlier row' : cut.has(e) ? 'NULL, then set by a fixup (cycle cut)' : SKEWED_PICK
      return { ...base, spec, reason: `FK → ${e.parent}.${o.parentColumn}: ${why}`, fk: e, fixed: true }
    }
    if (outside.has(column.name) && column.nullable) return { ...base, spec: { kind: 'null' }, reason: 'FK to a table outside the plan: NULL', fixed: true }
    const colCons = cons.columns.get(column.name) ?? emptyConstraints()
    const isKey = column.identity !== undefined || column.default?.kind === 'sequence' || (pk?.length === 1 && pk[0] === column.name)
    if (isKey && column.type.kind === 'integer') {
      const key = keyGenerator(column, column.type, colCons, lookup(opts.identityStart, table))
      // A key the CHECK narrows to a list of values is chosen from it like any unique column.
      if (key) {
        // An identity outside every PK/UNIQUE still counts as one, so its range caps the row count.
        if (!inUnique.has(column.name)) keyOnly.push([column.name])
        return { ...base, ...key, fixed: true }
      }
    }
    const chosen = chooseGenerator({ table: key, column, type: column.type, cons: colCons, unique: inUnique.has(column.name), now: opts.now! })
    issues.push(...chosen.issues)
    const fill = chosen.spec.kind === 'null' && !chosen.omit && !column.nullable ? { unfillable: chosen.reason } : {}
    return { ...base, spec: chosen.spec, reason: chosen.reason, fixed: inUnique.has(column.name) && !derivable(column.name), ...(chosen.omit ? { omit: chosen.omit } : {}), ...fill }
  })
  uniqueSets.push(...keyOnly)
  const builtIn = new Map(columns.map((c) => [c.name, c.spec]))
  if (rules) uniqueSets.push(...rules.applyTable({ key, table, columns, cons, edges: mine, cut, issues }))
  // A rule replaces the built-in spec (a new object): what it covers need not be generated by tdg.
  const covered = new Set(columns.filter((c) => c.spec !== builtIn.get(c.name)).map((c) => c.name))
  const consOf = (n: string) => cons.columns.get(n) ?? emptyConstraints()
  applyPersonGroup(columns, consOf, (n) => inUnique.has(n), covered, opts.now!)
  // Places lie in the locale's country (en: the US) unless a country column says otherwise.
  applyAddressGroup(columns, consOf, (n) => inUnique.has(n), covered, localeCountry(opts.locale ?? DEFAULT_LOCALE))
  applyWorldVocabulary(columns, consOf, (n) => inUnique.has(n), covered)
  applyCompanyGroup(columns, consOf, (n) => inUnique.has(n), covered)
  for (const c of columns)
    if (c.unfillable !== undefined && !covered.has(c.name))
      throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${key}.${c.name} is NOT NULL of type '${c.column.nativeType}', which tdg cannot generate: give it a DEFAULT or a rule`, { table: key, column: c.name })
  for (const { check, columns: cols, disjunction } of unsupportedChecks(table)) {
    const open = cols.filter((n) => !covered.has(n) && columns.find((c) => c.name === n)?.omit === undefined)
    if (cols.length > 0 && open.length > 0)
      throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${checkLabel(check)} on ${key} ${disjunction ? 'is a disjunction tdg cannot satisfy' : 'is not understood, so tdg cannot keep it'} by construction: give ${open.map((n) => `${key}.${n}`).join(', ')} a rule`, { table: key, column: open[0] })
  }
  const hardSpec = (name: string) => {
    const c = columns.find((x) => x.name === name)!
    return capAtNow(chooseGenerator({ table: key, column: c.column, type: c.column.type, cons: cons.columns.get(name) ?? emptyConstraints(), unique: true }).spec, name, opts.now!)
  }
  issues.push(...applyRelations(key, columns, cons.relations, hardSpec, uniqueSets))
  shapeColumns({ key, table, columns, cons, unique: new Set(uniqueSets.flat()), covered, hard: hardSpec })
  planLineFanOut(table, columns, uniqueSets)
  applyLifecycle(columns, covered)
  const uniques = planUniques(
    key,
    columns.map((c) => ({ name: c.name, spec: c.spec, ...(c.omit ? { omit: c.omit } : {}), ...(c.fk ? { fk: c.fk } : {}) })),
    uniqueSets,
    issues,
  )
  return { key, table, cons, columns, uniques, edges: mine }
}

/**
 * Lower counts to what uniques and 1:1 parents allow, to a fixpoint; NOT NULL FKs to empty parents fail.
 * `offsets`: rows already in each table, which use up unique domains (see `capacity`).
 */
function settleCounts(order: string[], drafts: Map<string, Draft>, requested: Map<string, number>, offsets: Map<string, number>, issues: Issue[]): Map<string, number> {
  const rows = new Map(requested)
  const why = new Map<string, string>()
  for (let pass = 0; pass <= order.length + 1; pass++) {
    let changed = false
    for (const key of order) {
      const d = drafts.get(key)!
      let n = requested.get(key)!
      const offset = offsets.get(key) ?? 0
      for (const a of d.uniques.assignments) {
        const cap = capacity(a, (t) => rows.get(t) ?? 0, offset)
        if (cap < n) {
          n = cap
          const fk = a.kind === 'row' ? a.unit.fk : undefined
          const used = offset > 0 && takesOffset(a) ? `${capacity(a, (t) => rows.get(t) ?? 0)} distinct values and ${offset} rows are already there` : `${cap} distinct values`
          const keyUnit = a.kind === 'row' && a.unit.key === true
          why.set(key, keyUnit ? `key ${a.constraint.join(', ')} has ${cap === 0 ? 'no values left' : `only ${cap} values`} within its type and CHECKs${offset > 0 || cap === 0 ? ' after the keys already used' : ''}` : fk ? `1:1 FK (${fk.fk.columns.join(', ')}) → ${fk.parent} allows at most its ${cap} rows` : `UNIQUE (${a.constraint.join(', ')}) has only ${used}`)
        }
      }
      if (n !== rows.get(key)) {
        rows.set(key, n)
        changed = true
      }
    }
    if (!changed) break
  }
  for (const key of order) {
    const d = drafts.get(key)!
    const n = rows.get(key)!
    for (const e of d.edges)
      if (!e.nullable && !e.self && n > 0 && (rows.get(e.parent) ?? 0) === 0)
        throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${key} needs rows of ${e.parent} for its NOT NULL foreign key (${e.fk.columns.join(', ')}), but ${e.parent} gets 0 rows`, {
          table: key,
          parent: e.parent,
        })
    if (n < requested.get(key)!)
      issues.push({ code: 'ROWS_CAPPED', message: `${key}: ${requested.get(key)} rows requested, capped at ${n}: ${why.get(key) ?? 'parent capped'}`, table: key })
  }
  return rows
}

/** Keys assigned by the plan for identity/serial/integer-key columns. */
function keyRanges(columns: ColumnPlan[], rows: number): KeyRange[] {
  const out: KeyRange[] = []
  for (const c of columns)
    if (c.generator.kind === 'identity') out.push({ column: c.column, start: c.generator.start, step: c.generator.step, last: c.generator.start + (rows - 1) * c.generator.step })
  return out
}

/** A PK or UNIQUE of generated, non-cut columns to UPDATE a cut FK by. */
function fixupKey(d: Draft, e: FkEdge): string[] | undefined {
  const sets = [...(d.table.primaryKey ? [d.table.primaryKey.columns] : []), ...d.table.uniques.map((u) => u.columns)]
  return sets.find((cols) =>
    cols.every((c) => {
      const col = d.columns.find((x) => x.name === c)
      return col && !col.omit && !e.fk.columns.includes(c) && col.spec.kind !== 'null' && !(col.spec.kind === 'fk' && col.spec.fixup) && d.uniques.uniqueColumns.has(c)
    }),
  )
}

/** A derived time's hard bounds end at `now` (days before today, seconds before now) unless the name may lie ahead. */
function capAtNow(spec: GeneratorSpec, column: string, now: number): GeneratorSpec {
  if ((spec.kind !== 'date' && spec.kind !== 'timestamp') || futureLike(column)) return spec
  const max = spec.kind === 'date' ? Math.floor(now / 86400) - 1 : now - 1
  return max >= spec.min && max < spec.max ? { ...spec, max, start: Math.min(spec.start, max) } : spec
}
