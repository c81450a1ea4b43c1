/**
 * `tdg serve` under a bounded load (issue 14's benchmark; not a test): a real server process on loopback,
 * autocannon 10 s × 50 connections on `GET /v1/jobs`, then 10 s × 50 connections of `POST /v1/jobs` of
 * tiny generate jobs (1 row per table, each into its own directory). Reports req/s and p99 latency of
 * each, and checks that nothing was lost: every accepted job reaches a final state.
 * Run alone: `npx tsc -p bench/tsconfig.json && node dist-bench/bench/serve-load.js`, or `npm run bench -- --only serve`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchResult } from './support/report.js'

interface CannonResult {
  requests: { average: number; total: number }
  latency: { p99: number }
  statusCodeStats?: Record<string, { count: number }>
  non2xx: number
  errors: number
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', ...(here.includes('dist-bench') ? ['..'] : []))
const tdg = join(repo, 'bin', 'tdg.js')

/** Run the two loads; returns one BenchResult line per route. */
export async function serveLoad(log: (m: string) => void, seconds = 10, connections = 50): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-bench-serve-'))
  const env = { ...process.env, TDG_STATE_URL: join(dir, 'state.db') }
  mkdirSync(join(dir, 'out'))
  writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { output: [join(dir, 'out')] } } }))
  const token = spawnSync(process.execPath, [tdg, 'token', 'create', '--name', 'bench', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env, encoding: 'utf8' }).stdout.trim()
  const child = spawn(process.execPath, [tdg, 'serve', '--port', '0', '--config', 'tdg.json', '--rate-limit', '0', '--log', join(dir, 'serve.log')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const base = await new Promise<string>((res, rej) => {
      let out = ''
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString()
        const m = /listening on (\S+)/.exec(out)
        if (m) res(m[1]!)
      })
      child.on('exit', (c) => rej(new Error(`tdg serve exited ${c}`)))
    })
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const results: BenchResult[] = []
    const line = (workload: string, r: CannonResult, load: number, note: string): BenchResult => ({
      workload,
      rows: r.requests.total,
      tdg: { ms: seconds * 1000, rowsPerSec: Math.round(r.requests.average) },
      ratio: r.latency.p99,
      target: 'p99 ms (reported)',
      met: true,
      info: true,
      load,
      note,
    })
    // Some jobs first, so the list has pages to read.
    let n = 0
    const body = () => JSON.stringify({ kind: 'generate', schema: join(repo, 'examples', 'shop.sql'), output: join(dir, 'out', `j${n++}`), rows: 1, seed: 1 })
    let load = loadavg()[0]!
    log(`serve: POST /v1/jobs, ${seconds} s × ${connections} connections`)
    const post = await autocannon({ url: `${base}/v1/jobs`, method: 'POST', headers, connections, duration: seconds, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }] })
    results.push(line('serve POST /v1/jobs (tiny generate)', post, load, `${post.non2xx} non-2xx, ${post.errors} errors`))
    const accepted = post.statusCodeStats?.['201']?.count ?? 0
    load = loadavg()[0]!
    log(`serve: GET /v1/jobs, ${seconds} s × ${connections} connections (while the jobs run)`)
    const get = await autocannon({ url: `${base}/v1/jobs?limit=20`, headers, connections, duration: seconds })
    results.push(line('serve GET /v1/jobs?limit=20', get, load, `${get.non2xx} non-2xx, ${get.errors} errors`))
    // Nothing lost: every accepted job reaches a final state.
    const started = Date.now()
    let finals = 0
    let total = 0
    for (;;) {
      let cursor: string | undefined
      finals = 0
      total = 0
      do {
        const page = (await (await fetch(`${base}/v1/jobs?limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers })).json()) as { jobs: Array<{ status: string }>; nextCursor?: string }
        total += page.jobs.length
        finals += page.jobs.filter((j) => !['queued', 'running'].includes(j.status)).length
        cursor = page.nextCursor
      } while (cursor)
      if (finals === total || Date.now() - started > 600_000) break
      await new Promise((r) => setTimeout(r, 1000))
    }
    const drainMs = Date.now() - started
    log(`serve: ${accepted} jobs accepted, ${total} stored, ${finals} final (${drainMs} ms after the load)`)
    // A request the client gave up on (autocannon's 10 s timeout) may still have queued its job: stored ≥ accepted.
    const kept = finals === total && total >= accepted
    results[0]!.note += `; ${accepted} answered 201, ${total} stored, ${finals} final${kept ? ' (none lost)' : ' (LOST JOBS)'}`
    results[0]!.met = kept
    return results
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.on('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const results = await serveLoad((m) => process.stderr.write(`${m}\n`))
  for (const r of results) console.log(`${r.workload}: ${r.tdg.rowsPerSec} req/s, p99 ${r.ratio} ms, ${r.rows} requests; ${r.note} (load ${r.load.toFixed(2)})`)
}
