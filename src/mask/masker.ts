/**
 * The runtime shape of compiled maskers (built by `compileTableMasker` in `compile-table.ts`): a pure
 * row transform, so masking is a stage between `scan` and a `Writer` (ARCHITECTURE: scan → mask → write).
 */
import type { RowBatch, Value } from '../model/rows.js'
import type { Table } from '../model/schema.js'
import type { TableMask } from '../model/mask.js'

/**
 * The masking key: the secret every masker is keyed by (`TDG_MASK_KEY` or `--key-file`). `fingerprint`
 * names it in summaries and the audit without revealing it (a short keyed hash of a fixed label).
 */
export interface MaskKey {
  readonly bytes: Uint8Array
  readonly fingerprint: string
}

/** One table's compiled maskers. */
export interface TableMasker {
  /**
   * The batch with every masked column replaced (a new batch; the input is not modified). Columns the
   * TableMask does not name pass through; the batch's column list must contain every column a masker
   * reads (`by` of a shift, the other person/address fields of a group).
   */
  mask(batch: RowBatch): RowBatch
  /**
   * `mask` without copying rows: per column of `masked` the batch carries (in `masked` order), its masked
   * values row by row (`columns` names them). The input is not modified. The bulk text path uses it.
   * `carry`: what an earlier stage computed for these rows (`given`, used where it is valid here), and
   * where to leave what a later stage may reuse (`made`, when `record`).
   */
  maskColumns(batch: RowBatch, carry?: MaskCarry): { columns: string[]; values: Value[][] }
  /**
   * The columns `mask` reads, masked ones included (a shift's `by`, a group's other fields): a batch
   * needs only these to be masked, the others pass through untouched.
   */
  readonly reads: ReadonlyArray<string>
  /** The columns `mask` replaces. */
  readonly masked: ReadonlyArray<string>
  /**
   * The columns whose originals the output of `column`'s masker (one of `masked`) depends on besides its
   * own (a group's other fields, a shift's `by`): a stage writing `column` must see them unmasked.
   */
  readsOf(column: string): ReadonlyArray<string>
  /**
   * What `compileTableMasker` was given, as plain data (structured-clonable): enough to compile the same
   * masker in a worker thread, where it masks identically.
   */
  readonly recipe: MaskerRecipe
}

/** The inputs of `compileTableMasker` (see TableMasker.recipe). */
export interface MaskerRecipe {
  table: Table
  mask: TableMask
  key: { bytes: Uint8Array; fingerprint: string }
  locale?: string
  /**
   * The columns of `mask` it writes (a stage of mask-stages.ts); the others are compiled only for what
   * the written ones read (a group's anchor). Absent: every column of `mask`.
   */
  writes?: string[]
}

/**
 * Per-row work one masking stage hands the next for the same batch (mask-stages.ts), so it is not done
 * twice: the anchor hashes of a coherence group (fake-group.ts) whose members two stages write.
 * Structured-clonable.
 */
export interface MaskCarry {
  /** From an earlier stage, row for row with the batch. */
  given?: CarriedAnchors[]
  /** Whether a later stage wants them: then `maskColumns` sets `made`. */
  record?: boolean
  made?: CarriedAnchors[]
}

/**
 * One group's anchors for a batch's rows: per row 3 words, state (1: hashed, 2: every anchor original
 * NULL), then the hash's high and low word. `tiers`: the anchor's columns, first tier first (a stage
 * uses them only when its own tiers are a prefix: then its anchor is the same where it needs one).
 */
export interface CarriedAnchors {
  group: string
  tiers: string[][]
  words: Uint32Array
}
