import { readFileSync } from 'node:fs'

/**
 * This process's peak RSS in KB: VmHWM of /proc/self/status, the high-water mark of this process's own
 * memory. Not `process.resourceUsage().maxRSS`: Linux carries the forking parent's peak into the child's
 * maxrss across fork and exec, so a child spawned by a bench process that had grown to 279 MB reported
 * 279 MB for every run. Falls back to maxRSS where /proc is missing.
 */
function peakRssKB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (m) return Number(m[1])
  } catch {
    // no /proc: not Linux
  }
  return process.resourceUsage().maxRSS
}

/** `peakRssKB()` in MB, one decimal. */
export function peakRssMB(): number {
  return Math.round((peakRssKB() / 1024) * 10) / 10
}
