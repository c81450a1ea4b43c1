/**
 * Where better-sqlite3's compiled addon is, for its `nativeBinding` option. Without it, better-sqlite3 finds
 * the addon through the `bindings` package, which probes a dozen candidate paths with a stack trace and
 * fs calls on every process that opens a database — ~4 ms of CPU of every run that writes an audit record
 * (issue 16, start-up). Undefined (and better-sqlite3 searches as usual) when the addon is not where an
 * install builds it.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

let found: string | undefined | null

/** The path of `build/Release/better_sqlite3.node` of the installed better-sqlite3, when that file exists. */
export function sqliteNativeBinding(): string | undefined {
  if (found === undefined) {
    try {
      const file = join(dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node')
      found = existsSync(file) ? file : null
    } catch {
      found = null
    }
  }
  return found ?? undefined
}
