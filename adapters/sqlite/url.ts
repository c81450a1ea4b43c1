/**
 * SQLite connection URLs → a file path, and opening it with one clear error line per failure.
 *
 * Accepted forms (`file:` works wherever `sqlite:` does):
 * - `sqlite:./file.db`, `sqlite:file.db`, `sqlite:/abs/file.db` — the text after the colon is the path,
 *   taken literally (no percent-decoding, relative to the working directory);
 * - `sqlite::memory:` — a private in-memory database;
 * - `sqlite://./file.db` — a relative path after `//`;
 * - `sqlite:///abs/file.db` and `sqlite://localhost/abs/file.db` — RFC 8089 style: empty (or localhost)
 *   authority, absolute path, percent-decoded. (SQLAlchemy's 4-slash `sqlite:////abs` lands on the same
 *   file; its 3-slash relative form does not: here 3 slashes always mean an absolute path.)
 * In the `//` forms a `?query` or `#fragment` is ignored.
 */
import { statSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { sqliteNativeBinding } from '../../src/state/sqlite-binding.js'
import { redactUrl } from '../../src/adapter/redact-url.js'
import { TdgError } from '../../src/errors.js'

/** Options for opening a database file. */
export interface SqliteOpenOptions {
  /** Create the file when it does not exist (seeding). Default false: introspect/scan never create files. */
  create?: boolean
}

/** The file path (or `:memory:`) a SQLite URL names; TDG_URL_INVALID when it names none. */
export function sqlitePathFromUrl(url: string): string {
  const m = /^(sqlite|file):(.*)$/is.exec(url)
  if (!m) throw new TdgError('TDG_URL_INVALID', `not a SQLite URL: expected sqlite:./file.db or sqlite::memory:`)
  const rest = m[2] as string
  let path = rest
  if (rest.startsWith('//')) {
    const body = rest.slice(2).replace(/[?#].*$/s, '')
    if (body.startsWith('.')) path = body
    else {
      const slash = body.indexOf('/')
      const host = slash < 0 ? body : body.slice(0, slash)
      if (host !== '' && host.toLowerCase() !== 'localhost') {
        throw new TdgError('TDG_URL_INVALID', `SQLite URL ${redactUrl(url)} names host '${host}': a SQLite database is a local file (use sqlite:///abs/path.db or sqlite:./rel.db)`)
      }
      path = slash < 0 ? '' : body.slice(slash).replace(/^\/+/, '/')
      try {
        path = decodeURIComponent(path)
      } catch {
        // A stray % that is not an escape: keep the text as written.
      }
    }
  }
  if (path === '') throw new TdgError('TDG_URL_INVALID', `SQLite URL ${redactUrl(url)} names no file: expected sqlite:./file.db or sqlite::memory:`)
  return path
}

/**
 * Open the database a URL names. Fails with one TDG_CONNECT_FAILED line: `cannot open <url>: <reason>`
 * for a missing file (unless `create`), a directory, a missing parent directory or a file that is not a
 * SQLite database. The driver error travels as `cause`.
 */
export function openSqlite(url: string, opts: SqliteOpenOptions = {}): Database.Database {
  const path = sqlitePathFromUrl(url)
  const shown = redactUrl(url)
  const fail = (reason: string, cause?: unknown, extra: Record<string, unknown> = {}): TdgError =>
    new TdgError('TDG_CONNECT_FAILED', `cannot open ${shown}: ${reason}`, { url: shown, path, ...extra }, cause === undefined ? undefined : { cause })
  if (path !== ':memory:') {
    const st = statSync(path, { throwIfNoEntry: false })
    if (st?.isDirectory()) throw fail('is a directory')
    // `missing`: seeding says how to create it (create: true / --create).
    if (!st && !opts.create) throw fail('no such file', undefined, { missing: true })
    if (!st && !statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) throw fail('no such directory')
  }
  let db: Database.Database
  try {
    const nativeBinding = sqliteNativeBinding()
    db = new Database(path, { fileMustExist: !opts.create, ...(nativeBinding ? { nativeBinding } : {}) })
  } catch (e) {
    throw fail(reasonOf(e), e)
  }
  try {
    // Opening is lazy: the first read of the schema is what finds a file that is not a database.
    db.prepare('SELECT count(*) FROM main.sqlite_schema').get()
    db.pragma('foreign_keys = ON')
  } catch (e) {
    db.close()
    throw fail(reasonOf(e), e)
  }
  return db
}

/** A short reason from a driver error: SQLite's own wording, lower-cased like the rest of the line. */
function reasonOf(e: unknown): string {
  const code = (e as { code?: unknown }).code
  if (code === 'SQLITE_NOTADB') return 'file is not a database'
  if (code === 'SQLITE_CANTOPEN') return 'unable to open database file'
  if (code === 'SQLITE_CORRUPT') return 'database disk image is malformed'
  if (code === 'SQLITE_PERM' || code === 'SQLITE_READONLY' || code === 'EACCES') return 'permission denied'
  const msg = e instanceof Error ? e.message : String(e)
  return msg.split('\n')[0] ?? msg
}
