/**
 * `tables.<t>.perParent.<parent>: { min, max, distribution }` or `{ quantiles: [...] }`: the FK to that
 * parent gets a fan-out (children per parent row) and the table's row count becomes the sum over its
 * parents, settled later by `settleFanOuts` — or, when `rows` is also set, exactly `rows` (the drawn
 * counts evened out to it). Further parents (a second, third entry) do not set the row count: their FK
 * gets counts of the same kind evened out to the rows and dealt in a seeded order (`spread`). Refused
 * where it cannot hold: no or several FKs to the parent, a cut FK, or a 1:1 FK (unique) with max > 1.
 */
import type { FanOut } from '../model/plan.js'
import type { Table } from '../model/schema.js'
import type { Issue } from '../errors.js'
import type { FkEdge } from '../plan/fk-graph.js'
import { fanOutTotal } from '../generate/fan-out.js'
import type { TableRules } from './schema.js'
import { didYouMean, dottedPath, ruleSetError, type RulePath } from './rule-error.js'
import type { RuleDraftColumn } from './rule-draft.js'
import { cellKey, type RuleState } from './rule-state.js'
import { scaleCount } from './scale.js'

/** Apply table `key`'s `perParent` rule (found under `base`) to its FK drafts. */
export function applyFanOut(state: RuleState, key: string, table: Table, tr: TableRules, base: RulePath, columns: RuleDraftColumn[], mine: FkEdge[], cut: Set<FkEdge>): void {
  const entries = Object.entries(tr.perParent ?? {})
  // The first parent sets the row count; each further one spreads the rows over its parents by the same kind of counts.
  entries.forEach(([parentName, f], at) => applyOne(state, key, table, tr, [...base, 'perParent', parentName], parentName, f, columns, mine, cut, at > 0))
}

function applyOne(state: RuleState, key: string, table: Table, tr: TableRules, path: RulePath, parentName: string, f: NonNullable<TableRules['perParent']>[string], columns: RuleDraftColumn[], mine: FkEdge[], cut: Set<FkEdge>, spread: boolean): void {
  const { set, tables } = state
  const candidates = mine.filter((e) => !e.self && (e.parent === parentName || tables.get(e.parent)?.name === parentName))
  const groups = [...new Set(candidates.map((e) => e.group))]
  if (groups.length === 0)
    throw ruleSetError(set, path, `${key} has no foreign key to '${parentName}'${didYouMean(parentName, mine.map((e) => tables.get(e.parent)?.name ?? e.parent))}`)
  if (groups.length > 1) throw ruleSetError(set, path, `${key} has ${groups.length} foreign keys to '${parentName}'; fan-out over one of them is ambiguous`)
  const edge = candidates[0]!
  if (cut.has(edge)) throw ruleSetError(set, path, `${key}(${edge.fk.columns.join(', ')}) is cut to break an FK cycle; it cannot fan out`)
  const uniqueSets = [...(table.primaryKey ? [table.primaryKey.columns] : []), ...table.uniques.map((u) => u.columns)]
  const oneToOne = uniqueSets.find((u) => u.every((c) => edge.fk.columns.includes(c)))
  const q = f.quantiles as number[] | undefined
  const min = f.min ?? Math.round(q![0]!)
  const max = f.max ?? Math.round(q![q!.length - 1]!)
  if (min > max) throw ruleSetError(set, [...path, 'quantiles'], `min ${min} > max ${max}`)
  if (oneToOne && max > 1)
    throw ruleSetError(set, [...path, 'max'], `fan-out impossible: ${key}(${oneToOne.join(', ')}) is unique, so each ${parentName} row has at most one child`)
  if (spread) {
    const shape: FanOut = { min, max, distribution: f.distribution ?? 'uniform', ...(q ? { quantiles: q } : {}), total: 0 }
    for (const c of columns)
      if (c.fk === edge && c.spec.kind === 'fk') {
        if (c.spec.fanout) throw ruleSetError(set, path, `${key}(${edge.fk.columns.join(', ')}) already fans out from another perParent entry`)
        c.spec = { ...c.spec, spread: shape }
        c.reason = `FK → ${edge.parent}: rule ${dottedPath(path)} (${min}..${max} children per parent, ${q ? `empirical, ${q.length} quantiles` : shape.distribution}, spread over the rows)`
        // Every row belongs to a parent, as with the first perParent.
        state.nullRates.set(cellKey(key, c.name), 0)
      }
    return
  }
  const rows = tr.rows === undefined ? undefined : scaleCount(tr.rows, state.scale)
  const fanout: FanOut = { min, max, distribution: f.distribution ?? 'uniform', ...(q ? { quantiles: q } : {}), ...(rows !== undefined ? { rows } : {}), total: 0 }
  for (const c of columns)
    if (c.fk === edge && c.spec.kind === 'fk') {
      c.spec = { ...c.spec, fanout }
      c.reason = `FK → ${edge.parent}: rule ${dottedPath(path)} (${min}..${max} children per parent, ${q ? `empirical, ${q.length} quantiles` : fanout.distribution}${rows !== undefined ? `, ${rows} in all` : ''})`
      state.nullRates.set(cellKey(key, c.name), 0)
    }
  state.fanouts.push({ key, group: edge.group, parent: edge.parent, fanout })
}

/**
 * Row counts with fan-outs: a fan-out child's count is the sum of its parents' children, which depends
 * on the parents' (capped) counts; `run` settles counts and caps, repeated until nothing moves.
 */
export function settleFanOuts(
  state: RuleState,
  order: string[],
  requested: Map<string, number>,
  run: (requested: Map<string, number>, issues: Issue[]) => Map<string, number>,
  issues: Issue[],
  cliRows?: Record<string, number>,
): Map<string, number> {
  const { fanouts, seed } = state
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
}
