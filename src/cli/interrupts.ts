/**
 * The CLI owns the process's signals: SIGINT (Ctrl-C) and SIGTERM abort the run through one
 * AbortController, so the pipeline stops between batches, the target rolls back and removes its temp
 * output, and `main` prints the one line `tdg: interrupted, rolled back` and exits 130 / 143. A second
 * signal while rolling back exits at once with the same code, after removing temp directories; so does
 * the first one when the command has not ended GRACE_MS later (it waits on something that does not
 * watch the signal: stdin, a connect, a lock). Exiting then is still a rollback: a server drops the
 * open transaction with the connection, SQLite rolls its journal back on the next open.
 * A closed stdout (EPIPE: `tdg … | head -1`) aborts the run the same way but ends it silently with 141,
 * the status of a process killed by SIGPIPE, as `cat` or `seq` would give.
 */
import { removePendingOutputSync } from '../sinks/pending-output.js'

/** Exit status per cause: 128 + the signal number. */
export const EXIT_SIGINT = 130
export const EXIT_SIGTERM = 143
export const EXIT_EPIPE = 141

/** How long the rollback path may take after the first signal before the process exits anyway. */
export const GRACE_MS = 3000

/** The one line an interrupted run prints on stderr. */
export const INTERRUPTED_LINE = 'tdg: interrupted, rolled back\n'

export interface Interrupts {
  signal: AbortSignal
  /** The exit code of the cause once something aborted the run, else undefined. */
  readonly exitCode: number | undefined
  /** True once stdout was found closed: nothing more should be written to it. */
  readonly stdoutClosed: boolean
  /**
   * Run `fn` when the first interrupt arrives, before anything is printed (e.g. clear the progress line).
   * Registering also says that the running command stops on `signal` (seed, generate); while no command
   * has, a signal ends the process at once with `tdg: interrupted` (introspect, plan: nothing to undo).
   * `graceMs` replaces GRACE_MS, the time the command gets after the signal (`tdg serve --grace`).
   */
  onInterrupt(fn: () => void, graceMs?: number): void
  /** Say that the interrupt line was printed (a forced exit must not print it again). */
  reported(): void
  /** Remove the handlers. */
  dispose(): void
}

/** Install the handlers on `process` (SIGINT, SIGTERM, stdout 'error'). */
export function installInterrupts(): Interrupts {
  const controller = new AbortController()
  const hooks: Array<() => void> = []
  let graceful = false
  let exitCode: number | undefined
  let stdoutClosed = false
  let printed = false
  let graceMs = GRACE_MS

  const exitNow = (code: number) => {
    removePendingOutputSync()
    if (code !== EXIT_EPIPE && !printed) process.stderr.write(INTERRUPTED_LINE)
    printed = true
    process.exit(code)
  }

  const fire = (code: number, reason: string) => {
    for (const fn of hooks.splice(0)) {
      try {
        fn()
      } catch {
        // a progress line that cannot be cleared must not stop the rollback
      }
    }
    exitCode = code
    controller.abort(new Error(reason))
    // Unref'd: a run that ends in time exits on its own, without waiting for this.
    setTimeout(() => exitNow(code), graceMs).unref()
  }
  const onSignal = (sig: NodeJS.Signals) => {
    const code = sig === 'SIGTERM' ? EXIT_SIGTERM : EXIT_SIGINT
    if (!graceful) {
      process.stderr.write('tdg: interrupted\n')
      process.exit(code)
    }
    if (exitCode === undefined) return fire(code, sig)
    // Second signal: the rollback takes too long for the user. The server rolls back the open
    // transaction when the connection drops; temp output goes now.
    exitNow(exitCode)
  }
  const onStdoutError = (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e
    stdoutClosed = true
    process.exitCode = EXIT_EPIPE // also when the run had finished and only its summary met the closed pipe
    if (exitCode === undefined) fire(EXIT_EPIPE, 'stdout closed')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  process.stdout.on('error', onStdoutError)
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode
    },
    get stdoutClosed() {
      return stdoutClosed
    },
    reported() {
      printed = true
    },
    onInterrupt(fn, ms) {
      graceful = true
      if (ms !== undefined) graceMs = ms
      hooks.push(fn)
    },
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
      // stdout may still report EPIPE for what was written last: keep swallowing it, quietly.
    },
  }
}
