/** Timing, load and memory helpers of the benchmark. */
import { loadavg } from 'node:os'

/** Wall time of `fn` in milliseconds, with its result. */
export async function timed<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now()
  const value = await fn()
  return { ms: performance.now() - t0, value }
}

/** The 1-minute load average, rounded (the machine is shared with other work). */
export function load1(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100
}

/** Rows per second. */
export function rate(rows: number, ms: number): number {
  return Math.round((rows / ms) * 1000)
}
