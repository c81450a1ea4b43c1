/**
 * Column-vs-column relations (`CHECK (end_date >= start_date)`, and `updated_at ≥ created_at` by name):
 * one column becomes `relative` to the other, so the relation holds for every row by construction.
 */
import type { GeneratorSpec, RelationOp } from '../model/plan.js'
import type { Issue } from '../errors.js'
import type { ColumnRelation } from './column-constraints.js'
import { implicitTimeRelations } from './time-order.js'
import type { DraftColumnView } from './draft-column.js'

/** What relations need to know about a column draft. */
export type RelColumn = Pick<DraftColumnView, 'name' | 'spec' | 'reason' | 'fixed'>

const FLIP: Record<RelationOp, RelationOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '<>': '<>' }
const BASE_KINDS = new Set(['number', 'date', 'time', 'timestamp', 'identity', 'relative'])

/** Raw family of a spec, so a relation only links comparable columns. */
function family(spec: GeneratorSpec): string | undefined {
  if (spec.kind === 'relative') return family(spec.of)
  if (spec.kind === 'identity') return 'number'
  return BASE_KINDS.has(spec.kind) ? spec.kind : undefined
}

function maxDelta(spec: GeneratorSpec): number {
  if (spec.kind === 'date') return 365
  if (spec.kind === 'timestamp') return 180 * 86400
  if (spec.kind === 'time') return 4 * 3600
  if (spec.kind === 'number') return Math.max(1, (spec.max - spec.min) / Math.pow(10, spec.scale) / 2)
  return 100
}

/**
 * Apply relations in table order; returns issues for relations that could not be built. `keySets` (the
 * table's PK/UNIQUE column sets, default none): a derived column in a set without its base is built
 * `exact` — base ± the smallest gap — which is only unique when the base is an integer unique on its own.
 */
export function applyRelations(table: string, cols: RelColumn[], relations: ColumnRelation[], hardSpec: (column: string) => GeneratorSpec, keySets: string[][] = []): Issue[] {
  const issues: Issue[] = []
  const byName = new Map(cols.map((c) => [c.name, c]))
  const position = (n: string) => cols.findIndex((c) => c.name === n)
  const all: Array<ColumnRelation & { deriveLeft?: boolean }> = [...relations]
  // updated_at, deleted_at, shipped_at, last_login … ≥ the row's creation time, delivered ≥ shipped,
  // end ≥ start by name, when no CHECK relates the column already.
  const comparable = (a: string, b: string) => {
    const [fa, fb] = [family(byName.get(a)!.spec), family(byName.get(b)!.spec)]
    return fa !== undefined && (fa === fb || (temporal(fa) && temporal(fb))) && !byName.get(a)!.fixed
  }
  const taken = new Set(relations.flatMap((r) => [r.left, r.right]))
  all.push(...implicitTimeRelations(cols.map((c) => c.name), taken, comparable))
  for (const r of all) {
    const left = byName.get(r.left)
    const right = byName.get(r.right)
    const fail = (why: string) =>
      issues.push({ code: 'GENERATOR_DEGRADED', message: `CHECK (${r.left} ${r.op} ${r.right}) on ${table} is not guaranteed: ${why}`, table })
    if (!left || !right) {
      fail('unknown column')
      continue
    }
    const fam = family(left.spec)
    const mixed = fam !== family(right.spec) && temporal(fam) && temporal(family(right.spec))
    if (!fam || (fam !== family(right.spec) && !mixed)) {
      fail('columns are not comparable numbers or times')
      continue
    }
    // Derive the later column of the two (end from start), unless it must keep its own generator.
    const candidates: Array<[RelColumn, RelColumn, RelationOp]> = [
      [left, right, r.op],
      [right, left, FLIP[r.op]],
    ]
    if (!r.deriveLeft) candidates.sort((a, b) => position(b[0].name) - position(a[0].name))
    const pick = candidates.find(([d, b]) => !d.fixed && d.spec.kind !== 'relative' && d.spec.kind !== 'identity' && !dependsOn(byName, b, d.name))
    if (!pick) {
      fail('both columns are keys or already derived')
      continue
    }
    const [derived, base, op] = pick
    const keyed = keySets.some((set) => set.includes(derived.name) && !set.includes(base.name))
    if (keyed) {
      const own = hardSpec(derived.name)
      const alone = keySets.some((set) => set.length === 1 && set[0] === base.name)
      if (!alone || !integral(own) || !integral(base.spec) || mixed) {
        fail('both columns are keys and neither is an integer key unique on its own')
        continue
      }
      derived.spec = { kind: 'relative', from: base.name, op, maxDelta: 1, of: own, exact: true }
      const up = op === '>' || op === '>=' || op === '<>'
      derived.reason = `${derived.reason}; ${base.name} ${up ? '+' : '−'} ${op.endsWith('=') ? 0 : 1}: kept ${op} ${base.name}, unique as ${base.name} is`
      continue
    }
    // Bounds of the derived column are its hard ones (type and CHECKs), not the realistic window of its own
    // generator: clamping to that window would pile values up at its end.
    const baseFactor = mixed ? (family(derived.spec) === 'timestamp' ? 86400 : 1 / 86400) : undefined
    derived.spec = { kind: 'relative', from: base.name, op, maxDelta: maxDelta(derived.spec), of: hardSpec(derived.name), ...(baseFactor ? { baseFactor } : {}) }
    derived.reason = `${derived.reason}; kept ${op} ${base.name}`
  }
  return issues
}

/** An integer-valued spec: a key sequence or an integer number. */
function integral(spec: GeneratorSpec): boolean {
  return spec.kind === 'identity' || (spec.kind === 'number' && spec.as === 'integer')
}

/** Dates and timestamps compare with each other (a date is its midnight). */
function temporal(fam: string | undefined): boolean {
  return fam === 'date' || fam === 'timestamp'
}

/** True when `c` (transitively) derives from `name`. */
function dependsOn(byName: Map<string, RelColumn>, c: RelColumn, name: string): boolean {
  let cur: RelColumn | undefined = c
  for (let hops = 0; cur && cur.spec.kind === 'relative' && hops < 100; hops++) {
    if (cur.spec.from === name) return true
    cur = byName.get(cur.spec.from)
  }
  return false
}
