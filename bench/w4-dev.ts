/**
 * Development harness for W4 (not part of `npm run bench`): `serve N` starts a bench server with the W4
 * source table of N rows and prints its URL (kept alive until SIGTERM); `run URL [psql]` times one masked
 * clone into a fresh target (wall and process CPU, worker threads included), and the psql pipe.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { startBenchPostgres, PG_BIN } from './support/pg.js'
import { cloneWithMasking } from '../src/compose/clone-masked.js'
import { FILL, RULES, TABLE } from './w4-clone.js'

const [mode, arg, extra] = process.argv.slice(2)
if (mode === 'serve') {
  const pg = await startBenchPostgres()
  pg.freshDb('w4_src')
  pg.psql('w4_src', TABLE)
  pg.psql('w4_src', FILL(Number(arg ?? 1_000_000)))
  pg.psql('w4_src', 'VACUUM ANALYZE w4')
  process.stdout.write(`${pg.url('postgres')}\n`)
  const stop = () => {
    pg.stop()
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  setInterval(() => undefined, 1 << 30)
} else if (mode === 'run') {
  const base = new URL(arg!)
  const env = { ...process.env, PGHOST: base.hostname, PGPORT: base.port, PGUSER: 'postgres', PGPASSWORD: decodeURIComponent(base.password) }
  const psql = (db: string, ...cmds: string[]) => {
    const r = spawnSync(`${PG_BIN}/psql`, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, ...cmds.flatMap((c) => ['-c', c])], { env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    return r.stdout
  }
  const url = (db: string) => {
    const u = new URL(arg!)
    u.pathname = `/${db}`
    return u.toString()
  }
  // The server's CPU: backends are reaped by the postmaster, so their time lands in its cutime + cstime.
  const pmPid = readFileSync(`${psql('postgres', 'SHOW data_directory').trim()}/postmaster.pid`, 'utf8').split('\n')[0]!
  const serverMs = () => {
    const st = readFileSync(`/proc/${pmPid}/stat`, 'utf8')
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ')
    return (Number(f[13]) + Number(f[14])) * 10
  }
  psql('postgres', 'DROP DATABASE IF EXISTS w4_tdg', 'CREATE DATABASE w4_tdg')
  psql('w4_tdg', TABLE)
  writeFileSync('/tmp/i11w4b/w4-masking.yaml', RULES)
  psql('postgres', 'CHECKPOINT')
  process.env.TDG_MASK_KEY ??= 'bench-w4-masking-key-0123456789'
  // CPU per thread (utime + stime in ticks), sampled: a worker's entry vanishes when it ends.
  const threads = new Map<string, { comm: string; ticks: number }>()
  const sample = () => {
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const st = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
        const comm = st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'))
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ')
        threads.set(tid, { comm, ticks: Number(f[11]) + Number(f[12]) })
      } catch {
        // the thread ended
      }
    }
  }
  const timer = setInterval(sample, 100)
  const c0 = process.cpuUsage()
  const s0 = serverMs()
  const t0 = performance.now()
  await cloneWithMasking({ from: url('w4_src'), to: url('w4_tdg'), rulesFile: process.env.W4_RULES ?? '/tmp/i11w4b/w4-masking.yaml', allowUnmapped: true, batchSize: 10_000, ...(process.env.W4_NOFAST ? { fastLoad: false } : {}) })
  const ms = performance.now() - t0
  const c = process.cpuUsage(c0)
  clearInterval(timer)
  sample()
  const busy = [...threads.entries()].filter(([, t]) => t.ticks >= 10).map(([tid, t]) => `${t.comm}#${tid}: ${t.ticks * 10} ms`)
  process.stdout.write(`threads: ${busy.join(', ')}\n`)
  const sms = serverMs() - s0
  process.stdout.write(`tdg: wall ${ms.toFixed(0)} ms, cpu user ${(c.user / 1000).toFixed(0)} sys ${(c.system / 1000).toFixed(0)} ms; server backends ${sms} ms; total ${((c.user + c.system) / 1000 + sms).toFixed(0)} ms\n`)
  process.stdout.write(`md5 ${psql('w4_tdg', `SELECT md5(string_agg(md5(w4::text), '' ORDER BY id)) FROM w4`).trim()} left ${psql('w4_tdg', `SELECT count(*) FROM w4 WHERE email LIKE 'user%@example.com'`).trim()}\n`)
  if (extra === 'psql') {
    psql('postgres', 'DROP DATABASE IF EXISTS w4_copy', 'CREATE DATABASE w4_copy')
    psql('w4_copy', TABLE)
    psql('postgres', 'CHECKPOINT')
    const t1 = performance.now()
    const s1 = serverMs()
    const cmd = `${PG_BIN}/psql -X -q -d w4_src -c "\\copy (select * from w4) to stdout" | ${PG_BIN}/psql -X -q -v ON_ERROR_STOP=1 -d w4_copy -c "\\copy w4 from stdin"; times`
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(r.stderr)
    const wall = performance.now() - t1
    const sms = serverMs() - s1
    // `times`: the shell's own, then its children's user and system time (`0m1.234s`).
    const kids = r.stdout.trim().split('\n').pop()!.split(/\s+/).map((x) => { const m = /(\d+)m([\d.]+)s/.exec(x)!; return Number(m[1]) * 60000 + Number(m[2]) * 1000 })
    process.stdout.write(`psql: wall ${wall.toFixed(0)} ms, psql cpu ${(kids[0]! + kids[1]!).toFixed(0)} ms; server backends ${sms} ms; total ${(kids[0]! + kids[1]! + sms).toFixed(0)} ms\n`)
  }
}
