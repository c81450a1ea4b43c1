/**
 * `npm run bench -- --only s3`: W2 rows (1M by default) written as CSV to S3 — a throwaway Ceph
 * radosgw on loopback (test/support/s3-server.ts, memstore OSD) — against the same plan written to a
 * local directory, in the same run; the ratio is the S3 rate over the local one. Both go through
 * `generateFiles`, the code path of `tdg generate --output`, and the manifests (sha256 per file) are
 * compared, so both sides wrote identical bytes. Skipped with a notice when radosgw cannot start.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { ddlParser } from '../adapters/index.js'
import { generateFiles } from '../src/compose/generate-files.js'
import { buildPlan } from '../src/plan/build-plan.js'
import { startLocalS3, type LocalS3 } from '../test/support/s3-server.js'
import { load1, rate, timed } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { BENCH_SEED, W2_POSTGRES } from './support/schemas.js'

interface Manifest {
  tables: Array<{ file: string; rows: number; bytes: number; sha256: string }>
}

/** The W2 → S3 line, or none (with a notice) when no S3 server can be started here. */
export async function s3Write(rows: number, work: string, log: (msg: string) => void): Promise<BenchResult[]> {
  let server: LocalS3
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  log(`s3: starting radosgw (load ${load1()})`)
  try {
    server = await startLocalS3()
  } catch (e) {
    log(`s3: SKIPPED: ${e instanceof Error ? e.message : String(e)}`)
    return []
  }
  try {
    const credentials = { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey }
    const client = new S3Client({ endpoint: server.endpoint, region: server.region, forcePathStyle: true, credentials })
    await client.send(new CreateBucketCommand({ Bucket: 'tdg-bench' }))
    const { model } = await (await ddlParser('postgres'))(W2_POSTGRES)
    const plan = buildPlan(model, { rows, seed: BENCH_SEED })
    const local = join(work, 's3-local')
    const loadLocal = load1()
    log(`s3: W2 ${rows} rows as CSV to a local directory (load ${loadLocal})`)
    const l = await timed(() => generateFiles({ model, plan, output: local, format: 'csv' }))
    const loadS3 = load1()
    log(`s3: the same rows as CSV to s3://tdg-bench/w2/ on radosgw (load ${loadS3})`)
    const s = await timed(() => generateFiles({ model, plan, output: 's3://tdg-bench/w2/', format: 'csv', s3: { endpoint: server.endpoint, credentials } }))
    const want = JSON.parse(readFileSync(join(local, 'manifest.json'), 'utf8')) as Manifest
    const got = JSON.parse(await (await client.send(new GetObjectCommand({ Bucket: 'tdg-bench', Key: 'w2/manifest.json' }))).Body!.transformToString()) as Manifest
    if (JSON.stringify(got.tables) !== JSON.stringify(want.tables)) throw new Error('s3: the S3 objects differ from the local files (manifest sha256)')
    client.destroy()
    const bytes = want.tables.reduce((n, t) => n + t.bytes, 0)
    const mbps = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0)
    const sRate = rate(s.value.rows, s.ms)
    const lRate = rate(l.value.rows, l.ms)
    return [
      {
        workload: 'W2 → S3 csv (radosgw)',
        rows: s.value.rows,
        tdg: { ms: s.ms, rowsPerSec: sRate },
        baseline: { name: 'same CSV to local disk', ms: l.ms, rowsPerSec: lRate },
        ratio: sRate / lRate,
        target: 'S3 rate / local rate (no target)',
        met: true,
        info: true,
        load: loadS3,
        note: `${(bytes / 1e6).toFixed(0)} MB, identical sha256; S3 ${mbps(s.ms)} MB/s vs local ${mbps(l.ms)} MB/s (8 MiB parts, 4 in flight; radosgw on a memstore OSD, loopback; local load ${loadLocal})`,
      },
    ]
  } finally {
    server.stop()
    rmSync(join(work, 's3-local'), { recursive: true, force: true })
  }
}
