/**
 * What every masker compiles against, and the fitting rules they share: the column's logical type,
 * length bounds (from the type and simple CHECK shapes), enum/IN labels and integer range. A masker
 * that cannot fit the column fails with TDG_MASK_UNSATISFIABLE naming table.column and the masker,
 * never a value.
 */
import { match } from 'ts-pattern'
import { TdgError } from '../../errors.js'
import type { MaskSpec } from '../../model/mask.js'
import type { Value } from '../../model/rows.js'
import type { Column, LogicalType, Table } from '../../model/schema.js'
import type { MaskKey } from '../masker.js'

/** One column's masker before binding to a batch layout. */
export type ColumnMasker =
  /** Per value: `row` is the batch row of originals (read-only), positions resolved by `bind`. */
  | {
      reads: readonly string[]
      /**
       * The columns of `reads` the output depends on (default: all of them): a group member reads every
       * member, but a person's email, say, is made from the email original alone (see fake-group.ts).
       */
      dependsOn?: readonly string[]
      /** The bound function gets the row's index in its batch too (`i`). */
      bind(pos: (column: string) => number): (v: Value, row: readonly Value[], i: number) => Value
      /**
       * Called before each batch with its rows (then the bound function gets each row in order): maskers
       * caching per row (by the row array) forget it, as a reader may reuse arrays; a unique fake
       * member resolves the batch's values here.
       */
      startBatch?(rows: readonly (readonly Value[])[]): void
      /** A group's per-row anchors, shared by its members (fake-group.ts): carried between stages. */
      anchors?: GroupAnchors
    }
  /** Per batch column (shuffle): the column's originals in, masked values out. */
  | { reads: readonly string[]; batch(values: readonly Value[]): Value[] }

/** A coherence group's row anchors for one batch, handed between masking stages (see MaskCarry). */
export interface GroupAnchors {
  readonly group: string
  readonly tiers: string[][]
  /** Use `words` (3 per row: CarriedAnchors) for the next batch, or compute (undefined). */
  give(words: Uint32Array | undefined): void
  /** Record this batch's anchors into a new array of `rows` rows. */
  record(rows: number): void
  /**
   * The batch's anchors (rows no member needed hashed now), or undefined when no member of the group is
   * bound (nothing of the group runs in this stage). Ends recording.
   */
  made(rows: readonly (readonly Value[])[]): Uint32Array | undefined
}

export interface MaskContext {
  table: Table
  column: Column
  spec: MaskSpec
  key: MaskKey
  locale?: string
  /** Rows the masker is expected to see (a hint: a unique guard sizes its table once instead of growing). */
  expectedRows?: number
}

/** `schema.table.column` for messages. */
export function where(ctx: { table: Table; column: Column }): string {
  return `${ctx.table.schema ? `${ctx.table.schema}.` : ''}${ctx.table.name}.${ctx.column.name}`
}

/** TDG_MASK_UNSATISFIABLE for this column and masker (`why` never holds a value). */
export function unsatisfiable(ctx: MaskContext, why: string): TdgError {
  return new TdgError('TDG_MASK_UNSATISFIABLE', `${where(ctx)}: masker '${ctx.spec.kind}' ${why}`, {
    table: ctx.table.name,
    ...(ctx.table.schema ? { schema: ctx.table.schema } : {}),
    column: ctx.column.name,
    masker: ctx.spec.kind,
  })
}

/** What a column takes, from its type and the CHECK shapes that name it alone. */
export interface Fit {
  /** Character data (string, text, unknown types read as text). */
  text: boolean
  minLength: number
  maxLength?: number
  /** Enum / SET labels or an IN list of strings: the only values the column takes. */
  labels?: string[]
  /** Integer columns: the type's range, narrowed by simple CHECKs. */
  intMin?: bigint
  intMax?: bigint
}

export function fitOf(table: Table, column: Column): Fit {
  const t = column.type
  const out: Fit = match(t)
    .with({ kind: 'string' }, (s) => ({ text: true, minLength: 0, ...(s.maxLength !== undefined ? { maxLength: s.maxLength } : {}) }))
    .with({ kind: 'text' }, { kind: 'unknown' }, () => ({ text: true, minLength: 0 }))
    .with({ kind: 'enum' }, { kind: 'set' }, (e) => ({ text: true, minLength: 0, labels: e.values }))
    .with({ kind: 'integer' }, (i) => ({ text: false, minLength: 0, ...integerRange(i) }))
    .with(
      { kind: 'decimal' },
      { kind: 'float' },
      { kind: 'boolean' },
      { kind: 'uuid' },
      { kind: 'date' },
      { kind: 'time' },
      { kind: 'timestamp' },
      { kind: 'interval' },
      { kind: 'json' },
      { kind: 'binary' },
      { kind: 'array' },
      { kind: 'inet' },
      () => ({ text: false, minLength: 0 }),
    )
    .exhaustive()
  for (const check of table.checks) {
    for (const s of check.parsed) {
      if (!('column' in s) || s.column !== column.name) continue
      if (s.kind === 'in' && s.values.every((v) => typeof v === 'string')) out.labels = s.values as string[]
      else if (s.kind === 'length') {
        const n = s.value
        if (s.op === '<' || s.op === '<=' || s.op === '=') out.maxLength = Math.min(out.maxLength ?? Infinity, s.op === '<' ? n - 1 : n)
        if (s.op === '>' || s.op === '>=' || s.op === '=') out.minLength = Math.max(out.minLength, s.op === '>' ? n + 1 : n)
      } else if (out.intMin !== undefined && out.intMax !== undefined && (s.kind === 'compare' || s.kind === 'between')) {
        const lo = s.kind === 'between' ? s.min : s.op === '>' || s.op === '>=' ? s.value : undefined
        const hi = s.kind === 'between' ? s.max : s.op === '<' || s.op === '<=' ? s.value : undefined
        const strict = s.kind === 'compare' && (s.op === '>' || s.op === '<') ? 1n : 0n
        if (typeof lo === 'number' && Number.isInteger(lo) && BigInt(lo) + strict > out.intMin) out.intMin = BigInt(lo) + strict
        if (typeof hi === 'number' && Number.isInteger(hi) && BigInt(hi) - strict < out.intMax) out.intMax = BigInt(hi) - strict
      }
    }
  }
  return out
}

/** The range of an integer type (its declared min/max, else its width and signedness). */
export function integerRange(t: Extract<LogicalType, { kind: 'integer' }>): { intMin: bigint; intMax: bigint } {
  if (t.min !== undefined && t.max !== undefined) return { intMin: BigInt(t.min), intMax: BigInt(t.max) }
  const bits = BigInt(t.bytes * 8)
  return t.unsigned ? { intMin: 0n, intMax: (1n << bits) - 1n } : { intMin: -(1n << (bits - 1n)), intMax: (1n << (bits - 1n)) - 1n }
}

/** `s` cut to the column's max length (in UTF-16 units, as `maxLength` counts). */
export function cutTo(s: string, fit: Fit): string {
  return fit.maxLength !== undefined && s.length > fit.maxLength ? s.slice(0, fit.maxLength) : s
}

/** Throw when a masker writing text targets a column that takes no text. */
export function requireText(ctx: MaskContext, fit: Fit): void {
  if (!fit.text) throw unsatisfiable(ctx, `writes text and the column is ${ctx.column.type.kind}`)
}

/** Throw at compile time when the column is NOT NULL and the masker writes NULL. */
export function requireNullable(ctx: MaskContext): void {
  if (!ctx.column.nullable) throw unsatisfiable(ctx, 'writes NULL and the column is NOT NULL')
}
