import { rmSync } from 'node:fs'

/**
 * Temp and set-aside directories of file transactions in progress (file-target.ts adds and removes them),
 * for `removePendingOutputSync`. A module of its own so that the CLI's signal handling can import it at
 * start-up without the file sinks (and their Parquet writer).
 */
export const pendingOutput = new Set<string>()

/**
 * Remove, synchronously, every temp directory of a file transaction still in progress: for a process
 * that must exit now (a second Ctrl-C) and cannot wait for the rollback path. Never throws.
 */
export function removePendingOutputSync(): void {
  for (const p of pendingOutput) {
    if (p.includes('.tdg-old-')) continue // an earlier output set aside mid-swap is the user's data: leave it
    try {
      rmSync(p, { recursive: true, force: true })
    } catch {
      // best effort on the way out
    }
  }
  pendingOutput.clear()
}
