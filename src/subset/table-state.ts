/**
 * What the subset closure holds per restricted table: key texts only, never rows. `kept` maps each kept
 * row's identity text to how it was reached (bits below); FKs that reference other columns than the
 * identity (a UNIQUE non-PK key) get their own sets of projected key texts. `pending` holds parent key
 * tuples some kept row needs and that no kept row has yet, each stamped with the scan count when it was
 * asked for, so a tuple still missing after a whole scan that started after it was asked for is known to
 * be absent from the source (a dangling reference) rather than waited for forever.
 */
import type { Value } from '../model/rows.js'
import type { Table } from '../model/schema.js'
import { identityText, rowIdentity, tupleText, type RowIdentity } from './row-key.js'
import type { SubsetEdge } from './subset-graph.js'

/** Picked by the table's own spec. */
export const SELECTED = 1
/** Reaches a selected/downward row through one of its FKs (`--with-children`). */
export const VIA_CHILDREN = 2
/** A kept row references it (upward closure). */
export const VIA_PARENTS = 4
/** Rows whose children `--with-children` follows. */
export const DOWNWARD = SELECTED | VIA_CHILDREN

/** The identity's own reference key (an FK to exactly the identity columns, same order). */
export const IDENTITY_REF = '#identity'

interface RefSet {
  columns: string[]
  kept: Set<string>
  down: Set<string>
}

/** An FK of this table to a restricted parent. */
export interface OutEdge {
  edge: SubsetEdge
  parent: TableState
  /** The parent's reference key for `edge.parentColumns`. */
  ref: string
}

export class TableState {
  readonly identity: RowIdentity
  /** identity text → SELECTED | VIA_CHILDREN | VIA_PARENTS bits. */
  readonly kept = new Map<string, number>()
  /** Reference keys other than the identity (FKs to a UNIQUE), by `refKey(columns)`. */
  readonly refs = new Map<string, RefSet>()
  readonly pending = new Map<string, Map<string, number>>()
  readonly out: OutEdge[] = []
  /** Columns every scan of this table reads: identity, FK columns, referenced columns. */
  columns: string[] = []
  /** Scans started by the closure. */
  scans = 0
  /** Bumped whenever a row becomes DOWNWARD: children must look again. */
  downGen = 0
  /** The parents' `downGen` when this table's last closure scan started. */
  readonly seenDown = new Map<TableState, number>()
  /** Referenced tuples found missing from the source after a full scan. */
  dangling = 0

  constructor(
    readonly key: string,
    readonly table: Table,
  ) {
    this.identity = rowIdentity(table)
  }

  /** The reference key for an FK that points at `columns` of this table, registering its sets. */
  refFor(columns: string[]): string {
    if (!this.identity.wholeRow && columns.length === this.identity.columns.length && columns.every((c, i) => c === this.identity.columns[i])) return IDENTITY_REF
    const k = JSON.stringify(columns)
    if (!this.refs.has(k)) this.refs.set(k, { columns, kept: new Set(), down: new Set() })
    return k
  }

  /** Whether a kept row (with `downward`: a selected or downward one) holds `tuple` in the `ref` columns. */
  has(ref: string, tuple: string, downward = false): boolean {
    if (ref === IDENTITY_REF) {
      const b = this.kept.get(tuple)
      return b !== undefined && (!downward || (b & DOWNWARD) !== 0)
    }
    const r = this.refs.get(ref)!
    return downward ? r.down.has(tuple) : r.kept.has(tuple)
  }

  pendingCount(): number {
    let n = 0
    for (const m of this.pending.values()) n += m.size
    return n
  }

  /** Ask for the row whose `ref` columns hold `tuple` (a kept child references it). */
  require(ref: string, tuple: string): void {
    if (this.has(ref, tuple)) return
    let m = this.pending.get(ref)
    if (!m) this.pending.set(ref, (m = new Map()))
    if (!m.has(tuple)) m.set(tuple, this.scans)
  }

  /** Drop tuples asked for before scan number `scan` started and still missing: they are not in the source. */
  dropDangling(scan: number): void {
    for (const m of this.pending.values()) {
      for (const [t, stamp] of m) {
        if (stamp < scan) {
          m.delete(t)
          this.dangling++
        }
      }
    }
  }
}

/** Positions of a scan's columns, computed once per scan. */
export interface ScanLayout {
  id: number[]
  refs: Array<{ ref: string; idx: number[] }>
  out: Array<{ o: OutEdge; idx: number[] }>
}

export function scanLayout(s: TableState, columns: string[]): ScanLayout {
  const at = (names: string[]) => names.map((n) => columns.indexOf(n))
  return {
    id: at(s.identity.columns),
    refs: [...s.refs.entries()].map(([ref, r]) => ({ ref, idx: at(r.columns) })),
    out: s.out.map((o) => ({ o, idx: at(o.edge.childColumns) })),
  }
}

/**
 * Record that the row `row` (laid out by `lay`) is kept for `bits`. New rows register their reference
 * tuples (settling what was pending on them) and ask for their parents; rows that become DOWNWARD add
 * their tuples to the downward sets and bump `downGen`. Returns whether anything changed.
 */
export function keepRow(s: TableState, lay: ScanLayout, id: string, row: Value[], bits: number): boolean {
  const cur = s.kept.get(id) ?? 0
  if ((bits & ~cur) === 0) return false
  s.kept.set(id, cur | bits)
  const tuples = lay.refs.map((r) => ({ ref: r.ref, t: tupleText(row, r.idx) }))
  if (cur === 0) {
    s.pending.get(IDENTITY_REF)?.delete(id)
    for (const { ref, t } of tuples) {
      if (t === undefined) continue
      s.refs.get(ref)!.kept.add(t)
      s.pending.get(ref)?.delete(t)
    }
    for (const { o, idx } of lay.out) {
      const t = tupleText(row, idx)
      if (t !== undefined) o.parent.require(o.ref, t)
    }
  }
  if ((bits & DOWNWARD) !== 0 && (cur & DOWNWARD) === 0) {
    for (const { ref, t } of tuples) if (t !== undefined) s.refs.get(ref)!.down.add(t)
    s.downGen++
  }
  return true
}

/** The identity text of a row for `s`, laid out by `lay`. */
export function rowId(s: TableState, lay: ScanLayout, row: Value[]): string | undefined {
  return identityText(row, lay.id, s.identity.wholeRow)
}
