/**
 * One output file as an S3 object, uploaded while it is written: text and bytes are collected into
 * chunks (as `ChunkWriter` does) and fed to lib-storage's `Upload` through a PassThrough, which cuts
 * them into parts and sends up to `queueSize` at once. Nothing is kept on disk; memory per file stays
 * within one part being filled plus the parts in flight. A file smaller than one part becomes a single
 * PutObject. The object appears only when `close` completes the upload; until then it is invisible.
 */
import { createHash, type Hash } from 'node:crypto'
import { PassThrough } from 'node:stream'
import type { S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { CHUNK_BYTES } from '../chunk-writer.js'
import { type OutputFile, joinChunks } from '../output-file.js'
import { s3Failure } from './s3-errors.js'

/** Part size of multipart uploads (S3's minimum is 5 MiB); also the most one open file holds unsent. */
export const PART_BYTES = 8 * 1024 * 1024
/** Parts of one object in flight at once. */
export const PARTS_IN_FLIGHT = 4

/** Where one object goes. */
export interface S3ObjectPlace {
  client: S3Client
  bucket: string
  key: string
  /** `s3://bucket/prefix/`, for messages. */
  url: string
  contentType?: string
}

/** Why a file's stream ends early on rollback (never shown: the upload's rejection is swallowed). */
class RolledBack extends Error {}

/** One object being uploaded. Not safe for concurrent `write` calls: callers serialise per file. */
export class S3ObjectFile implements OutputFile {
  private readonly body = new PassThrough({ highWaterMark: CHUNK_BYTES })
  private readonly finished: Promise<void>
  private failure: unknown
  /** Set while a write waits for 'drain': fails that wait when the upload fails instead. */
  private stalled: ((e: unknown) => void) | undefined
  private parts: Array<string | Uint8Array> = []
  private pending = 0
  private state: 'open' | 'closed' | 'destroyed' = 'open'
  private readonly hash: Hash = createHash('sha256')
  private written = 0
  private digest: string | undefined
  /** True once the object exists on the server (the upload completed). */
  completed = false

  constructor(
    private readonly place: S3ObjectPlace,
    readonly rel: string,
  ) {
    const upload = new Upload({
      client: place.client,
      params: { Bucket: place.bucket, Key: place.key, Body: this.body, ...(place.contentType ? { ContentType: place.contentType } : {}) },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      // On any failure the upload aborts its multipart upload itself, after its parts in flight settle.
      leavePartsOnError: false,
    })
    // Started now, so the PassThrough is drained as it fills; settles when the object exists or the
    // multipart upload has been aborted.
    this.finished = upload.done().then(
      () => {
        this.completed = true
      },
      (e: unknown) => {
        this.failure ??= e
        this.stalled?.(e)
        throw e
      },
    )
    this.finished.catch(() => undefined)
  }

  /** The object's key. */
  get key(): string {
    return this.place.key
  }

  get bytes(): number {
    return this.written
  }

  get sha256(): string | undefined {
    return this.digest
  }

  /** Append text or bytes; resolves once any full chunk has been taken by the upload (backpressure). */
  async write(chunk: string | Uint8Array): Promise<void> {
    if (this.state !== 'open') throw new Error(`${this.rel} is already closed`)
    if (chunk.length === 0) return
    this.parts.push(chunk)
    this.pending += chunk.length
    if (this.pending >= CHUNK_BYTES) await this.flush()
  }

  /** Send what is pending and complete the upload: the object exists when this resolves. Idempotent. */
  async close(): Promise<void> {
    if (this.state === 'closed') return
    if (this.state === 'destroyed') throw new Error(`${this.rel} was rolled back`)
    await this.flush()
    this.state = 'closed'
    this.body.end()
    try {
      await this.finished
    } catch (e) {
      throw s3Failure('TDG_WRITE_FAILED', this.place.url, e, this.rel)
    }
    this.digest = this.hash.digest('hex')
  }

  /**
   * Cancel the upload (rollback path): its multipart upload is aborted once the parts in flight settle.
   * A completed object is left alone (the target deletes it). Never throws.
   */
  async destroy(): Promise<void> {
    if (this.state === 'destroyed') return
    const wasOpen = this.state === 'open'
    this.state = 'destroyed'
    this.parts = []
    if (wasOpen) this.body.destroy(new RolledBack('rolled back'))
    await this.finished.catch(() => undefined)
  }

  private async flush(): Promise<void> {
    if (this.pending === 0) return
    const buf = joinChunks(this.parts)
    this.parts = []
    this.pending = 0
    if (this.failure !== undefined) throw s3Failure('TDG_WRITE_FAILED', this.place.url, this.failure, this.rel)
    this.hash.update(buf)
    this.written += buf.length
    if (this.body.write(buf)) return
    // Full: wait until the upload takes more, or fails (then nothing will ever drain the stream).
    try {
      await new Promise<void>((resolve, reject) => {
        const onDrain = () => resolve()
        this.body.once('drain', onDrain)
        this.stalled = (e) => {
          this.body.off('drain', onDrain)
          reject(s3Failure('TDG_WRITE_FAILED', this.place.url, e, this.rel))
        }
      })
    } finally {
      this.stalled = undefined
    }
  }
}
