/**
 * One output file of a file target, wherever it lives: a file in the target's temporary directory
 * (`ChunkWriter`) or, for `s3://` destinations, an object uploaded as it is written. The file writer
 * only ever talks to this shape, so formats (text or binary) and destinations combine freely.
 */

/** One output file. Not safe for concurrent `write` calls: callers serialise per file. */
export interface OutputFile {
  /** Path relative to the output root (`003-orders.csv`, `fixups/orders.csv`). */
  readonly rel: string
  /** Append text (written as UTF-8) or bytes; resolves at the backpressure point (memory stays bounded). */
  write(chunk: string | Uint8Array): Promise<void>
  /** Write what is pending and finish the file. Idempotent. */
  close(): Promise<void>
  /** Drop the file without finishing it (rollback path); never throws. */
  destroy(): Promise<void>
  /** Bytes written so far (all of them once closed). */
  readonly bytes: number
  /** Lower-case hex SHA-256 of every byte written; available once closed. */
  readonly sha256: string | undefined
}

/** Opens the output file `rel` (created on first flush or on close); `inSubdir`: it lives one directory down. */
export type OpenOutputFile = (rel: string, inSubdir: boolean) => OutputFile
