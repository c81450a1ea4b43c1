/**
 * PostgreSQL DDL text → the same Introspection a live PostgreSQL database gives. Parsed with the real
 * PostgreSQL grammar (libpg-query); defaults and CHECKs go through the dialect's `classifyDefault` and
 * the shared `analyzeCheck`, exactly as the live introspector's catalog text does.
 *
 * Accepts hand-written scripts and `pg_dump` output (psql meta-commands and COPY data are blanked
 * first). Objects outside the model become Issues; a syntax error or a reference to something that
 * does not exist is a TDG_DDL_PARSE error naming file, line, column and token.
 */
import { loadModule, parse, type Node, type RawStmt } from 'libpg-query'
import type { SqlDialect } from '../../adapter/adapter.js'
import type { Introspection } from '../../model/introspection.js'
import { TdgError } from '../../errors.js'
import { withWasmTieringBudget } from '../../pipeline/wasm-tiering.js'
import { blankPsqlLines } from './preprocess.js'
import { Locator } from './locator.js'
import { DdlState } from './state.js'
import { nodeAs, nodeType } from './ast.js'
import { createTable } from './create-table.js'
import { alterTable } from './alter-table.js'
import { alterEnum, createDomain, createEnum } from './types-domains.js'
import { alterSequence, createSequence } from './sequences.js'
import { createIndex } from './indexes.js'
import { comment } from './comments.js'
import { dropStatement, selectStatement, setVariable } from './session.js'
import { DATA_STATEMENTS, QUIET_STATEMENTS, skippedIssue } from './skipped.js'
import { finish } from './finish.js'

/** Options: `file` names the source in messages; `dialect` is the PostgreSQL dialect object. */
export interface ParsePostgresOptions {
  file?: string
  dialect: SqlDialect
}

/** Parse PostgreSQL DDL into a schema model plus Issues for what was skipped. */
export async function parsePostgresDdl(text: string, opts: ParsePostgresOptions): Promise<Introspection> {
  await withWasmTieringBudget(() => loadModule())
  const sql = blankPsqlLines(text.replace(/^\uFEFF/, ''))
  const locator = new Locator(sql)
  let stmts: RawStmt[]
  try {
    stmts = (await parse(sql)).stmts ?? []
  } catch (e) {
    throw syntaxError(e, locator, opts.file)
  }
  const state = new DdlState(opts.dialect, locator, opts.file)
  let dataStatements = 0
  let firstData = 0
  for (const raw of stmts) {
    const stmt = raw.stmt
    if (!stmt) continue
    state.stmtAt = locator.skipTrivia(raw.stmt_location ?? 0)
    const type = nodeType(stmt)
    if (DATA_STATEMENTS.has(type)) {
      if (dataStatements++ === 0) firstData = state.stmtAt
      continue
    }
    handle(state, stmt, type)
  }
  if (dataStatements > 0) {
    state.issue('DDL_SKIPPED', `${dataStatements} data statement(s) (INSERT/COPY/…) skipped: only the schema is read`, { at: firstData })
  }
  return { model: finish(state), issues: state.issues }
}

function handle(state: DdlState, stmt: Node, type: string): void {
  const body = <T>() => nodeAs<T>(stmt, type) ?? ({} as T)
  switch (type) {
    case 'CreateStmt': return createTable(state, body())
    case 'AlterTableStmt': return alterTable(state, body())
    case 'CreateEnumStmt': return createEnum(state, body())
    case 'AlterEnumStmt': return alterEnum(state, body())
    case 'CreateDomainStmt': return createDomain(state, body())
    case 'CreateSeqStmt': return createSequence(state, body())
    case 'AlterSeqStmt': return alterSequence(state, body())
    case 'IndexStmt': return createIndex(state, body())
    case 'CommentStmt': return comment(state, body())
    case 'VariableSetStmt': return setVariable(state, body())
    case 'DropStmt': return dropStatement(state, body())
    case 'CreateSchemaStmt': {
      const s = body<{ schemaname?: string; schemaElts?: Node[] }>()
      for (const elt of s.schemaElts ?? []) handle(state, elt, nodeType(elt))
      return
    }
    case 'SelectStmt':
      if (selectStatement(state, body())) return
      break
    default:
      if (QUIET_STATEMENTS.has(type)) return
  }
  const { code, message } = skippedIssue(stmt)
  state.issue(code, message)
}

/** libpg-query's error (0-based character cursor) → TDG_DDL_PARSE with file:line:column and token. */
function syntaxError(e: unknown, locator: Locator, file: string | undefined): TdgError {
  const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails
  const raw = details?.message ?? (e instanceof Error ? e.message : String(e))
  const { line, column } = locator.fromChar(details?.cursorPosition ?? 0)
  const token = /at or near "([\s\S]*)"$/.exec(raw)?.[1] ?? (/end of input/.test(raw) ? '' : undefined)
  // One line, bounded: an unterminated string's "token" is the rest of the file.
  const shown = token !== undefined && token.length > 0 ? oneLine(token) : undefined
  const message = shown !== undefined ? raw.replace(/at or near "[\s\S]*"$/, `at or near "${shown}"`) : oneLine(raw)
  const where = `${file ?? '<input>'}:${line}:${column}`
  return new TdgError('TDG_DDL_PARSE', `${where}: ${message}`, { file, line, column, token }, { cause: e })
}

function oneLine(s: string): string {
  const flat = s.replace(/\r?\n/g, '\\n').replace(/[\x00-\x1f]/g, ' ')
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat
}
