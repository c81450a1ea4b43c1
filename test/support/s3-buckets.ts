/**
 * The run's S3 server (see global-setup.ts) for test files: availability, the environment a `tdg`
 * child process needs to reach it through the standard AWS variables, a client, and fresh buckets
 * (`tdg-test-<random>`) emptied and dropped afterwards.
 */
import { randomBytes } from 'node:crypto'
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3'
import { inject } from 'vitest'
import './provided-context.js'
import type { S3Endpoint } from './s3-server.js'

/** True when globalSetup found or started an S3 server. */
export function s3Available(): boolean {
  return inject('s3') !== null
}

/** Why S3 suites are skipped ('' when they are not). */
export function s3MissingReason(): string {
  return inject('s3Missing') ?? ''
}

/** The server; throws when there is none (guard with `s3Available()`). */
export function s3Server(): S3Endpoint {
  const s = inject('s3')
  if (s === null) throw new Error(s3MissingReason() || 'no S3 server for tests')
  return s
}

/** Environment for a child `tdg`: the server through the standard AWS variables (credential chain, AWS_ENDPOINT_URL). */
export function s3Env(s: S3Endpoint = s3Server()): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: s.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s.secretAccessKey,
    AWS_ENDPOINT_URL: s.endpoint,
    AWS_REGION: s.region,
    // No shared config or instance metadata lookups from a developer's machine.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
}

/** A client of the server (path-style). */
export function s3Client(s: S3Endpoint = s3Server()): S3Client {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  return new S3Client({ endpoint: s.endpoint, region: s.region, forcePathStyle: true, credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } })
}

export interface FreshBucket {
  name: string
  client: S3Client
  /** Keys under `prefix` with their sizes, sorted. */
  list(prefix?: string): Promise<Array<{ key: string; size: number }>>
  /** An object's bytes. */
  get(key: string): Promise<Buffer>
  /** Multipart uploads not completed nor aborted, under `prefix`. */
  pendingUploads(prefix?: string): Promise<Array<{ key: string; uploadId: string }>>
  /** Empty the bucket (objects and pending uploads) and delete it. */
  drop(): Promise<void>
}

/** Create an empty bucket `tdg-test-<random>`. */
export async function freshBucket(): Promise<FreshBucket> {
  const client = s3Client()
  const name = `tdg-test-${randomBytes(6).toString('hex')}`
  await client.send(new CreateBucketCommand({ Bucket: name }))
  const list = async (prefix = '') => {
    const out: Array<{ key: string; size: number }> = []
    let token: string | undefined
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: name, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }))
      for (const o of page.Contents ?? []) out.push({ key: o.Key as string, size: o.Size ?? 0 })
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }
  const pendingUploads = async (prefix = '') => {
    const page = await client.send(new ListMultipartUploadsCommand({ Bucket: name, Prefix: prefix }))
    return (page.Uploads ?? []).map((u) => ({ key: u.Key as string, uploadId: u.UploadId as string }))
  }
  return {
    name,
    client,
    list,
    pendingUploads,
    async get(key) {
      const r = await client.send(new GetObjectCommand({ Bucket: name, Key: key }))
      return Buffer.from(await (r.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())
    },
    async drop() {
      for (const u of await pendingUploads()) await client.send(new AbortMultipartUploadCommand({ Bucket: name, Key: u.key, UploadId: u.uploadId }))
      for (const o of await list()) await client.send(new DeleteObjectCommand({ Bucket: name, Key: o.key }))
      await client.send(new DeleteBucketCommand({ Bucket: name }))
      client.destroy()
    },
  }
}
