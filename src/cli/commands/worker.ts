import { createWriteStream } from 'node:fs'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { redactText } from '../../adapter/redact-url.js'
import { describeState } from '../../state/state-location.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { JOB_TIMEOUT_OPTION, queueSettings, RETRIES_OPTION, wholeFlag, type QueueFlags } from '../queue-flags.js'
import { stateOf } from './audit.js'

interface WorkerFlags extends QueueFlags {
  concurrency: string
  grace: string
  log?: string
  config?: string
}

/**
 * `tdg worker --state postgres://… [--concurrency 2] [--grace 30] [--job-timeout 3600] [--retries 2]`: runs
 * jobs of the shared queue of a PostgreSQL state store, without HTTP, beside any number of `tdg serve` and
 * `tdg worker` processes on any host. Prints `tdg worker: working the queue of STORE` once it takes jobs;
 * SIGINT/SIGTERM stop taking jobs, let running ones finish within `--grace` seconds, then cancel them
 * (rolled back). Jobs are checked against this process's own `serve.allow` lists (`--config`).
 */
export function registerWorker(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description('run jobs queued in a PostgreSQL state store (shared with every tdg serve and tdg worker on it), without HTTP')
    .option('--concurrency <n>', 'jobs running at once', '2')
    .option('--grace <seconds>', 'on SIGTERM/SIGINT: how long running jobs may take to finish before they are cancelled', '30')
    .option('--log <file>', 'append the JSON log here instead of stderr')
    .option('--config <file>', 'config file (serve.allow.db, serve.allow.output: what jobs may touch)')
    .option(...JOB_TIMEOUT_OPTION)
    .option(...RETRIES_OPTION)
    .addHelpText('after', exampleHelp('tdg worker --state postgres://tdg@db.internal/tdg --concurrency 2 --config .tdgrc.json'))
    .action(async (flags: WorkerFlags, cmd: Command) => {
      const concurrency = wholeFlag('--concurrency', flags.concurrency, 1, 64)
      const graceMs = wholeFlag('--grace', flags.grace, 0, 86_400) * 1000
      const settings = queueSettings(flags)
      const loc = await stateOf(cmd)
      if (loc.kind !== 'postgres') throw new TdgError('TDG_USAGE', `tdg worker needs a PostgreSQL state store (--state postgres://…, TDG_STATE_URL or config state), got ${describeState(loc)}; with a ${loc.kind === 'sqlite' ? 'SQLite' : 'MySQL'} store, tdg serve runs the jobs itself`)
      // Loaded here, not at the top: every other command's start-up would pay for them (see commands/index.ts).
      const { loadConfig } = await import('../../config/load-config.js')
      const { openStateStore } = await import('../../state/state-store.js')
      const { config } = await loadConfig({ explicitPath: flags.config })
      const db = await openStateStore(loc).catch((e: unknown) => {
        throw new TdgError('TDG_STATE_FAILED', `the state store ${describeState(loc)} cannot be opened: ${redactText(String((e as Error).message ?? e).split('\n')[0]!)}`, {}, { cause: e })
      })
      const logStream = flags.log ? createWriteStream(flags.log, { flags: 'a', mode: 0o600 }) : process.stderr
      const [{ default: Fastify }, { openJobQueue }, { JobRunner }] = await Promise.all([import('fastify'), import('../../serve/open-job-queue.js'), import('../../serve/job-runner.js')])
      // fastify's pino logger, configured as serve's, so a worker's log lines read like a server's.
      const logger = Fastify({ logger: { level: 'info', stream: logStream, base: { role: 'worker' } } })
      const stopped = new Promise<void>((resolve) => {
        if (io.signal?.aborted) resolve()
        io.signal?.addEventListener('abort', () => resolve(), { once: true })
      })
      io.onInterrupt?.(() => undefined, graceMs + 5000)
      let queue
      let runner
      try {
        queue = await openJobQueue(loc, db, settings)
        runner = new JobRunner(db, { concurrency, allow: config.serve?.allow ?? {}, log: logger.log, queue })
        await runner.start()
        io.out(`tdg worker: working the queue of ${describeState(loc)} (${concurrency} at once)\n`)
        await stopped
        io.err(`tdg worker: stopping: no new jobs; running ones get ${graceMs / 1000} s\n`)
        await runner.shutdown(graceMs)
        runner = undefined
        queue = undefined
      } finally {
        if (runner) await runner.shutdown(0).catch(() => undefined)
        else await queue?.close().catch(() => undefined)
        await logger.close().catch(() => undefined)
        await db.destroy().catch(() => undefined)
        if (logStream !== process.stderr) await new Promise<void>((r) => (logStream as NodeJS.WritableStream).end(() => r()))
      }
    })
}
