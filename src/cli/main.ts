import { Command, CommanderError } from 'commander'
import { isTdgError } from '../errors.js'
import { redactText as redactSecrets } from '../adapter/redact-url.js'
import { processIo, type CliIo } from './io.js'
import { registerIntrospect } from './commands/introspect.js'
import { registerSeed } from './commands/seed.js'
import { registerGenerate } from './commands/generate.js'
import { registerPlan } from './commands/plan.js'
import { registerConfig } from './commands/config.js'

/**
 * Run the CLI with `argv` (as process.argv: node, script, args…). Resolves to the exit code:
 * 0 ok, 2 bad input/usage, 3 connection/read failure, 4 unsatisfiable plan, 5 write failure, 70 bug.
 * Errors print one line (`tdg: error CODE: message`); `--debug` adds the stack and cause.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const debug = argv.includes('--debug')
  const program = new Command('tdg')
    .description('tdg: test data inside real databases')
    .option('--debug', 'print stack traces and driver errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run tdg --help for usage)')
  registerIntrospect(program, io)
  registerSeed(program, io)
  registerPlan(program, io)
  registerConfig(program, io)
  registerGenerate(program, io)
  try {
    await program.parseAsync(argv)
    return 0
  } catch (e) {
    return reportError(e, debug, io)
  }
}

function reportError(e: unknown, debug: boolean, io: CliIo): number {
  if (e instanceof CommanderError) {
    // commander already printed its message; help/version exit 0.
    return e.exitCode === 0 ? 0 : 2
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
