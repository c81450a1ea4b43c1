/** Counting applicable and passing units of one result, keeping a few failing examples. */
import type { Value } from '../model/rows.js'
import type { ColumnRef } from './columns.js'
import { MAX_EXAMPLES, type InvariantResult } from './types.js'
import { isSecret, shortValue } from './values.js'

/** A result under construction. */
export class Tally {
  private readonly result: InvariantResult

  constructor(invariant: string, table: string, columns: string[], unit: InvariantResult['unit'] = 'row') {
    this.result = { invariant, table, columns, unit, applicable: 0, passed: 0, examples: [] }
  }

  /** Count one applicable unit; a failing one is kept as an example (`row` is 0-based here). */
  add(ok: boolean, row: number, shown?: Array<[ColumnRef | string, Value | undefined]>): void {
    this.result.applicable++
    if (ok) {
      this.result.passed++
      return
    }
    // Examples are rows; an FK or a column as a whole has none to show.
    if (this.result.unit !== 'row' || this.result.examples.length >= MAX_EXAMPLES) return
    const value = shown
      ?.map(([c, v]) => {
        const name = typeof c === 'string' ? c : c.name
        const snake = typeof c === 'string' ? c.toLowerCase() : c.snake
        return `${name}=${isSecret(snake) ? '***' : shortValue(v)}`
      })
      .join(', ')
    this.result.examples.push(value === undefined ? { row: row + 1 } : { row: row + 1, value })
  }

  note(text: string): this {
    this.result.note = text
    return this
  }

  /** The result, or nothing when no unit applied. */
  done(): InvariantResult[] {
    return this.result.applicable > 0 ? [this.result] : []
  }
}
