/**
 * A table's maskers split into two stages for two worker threads in a row (mask-text-worker.ts): on two
 * cores one worker masking every column is the slowest thread of a big clone, and the maskers of
 * unrelated columns can run on two. No stage depends on an original an earlier stage masked: columns
 * depending on each other (an address group, a person's names) stay together, a column depending on
 * another's original goes first or with it (a person's names before the email they are made from), so
 * each masker still sees its originals and the output is the bytes one worker makes. A unique guard
 * lives in one stage and sees the rows in order, as before.
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
 * `masker`'s recipe as one or two recipes, each writing a part of its columns, balanced by `weight`; one
 * when the columns cannot be split or the lighter part would carry less than a sixth of the work. The
 * first stage sees the originals of every column, the second the first one's output: a column whose
 * masker depends on another's original (`readsOf`) is written in the same stage as that one or in the
 * first. A stage's recipe compiles the maskers it writes and those their output depends on (a person's
 * name is made from the row's email original: the email member is compiled in the names' stage too).
 */
export function maskStages(masker: TableMasker): MaskerRecipe[] {
  const r = masker.recipe
  const cols = r.mask.columns.map((c) => c.column)
  const deps = new Map(cols.map((c) => [c, masker.readsOf(c).filter((o) => o !== c && cols.includes(o))]))
  // Union-find: columns depending on each other (directly) are one unit.
  const parent = new Map(cols.map((c) => [c, c]))
  const find = (c: string): string => {
    let p = parent.get(c)!
    while (p !== parent.get(p)) p = parent.get(p)!
    return p
  }
  for (const c of cols) for (const o of deps.get(c)!) if (deps.get(o)!.includes(c)) parent.set(find(o), find(c))
  const units = new Map<string, { cols: Set<string>; w: number; stage: number }>()
  for (const m of r.mask.columns) {
    const u = units.get(find(m.column)) ?? { cols: new Set<string>(), w: 0, stage: 0 }
    u.cols.add(m.column)
    u.w += weight(m.mask)
    units.set(find(m.column), u)
  }
  if (units.size < 2) return [r]
  const w = [0, 0]
  for (const u of [...units.values()].sort((a, b) => b.w - a.w)) {
    u.stage = w[0]! <= w[1]! ? 0 : 1
    w[u.stage] = w[u.stage]! + u.w
  }
  // A second-stage column depending on a first-stage one: that one's unit moves to the second stage.
  const unitOf = (c: string) => units.get(find(c))!
  for (let moved = true; moved; ) {
    moved = false
    for (const u of units.values())
      if (u.stage === 1)
        for (const c of u.cols)
          for (const o of deps.get(c)!) {
            const v = unitOf(o)
            if (v.stage === 0) {
              v.stage = 1
              w[0] = w[0]! - v.w
              w[1] = w[1]! + v.w
              moved = true
            }
          }
  }
  if (Math.min(w[0]!, w[1]!) < (w[0]! + w[1]!) / 6) return [r]
  return [0, 1].map((stage) => {
    const writes = new Set([...units.values()].filter((u) => u.stage === stage).flatMap((u) => [...u.cols]))
    const compiled = new Set([...writes].flatMap((c) => [c, ...deps.get(c)!]))
    const columns = r.mask.columns.filter((c) => compiled.has(c.column))
    return { ...r, mask: { ...r.mask, columns }, ...(compiled.size > writes.size ? { writes: cols.filter((c) => writes.has(c)) } : {}) }
  })
}
