import type { Command } from 'commander'

/** The exit-code table shown at the end of every help text (the README has the same). */
export const EXIT_CODES_HELP = `
Exit codes:
  0    done
  1    a sensitive column has no masking rule (clone, export, scan-pii --check); an original survived (leak-check, clone --verify);
       tdg report --min-score: the overall fidelity score is below the minimum
  2    bad input: usage, unreadable file, DDL syntax, bad URL, bad config, unknown dialect
  3    cannot connect or read (wrong password, unknown host, missing database)
  4    the request cannot be satisfied by the schema
  5    writing failed; the transaction was rolled back
  6    tdg check --min-score: an invariant scored below the minimum
  70   a bug in tdg
  130  interrupted by Ctrl-C / SIGINT; rolled back
  141  stdout was closed (\`| head\`); the run stopped quietly
  143  terminated by SIGTERM; rolled back
`

/** The text after a command's options in its help: one example, then the exit codes. */
export function exampleHelp(example: string): string {
  return `\nExample:\n  ${example}\n${EXIT_CODES_HELP}`
}

/** Add `exampleHelp(example)` after a command's options in its help. */
export function withExample(cmd: Command, example: string): Command {
  return cmd.addHelpText('after', exampleHelp(example))
}
