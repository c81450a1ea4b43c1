import type { RunAuditCollector } from './cli-audit.js'

/** Where the CLI writes, and how a command learns that it should stop; injectable for tests. */
export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Aborted on Ctrl-C, SIGTERM or a closed stdout: commands pass it to the run. */
  signal?: AbortSignal
  /** Called on the first interrupt, before the interrupt line is printed (clear the progress line). */
  onInterrupt?(fn: () => void, graceMs?: number): void
  /** Where `--output -` writes rows. Default process.stdout. */
  stdout?: NodeJS.WritableStream
  /** The audit of this run: commands that write report their tables here (see cli-audit.ts). */
  audit?: RunAuditCollector
}

/** Process stdout/stderr. */
export const processIo: CliIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
}
