import { createWriteStream } from 'node:fs'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { redactText } from '../../adapter/redact-url.js'
import { describeState } from '../../state/state-location.js'
import { packageVersion } from '../../audit/package-version.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { stateOf } from './audit.js'

interface ServeFlags {
  port: string
  host: string
  concurrency: string
  grace: string
  log?: string
  config?: string
  rateLimit: string
}

function whole(flag: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new TdgError('TDG_USAGE', `${flag} must be a whole number from ${min} to ${max}, got '${text}'`)
  return n
}

/**
 * `tdg serve [--port 8080] [--host 127.0.0.1] [--concurrency 2] [--grace 30] [--log FILE]`: the REST API
 * (src/serve/). Prints `tdg serve: listening on http://HOST:PORT` once listening; SIGINT/SIGTERM stop
 * taking jobs, let running ones finish within `--grace` seconds, then cancel them (rolled back).
 */
export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the REST API: jobs (seed, generate, export, clone, mask, profile) over HTTP, OpenAPI at /openapi.json, docs at /docs')
    .option('--port <n>', 'port (0: any free port)', '8080')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--concurrency <n>', 'jobs running at once', '2')
    .option('--grace <seconds>', 'on SIGTERM/SIGINT: how long running jobs may take to finish before they are cancelled', '30')
    .option('--log <file>', 'append the JSON log here instead of stderr')
    .option('--rate-limit <n>', 'requests per minute per token on /v1 (0: no limit)', '600')
    .option('--config <file>', 'config file (serve.allow.db, serve.allow.output)')
    .addHelpText('after', exampleHelp('tdg serve --port 8080 --config .tdgrc.json'))
    .action(async (flags: ServeFlags, cmd: Command) => {
      const port = whole('--port', flags.port, 0, 65535)
      const concurrency = whole('--concurrency', flags.concurrency, 1, 64)
      const graceMs = whole('--grace', flags.grace, 0, 86_400) * 1000
      const rateLimit = whole('--rate-limit', flags.rateLimit, 0, 1_000_000)
      // Loaded here, not at the top: every other command's start-up would pay for them (see commands/index.ts).
      const { loadConfig } = await import('../../config/load-config.js')
      const { openStateStore } = await import('../../state/state-store.js')
      const { config } = await loadConfig({ explicitPath: flags.config })
      const loc = await stateOf(cmd)
      const db = await openStateStore(loc).catch((e: unknown) => {
        throw new TdgError('TDG_STATE_FAILED', `the state store ${describeState(loc)} cannot be opened: ${redactText(String((e as Error).message ?? e).split('\n')[0]!)}`, {}, { cause: e })
      })
      const logStream = flags.log ? createWriteStream(flags.log, { flags: 'a', mode: 0o600 }) : process.stderr
      const { buildServer } = await import('../../serve/server.js')
      // The shutdown path: a signal aborts io.signal; the process may then take --grace (plus closing) to end.
      const stopped = new Promise<void>((resolve) => {
        if (io.signal?.aborted) resolve()
        io.signal?.addEventListener('abort', () => resolve(), { once: true })
      })
      io.onInterrupt?.(() => undefined, graceMs + 5000)
      let server
      try {
        const schedulePollMs = Number(process.env.TDG_SCHEDULE_POLL_MS) || undefined
        server = await buildServer({ db, allow: config.serve?.allow ?? {}, concurrency, version: packageVersion(), logStream, rateLimit, ...(schedulePollMs ? { schedulePollMs } : {}) })
        const address = await server.app.listen({ port, host: flags.host })
        const url = new URL(address)
        io.out(`tdg serve: listening on http://${flags.host.includes(':') ? `[${flags.host}]` : flags.host}:${url.port}\n`)
        const interrupted = await server.runner.start()
        if (interrupted.length > 0) io.err(`tdg serve: ${interrupted.length} job${interrupted.length === 1 ? '' : 's'} left running by the previous server marked interrupted\n`)
        await server.scheduler.start()
        await stopped
        io.err(`tdg serve: stopping: no new jobs; running ones get ${graceMs / 1000} s\n`)
        await server.scheduler.stop()
        await server.runner.shutdown(graceMs)
      } finally {
        await server?.scheduler.stop().catch(() => undefined)
        await server?.app.close().catch(() => undefined)
        await db.destroy().catch(() => undefined)
        if (logStream !== process.stderr) await new Promise<void>((r) => (logStream as NodeJS.WritableStream).end(() => r()))
      }
    })
}
