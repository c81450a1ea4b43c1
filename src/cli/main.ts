import { Command, CommanderError } from 'commander'
import { isTdgError } from '../errors.js'
import { redactText as redactSecrets } from '../adapter/redact-url.js'
import { processIo, type CliIo } from './io.js'
import { EXIT_EPIPE, INTERRUPTED_LINE, installInterrupts, type Interrupts } from './interrupts.js'
import { EXIT_CODES_HELP } from './help.js'
import { CliAudit } from './cli-audit.js'
import { COMMANDS } from './commands/index.js'
import { isHelpRequest, writeHelpCache } from './fast-path.js'
import { packageVersion } from '../audit/package-version.js'

/** Exit code of every usage error (commander's own included). */
const EXIT_USAGE = 2

/**
 * Run the CLI with `argv` (as process.argv: node, script, args…). Resolves to the exit code:
 * 0 ok, 2 bad input/usage, 3 connection/read failure, 4 unsatisfiable plan, 5 write failure,
 * 6 `check --min-score` not met, 70 bug,
 * 130/143 interrupted by SIGINT/SIGTERM (rolled back), 141 stdout closed (EPIPE, silent).
 * Errors print one line (`tdg: error CODE: message`); `--debug` adds the stack and cause.
 * With the default `io` the process's signals are handled (see `interrupts.ts`).
 * Every run but help, version and `tdg audit …` is recorded afterwards, whatever its outcome (cli-audit.ts).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const audit = new CliAudit(argv, packageVersion())
  const interrupts = io === processIo ? installInterrupts() : undefined
  // `tdg --help` into a pipe: the text is kept for bin/tdg.js's fast path (fast-path.ts).
  const help = interrupts && isHelpRequest(argv.slice(2)) ? ([] as string[]) : undefined
  const out = help ? { ...io, out: (t: string) => (help.push(t), io.out(t)) } : io
  const code = await runCommand(argv, out, audit, interrupts)
  if (help && code === 0) writeHelpCache(help.join(''))
  await audit.finish(code, io.err)
  // A summary written to a closed pipe reports EPIPE asynchronously, possibly while the audit was written.
  return code === 0 && interrupts?.stdoutClosed ? EXIT_EPIPE : code
}

async function runCommand(argv: string[], io: CliIo, audit: CliAudit, interrupts: Interrupts | undefined): Promise<number> {
  const debug = argv.includes('--debug')
  const ctx: CliIo = interrupts
    ? {
        out: (t) => void (interrupts.stdoutClosed || io.out(t)),
        err: io.err,
        signal: interrupts.signal,
        onInterrupt: (fn, graceMs) => interrupts.onInterrupt(fn, graceMs),
        stdout: process.stdout,
        audit,
      }
    : { ...io, audit }
  const program = buildProgram(ctx)
  program.hook('preAction', (_program, action) => audit.begin(action))
  try {
    const args = argv.slice(2)
    if (args.length === 0) {
      // `tdg` alone: help, not the default command's complaint about missing flags.
      program.outputHelp()
      audit.skip()
      return 0
    }
    const unknown = unknownCommand(program, args)
    if (unknown !== undefined) {
      const names = program.commands.map((c) => c.name()).join(', ')
      ctx.err(`tdg: error TDG_USAGE: unknown command '${unknown}' (commands: ${names}; see tdg --help)\n`)
      return EXIT_USAGE
    }
    await program.parseAsync(argv)
    return interrupts?.stdoutClosed ? EXIT_EPIPE : 0
  } catch (e) {
    audit.failed(e)
    return reportError(e, debug, ctx, interrupts)
  } finally {
    interrupts?.dispose()
  }
}

function buildProgram(io: CliIo): Command {
  const program = CliAudit.addOptions(new Command('tdg'))
    .description('tdg: test data inside real databases')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--debug', 'print stack traces and driver errors')
    .exitOverride()
    // commander's own messages are reformatted into one `tdg: error TDG_USAGE: …` line by reportError.
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
    .addHelpText('after', `\nExample:\n  tdg seed --db sqlite:./dev.db --schema examples/shop.sql --create --rows 1000\n${EXIT_CODES_HELP}`)
  for (const register of COMMANDS) register(program, io)
  return program
}

/** The first argument when it looks like a command name but is none (`tdg bogus`). */
function unknownCommand(program: Command, args: string[]): string | undefined {
  const first = args[0]
  if (first === undefined || first.startsWith('-')) return undefined
  const known = new Set(['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])])
  return known.has(first) ? undefined : first
}

function reportError(e: unknown, debug: boolean, io: CliIo, interrupts: Interrupts | undefined): number {
  // The reader of stdout went away (`| head`): the write failed before stdout's own 'error' event came.
  if (interrupts && (e as NodeJS.ErrnoException)?.code === 'EPIPE') return EXIT_EPIPE
  // Interrupted (or stdout closed): whatever error the abort surfaced as, the run was rolled back.
  if (interrupts?.exitCode !== undefined) {
    if (interrupts.exitCode !== EXIT_EPIPE) io.err(INTERRUPTED_LINE)
    interrupts.reported()
    if (debug) io.err(redactSecrets(`${(e as Error)?.stack ?? String(e)}\n`))
    return interrupts.exitCode
  }
  if (e instanceof CommanderError) {
    if (e.exitCode === 0 || ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code)) return 0
    const text = e.message
      .replace(/^error: /, '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ')
    io.err(`tdg: error TDG_USAGE: ${redactSecrets(text)} (see tdg --help)\n`)
    return EXIT_USAGE
  }
  if (isTdgError(e)) {
    io.err(`tdg: error ${e.code}: ${redactSecrets(e.message)}\n`)
    if (debug) io.err(redactSecrets(`${e.stack ?? ''}\ncause: ${String((e as Error).cause ?? 'none')}\n`))
    return e.exitCode
  }
  const msg = e instanceof Error ? e.message : String(e)
  io.err(`tdg: internal error: ${redactSecrets(msg)}${debug ? '' : ' (run with --debug for details)'}\n`)
  if (debug && e instanceof Error) io.err(redactSecrets(`${e.stack ?? ''}\n`))
  return 70
}
