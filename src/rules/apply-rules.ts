/**
 * The planner's hook into the rules: per table, a column rule (`tables.<t>.columns.<c>`) beats a match
 * rule (`match[i]`), which beats the built-in choice. Also row counts (`tables.<t>.rows`), per-parent
 * fan-out (counts settled at plan time), `unique` capacity checks and reference-cycle detection.
 */
import type { FanOut, GeneratorSpec, PlanStep } from '../model/plan.js'
import type { Column, SchemaModel, Table } from '../model/schema.js'
import { isTdgError, TdgError, type Issue } from '../errors.js'
import { tableKey } from '../plan/insert-order.js'
import { emptyConstraints, type TableConstraints } from '../plan/column-constraints.js'
import type { FkEdge } from '../plan/fk-graph.js'
import { chooseGenerator } from '../plan/type-generator.js'
import { domainSize } from '../plan/domain.js'
import { fanOutTotal } from '../generate/fan-out.js'
import { GENERATOR_KEYS, type ColumnRule, type RuleSet, type TableRules } from './schema.js'
import { didYouMean, dottedPath, ruleSetError, type RulePath } from './rule-error.js'
import { resolveUse } from './validate.js'
import { matchesName } from './match.js'
import { ruleSpec } from './column-spec.js'

/** The part of a planner column draft rules read and replace. */
export interface RuleDraftColumn {
  name: string
  column: Column
  spec: GeneratorSpec
  reason: string
  fixed: boolean
  omit?: 'generated' | 'default'
  fk?: FkEdge
}

/** One table's drafts, as `applyTable` gets them. */
export interface RuleTableInput {
  key: string
  table: Table
  columns: RuleDraftColumn[]
  cons: TableConstraints
  /** FK edges out of this table. */
  edges: FkEdge[]
  /** Edges cut for fixups (a fan-out cannot ride on them). */
  cut: Set<FkEdge>
  issues: Issue[]
}

/** The rules bound to one schema, for one plan. */
export interface PlanRules {
  /** Replace the drafts' generators by their rules; returns extra UNIQUE column sets (`unique: true`). */
  applyTable(input: RuleTableInput): string[][]
  /** `tables.<t>.rows` for a table. */
  rowsOf(table: Table): number | undefined
  /** A rule's null share for a column, when a rule decides it. */
  nullRate(table: string, column: string): number | undefined
  /** Settle counts with fan-outs: a fan-out child's count is the sum of its parents' children. */
  settle(order: string[], requested: Map<string, number>, run: (requested: Map<string, number>, issues: Issue[]) => Map<string, number>, issues: Issue[], cliRows?: Record<string, number>): Map<string, number>
  /** Final checks on the built steps (unique capacity). Throws TDG_PLAN_UNSATISFIABLE. */
  check(steps: PlanStep[]): void
}

interface FanOutEntry {
  key: string
  group: string
  parent: string
  fanout: FanOut
}

/** Bind `set` to a schema. Tables and columns the rules name must exist (TDG_RULES_INVALID otherwise). */
export function prepareRules(set: RuleSet, model: SchemaModel, tables: Map<string, Table>, edges: FkEdge[], seed: string | number): PlanRules {
  const ruleTables = set.rules.tables ?? {}
  const allNames = model.tables.flatMap((t) => [tableKey(t), t.name])
  for (const [name, tr] of Object.entries(ruleTables)) {
    const t = model.tables.find((x) => tableKey(x) === name) ?? model.tables.find((x) => x.name === name)
    if (!t) throw ruleSetError(set, ['tables', name], `no table '${name}' in the schema${didYouMean(name, allNames)}`)
    for (const c of Object.keys(tr.columns ?? {}))
      if (!t.columns.some((x) => x.name === c))
        throw ruleSetError(set, ['tables', name, 'columns', c], `no column '${c}' in ${tableKey(t)}${didYouMean(c, t.columns.map((x) => x.name))}`)
  }
  const rulesFor = (t: Table): [string, TableRules] | undefined => {
    for (const k of [tableKey(t), t.name]) {
      const tr = ruleTables[k]
      if (tr) return [k, tr]
    }
    return undefined
  }
  const referenced = new Set(edges.flatMap((e) => e.fk.references.columns.map((c) => `${e.parent}\u0000${c}`)))
  const nullRates = new Map<string, number>()
  const uniqueRules = new Map<string, { path: RulePath }>()
  const fanouts: FanOutEntry[] = []
  const now = Math.floor(Date.now() / 86_400_000) * 86_400

  return {
    rowsOf: (t) => rulesFor(t)?.[1].rows,
    nullRate: (table, column) => nullRates.get(`${table}\u0000${column}`),

    applyTable({ key, table, columns, cons, edges: mine, cut, issues }) {
      const found = rulesFor(table)
      const tr = found?.[1]
      const base: RulePath = found ? ['tables', found[0]] : []
      const extraUniques: string[][] = []
      const deps = new Map<string, { deps: string[]; path: RulePath }>()
      const pk = new Set(table.primaryKey?.columns ?? [])

      if (tr?.perParent) fanOut(key, table, tr, base, columns, mine, cut)

      for (const c of columns) {
        const own = tr?.columns?.[c.name]
        let body: ColumnRule | undefined
        let path: RulePath = []
        let label = ''
        let used: string | undefined
        if (own) {
          used = own.use
          path = [...base, 'columns', c.name]
          body = resolveUse(set, own, path)
          label = `rule ${dottedPath(path)} (`
        } else {
          const j = (set.rules.match ?? []).findIndex((m) => matchesName(m.column, c.name) && (m.table === undefined || matchesName(m.table, key) || matchesName(m.table, table.name)))
          if (j >= 0) {
            const m = set.rules.match![j]!
            used = m.use
            path = ['match', j]
            const { column: _c, table: _t, ...rule } = m
            body = resolveUse(set, rule, path)
            label = `rule match[${j}] (column "${m.column}", `
          }
        }
        if (!body) continue
        const isMatch = !own
        const hasGenerator = GENERATOR_KEYS.some((k) => body![k] !== undefined)
        const planned = c.omit === 'generated' || c.fk !== undefined || c.spec.kind === 'identity' || (c.fixed && c.spec.kind === 'null')
        if (planned) {
          if (isMatch) continue
          if (c.fk && !hasGenerator && !body.unique) {
            if (body.nullRate !== undefined) {
              if (body.nullRate > 0 && !c.fk.nullable) throw ruleSetError(set, [...path, 'nullRate'], `${key}.${c.name} is NOT NULL`)
              nullRates.set(`${key}\u0000${c.name}`, body.nullRate)
            }
            continue
          }
          const what = c.omit === 'generated' ? 'a generated column (never written)' : c.fk ? 'a foreign key: its values come from the parent rows (shape them with perParent)' : 'a key the plan assigns'
          throw ruleSetError(set, path, `${key}.${c.name} is ${what}`)
        }
        let rs
        try {
          rs = ruleSpec(body, {
            set,
            path,
            table: key,
            tableDef: table,
            column: c.column,
            cons: cons.columns.get(c.name) ?? emptyConstraints(),
            consOf: (n) => cons.columns.get(n) ?? emptyConstraints(),
            builtin: c.spec,
            hard: () => chooseGenerator({ table: key, column: c.column, type: c.column.type, cons: cons.columns.get(c.name) ?? emptyConstraints(), unique: true }).spec,
            edges: mine,
            tables,
            now,
          })
        } catch (e) {
          // A pattern rule that does not fit one of the columns it matches is skipped there, with a note.
          if (isMatch && isTdgError(e) && e.code === 'TDG_RULES_INVALID') {
            issues.push({ code: 'GENERATOR_DEGRADED', message: `rule match[${path[1]}] skipped for ${key}.${c.name}: ${e.message.replace(/^.*?: [^:]*: /, '')}`, table: key, column: c.name })
            continue
          }
          throw e
        }
        const notNull = !c.column.nullable || pk.has(c.name) || cons.columns.get(c.name)?.notNull === true || referenced.has(`${key}\u0000${c.name}`)
        if (notNull && ((body.nullRate ?? 0) > 0 || rs?.yieldsNull))
          throw ruleSetError(set, body.nullRate ? [...path, 'nullRate'] : path, `${key}.${c.name} cannot be NULL (NOT NULL, key or referenced by a foreign key)`)
        if (rs) {
          c.spec = rs.spec
          c.reason = `${label}${used !== undefined ? `use ${used}` : rs.what})`
          c.fixed = true
          if (c.omit === 'default') delete c.omit
          deps.set(c.name, { deps: rs.deps, path })
        } else c.reason = `${c.reason}; ${label}${body.unique ? 'unique' : ''}${body.unique && body.nullRate !== undefined ? ', ' : ''}${body.nullRate !== undefined ? `nullRate ${body.nullRate}` : ''})`
        // A rule that chooses a generator says what it wants: no NULLs unless it asks for them.
        const share = body.nullRate ?? (rs ? 0 : undefined)
        if (share !== undefined) nullRates.set(`${key}\u0000${c.name}`, share)
        if (body.unique) {
          extraUniques.push([c.name])
          uniqueRules.set(`${key}\u0000${c.name}`, { path })
        }
      }
      // Columns a rule reads keep their own generator: the built-in relations (CHECK (a < b), updated ≥
      // created) must not derive them from the rule column and close a cycle.
      for (const { deps: ds } of deps.values()) for (const d of ds) for (const c of columns) if (c.name === d) c.fixed = true
      for (const c of columns) if (!deps.has(c.name) && c.spec.kind === 'relative') deps.set(c.name, { deps: [c.spec.from], path: [] })
      // CHECK (a > b) that a rule already keeps (a: after b) is not the built-in relations' business.
      cons.relations = cons.relations.filter((r) => !keeps(columns, r))
      findCycle(key, deps)
      return extraUniques
    },

    settle(order, requested, run, issues, cliRows) {
      if (fanouts.length === 0) return run(requested, issues)
      const position = new Map(order.map((k, j) => [k, j]))
      const sorted = [...fanouts].sort((a, b) => position.get(a.key)! - position.get(b.key)!)
      for (const f of sorted)
        if (cliRows && (cliRows[f.key] !== undefined || cliRows[f.key.split('.').pop()!] !== undefined))
          issues.push({ code: 'ROWS_CAPPED', message: `${f.key}: perParent sets the row count; the per-table count given is ignored`, table: f.key })
      for (let pass = 0; pass <= sorted.length + 1; pass++) {
        const rows = run(requested, [])
        let changed = false
        for (const f of sorted) {
          const total = fanOutTotal(seed, f.key, f.group, f.fanout, rows.get(f.parent) ?? 0)
          f.fanout.total = total
          if (requested.get(f.key) !== total) {
            requested.set(f.key, total)
            changed = true
          }
        }
        if (!changed) break
      }
      return run(requested, issues)
    },

    check(steps) {
      for (const step of steps)
        for (const c of step.columns) {
          const rule = uniqueRules.get(`${step.id}\u0000${c.column}`)
          if (!rule) continue
          const size = domainSize(c.generator)
          if (size < step.requestedRows)
            throw new TdgError(
              'TDG_PLAN_UNSATISFIABLE',
              `${step.id}.${c.column}: the unique rule ${dottedPath(rule.path)} allows ${size === 0 ? 'no guaranteed distinct values' : `only ${size} distinct values`}, but ${step.requestedRows} rows are requested`,
              { table: step.id, column: c.column, path: dottedPath(rule.path) },
            )
        }
    },
  }

  /** True when a rule column's generator guarantees `left op right` (NULL branches allowed). */
  function keeps(columns: RuleDraftColumn[], r: { left: string; op: string; right: string }): boolean {
    const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '<>': '<>' }
    const implied: Record<string, string[]> = { '>': ['>', '>=', '<>'], '<': ['<', '<=', '<>'] }
    const holds = (spec: GeneratorSpec, other: string, op: string): boolean => {
      if (spec.kind === 'null') return true
      if (spec.kind === 'relative') return spec.from === other && (implied[spec.op]?.includes(op) ?? spec.op === op)
      if (spec.kind === 'conditional') return holds(spec.then, other, op) && holds(spec.else, other, op)
      return false
    }
    const of = (n: string) => columns.find((c) => c.name === n)
    const left = of(r.left)
    const right = of(r.right)
    return (left !== undefined && holds(left.spec, r.right, r.op)) || (right !== undefined && holds(right.spec, r.left, FLIP[r.op]!))
  }

  function fanOut(key: string, table: Table, tr: TableRules, base: RulePath, columns: RuleDraftColumn[], mine: FkEdge[], cut: Set<FkEdge>): void {
    const entries = Object.entries(tr.perParent ?? {})
    if (entries.length > 1) throw ruleSetError(set, [...base, 'perParent', entries[1]![0]], `only one parent can set the row count of ${key}`)
    if (tr.rows !== undefined) throw ruleSetError(set, [...base, 'rows'], `rows and perParent both set the row count of ${key}`)
    const [parentName, f] = entries[0]!
    const path = [...base, 'perParent', parentName]
    const candidates = mine.filter((e) => !e.self && (e.parent === parentName || tables.get(e.parent)?.name === parentName))
    const groups = [...new Set(candidates.map((e) => e.group))]
    if (groups.length === 0)
      throw ruleSetError(set, path, `${key} has no foreign key to '${parentName}'${didYouMean(parentName, mine.map((e) => tables.get(e.parent)?.name ?? e.parent))}`)
    if (groups.length > 1) throw ruleSetError(set, path, `${key} has ${groups.length} foreign keys to '${parentName}'; fan-out over one of them is ambiguous`)
    const edge = candidates[0]!
    if (cut.has(edge)) throw ruleSetError(set, path, `${key}(${edge.fk.columns.join(', ')}) is cut to break an FK cycle; it cannot fan out`)
    const uniqueSets = [...(table.primaryKey ? [table.primaryKey.columns] : []), ...table.uniques.map((u) => u.columns)]
    const oneToOne = uniqueSets.find((u) => u.every((c) => edge.fk.columns.includes(c)))
    if (oneToOne && f.max > 1)
      throw ruleSetError(set, [...path, 'max'], `fan-out impossible: ${key}(${oneToOne.join(', ')}) is unique, so each ${parentName} row has at most one child`)
    const fanout: FanOut = { min: f.min, max: f.max, distribution: f.distribution ?? 'uniform', total: 0 }
    for (const c of columns)
      if (c.fk === edge && c.spec.kind === 'fk') {
        c.spec = { ...c.spec, fanout }
        c.reason = `FK → ${edge.parent}: rule ${dottedPath(path)} (${f.min}..${f.max} children per parent, ${fanout.distribution})`
        nullRates.set(`${key}\u0000${c.name}`, 0)
      }
    fanouts.push({ key, group: edge.group, parent: edge.parent, fanout })
  }

  function findCycle(key: string, deps: Map<string, { deps: string[]; path: RulePath }>): void {
    const state = new Map<string, 1 | 2>()
    const stack: string[] = []
    const visit = (n: string): void => {
      if (state.get(n) === 2) return
      if (state.get(n) === 1) {
        const cycle = [...stack.slice(stack.indexOf(n)), n]
        const at = cycle.map((c) => deps.get(c)?.path).find((p) => p && p.length > 0) ?? []
        throw ruleSetError(set, at, `columns of ${key} refer to each other in a cycle: ${cycle.join(' → ')}`)
      }
      state.set(n, 1)
      stack.push(n)
      for (const d of deps.get(n)?.deps ?? []) visit(d)
      stack.pop()
      state.set(n, 2)
    }
    for (const n of deps.keys()) visit(n)
  }
}
