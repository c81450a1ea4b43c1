import { homedir } from 'node:os'
import { join } from 'node:path'
import { redactUrl } from '../adapter/redact-url.js'

/** Where the state store is: a SQLite file, or a PostgreSQL / MySQL-MariaDB database. */
export type StateLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string } | { kind: 'mysql'; url: string }

/** The default state file: `~/.tdg/state.db`. */
export function defaultStateFile(): string {
  return join(homedir(), '.tdg', 'state.db')
}

/**
 * Read a `--state` / `TDG_STATE_URL` / config `state:` value: `postgres://…` (or `postgresql://`),
 * `mysql://…` (or `mariadb://`), `sqlite:FILE`, `file:FILE`, or a plain file path. Undefined or empty:
 * the default file.
 */
export function parseStateLocation(text: string | undefined): StateLocation {
  const value = text?.trim()
  if (!value) return { kind: 'sqlite', file: defaultStateFile() }
  if (/^postgres(ql)?:\/\//i.test(value)) return { kind: 'postgres', url: value }
  if (/^(mysql|mariadb):\/\//i.test(value)) return { kind: 'mysql', url: value.replace(/^mariadb:/i, 'mysql:') }
  const file = value.replace(/^(sqlite|file):(\/\/)?/i, '')
  return { kind: 'sqlite', file: file.startsWith('~/') ? join(homedir(), file.slice(2)) : file }
}

/** The location for messages: the URL without its password, or the file. */
export function describeState(loc: StateLocation): string {
  return loc.kind === 'sqlite' ? loc.file : redactUrl(loc.url)
}
