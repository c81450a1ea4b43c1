/**
 * Buffered, backpressured file output: encoded text (or bytes) is collected into chunks of at least
 * `CHUNK_BYTES` and written with one `FileHandle.write` each, awaited, so memory stays bounded by one
 * chunk (plus one incoming batch) however many rows pass through, and there is never one write per row.
 */
import { createHash, type Hash } from 'node:crypto'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { type OutputFile, joinChunks } from './output-file.js'

/** Pending text is flushed once it reaches this many UTF-16 units (≥ 64 KB of bytes). */
export const CHUNK_BYTES = 256 * 1024

/** One local output file. Not safe for concurrent `write` calls: callers serialise per file. */
export class ChunkWriter implements OutputFile {
  private handle: FileHandle | undefined
  private parts: Array<string | Uint8Array> = []
  private pending = 0
  private closed = false
  private readonly hash: Hash = createHash('sha256')
  private written = 0
  private digest: string | undefined

  /**
   * `path` is created (truncated) on the first flush or on `close`, whichever comes first. With
   * `makeParent`, its directory is created first (one level only: a removed temp dir is never re-created).
   */
  constructor(
    readonly path: string,
    private readonly makeParent = false,
    readonly rel: string = path,
  ) {}

  get bytes(): number {
    return this.written
  }

  get sha256(): string | undefined {
    return this.digest
  }

  /** Append text or bytes; resolves once any full chunk has reached the file (the backpressure point). */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.closed) throw new Error(`${this.path} is already closed`)
    if (chunk.length === 0) return
    this.parts.push(chunk)
    this.pending += chunk.length
    if (this.pending >= CHUNK_BYTES) await this.flush()
  }

  /** Write what is pending and close the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return
    await this.flush()
    const fh = await this.file()
    this.closed = true
    this.handle = undefined
    this.digest = this.hash.digest('hex')
    await fh.close()
  }

  /** Close without flushing (rollback path); never throws. */
  async destroy(): Promise<void> {
    this.closed = true
    this.parts = []
    const fh = this.handle
    this.handle = undefined
    await fh?.close().catch(() => undefined)
  }

  private async file(): Promise<FileHandle> {
    if (this.handle) return this.handle
    if (this.makeParent) await mkdir(dirname(this.path)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e
    })
    this.handle = await open(this.path, 'w')
    return this.handle
  }

  private async flush(): Promise<void> {
    if (this.pending === 0) return
    const buf = joinChunks(this.parts)
    this.parts = []
    this.hash.update(buf)
    this.written += buf.length
    this.pending = 0
    const fh = await this.file()
    // FileHandle.write may write less than asked; loop until the whole chunk is on disk.
    let off = 0
    while (off < buf.length) {
      const { bytesWritten } = await fh.write(buf, off, buf.length - off)
      off += bytesWritten
    }
  }
}
