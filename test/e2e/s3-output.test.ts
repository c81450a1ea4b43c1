/**
 * Issue 13 §2/§5: `--output s3://bucket/prefix/` (and `--export-to`) against a real S3 server (Ceph
 * radosgw on loopback, started by the test support). Objects read back equal the local output of the
 * same seed byte for byte, the manifest is the same and its sha256 match the objects; a run that fails
 * mid-upload (Ctrl-C, a row stream that breaks) leaves no object and no pending multipart upload; a
 * prefix holding other objects is refused without --force; a second run replaces the first as a whole.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateFiles } from '../../src/compose/generate-files.js'
import { loadSchema } from '../../src/compose/load-schema.js'
import type { RowBatch } from '../../src/model/rows.js'
import { buildPlan } from '../../src/plan/build-plan.js'
import { openOutputTarget } from '../../src/sinks/output-target.js'
import { freshBucket, s3Available, s3Env, s3MissingReason, s3Server, type FreshBucket } from '../support/s3-buckets.js'
import { repoRoot, runCli } from '../support/run-cli.js'
import { TestDataGenerator } from '../../src/index.js'

const available = s3Available()
if (!available) console.warn(`[s3-output] skipped: ${s3MissingReason()}`)

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** Every file under `dir`, path relative to it → bytes. */
function localTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out.set(relative(dir, p), readFileSync(p))
    }
  }
  walk(dir)
  return out
}

interface ManifestEntry {
  file: string
  rows: number
  bytes: number
  sha256: string
}

describe.skipIf(!available)('generate to s3://', () => {
  let bucket: FreshBucket
  let dir: string
  const env = () => s3Env()
  const gen = (...args: string[]) => ['generate', '--schema', 'examples/shop.sql', '--seed', '13', '--now', '2026-01-01', '-q', ...args]

  beforeAll(async () => {
    bucket = await freshBucket()
    dir = mkdtempSync(join(tmpdir(), 'tdg-s3-out-'))
  })
  afterAll(async () => {
    await bucket?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  /** Objects under `prefix`, key relative to it → bytes. */
  async function objects(prefix: string): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>()
    for (const o of await bucket.list(prefix)) out.set(o.key.slice(prefix.length), await bucket.get(o.key))
    return out
  }

  // orders at ~47 bytes a row: 200k rows are ~9 MB, more than one 8 MiB part, so the csv run uploads
  // that file as a real multipart upload; the other formats stay small (single PutObjects).
  for (const [format, sizes] of [
    ['csv', ['--rows', '50', '--rows-per-table', 'orders=200000']],
    ['ndjson', ['--rows', '300']],
    ['json', ['--rows', '300']],
    ['sql', ['--rows', '300']],
    ['parquet', ['--rows', '300', '--max-rows-per-file', '200']],
  ] as const) {
    it(`${format}: the objects equal the local output of the same seed byte for byte; the manifest's sha256 match`, async () => {
      const local = join(dir, `local-${format}`)
      const l = await runCli(gen('--format', format, ...sizes, '--output', local), { timeoutMs: 120_000 })
      expect(l.stderr).toBe('')
      expect(l.code).toBe(0)
      const s = await runCli(gen('--format', format, ...sizes, '--output', `s3://${bucket.name}/runs/${format}`), { env: env(), timeoutMs: 120_000 })
      expect(s.stderr).toBe('')
      expect(s.code).toBe(0)
      // The same summary, times aside: table and rows per line.
      const counts = (out: string) => out.split('\n').map((line) => line.split(/\s+/).slice(0, 2).join(' '))
      expect(counts(s.stdout)).toEqual(counts(l.stdout))
      const want = localTree(local)
      const got = await objects(`runs/${format}/`)
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
      for (const [rel, bytes] of want) expect(sha256(got.get(rel) as Buffer), rel).toBe(sha256(bytes))
      const manifest = JSON.parse((got.get('manifest.json') as Buffer).toString('utf8')) as { tables: ManifestEntry[]; seed: number; format: string }
      expect(manifest.format).toBe(format)
      expect(manifest.seed).toBe(13)
      for (const t of manifest.tables) {
        const obj = got.get(t.file) as Buffer
        expect(t.bytes, t.file).toBe(obj.length)
        expect(t.sha256, t.file).toBe(sha256(obj))
        expect(t.rows).toBeGreaterThan(0)
      }
      if (format === 'csv') expect((got.get('002-orders.csv') as Buffer).length).toBeGreaterThan(8 * 1024 * 1024)
      expect(await bucket.pendingUploads()).toEqual([])
    }, 180_000)
  }

  it('--export-to is an alias of --output', async () => {
    const a = await runCli(gen('--rows', '40', '--export-to', `s3://${bucket.name}/alias/`), { env: env() })
    expect(a.code).toBe(0)
    const b = await runCli(gen('--rows', '40', '--output', join(dir, 'alias-local')), {})
    expect(b.code).toBe(0)
    const got = await objects('alias/')
    const want = localTree(join(dir, 'alias-local'))
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
    for (const [rel, bytes] of want) expect(got.get(rel)?.equals(bytes), rel).toBe(true)
  })

  it('a second run replaces the earlier output as a whole', async () => {
    const url = `s3://${bucket.name}/again/`
    expect((await runCli(gen('--rows', '20', '--output', url), { env: env() })).code).toBe(0)
    expect((await bucket.list('again/')).map((o) => o.key)).toContain('again/001-customers.csv')
    const r = await runCli(gen('--rows', '20', '--format', 'ndjson', '--output', url), { env: env() })
    expect(r.code).toBe(0)
    const keys = (await bucket.list('again/')).map((o) => o.key.slice('again/'.length))
    expect(keys.filter((k) => k.endsWith('.csv'))).toEqual([])
    expect(keys.sort()).toEqual(['001-customers.ndjson', '002-orders.ndjson', '003-products.ndjson', '004-order_items.ndjson', 'manifest.json'])
  })

  it('refuses a prefix holding objects that are not tdg output unless --force', async () => {
    await bucket.client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'mine/notes.txt', Body: 'keep me' }))
    const r = await runCli(gen('--rows', '20', '--output', `s3://${bucket.name}/mine/`), { env: env() })
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toMatch(/^tdg: error TDG_USAGE: s3:\/\/tdg-test-\w+\/mine\/: the prefix holds objects that are not tdg output \(no manifest\.json\); pass --force/)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect((await bucket.list('mine/')).map((o) => o.key)).toEqual(['mine/notes.txt'])
    const f = await runCli(gen('--rows', '20', '--output', `s3://${bucket.name}/mine/`, '--force'), { env: env() })
    expect(f.code).toBe(0)
    expect((await bucket.list('mine/')).map((o) => o.key)).not.toContain('mine/notes.txt')
    expect((await bucket.list('mine/')).map((o) => o.key)).toContain('mine/manifest.json')
  })

  it('Ctrl-C mid-upload: no object, no pending multipart upload, and stderr says what was cleaned up', async () => {
    // Keep an earlier output there: a failure before the commit leaves it exactly as it was.
    const url = `s3://${bucket.name}/cut/`
    expect((await runCli(gen('--rows', '20', '--output', url), { env: env() })).code).toBe(0)
    const before = await objects('cut/')
    const child = spawn(process.execPath, [`${repoRoot}bin/tdg.js`, ...gen('--rows', '3000000', '--rows-per-table', 'customers=2000', '--output', url)], {
      cwd: repoRoot,
      env: { ...process.env, ...env(), FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    // Interrupt only once a multipart upload is really in flight on the server.
    const deadline = Date.now() + 90_000
    let seen = 0
    while (Date.now() < deadline && child.exitCode === null) {
      seen = (await bucket.pendingUploads('cut/')).length
      if (seen > 0) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(seen).toBeGreaterThan(0)
    child.kill('SIGINT')
    const code = await exited
    expect(code).toBe(130)
    const lines = stderr.trim().split('\n')
    expect(lines.at(-1)).toBe('tdg: interrupted, rolled back')
    expect(stderr).toMatch(/^tdg: s3:\/\/tdg-test-\w+\/cut\/: rolled back: \d+ uploads? cancelled, 0 objects deleted; nothing of this run is left$/m)
    expect(await bucket.pendingUploads()).toEqual([])
    const after = await objects('cut/')
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
    for (const [k, v] of before) expect(after.get(k)?.equals(v), k).toBe(true)
  }, 150_000)

  it('a row stream that fails mid-table (programmatic): its multipart upload is aborted, nothing is left', async () => {
    const { model } = await loadSchema({ kind: 'file', path: join(repoRoot, 'examples/shop.sql') })
    const customers = model.tables.find((t) => t.name === 'customers')!
    const server = s3Server()
    const lines: string[] = []
    const target = openOutputTarget({
      output: `s3://${bucket.name}/broken/`,
      format: 'csv',
      tables: model.tables,
      s3: { endpoint: server.endpoint, region: server.region, credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } },
      report: (l) => lines.push(l),
    })
    const cols = customers.columns.filter((c) => !c.generated).map((c) => c.name)
    let sent = 0
    async function* rows(): AsyncIterable<RowBatch> {
      for (let b = 0; ; b++) {
        const batch: RowBatch = { columns: cols, rows: [] }
        for (let i = 0; i < 1000; i++) {
          const id = b * 1000 + i + 1
          batch.rows.push(cols.map((c) => (c === 'id' ? id : c === 'created_at' ? '2025-01-01 00:00:00' : c === 'referred_by' ? null : `${c}-${id}-${'x'.repeat(60)}`)))
        }
        sent += 1000
        yield batch
        // Past two 8 MiB parts, wait until the server lists the upload, then break the stream.
        if (sent >= 200_000 && (await bucket.pendingUploads('broken/')).length > 0) throw new Error('the row source broke')
      }
    }
    await expect(target.transaction((w) => w.insert({ name: 'customers' }, rows()))).rejects.toThrow('the row source broke')
    await target.close()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/broken\/: rolled back: 1 upload cancelled, 0 objects deleted; nothing of this run is left$/)
    expect(await bucket.pendingUploads()).toEqual([])
    expect(await bucket.list('broken/')).toEqual([])
  }, 120_000)

  it('tdg export (SQLite source) to s3:// equals the same export to a directory', async () => {
    const db = join(dir, 'export-src.db')
    expect((await runCli(['seed', '--db', `sqlite:${db}`, '--schema', 'examples/shop.sql', '--create', '--rows', '60', '--seed', '3', '-q'])).code).toBe(0)
    const local = join(dir, 'export-local')
    const l = await runCli(['export', '--db', `sqlite:${db}`, '--format', 'ndjson', '--output', local, '-q'])
    expect(l.code).toBe(0)
    const s = await runCli(['export', '--db', `sqlite:${db}`, '--format', 'ndjson', '--output', `s3://${bucket.name}/export/`, '-q'], { env: env() })
    expect(s.stderr).toBe('')
    expect(s.code).toBe(0)
    const got = await objects('export/')
    const want = localTree(local)
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
    expect(want.size).toBe(5)
    for (const [rel, bytes] of want) expect(got.get(rel)?.equals(bytes), rel).toBe(true)
  })

  it('generator.export({ format: "parquet", destination: "s3://…" }) (the issue\'s form, S3 from the environment) equals the local export', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, s3Env())
    try {
      const generator = new TestDataGenerator()
      await generator.loadSchema(join(repoRoot, 'examples/shop.sql'))
      await generator.generate({ rows: 40, seed: 21 })
      const s = await generator.export({ format: 'parquet', destination: `s3://${bucket.name}/sdk/` })
      const local = join(dir, 'sdk-local')
      await generator.export({ format: 'parquet', destination: local })
      const got = await objects('sdk/')
      const want = localTree(local)
      expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
      for (const [rel, bytes] of want) expect(sha256(got.get(rel) as Buffer), rel).toBe(sha256(bytes))
      expect(s.rows).toBeGreaterThan(0)
      expect(await bucket.pendingUploads()).toEqual([])
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
      Object.assign(process.env, saved)
    }
  })

  it('generateFiles takes s3:// and explicit S3 options (the programmatic form)', async () => {
    const { model } = await loadSchema({ kind: 'file', path: join(repoRoot, 'examples/shop.sql') })
    const plan = buildPlan(model, { seed: 5, rows: 30, now: Date.UTC(2026, 0, 1) / 1000 })
    const server = s3Server()
    const summary = await generateFiles({
      model,
      plan,
      output: `s3://${bucket.name}/api`,
      s3: { endpoint: server.endpoint, credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey } },
    })
    const local = join(dir, 'api-local')
    await generateFiles({ model, plan, output: local })
    const got = await objects('api/')
    const want = localTree(local)
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
    for (const [rel, bytes] of want) expect(got.get(rel)?.equals(bytes), rel).toBe(true)
    expect(summary.rows).toBe(120)
  })
})
