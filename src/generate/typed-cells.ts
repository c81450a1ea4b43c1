/**
 * A compiled column's `TypedCells` (src/model/rows.ts): the numbers or bytes its text cells spell, for an
 * encoder that would otherwise parse the text back (Parquet's DATE, TIMESTAMP and UUID columns in a
 * generation worker), or the list index of a string drawn from a pool (Parquet writes it as a dictionary
 * key, the list encoded once). Only sources whose cell is exactly the formatted raw value or the list's
 * entry have them.
 */
import type { TypedCells } from '../model/rows.js'

/** How a temporal source's raw number reads as a typed cell (dates: days; timestamps: seconds). */
export type TemporalForm = { form: 'epoch-days' } | { form: 'epoch-seconds'; offset: boolean }

/** The typed cells of a temporal column whose value is `emit(raw(i))` (before the null share). */
export function temporalCells(form: TemporalForm, raw: (i: number) => number): TypedCells {
  return form.form === 'epoch-days' ? { form: 'epoch-days', at: raw } : { form: 'epoch-seconds', offset: form.offset, at: raw }
}

/** The typed cells of a uuid column: row i's bytes are those of its domain index `k(i)`. */
export function uuidCells(bytesAt: (k: number, out: Uint8Array, offset: number) => void, k: (i: number) => number): TypedCells {
  return {
    form: 'uuid',
    into: (i, out, offset) => {
      bytesAt(k(i), out, offset)
      return true
    },
  }
}

/** The typed cells of a column drawn from a list: row i's cell is `values[index(i)]`. */
export function pooledCells(values: readonly string[], index: (i: number) => number): TypedCells {
  return { form: 'pooled', values, at: index }
}

/** `cells` with the column's NULL rows (`isNull`, the same rows its text cells leave NULL). */
export function withNulls(cells: TypedCells, isNull: ((i: number) => boolean) | undefined): TypedCells {
  if (!isNull) return cells
  if (cells.form === 'uuid') {
    const into = cells.into
    return { form: 'uuid', into: (i, out, offset) => !isNull(i) && into(i, out, offset) }
  }
  const at = cells.at
  return { ...cells, at: (i) => (isNull(i) ? null : at(i)) }
}
