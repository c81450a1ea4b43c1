/**
 * Within one table, the columns rule generators read: they keep their own generator, CHECK relations a
 * rule already keeps are dropped from the built-in relations, and a cycle of reads is an error that
 * names the columns (`a → b → a`) at the first rule path on it.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { TableConstraints } from '../plan/column-constraints.js'
import type { RuleSet } from './schema.js'
import { ruleSetError, type RulePath } from './rule-error.js'
import type { RuleDraftColumn } from './rule-draft.js'

/**
 * Column → the columns its generator reads, and the rule path that made it so ([] for built-in ones);
 * `rowReads`: those whose written values it copies (template `{{column}}`), which must be written.
 */
export type ColumnDeps = Map<string, { deps: string[]; path: RulePath; rowReads?: string[] }>

/** Settle the reads of table `key` after its rules are applied. Throws TDG_RULES_INVALID on a cycle. */
export function settleColumnDeps(set: RuleSet, key: string, columns: RuleDraftColumn[], cons: TableConstraints, deps: ColumnDeps): void {
  for (const [name, { path, rowReads }] of deps)
    for (const r of rowReads ?? []) {
      const omit = columns.find((c) => c.name === r)?.omit
      if (omit)
        throw ruleSetError(set, path, `${key}.${name} reads {{${r}}}, but tdg never writes ${key}.${r}: ${omit === 'generated' ? 'it is a generated column' : `it is left to its database DEFAULT (give ${r} a rule to write it)`}`)
    }
  // Columns a rule reads keep their own generator: the built-in relations (CHECK (a < b), updated ≥
  // created) must not derive them from the rule column and close a cycle.
  for (const { deps: ds } of deps.values()) for (const d of ds) for (const c of columns) if (c.name === d) c.fixed = true
  for (const c of columns) if (!deps.has(c.name) && c.spec.kind === 'relative') deps.set(c.name, { deps: [c.spec.from], path: [] })
  // CHECK (a > b) that a rule already keeps (a: after b) is not the built-in relations' business.
  cons.relations = cons.relations.filter((r) => !keeps(columns, r))
  findCycle(set, key, deps)
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

function findCycle(set: RuleSet, key: string, deps: ColumnDeps): void {
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
