/** Timing, load and memory helpers of the benchmark. */
import { spawnSync } from 'node:child_process'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

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

/** The median of `xs` (the lower middle of an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor((s.length - 1) / 2)] ?? NaN
}

/** Rounds of a repeated side-by-side workload (`BENCH_ROUNDS`, default 3): each side's median is reported. */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3) || 3)

/** Run `bench/timed-child.js` (or `.ts` under tsx) with `args` in a fresh process; its measured ms. */
export function timedChild(args: string[]): number {
  const here = dirname(fileURLToPath(import.meta.url))
  const ts = import.meta.url.endsWith('.ts')
  const script = join(here, '..', `timed-child${ts ? '.ts' : '.js'}`)
  const r = spawnSync(process.execPath, [...(ts ? ['--import', 'tsx'] : []), script, ...args], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`timed child ${args[0]} failed (${r.status ?? r.signal}): ${r.stderr}`)
  return (JSON.parse(r.stdout.trim().split('\n').pop() as string) as { ms: number }).ms
}
