/**
 * `generate`: any generation rule's generator as the replacement, compiled with the generation engine
 * (src/generate) in a one-column plan seeded by the masker's subkey, and drawn at the row index given
 * by a keyed hash of the original: one original always gets the same generated value. Generators that
 * read other columns of the row (person, address, relative, …) are refused: use `fake` for those.
 * NULL originals get a value too (drawn at the index of NULL), like `constant`.
 */
import type { MaskSpec } from '../../model/mask.js'
import type { Plan } from '../../model/plan.js'
import type { Value } from '../../model/rows.js'
import { compiledStep } from '../../generate/compile-column.js'
import { isTdgError } from '../../errors.js'
import { hashValue, OUT } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'

/** Rows the synthetic step claims: indexes are 31-bit hashes. */
const ROWS = 2 ** 31

export function generateMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'generate' }> }, locale: string | undefined): ColumnMasker {
  const generator = ctx.spec.generator
  const k = subkey(ctx.key, `generate:${JSON.stringify(generator)}`)
  const name = ctx.column.name
  const plan: Plan = {
    version: 1,
    seed: `${k.k0hi}:${k.k0lo}:${k.k1hi}:${k.k1lo}`,
    ...(locale ? { locale } : {}),
    dialect: 'postgres',
    steps: [
      {
        id: 'mask',
        table: { name: ctx.table.name },
        rows: ROWS,
        requestedRows: ROWS,
        columns: [{ column: name, generator, pick: { kind: 'random' }, nullRate: 0, unique: false, reason: 'mask' }],
        keys: [],
      },
    ],
    fixups: [],
    deferred: [],
    issues: [],
    // Fixed, so one original generates alike on every day the masking runs.
    now: 1_767_225_600,
  }
  let value: (i: number) => Value
  try {
    value = compiledStep(plan, 'mask').column(name).value
    value(0)
  } catch (e) {
    // The one-column step has no siblings: a generator reading another column fails to compile here.
    if (isTdgError(e) && e.code === 'TDG_INTERNAL' && /has no column|needs numeric columns|fan-out/.test(e.message))
      throw unsatisfiable(ctx, `cannot use a '${generator.kind}' generator (it reads other columns of the row)`)
    throw e
  }
  if (!ctx.column.nullable && generator.kind === 'null') throw unsatisfiable(ctx, 'writes NULL and the column is NOT NULL')
  return { reads: [], bind: () => (v) => (hashValue(k, v), value((OUT[1]! >>> 1) as number)) }
}
