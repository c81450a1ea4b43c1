/**
 * Conditional nulls (`shipped_at` NULL when `status = 'new'`): for every condition column (text,
 * boolean or integer, not a key, at most `COND_MAX_VALUES` distinct values) and every nullable column,
 * rows and NULLs per condition value. Reported per nullable column, for the condition value that explains
 * its NULLs best, when at least `COND_MIN_CONCENTRATION` (80 %) of the column's NULLs fall on that value,
 * `nullShareWhen` ≥ 0.5, `nullShareWhen − nullShareOtherwise` ≥ 0.5, and the value has at least
 * `COND_MIN_ROWS` rows.
 */
import type { ConditionalNull } from '../model/profile.js'
import type { Value } from '../model/rows.js'

export const COND_MAX_VALUES = 20
export const COND_MIN_CONCENTRATION = 0.8
export const COND_MIN_ROWS = 5
const MAX_CONDITIONS = 8

interface Condition {
  name: string
  at: number
  slots: Map<string | number | boolean, number>
  values: Array<string | number | boolean>
  rows: number[]
  /** nulls[slot * targets + t] */
  nulls: number[]
  dead: boolean
}

export class ConditionalNulls {
  private readonly conds: Condition[]
  private readonly totals: number[]
  private rows = 0

  /** `conditions` and `targets`: column names with their positions in the table's column list. */
  constructor(
    conditions: Array<{ name: string; at: number }>,
    private readonly targets: Array<{ name: string; at: number }>,
  ) {
    this.conds = targets.length === 0 ? [] : conditions.slice(0, MAX_CONDITIONS).map((c) => ({ ...c, slots: new Map(), values: [], rows: [], nulls: [], dead: false }))
    this.totals = targets.map(() => 0)
  }

  get empty(): boolean {
    return this.conds.length === 0
  }

  /** Count one row; `at` maps a table position to the row's index (-1: absent). */
  addRow(row: Value[], at: Int32Array): void {
    this.rows++
    const T = this.targets.length
    for (let t = 0; t < T; t++) {
      const i = at[this.targets[t]!.at]!
      if (i < 0 || row[i] === null || row[i] === undefined) this.totals[t]!++
    }
    for (const c of this.conds) {
      if (c.dead) continue
      const i = at[c.at]!
      const v = i < 0 ? null : row[i]
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue
      let slot = c.slots.get(v)
      if (slot === undefined) {
        if (c.values.length >= COND_MAX_VALUES) {
          c.dead = true
          continue
        }
        slot = c.values.length
        c.slots.set(v, slot)
        c.values.push(v)
        c.rows.push(0)
        for (let t = 0; t < T; t++) c.nulls.push(0)
      }
      c.rows[slot]!++
      const base = slot * T
      for (let t = 0; t < T; t++) {
        const j = at[this.targets[t]!.at]!
        if (j < 0 || row[j] === null || row[j] === undefined) c.nulls[base + t]!++
      }
    }
  }

  /** The conditions found; condition columns in `withheld` (PII) are not used: their value would be written out. */
  result(withheld: ReadonlySet<string> = new Set()): ConditionalNull[] {
    const out: ConditionalNull[] = []
    const T = this.targets.length
    this.targets.forEach((target, t) => {
      const total = this.totals[t]!
      if (total === 0 || total === this.rows) return
      let best: (ConditionalNull & { score: number }) | undefined
      for (const c of this.conds) {
        if (c.dead || c.name === target.name || withheld.has(c.name)) continue
        c.values.forEach((value, slot) => {
          const rows = c.rows[slot]!
          const nulls = c.nulls[slot * T + t]!
          if (rows < COND_MIN_ROWS || nulls / total < COND_MIN_CONCENTRATION) return
          const when = nulls / rows
          const otherRows = this.rows - rows
          const otherwise = otherRows === 0 ? 0 : (total - nulls) / otherRows
          if (when < 0.5 || when - otherwise < 0.5) return
          const score = when - otherwise
          if (!best || score > best.score) best = { column: target.name, when: { column: c.name, value }, nullShareWhen: when, nullShareOtherwise: otherwise, score }
        })
      }
      if (best) {
        const { score: _score, ...found } = best
        out.push(found)
      }
    })
    return out
  }
}
