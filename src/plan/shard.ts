/**
 * Sharding a plan across processes (`tdg seed --shard i/N --phase P`), pure. Every value is
 * f(seed, table, column, row), so shard i of N writes a contiguous, balanced slice [start, end) of every
 * step's rows (and of every fixup's rows): keys and unique values cannot collide, and the union of the N
 * shards is exactly one run of the same plan. Parents come before children across processes by phases:
 * phase k holds the steps whose parents (through FKs written inline) are all in earlier phases; the
 * fixups (cut FKs) and the identity sync form the last phase, `finish`. See docs/sharding.md.
 */
import type { Plan } from '../model/plan.js'
import { TdgError } from '../errors.js'

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number
  count: number
}

/** Rows [start, end) of a step. */
export interface RowRange {
  start: number
  end: number
}

/** The last phase: fixups (cut FKs) and the identity/sequence sync, once every row exists. */
export const FINISH_PHASE = 'finish'

/** One phase of a sharded plan: the steps it inserts (plan order), or `finish`. */
export interface ShardPhase {
  /** `1`, `2`, … or `finish`. */
  name: string
  steps: string[]
}

/**
 * What one shard of one phase does, as data for `runPlan` (`RunOptions.shard`): the steps it inserts
 * with their row ranges (steps absent: not written by this shard), the fixups it runs with their row
 * ranges (by index in `plan.fixups`), and whether it moves the identity counters.
 */
export interface ShardSelection {
  steps: Record<string, RowRange>
  fixups: Record<number, RowRange>
  syncIdentity: boolean
}

/** Parse `i/N` (1 ≤ i ≤ N): a one-line TDG_USAGE naming the flag otherwise. */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text)
  if (!m) throw new TdgError('TDG_USAGE', `--shard '${text}' is not i/N (e.g. --shard 1/4: the first of 4 shards)`, { value: text })
  const index = Number(m[1])
  const count = Number(m[2])
  if (count < 1 || !Number.isSafeInteger(count)) throw new TdgError('TDG_USAGE', `--shard '${text}': the shard count must be at least 1`, { value: text })
  if (index < 1 || index > count) throw new TdgError('TDG_USAGE', `--shard '${text}': the shard index must be between 1 and ${count}`, { value: text })
  return { index, count }
}

/** Parse a shard count (`tdg plan --shard N`): a positive integer. */
export function parseShardCount(text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN
  if (!(n >= 1 && Number.isSafeInteger(n))) throw new TdgError('TDG_USAGE', `--shard '${text}' is not a shard count (a whole number ≥ 1)`, { value: text })
  return n
}

/** Shard `index` of `count`'s balanced, contiguous slice of `rows` rows: sizes differ by at most one. */
export function shardRange(rows: number, { index, count }: ShardSpec): RowRange {
  return { start: Math.floor(((index - 1) * rows) / count), end: Math.floor((index * rows) / count) }
}

/**
 * Steps that cannot be split across shards: rows of a self-reference point to earlier rows of the same
 * table, which another shard writes in the same phase (not yet committed, so its FK check would fail).
 * Such a step is written whole by one shard (see `ownerOf`).
 */
export function unsplitSteps(plan: Plan): Set<string> {
  return new Set(plan.steps.filter((s) => s.columns.some((c) => c.generator.kind === 'fk' && c.generator.self === true && !c.omit)).map((s) => s.id))
}

/**
 * The phases of `plan`: steps by FK level (a step's level is one more than its deepest parent written
 * inline, i.e. through an FK that is neither cut nor a self-reference), then `finish`. Refuses (TDG_USAGE)
 * a plan with NOT NULL cycles (deferred constraints): their rows reference each other within one
 * transaction, which shards cannot share.
 */
export function shardPhases(plan: Plan): ShardPhase[] {
  const cycles = plan.deferred.filter((d) => d.sameRow !== true)
  if (cycles.length > 0) {
    const names = [...new Set(cycles.map((d) => d.cycle.join(' → ')))].join('; ')
    throw new TdgError('TDG_USAGE', `--shard cannot split the NOT NULL cycle${cycles.length > 1 ? 's' : ''} ${names}: their rows must be written in one transaction; seed without --shard`, { cycles: names })
  }
  const level = new Map<string, number>()
  for (const step of plan.steps) {
    let l = 0
    for (const c of step.columns) {
      const g = c.generator
      if (g.kind !== 'fk' || g.self === true || g.fixup === true || c.omit) continue
      const p = level.get(g.parentStep)
      // Parents come first in a plan; one not planned (outside --tables) must exist already.
      if (p !== undefined) l = Math.max(l, p + 1)
    }
    level.set(step.id, l)
  }
  const phases: ShardPhase[] = []
  for (const step of plan.steps) {
    const l = level.get(step.id)!
    while (phases.length <= l) phases.push({ name: String(phases.length + 1), steps: [] })
    phases[l]!.steps.push(step.id)
  }
  phases.push({ name: FINISH_PHASE, steps: [] })
  return phases
}

/**
 * Which shard writes a step that cannot be split (`unsplitSteps`): they are dealt round-robin in plan
 * order, so several such steps spread over the shards.
 */
function ownerOf(plan: Plan, stepId: string, unsplit: Set<string>, count: number): number {
  const order = plan.steps.filter((s) => unsplit.has(s.id)).map((s) => s.id)
  return (order.indexOf(stepId) % count) + 1
}

/**
 * What shard `shard` does in phase `phaseName` (a name of `shardPhases(plan)`): TDG_USAGE for a phase the
 * plan does not have, naming the phases. Insert phases give their steps' slices; `finish` gives every
 * fixup's slice and, to shard 1 only, the identity sync (one sync after all rows exist: concurrent shards
 * setting a counter to their own view of the max would race).
 */
export function shardSelection(plan: Plan, shard: ShardSpec, phaseName: string): ShardSelection {
  const phases = shardPhases(plan)
  const phase = phases.find((p) => p.name === phaseName)
  if (!phase) throw new TdgError('TDG_USAGE', `--phase '${phaseName}' is not a phase of this plan; its phases are ${phaseNames(phases)}`, { value: phaseName })
  const unsplit = unsplitSteps(plan)
  const steps: Record<string, RowRange> = {}
  for (const id of phase.steps) {
    const step = plan.steps.find((s) => s.id === id)!
    if (unsplit.has(id)) steps[id] = ownerOf(plan, id, unsplit, shard.count) === shard.index ? { start: 0, end: step.rows } : { start: 0, end: 0 }
    else steps[id] = shardRange(step.rows, shard)
  }
  const fixups: Record<number, RowRange> = {}
  if (phase.name === FINISH_PHASE)
    plan.fixups.forEach((f, i) => {
      const step = plan.steps.find((s) => s.id === f.step)
      fixups[i] = shardRange(step?.rows ?? 0, shard)
    })
  return { steps, fixups, syncIdentity: phase.name === FINISH_PHASE && shard.index === 1 }
}

/** `1, 2, finish`: the phases as a usage message lists them. */
export function phaseNames(phases: ShardPhase[]): string {
  return phases.map((p) => p.name).join(', ')
}

/**
 * The error of a shard run without `--phase`: TDG_USAGE naming the phases. A plan always has at least two
 * (its insert phases and `finish`), so a shard never guesses which one it is in.
 */
export function missingPhase(plan: Plan): TdgError {
  const phases = shardPhases(plan)
  return new TdgError('TDG_USAGE', `--shard needs --phase: this plan has ${phases.length} phases (${phaseNames(phases)}); run every shard of each phase, in this order`, { phases: phaseNames(phases) })
}

/** Lines for `tdg plan --shard N`: every phase with each shard's row ranges. */
export function shardPlanLines(plan: Plan, count: number): string[] {
  const phases = shardPhases(plan)
  const unsplit = unsplitSteps(plan)
  const lines = [`sharded into ${count} (run all shards of a phase, then the next phase; each shard is one transaction):`]
  for (const phase of phases) {
    lines.push(`  phase ${phase.name}:${phase.name === FINISH_PHASE ? ` fixups (${plan.fixups.length}), identity sync (shard 1)` : ''}`)
    for (let index = 1; index <= count; index++) {
      const sel = shardSelection(plan, { index, count }, phase.name)
      const parts = [
        // A self-referencing step is written whole by one shard: the others have nothing of it to say.
        ...Object.entries(sel.steps).flatMap(([id, r]) => (!unsplit.has(id) ? [`${id} ${rangeText(r)}`] : r.end > r.start ? [`${id} ${rangeText(r)} (whole: self-reference)`] : [])),
        ...Object.entries(sel.fixups).map(([i, r]) => `fixup ${plan.fixups[Number(i)]!.step}.${plan.fixups[Number(i)]!.columns.join(',')} ${rangeText(r)}`),
        ...(sel.syncIdentity ? ['identity sync'] : []),
      ]
      lines.push(`    ${index}/${count}: ${parts.length > 0 ? parts.join('; ') : 'nothing'}`)
    }
  }
  return lines
}

function rangeText(r: RowRange): string {
  return r.end > r.start ? `rows ${r.start}–${r.end - 1}` : 'no rows'
}
