/**
 * Issue 16 item 5: `tdg seed --shard i/N --phase P` as N separate processes into one PostgreSQL, on the
 * peers schema (org 1k → users10 100k → orders 300k). For N = 1, 2, 4 the phases (1: org, 2: users10,
 * 3: orders, finish) run one after another, the N shards of a phase concurrently; the wall time of all
 * phases is the figure. One unsharded `tdg seed --truncate` process of the same seed and now is the
 * reference: every sharded database must hold exactly its rows (count:sum(hashtext(row)) per table).
 * Speed-up is reported as a ratio against N = 1 (a sharded run has no fast load, so N = 1 is the
 * like-for-like base); on this 2-core machine shared with other work expect little beyond N = 2.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BenchPostgres } from './support/pg.js'
import { load1, rate, timed } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { BENCH_SEED } from './support/schemas.js'
import { PEERS_POSTGRES } from './peers.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', ...(here.includes('dist-bench') ? ['..'] : []))
const COUNTS = 'org=1000,users10=100000,orders=300000'
const TOTAL = 401_000
const PLAN = ['--rows', '100', '--rows-per-table', COUNTS, '--seed', String(BENCH_SEED), '--now', '2026-01-01', '-q', '--no-audit']
const PHASES = ['1', '2', '3', 'finish']

/** This checkout's CLI: over dist-bench's compiled main.js when run from there (see startup.ts). */
function cliPath(): string {
  if (!here.includes('dist-bench')) return join(root, 'bin', 'tdg.js')
  const launcher = join(here, 'shards-tdg.js')
  writeFileSync(launcher, "import { main } from '../src/cli/main.js'\n\nprocess.exitCode = await main(process.argv)\n")
  return launcher
}

/** Run the CLI as a child process; rejects with its stderr on a non-zero exit. */
function tdg(cli: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tdg ${args.join(' ')} exited ${code}: ${err.slice(0, 500)}`))))
  })
}

const checksum = (pg: BenchPostgres, db: string) =>
  ['org', 'users10', 'orders'].map((t) => pg.psql(db, `SELECT count(*) || ':' || sum(hashtext(x::text)::bigint) FROM ${t} x`).trim()).join(' ')

/** N = 1, 2, 4 shard processes into one PostgreSQL against N = 1, union checksums against one unsharded run. */
export async function shards(pg: BenchPostgres, log: (m: string) => void): Promise<BenchResult[]> {
  const cli = cliPath()
  pg.freshDb('shards_single')
  pg.psql('shards_single', PEERS_POSTGRES)
  const singleLoad = load1()
  log(`shards: one unsharded tdg seed --truncate process, ${TOTAL} rows (load ${singleLoad})`)
  const single = await timed(() => tdg(cli, ['seed', '--db', pg.url('shards_single'), ...PLAN, '--truncate']))
  const expected = checksum(pg, 'shards_single')
  const runs: Array<{ n: number; ms: number; load: number }> = []
  for (const n of [1, 2, 4]) {
    const db = `shards_${n}`
    pg.freshDb(db)
    pg.psql(db, PEERS_POSTGRES)
    pg.psql('postgres', 'CHECKPOINT')
    const load = load1()
    log(`shards: ${n} shard process${n > 1 ? 'es' : ''} per phase, phases ${PHASES.join(', ')} (load ${load})`)
    const t = await timed(async () => {
      for (const phase of PHASES) await Promise.all(Array.from({ length: n }, (_, i) => tdg(cli, ['seed', '--db', pg.url(db), ...PLAN, '--shard', `${i + 1}/${n}`, '--phase', phase])))
    })
    const sum = checksum(pg, db)
    if (sum !== expected) throw new Error(`shards: ${n} shards differ from the unsharded run (${sum} vs ${expected})`)
    runs.push({ n, ms: t.ms, load })
  }
  const base = runs[0]!
  const lines: BenchResult[] = runs.map((r) => ({
    workload: `peers, ${r.n} shard process${r.n > 1 ? 'es' : ''} (PG)`,
    rows: TOTAL,
    tdg: { ms: r.ms, rowsPerSec: rate(TOTAL, r.ms) },
    baseline: { name: '1 shard process', ms: base.ms, rowsPerSec: rate(TOTAL, base.ms) },
    ratio: base.ms / r.ms,
    target: 'speed-up vs 1 shard (reported)',
    met: true,
    info: true,
    load: r.load,
    note: `${PHASES.length} phases, the shards of a phase concurrent; union checksum = one unsharded run (count:sum(hashtext(row)) per table); no fast load when sharded; 2 cores shared`,
  }))
  lines.push({
    workload: 'peers, unsharded --truncate process (PG)',
    rows: TOTAL,
    tdg: { ms: single.ms, rowsPerSec: rate(TOTAL, single.ms) },
    baseline: { name: '1 shard process', ms: base.ms, rowsPerSec: rate(TOTAL, base.ms) },
    ratio: base.ms / single.ms,
    target: 'reference (fast load on)',
    met: true,
    info: true,
    load: singleLoad,
    note: 'the rows every sharded run must equal; one process, its fast load on',
  })
  return lines
}
