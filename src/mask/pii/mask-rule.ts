/**
 * A MaskSpec in the rules file's `mask:` form: a bare kind where the spec has no options (`hash` with
 * its defaults, `redact`, `scramble`), else a one-key object `{ <kind>: <options> }`.
 */
import { match } from 'ts-pattern'
import type { MaskSpec } from '../../model/mask.js'

/** The YAML/JSON value of `mask:` that reads back as `spec`. Defaults are left out (`{ hash: { encoding: hex } }` → `hash`). */
export function maskSpecToRule(spec: MaskSpec): unknown {
  return match(spec)
    .with({ kind: 'keep' }, { kind: 'null' }, { kind: 'permute' }, (s) => s.kind)
    .with({ kind: 'constant' }, (s) => ({ constant: s.value }))
    .with({ kind: 'redact' }, (s) => orBare('redact', { with: s.with, keepLength: s.keepLength, char: s.char }))
    .with({ kind: 'hash' }, (s) => orBare('hash', { encoding: s.encoding === 'hex' ? undefined : s.encoding, length: s.length }))
    .with({ kind: 'scramble' }, (s) => orBare('scramble', { luhn: s.luhn, iban: s.iban }))
    .with({ kind: 'fake' }, (s) => (s.unique === undefined && s.locale === undefined ? { fake: s.field } : { fake: defined({ field: s.field, unique: s.unique, locale: s.locale }) }))
    .with({ kind: 'shift' }, (s) => ({ shift: defined({ maxDays: s.maxDays, by: s.by }) }))
    .with({ kind: 'noise' }, (s) => ({ noise: { percent: s.percent } }))
    .with({ kind: 'generalize' }, (s) => ({ generalize: s.how }))
    .with({ kind: 'shuffle' }, (s) => orBare('shuffle', { window: s.window }))
    .with({ kind: 'generate' }, (s) => ({ generate: s.generator }))
    .exhaustive()
}

function orBare(kind: string, options: Record<string, unknown>): unknown {
  const o = defined(options)
  return Object.keys(o).length === 0 ? kind : { [kind]: o }
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
}
