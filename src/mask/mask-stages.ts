/**
 * A table's maskers split into two stages for two worker threads in a row (mask-text-worker.ts): on two
 * cores one worker masking every column is the slowest thread of a big clone, and the maskers of
 * unrelated columns can run on two. A stage never reads what another masks: columns whose maskers read
 * each other (a person or address group, a shift's `by`) stay together, so each masker still sees its
 * originals and the output is the bytes one worker makes. A unique guard lives in one stage and sees the
 * rows in order, as before.
 */
import type { MaskSpec } from '../model/mask.js'
import type { MaskerRecipe, TableMasker } from './masker.js'

/** Rough relative cost of a masker per value (a guard and a fake record cost most), to balance the stages. */
function weight(spec: MaskSpec): number {
  switch (spec.kind) {
    case 'fake':
      return spec.unique ? 2 : 1
    case 'scramble':
    case 'permute':
    case 'generate':
      return 1.5
    case 'keep':
    case 'null':
    case 'constant':
      return 0.1
    default:
      return 0.5
  }
}

/**
 * `masker`'s recipe as one or two recipes, each masking a part of its columns (in the masker's column
 * order), balanced by `weight`; one when the columns cannot be split or the lighter part would carry
 * less than a sixth of the work.
 */
export function maskStages(masker: TableMasker): MaskerRecipe[] {
  const r = masker.recipe
  const cols = r.mask.columns.map((c) => c.column)
  // Union-find over the masked columns: a masker and every masked column it reads are one unit.
  const parent = new Map(cols.map((c) => [c, c]))
  const find = (c: string): string => {
    let p = parent.get(c)!
    while (p !== parent.get(p)) p = parent.get(p)!
    return p
  }
  for (const c of cols) for (const o of masker.readsOf(c)) if (parent.has(o)) parent.set(find(o), find(c))
  const units = new Map<string, { cols: Set<string>; w: number }>()
  for (const m of r.mask.columns) {
    const u = units.get(find(m.column)) ?? { cols: new Set<string>(), w: 0 }
    u.cols.add(m.column)
    u.w += weight(m.mask)
    units.set(find(m.column), u)
  }
  if (units.size < 2) return [r]
  const stages = [
    { cols: new Set<string>(), w: 0 },
    { cols: new Set<string>(), w: 0 },
  ]
  for (const u of [...units.values()].sort((a, b) => b.w - a.w)) {
    const s = stages[0]!.w <= stages[1]!.w ? stages[0]! : stages[1]!
    for (const c of u.cols) s.cols.add(c)
    s.w += u.w
  }
  if (Math.min(stages[0]!.w, stages[1]!.w) < (stages[0]!.w + stages[1]!.w) / 6) return [r]
  return stages.map((s) => ({ ...r, mask: { ...r.mask, columns: r.mask.columns.filter((c) => s.cols.has(c.column)) } }))
}
