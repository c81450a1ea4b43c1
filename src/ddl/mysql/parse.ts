/**
 * MySQL/MariaDB DDL text → the same Introspection a live MariaDB gives for it. A small lexer
 * (lexer.ts: comments, executable `/*!…*\/` comments, DELIMITER, strings) and a recursive-descent reader
 * of CREATE/ALTER/DROP TABLE and CREATE INDEX (the rest becomes Issues). Types, defaults and CHECK text go
 * through the dialect's hooks and the shared CHECK analyser, exactly as the live introspector's catalog text.
 *
 * Why not node-sql-parser: it rejects real mysqldump output (executable comments, DELIMITER blocks,
 * trigger bodies), re-prints expressions in its own spelling and reports errors without the token; a
 * parser this size gives exact `file:line:column` and keeps the source spelling of every expression.
 */
import type { Introspection } from '../../model/introspection.js'
import { TdgError } from '../../errors.js'
import { Cursor } from './cursor.js'
import { LexError, lexStatements, type Stmt } from './lexer.js'
import { DdlState, type MysqlDdlHooks } from './state.js'
import { statement } from './statements.js'
import { finish } from './finish.js'

/** Options: `file` names the source in messages; the hooks come from the MySQL dialect. */
export interface ParseMysqlOptions extends MysqlDdlHooks {
  file?: string
}

/** Parse MySQL DDL into a schema model plus Issues for what was skipped. */
export async function parseMysqlDdl(text: string, opts: ParseMysqlOptions): Promise<Introspection> {
  const source = text.replace(/^\uFEFF/, '')
  const state = new DdlState(opts, source, opts.file)
  let stmts: Stmt[]
  try {
    stmts = lexStatements(source)
  } catch (e) {
    if (!(e instanceof LexError)) throw e
    const shown = e.token.replace(/\r?\n/g, '\\n')
    throw state.error(`${e.message} at or near "${shown}"`, e.at, e.token)
  }
  let data = 0
  let firstData = 0
  for (const stmt of stmts) {
    state.stmtAt = stmt.start
    const cur = new Cursor(stmt, (message, at, token) => state.error(message, at, token))
    let result
    try {
      result = statement(cur, state)
    } catch (e) {
      if (e instanceof TdgError) throw e
      throw state.error(e instanceof Error ? e.message : String(e))
    }
    if (result === 'data' && data++ === 0) firstData = stmt.start
  }
  if (data > 0) state.issue('DDL_SKIPPED', `${data} data statement(s) (INSERT/UPDATE/…) skipped: only the schema is read`, { at: firstData })
  return { model: finish(state), issues: state.issues }
}
