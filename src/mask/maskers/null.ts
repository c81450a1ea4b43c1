/** `null`: every value NULL; refused at compile time on a NOT NULL column. */
import { requireNullable, type ColumnMasker, type MaskContext } from './context.js'

export function nullMasker(ctx: MaskContext): ColumnMasker {
  requireNullable(ctx)
  return { reads: [], bind: () => () => null }
}
