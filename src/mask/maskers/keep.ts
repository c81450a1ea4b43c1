/** `keep`: the original, unchanged (an explicit decision in the rules, so the drift guard accepts it). */
import type { ColumnMasker } from './context.js'

export function keepMasker(): ColumnMasker {
  return { reads: [], bind: () => (v) => v }
}
