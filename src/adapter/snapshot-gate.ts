/**
 * The one rule every `SnapshotReader` keeps: scans run one at a time on the snapshot's single
 * connection, and none after the snapshot ended. A misuse is a bug in the caller: TDG_INTERNAL.
 */
import { TdgError } from '../errors.js'
import type { TableRef } from '../model/schema.js'

export class SnapshotGate {
  private ended = false
  private busy = false

  /** Start a scan of `table`; throws when one is still open or the snapshot has ended. */
  enter(table: TableRef): void {
    if (this.ended) throw new TdgError('TDG_INTERNAL', `the read snapshot has ended; cannot read ${table.name}`, { table: table.name })
    if (this.busy) throw new TdgError('TDG_INTERNAL', `a snapshot scan is still open; finish it before reading ${table.name}`, { table: table.name })
    this.busy = true
  }

  /** The scan finished (or the consumer stopped early). */
  leave(): void {
    this.busy = false
  }

  /** The snapshot ended: every later read is refused. */
  close(): void {
    this.ended = true
  }
}
