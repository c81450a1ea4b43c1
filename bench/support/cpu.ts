/**
 * CPU time of the benchmark's processes, from /proc (Linux; 100 ticks a second): wall time on the shared
 * 2-core machine depends on what else runs, CPU time much less.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Fields after the command of /proc/<pid>/stat (index 0 is the state, 11/12 utime/stime, 13/14 cutime/cstime). */
function statFields(pid: string | number): string[] | undefined {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return st.slice(st.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined // the process ended meanwhile
  }
}

/** CPU ms of this process (every thread) so far. */
export function selfCpuMs(): number {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

/** CPU ms of this process's ended and waited-for children (e.g. a `spawnSync` pipeline) so far. */
export function childrenCpuMs(): number {
  const f = statFields('self')!
  return (Number(f[13]) + Number(f[14])) * 10
}

/**
 * CPU ms of a PostgreSQL server so far: the postmaster's own and its ended children's (backends are
 * reaped by it, so their time lands in its cutime + cstime), plus its live children's (checkpointer,
 * WAL writer, autovacuum, backends still open). `postmaster`: its pid.
 */
export function serverCpuMs(postmaster: number): number {
  const f = statFields(postmaster)
  if (!f) return 0
  let ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    const c = statFields(d)
    if (c && Number(c[1]) === postmaster) ticks += Number(c[11]) + Number(c[12])
  }
  return ticks * 10
}

/** The postmaster's pid of the server whose data directory is `dataDir` (the first line of its postmaster.pid). */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0])
}
