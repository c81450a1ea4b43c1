/**
 * The closure's reads of one restricted table. A full read checks every row against the parent tuples
 * still pending and (with children) against the parents' downward rows. When a table has only pending
 * parents to find, few of them and on one integer or string column, a targeted read fetches just those
 * rows (`keyIn`, in chunks), so pulling 800 products out of 10 million, or walking a reports_to chain,
 * costs small indexed reads instead of whole-table scans.
 */
import type { SnapshotReader } from '../adapter/adapter.js'
import type { RowBatch } from '../model/rows.js'
import type { Table } from '../model/schema.js'
import { tupleText } from './row-key.js'
import { IDENTITY_REF, VIA_CHILDREN, VIA_PARENTS, keepRow, rowId, scanLayout, type TableState } from './table-state.js'

/** Rows per batch of the closure's reads: they read key columns only, so batches can be large. */
export const SCAN_BATCH = 20_000
/**
 * Targeted reads only while this few tuples are pending (else one full read is cheaper). Parents are
 * read by their PK/UNIQUE columns, so each key read is an index lookup.
 */
export const TARGETED_MAX = 50_000
/** Keys per targeted read (one IN list). */
export const KEYS_PER_READ = 1000

/** A TableRef for a model table. */
export function tableRef(t: Table): { schema?: string; name: string } {
  return t.schema === undefined ? { name: t.name } : { schema: t.schema, name: t.name }
}

/** One full read of `s`: every row is checked against pending parents and (with children) downward parents. */
export async function closureScan(reader: SnapshotReader, s: TableState, withChildren: boolean): Promise<void> {
  const scan = ++s.scans
  for (const o of s.out) s.seenDown.set(o.parent, o.parent.downGen)
  for await (const batch of reader.scan(tableRef(s.table), { columns: s.columns, batchSize: SCAN_BATCH })) processBatch(s, batch, withChildren)
  s.dropDangling(scan)
}

/**
 * Read only the rows `s` still owes its children (pending tuples), when they are few and each pending
 * reference is one integer or string column. Returns false (nothing read) when that does not apply.
 * Every tuple pending at the start is looked up, so those still missing afterwards are dangling.
 */
export async function targetedScan(reader: SnapshotReader, s: TableState, withChildren: boolean): Promise<boolean> {
  const reads: Array<{ column: string; numeric: boolean; values: string[] }> = []
  let total = 0
  for (const [ref, m] of s.pending) {
    if (m.size === 0) continue
    const cols = ref === IDENTITY_REF ? s.identity.columns : s.refs.get(ref)!.columns
    if (cols.length !== 1) return false
    const kind = s.table.columns.find((c) => c.name === cols[0])?.type.kind
    // Other types (dates, decimals, binary) have no key text every dialect reads back as the same value.
    if (kind !== 'integer' && kind !== 'string' && kind !== 'text' && kind !== 'uuid') return false
    const values = [...m.keys()]
    // SQLite lets an INTEGER column hold text: such keys go through a full read.
    if (kind === 'integer' && !values.every((v) => /^-?\d+$/.test(v))) return false
    total += m.size
    reads.push({ column: cols[0]!, numeric: kind === 'integer', values })
  }
  if (reads.length === 0 || total > TARGETED_MAX) return false
  const scan = ++s.scans
  for (const r of reads) {
    for (let i = 0; i < r.values.length; i += KEYS_PER_READ) {
      const keyIn = { column: r.column, numeric: r.numeric, values: r.values.slice(i, i + KEYS_PER_READ) }
      for await (const batch of reader.scan(tableRef(s.table), { columns: s.columns, batchSize: SCAN_BATCH, keyIn })) processBatch(s, batch, withChildren)
    }
  }
  s.dropDangling(scan)
  return true
}

/** Keep the rows of `batch` that a pending parent tuple or (with children) a downward parent asks for. */
function processBatch(s: TableState, batch: RowBatch, withChildren: boolean): void {
  const lay = scanLayout(s, batch.columns)
  const pending = [...s.pending.entries()].filter(([, m]) => m.size > 0).map(([r, m]) => ({ m, idx: r === IDENTITY_REF ? lay.id : lay.refs.find((x) => x.ref === r)!.idx }))
  for (const row of batch.rows) {
    let bits = 0
    for (const p of pending) {
      const t = tupleText(row, p.idx)
      if (t !== undefined && p.m.has(t)) bits |= VIA_PARENTS
    }
    if (withChildren) {
      for (const { o, idx } of lay.out) {
        const t = tupleText(row, idx)
        if (t !== undefined && o.parent.has(o.ref, t, true)) {
          bits |= VIA_CHILDREN
          break
        }
      }
    }
    if (bits === 0) continue
    const id = rowId(s, lay, row)
    if (id !== undefined) keepRow(s, lay, id, row, bits)
  }
}
