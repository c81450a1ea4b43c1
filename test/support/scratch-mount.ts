/**
 * Small filesystems for fault tests, made with `mount` (needs root): a tmpfs of a given size (a full
 * disk) and a tmpfs remounted read-only. `mountsAvailable()` probes once; callers skip with a notice
 * when it says no.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function sh(cmd: string, args: string[]): { ok: boolean; err: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8' })
  return { ok: r.status === 0, err: (r.stderr || r.stdout || String(r.error ?? '')).trim() }
}

let probed: string | undefined

/** '' when tmpfs mounts work here, else why not (for the skip notice). */
export function mountsUnavailable(): string {
  if (probed !== undefined) return probed
  const dir = mkdtempSync(join(tmpdir(), 'tdg-mount-probe-'))
  const m = sh('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir])
  if (m.ok) sh('umount', [dir])
  rmSync(dir, { recursive: true, force: true })
  probed = m.ok ? '' : `cannot mount a tmpfs (${m.err || 'mount failed'}); run the tests as root`
  return probed
}

/** Mount a tmpfs of `bytes` at `dir` (created when missing). */
export function mountTmpfs(dir: string, bytes: number): void {
  mkdirSync(dir, { recursive: true })
  const m = sh('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir])
  if (!m.ok) throw new Error(`mount tmpfs at ${dir}: ${m.err}`)
}

/** Remount the tmpfs at `dir` read-only (root cannot write it either). */
export function remountReadOnly(dir: string): void {
  const m = sh('mount', ['-o', 'remount,ro', dir])
  if (!m.ok) throw new Error(`remount ${dir} read-only: ${m.err}`)
}

/** Unmount `dir` (lazily, so a process still holding a file cannot keep it). */
export function unmount(dir: string): void {
  sh('umount', ['-l', dir])
}

/** `chattr +i` / `-i`: an immutable file that root cannot write either. */
export function setImmutable(path: string, on: boolean): boolean {
  return sh('chattr', [on ? '+i' : '-i', path]).ok
}
