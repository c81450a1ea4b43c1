/**
 * W1 phase by phase (`npm run bench -- --only w1phases`; info, no ratio): one `tdg seed` of
 * pgbench_accounts timed at each step of its one connection — wall, this process's CPU, the server's CPU
 * (the backend, its parallel index-build workers, every other server process) and how often the backend
 * was running rather than waiting for tdg — beside `pgbench -i -I dtgp`'s own phase times and CPU.
 * The seed is `seedDatabase`'s sequence written out (connect, introspect, plan, runPlan) so the phases
 * between them can be marked; the marks inside the transaction come from wrapping `pg.Client#query` for
 * this run only. Run it alone (`--only w1phases`): like W1 it is then the process's first PostgreSQL seed,
 * so first-call costs (imports, cold code) are in it as they are in W1.
 */
import { readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { Worker } from 'node:worker_threads'
import { connect } from '../adapters/index.js'
import { loadPg } from '../adapters/postgres/pg-module.js'
import { targetModel } from '../src/compose/target-model.js'
import { planForTarget, readerOf, targetPlanOptions } from '../src/pipeline/plan-for-target.js'
import { runPlan } from '../src/pipeline/run.js'
import { PG_BIN, type BenchPostgres } from './support/pg.js'
import { load1 } from './support/measure.js'
import { BENCH_SEED, W1_POSTGRES } from './support/schemas.js'

const TICK_MS = 1000 / Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100)

/** utime+stime (and, with `children`, cutime+cstime: waited-for children) of a process or one of its threads, in ms. */
function procCpuMs(pid: number, children = false, thread?: number): number {
  try {
    const s = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8')
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) * TICK_MS
  } catch {
    return 0
  }
}

/** CPU of the whole server: the postmaster's live children and the ones that exited (parallel workers). */
function serverCpuMs(postmaster: number): number {
  let ms = procCpuMs(postmaster, true)
  const kids = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)
  for (const k of kids) ms += procCpuMs(Number(k))
  return ms
}

/**
 * A thread sampling the backend's scheduler state every ~2 ms once `watch(pid)` names it: counts[0]
 * samples, counts[1] of them running or runnable (R), i.e. not waiting for this process's data. A thread,
 * so the samples go on while this one generates; started before the run, so its start-up is not in a phase.
 */
function stateSampler(): { counts: Int32Array; watch: (pid: number) => void; stop: () => Promise<number> } {
  const shared = new SharedArrayBuffer(16)
  const counts = new Int32Array(shared)
  const code = `
    const { workerData } = require('node:worker_threads')
    const { readFileSync } = require('node:fs')
    const c = new Int32Array(workerData.shared)
    while (Atomics.load(c, 2) === 0) {
      const pid = Atomics.load(c, 3)
      if (pid !== 0) {
        let st = ''
        try { const s = readFileSync('/proc/' + pid + '/stat', 'utf8'); st = s[s.lastIndexOf(')') + 2] } catch { break }
        Atomics.add(c, 0, 1)
        if (st === 'R') Atomics.add(c, 1, 1)
      }
      Atomics.wait(c, 2, 0, 2)
    }`
  const worker = new Worker(code, { eval: true, workerData: { shared } })
  return {
    counts,
    watch: (pid) => Atomics.store(counts, 3, pid),
    stop: () => {
      Atomics.store(counts, 2, 1)
      Atomics.notify(counts, 2)
      return worker.terminate()
    },
  }
}

interface Mark {
  name: string
  t: number
  /** CPU of this process (every thread: V8's compiler and GC threads too) and of its main thread alone (10 ms ticks). */
  node: number
  main: number
  server: number
  samples: number
  running: number
}

/** The instrumented seed and pgbench's run; returns the lines of the breakdown. */
export async function w1Phases(pg: BenchPostgres, rows: number, log: (m: string) => void): Promise<string[]> {
  pg.freshDb('w1p_tdg')
  pg.psql('w1p_tdg', W1_POSTGRES)
  pg.freshDb('w1p_pgbench')
  const checkpointer = Number(pg.psql('postgres', "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'").trim())
  const postmaster = Number(readFileSync(`/proc/${checkpointer}/stat`, 'utf8').split(') ')[1]!.split(' ')[1])
  pg.psql('postgres', 'CHECKPOINT')
  const load = load1()
  log(`W1 phases: tdg seed ${rows} rows, instrumented (load ${load})`)

  const sampler = stateSampler()
  let watched = false
  await new Promise((r) => setTimeout(r, 100))
  const marks: Mark[] = []
  const cpu0 = process.cpuUsage()
  const mark = (name: string) => {
    const c = process.cpuUsage(cpu0)
    marks.push({ name, t: performance.now(), node: (c.user + c.system) / 1000, main: procCpuMs(process.pid, false, process.pid), server: serverCpuMs(postmaster), samples: sampler.counts[0]!, running: sampler.counts[1]! })
  }
  const Client = loadPg().Client.prototype as unknown as { query: (...a: unknown[]) => unknown; processID?: number }
  const query = Client.query
  let copying = false
  Client.query = function (this: { processID?: number }, ...args: unknown[]) {
    const q = args[0] as { text?: string; _write?: unknown; _final?: (cb: unknown) => void; on?: (e: string, f: () => void) => void } | string
    const text = (typeof q === 'string' ? q : (q.text ?? '')).trim().toLowerCase()
    if (!watched && this.processID !== undefined) {
      sampler.watch(this.processID)
      watched = true
    }
    if (typeof q === 'object' && typeof q._write === 'function' && !copying) {
      // The COPY stream: its first write to the socket, its CopyDone, its completion.
      copying = true
      mark('COPY statement sent')
      const copy = q as unknown as { _write: (...a: unknown[]) => unknown; _writev?: (...a: unknown[]) => unknown; _final: (cb: unknown) => void; on: (e: string, f: () => void) => void }
      const write = copy._write.bind(copy)
      const writev = copy._writev?.bind(copy)
      const final = copy._final.bind(copy)
      let first = true
      const firstByte = () => first && ((first = false), mark('first rows sent'))
      copy._write = (...a: unknown[]) => (firstByte(), write(...a))
      if (writev) copy._writev = (...a: unknown[]) => (firstByte(), writev(...a))
      copy._final = (cb: unknown) => (mark('all rows sent (CopyDone)'), final(cb))
      copy.on('finish', () => mark('COPY done (server caught up)'))
      return query.apply(this, args)
    }
    const r = query.apply(this, args)
    const after = text.startsWith('begin') ? 'BEGIN' : text.startsWith('commit') ? 'COMMIT' : text.startsWith('alter table') && text.includes('add constraint') ? 'indexes built' : undefined
    if (after && r instanceof Promise) r.then(() => mark(after), () => undefined)
    return r
  }
  let checksum: string
  try {
    mark('call')
    const adapter = await connect(pg.url('w1p_tdg'))
    mark('connected')
    try {
      const target = await targetModel(adapter, undefined, false)
      mark('introspected')
      const plan = await planForTarget(target.model, targetPlanOptions({ rows, seed: BENCH_SEED }, adapter.dialect), readerOf(adapter))
      mark('planned (key floors, counts)')
      await runPlan(plan, adapter, { dialect: adapter.dialect, setup: [], truncate: false })
    } finally {
      await adapter.close()
    }
    mark('closed')
  } finally {
    Client.query = query
    await sampler.stop()
  }
  checksum = pg.psql('w1p_tdg', "SELECT count(*) || ':' || sum(hashtext(a::text)::bigint) FROM pgbench_accounts a").trim()

  const lines = [`tdg seed ${rows} rows of pgbench_accounts, phase by phase (load ${load}; node CPU = every thread of this process, main thr. = its main thread; server = every PostgreSQL process; running = share of samples the backend was on a CPU or runnable):`]
  lines.push(`${'phase (ends at)'.padEnd(32)} ${'wall ms'.padStart(8)} ${'node CPU'.padStart(9)} ${'main thr.'.padStart(9)} ${'server CPU'.padStart(11)} ${'running'.padStart(8)}`)
  for (let i = 1; i < marks.length; i++) {
    const a = marks[i - 1]!
    const b = marks[i]!
    const n = b.samples - a.samples
    lines.push(`${b.name.padEnd(32)} ${(b.t - a.t).toFixed(0).padStart(8)} ${(b.node - a.node).toFixed(0).padStart(9)} ${(b.main - a.main).toFixed(0).padStart(9)} ${(b.server - a.server).toFixed(0).padStart(11)} ${(n > 0 ? `${Math.round(((b.running - a.running) / n) * 100)}%` : '-').padStart(8)}`)
  }
  const first = marks[0]!
  const last = marks[marks.length - 1]!
  lines.push(`${'total'.padEnd(32)} ${(last.t - first.t).toFixed(0).padStart(8)} ${(last.node - first.node).toFixed(0).padStart(9)} ${(last.main - first.main).toFixed(0).padStart(9)} ${(last.server - first.server).toFixed(0).padStart(11)}`)
  lines.push(`table checksum ${checksum}`)

  pg.psql('postgres', 'CHECKPOINT')
  const l2 = load1()
  log(`W1 phases: pgbench -i -I dtgp (load ${l2})`)
  const server0 = serverCpuMs(postmaster)
  const self0 = procCpuMs(process.pid, true) - procCpuMs(process.pid)
  const t0 = performance.now()
  const url = new URL(pg.url('w1p_pgbench'))
  const r = spawnSync(`${PG_BIN}/pgbench`, ['-i', '-I', 'dtgp', '-s', String(rows / 100_000), '-q', '-h', url.hostname, '-p', url.port, '-U', 'postgres', 'w1p_pgbench'], {
    encoding: 'utf8',
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
  })
  const wall = performance.now() - t0
  if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr}`)
  const client = procCpuMs(process.pid, true) - procCpuMs(process.pid) - self0
  const done = /done in .*/.exec(r.stderr)?.[0] ?? '(no summary)'
  lines.push(`pgbench -i -I dtgp (load ${l2}): wall ${wall.toFixed(0)} ms, pgbench CPU ${client.toFixed(0)} ms, server CPU ${(serverCpuMs(postmaster) - server0).toFixed(0)} ms; ${done}`)
  return lines
}
