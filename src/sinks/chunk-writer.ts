/**
 * Buffered, backpressured file output: encoded text is collected into chunks of at least
 * `CHUNK_BYTES` and written with one `FileHandle.write` each, awaited, so memory stays bounded by one
 * chunk (plus one incoming batch) however many rows pass through, and there is never one write per row.
 */
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Pending text is flushed once it reaches this many UTF-16 units (≥ 64 KB of bytes). */
export const CHUNK_BYTES = 256 * 1024

/** One output file. Not safe for concurrent `write` calls: callers serialise per file. */
export class ChunkWriter {
  private handle: FileHandle | undefined
  private parts: string[] = []
  private pending = 0
  private closed = false

  /**
   * `path` is created (truncated) on the first flush or on `close`, whichever comes first. With
   * `makeParent`, its directory is created first (one level only: a removed temp dir is never re-created).
   */
  constructor(
    readonly path: string,
    private readonly makeParent = false,
  ) {}

  /** Append text; resolves once any full chunk has reached the file (the backpressure point). */
  async write(text: string): Promise<void> {
    if (this.closed) throw new Error(`${this.path} is already closed`)
    if (text.length === 0) return
    this.parts.push(text)
    this.pending += text.length
    if (this.pending >= CHUNK_BYTES) await this.flush()
  }

  /** Write what is pending and close the file. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return
    await this.flush()
    const fh = await this.file()
    this.closed = true
    this.handle = undefined
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
    const buf = Buffer.from(this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join(''), 'utf8')
    this.parts = []
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
