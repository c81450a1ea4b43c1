/**
 * SQLite DDL files → Introspection. SQLite parses its own DDL: the statements run one by one in a fresh
 * `:memory:` database and the result is read back through the same catalog code as a live database, so a
 * DDL file and the database built from it give the same model.
 *
 * Statements that change no schema are not run: data statements (INSERT/UPDATE/DELETE/REPLACE/SELECT/
 * WITH/VALUES/EXPLAIN) give one DDL_SKIPPED Issue in total, and ATTACH/DETACH/VACUUM (which touch files)
 * and sqlite3 CLI dot-commands one Issue each. A statement SQLite rejects fails the parse with its location.
 */
import Database from 'better-sqlite3'
import { formatLocation, TdgError, type Issue, type SourceLocation } from '../../src/errors.js'
import type { Introspection } from '../../src/model/introspection.js'
import { introspectSqlite } from './introspect.js'
import { isWord, lineLocator, nameOf, type LexToken } from './sql-lexer.js'
import { splitStatements, type ScriptStatement } from './split-statements.js'

const DATA_VERBS = new Set(['INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'SELECT', 'WITH', 'VALUES', 'EXPLAIN'])
const FILE_VERBS = new Set(['ATTACH', 'DETACH', 'VACUUM'])

/**
 * Parse SQLite DDL text. `opts.file` names the file in error messages and Issue locations.
 * Throws TDG_DDL_PARSE `<file>:<line>:<col>: <SQLite's message>` at the token SQLite names.
 */
export async function parseSqliteDdl(source: string, opts: { file?: string } = {}): Promise<Introspection> {
  // A byte-order mark becomes a space: offsets (and so lines and columns) stay those of the file.
  const text = source.startsWith('\uFEFF') ? ` ${source.slice(1)}` : source
  const lineColumn = lineLocator(text)
  const db = new Database(':memory:')
  try {
    db.pragma('foreign_keys = ON')
    const issues: Issue[] = []
    const where = (offset: number): SourceLocation => ({ ...(opts.file !== undefined && { file: opts.file }), ...lineColumn(offset) })
    const defined = new Map<string, SourceLocation>()
    let dataCount = 0
    let firstData: SourceLocation | undefined
    for (const st of splitStatements(text)) {
      const location = where(st.start)
      if (st.kind === 'dot') {
        issues.push({ code: 'DDL_SKIPPED', message: `sqlite3 command ${st.text.split(/\s+/)[0] ?? st.text} skipped`, location })
        continue
      }
      const verb = st.tokens[0]?.kind === 'word' ? st.tokens[0].value.toUpperCase() : ''
      if (DATA_VERBS.has(verb)) {
        dataCount++
        firstData ??= location
        continue
      }
      if (FILE_VERBS.has(verb)) {
        issues.push({ code: 'DDL_SKIPPED', message: `${verb} skipped: a schema file may not touch other database files`, location })
        continue
      }
      try {
        db.exec(st.text)
      } catch (e) {
        throw parseError(db, text, st, e, opts.file, lineColumn)
      }
      const created = createdObject(st.tokens)
      if (created?.temp) issues.push({ code: 'DDL_SKIPPED', message: `temporary ${created.type} ${created.name} is not part of the schema`, location })
      else if (created) defined.set(`${created.type}:${created.name.toLowerCase()}`, location)
    }
    if (dataCount > 0) {
      issues.push({ code: 'DDL_SKIPPED', message: `${dataCount} data statement(s) (INSERT, UPDATE, SELECT, …) skipped: only the schema is read`, ...(firstData && { location: firstData }) })
    }
    const result = introspectSqlite(db, { locate: (type, name) => defined.get(`${type}:${name.toLowerCase()}`) })
    // Issues about a table point at its CREATE TABLE unless they already point somewhere.
    const located = result.issues.map((i): Issue => {
      const loc = i.location ?? (i.table !== undefined ? defined.get(`table:${i.table.toLowerCase()}`) : undefined)
      return loc ? { ...i, location: loc } : i
    })
    return { model: result.model, issues: [...issues, ...located] }
  } finally {
    db.close()
  }
}

/** `CREATE [TEMP] [UNIQUE|VIRTUAL] TABLE|VIEW|TRIGGER|INDEX [IF NOT EXISTS] [schema.]name` → what it names. */
function createdObject(tokens: LexToken[]): { type: 'table' | 'view' | 'trigger'; name: string; temp: boolean } | undefined {
  if (!isWord(tokens[0], 'CREATE')) return undefined
  let i = 1
  const temp = isWord(tokens[i], 'TEMP') || isWord(tokens[i], 'TEMPORARY')
  if (temp) i++
  if (isWord(tokens[i], 'VIRTUAL') || isWord(tokens[i], 'UNIQUE')) i++
  const kind = tokens[i]?.kind === 'word' ? (tokens[i] as LexToken).value.toUpperCase() : ''
  const type = kind === 'TABLE' ? 'table' : kind === 'VIEW' ? 'view' : kind === 'TRIGGER' ? 'trigger' : undefined
  if (!type) return undefined
  i++
  if (isWord(tokens[i], 'IF')) i += 3
  let name = nameOf(tokens[i])
  if (tokens[i + 1]?.raw === '.') name = nameOf(tokens[i + 2])
  return name === undefined ? undefined : { type, name, temp }
}

/** Patterns of SQLite messages that name the offending token or object. */
const NAMED_IN_MESSAGE: RegExp[] = [
  /^no such (?:table|column|collation sequence|function|index|view|trigger|module): (?:\w+\.)?(.+)$/,
  /^(?:table|index|view|trigger) "?(.+?)"? already exists$/,
  /^unknown column "(.+)" in foreign key definition$/,
  /^unknown table option: (.+)$/,
  /^(AUTOINCREMENT) is only allowed/,
  /"([^"]+)"/,
]

/** Messages whose named token is the LAST occurrence in the statement (the second declaration). */
const NAMED_LAST: RegExp[] = [/^duplicate column name: (.+)$/]

/** TDG_DDL_PARSE at the token SQLite complains about (the statement start when none can be found). */
function parseError(
  db: Database.Database,
  text: string,
  st: ScriptStatement,
  e: unknown,
  file: string | undefined,
  lineColumn: (offset: number) => { line: number; column: number },
): TdgError {
  const full = e instanceof Error ? e.message : String(e)
  let message = full.split('\n')[0] ?? ''
  let token: string | undefined
  let offset = st.start
  const near = /^near "([\s\S]*)": syntax error$/.exec(full)
  const unrecognized = /^unrecognized token: "([\s\S]*?)"?$/.exec(full)
  if (unrecognized) {
    // An unterminated string makes the "token" the rest of the file: show its start on one line.
    const shown = (unrecognized[1] as string).replace(/\s+/g, ' ')
    message = `unrecognized token: "${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}"`
  }
  if (near) {
    token = near[1] as string
    offset = locateSyntaxError(db, text, st, token, full) ?? offset
  } else if (unrecognized) {
    token = (unrecognized[1] as string).split('\n')[0] as string
    const at = st.text.indexOf(token)
    if (at >= 0) offset = st.start + at
  } else if (message === 'incomplete input') {
    offset = st.tokens[st.tokens.length - 1]?.end ?? st.start
  } else {
    for (const re of NAMED_LAST) {
      const name = re.exec(message)?.[1]
      const hit = name === undefined ? undefined : st.tokens.findLast((t) => t.raw === name || nameOf(t)?.toLowerCase() === name.toLowerCase())
      if (hit) {
        token = hit.raw
        offset = hit.start
      }
    }
    for (const re of token === undefined ? NAMED_IN_MESSAGE : []) {
      const name = re.exec(message)?.[1]
      if (name === undefined) continue
      const hit = st.tokens.find((t) => t.raw === name || nameOf(t)?.toLowerCase() === name.toLowerCase())
      if (hit) {
        token = hit.raw
        offset = hit.start
        break
      }
    }
  }
  const loc = { ...(file !== undefined && { file }), ...lineColumn(offset) }
  return new TdgError('TDG_DDL_PARSE', `${formatLocation(loc)}: ${message}`, { ...loc, ...(token !== undefined && { token }) }, { cause: e })
}

/**
 * SQLite reports the token but not its offset (better-sqlite3 does not expose sqlite3_error_offset). The
 * parser reads left to right, so the culprit is the first occurrence whose prefix, ending at that token,
 * already fails with the same message; later occurrences would give "incomplete input" or another error.
 */
function locateSyntaxError(db: Database.Database, text: string, st: ScriptStatement, token: string, message: string): number | undefined {
  const candidates = st.tokens.filter((t) => t.raw === token)
  for (const c of candidates) {
    try {
      db.prepare(text.slice(st.start, c.end))
    } catch (e) {
      if (e instanceof Error && e.message === message) return c.start
    }
  }
  if (candidates[0]) return candidates[0].start
  const at = token === '' ? -1 : st.text.indexOf(token)
  return at >= 0 ? st.start + at : undefined
}
