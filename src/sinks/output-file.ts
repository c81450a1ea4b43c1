/**
 * One output file of a file target, wherever it lives: a file in the target's temporary directory
 * (`ChunkWriter`) or, for `s3://` destinations, an object uploaded as it is written. The file writer
 * only ever talks to this shape, so formats (text or binary) and destinations combine freely.
 */

/** One output file. Not safe for concurrent `write` calls: callers serialise per file. */
export interface OutputFile {
  /** Path relative to the output root (`003-orders.csv`, `fixups/orders.csv`). */
  readonly rel: string
  /**
   * Append text (written as UTF-8) or bytes; resolves at the backpressure point (memory stays bounded).
   * Bytes are handed over, not copied: the caller must not change them afterwards.
   */
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

/** Pending chunks as one buffer to write: text joined and encoded once, bytes concatenated. */
export function joinChunks(parts: ReadonlyArray<string | Uint8Array>): Buffer {
  if (parts.every((p) => typeof p === 'string')) return Buffer.from(parts.length === 1 ? (parts[0] as string) : parts.join(''), 'utf8')
  // One block of bytes (a Parquet row group: megabytes) is written as it is, not copied.
  const only = parts.length === 1 ? parts[0] : undefined
  if (only instanceof Uint8Array) return Buffer.from(only.buffer, only.byteOffset, only.byteLength)
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)))
}
