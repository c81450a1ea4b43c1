/**
 * A real `node bin/tdg.js worker` process for e2e tests: started in `cwd` with `env` (merged over the
 * test process's), ready once it prints that it works the queue; its stderr (JSON log lines) kept.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { repoRoot } from './run-cli.js'

export interface WorkerProcess {
  child: ChildProcess
  /** Everything the worker wrote to stderr so far. */
  log: () => string
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
}

/** Start `tdg worker --config tdg.json …args` in `cwd`; resolves once it says it works the queue (60 s at most). */
export function startWorker(cwd: string, env: Record<string, string>, args: string[]): Promise<WorkerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/tdg.js`, 'worker', '--config', 'tdg.json', ...args], { cwd, env: { ...process.env, ...env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const exited = new Promise<number | string>((r) => child.on('exit', (code, sig) => r(code ?? sig ?? -1)))
    const timer = setTimeout(() => reject(new Error(`tdg worker did not start in 60 s: ${err}`)), 60_000)
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()))
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (/working the queue/.test(out)) {
        clearTimeout(timer)
        resolve({ child, log: () => err, exited })
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`tdg worker exited (${code}) before working: ${err}`))
    })
  })
}

/** The ids of the jobs a worker's log says it started (one per attempt). */
export function startedJobs(w: WorkerProcess): string[] {
  return w
    .log()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { msg?: string; jobId?: string })
    .filter((l) => l.msg === 'job started')
    .map((l) => l.jobId!)
}
