/** One column's masker from its spec (person/address `fake` fields are grouped by compile-table.ts). */
import { match } from 'ts-pattern'
import type { ColumnMasker, MaskContext } from './context.js'
import { keepMasker } from './keep.js'
import { nullMasker } from './null.js'
import { constantMasker } from './constant.js'
import { redactMasker } from './redact.js'
import { hashMasker } from './hash.js'
import { scrambleMasker } from './scramble.js'
import { permuteMasker } from './permute.js'
import { fakeMasker } from './fake.js'
import { shiftMasker } from './shift.js'
import { noiseMasker } from './noise.js'
import { generalizeMasker } from './generalize.js'
import { shuffleMasker } from './shuffle.js'
import { generateMasker } from './generate.js'

export type { ColumnMasker, MaskContext } from './context.js'

/** Compile one column's masker; throws TDG_MASK_UNSATISFIABLE when it cannot fit the column. */
export function compileColumnMasker(ctx: MaskContext): ColumnMasker {
  const locale = ctx.locale
  return match(ctx.spec)
    .with({ kind: 'keep' }, () => keepMasker())
    .with({ kind: 'null' }, () => nullMasker(ctx))
    .with({ kind: 'constant' }, (spec) => constantMasker({ ...ctx, spec }))
    .with({ kind: 'redact' }, (spec) => redactMasker({ ...ctx, spec }))
    .with({ kind: 'hash' }, (spec) => hashMasker({ ...ctx, spec }))
    .with({ kind: 'scramble' }, (spec) => scrambleMasker({ ...ctx, spec }))
    .with({ kind: 'permute' }, () => permuteMasker(ctx))
    .with({ kind: 'fake' }, (spec) => fakeMasker({ ...ctx, spec }, locale))
    .with({ kind: 'shift' }, (spec) => shiftMasker({ ...ctx, spec }))
    .with({ kind: 'noise' }, (spec) => noiseMasker({ ...ctx, spec }))
    .with({ kind: 'generalize' }, (spec) => generalizeMasker({ ...ctx, spec }))
    .with({ kind: 'shuffle' }, (spec) => shuffleMasker({ ...ctx, spec }))
    .with({ kind: 'generate' }, (spec) => generateMasker({ ...ctx, spec }, locale))
    .exhaustive()
}
