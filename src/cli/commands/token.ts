import type { Command } from 'commander'
import { createToken, listTokens, parseScopes, revokeToken, SCOPES } from '../../serve/token-store.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { withStore } from './audit.js'

/**
 * `tdg token create --name NAME --scopes a,b`, `tdg token list [--json]`, `tdg token revoke NAME`: the
 * bearer tokens of `tdg serve`, in the state store. A token is printed once, at creation; only its
 * sha256 is stored.
 */
export function registerToken(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens of tdg serve: create (printed once, stored as a hash), list, revoke')
  token
    .command('create')
    .description('create a token and print it (only its sha256 is stored: it cannot be shown again)')
    .requiredOption('--name <name>', "the token's name: the actor of its jobs in the audit log")
    .requiredOption('--scopes <list>', `comma-separated: ${SCOPES.join(', ')}`)
    .addHelpText('after', exampleHelp('tdg token create --name ci --scopes jobs:write,jobs:read,audit:read'))
    .action(async (flags: { name: string; scopes: string }, cmd: Command) => {
      const scopes = parseScopes(flags.scopes)
      const value = await withStore(cmd, (db) => createToken(db, flags.name, scopes))
      io.out(`${value}\n`)
      io.err(`tdg: token '${flags.name}' created (${scopes.join(', ')}); it is shown only this once\n`)
    })
  token
    .command('list')
    .description('every token: name, scopes, created, last used (to the minute), revoked (never the token)')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      const tokens = await withStore(cmd, (db) => listTokens(db))
      if (flags.json) return io.out(JSON.stringify(tokens, null, 2) + '\n')
      if (tokens.length === 0) return io.out('no tokens (tdg token create --name NAME --scopes …)\n')
      for (const t of tokens) io.out(`${t.name}\t${t.scopes.join(',')}\tcreated ${t.createdAt}\t${t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used'}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}\n`)
    })
  token
    .command('revoke <name>')
    .description('revoke a token: requests with it get 401 from then on')
    .action(async (name: string, _flags: unknown, cmd: Command) => {
      await withStore(cmd, (db) => revokeToken(db, name))
      io.out(`token '${name}' revoked\n`)
    })
}
