/**
 * T-SQL DDL text → the same Introspection a live SQL Server database gives. A hand-written tokenizer
 * and recursive descent over the statements that shape a schema (CREATE/ALTER/DROP TABLE, CREATE INDEX,
 * user types); everything else is skipped, with an Issue where it might matter:
 *
 * - sqlcmd directives (`:setvar`, `:on error exit`, `:r`) and `$(var)` substitution first (sqlcmd.ts);
 * - `GO [n]` batch separators, `SET ANSI_NULLS ON` & co., `PRINT`, `BEGIN TRAN`/`COMMIT`: read quietly;
 *   `USE [db]` with an Issue (the script's database is whatever the caller connects to);
 * - CREATE/ALTER PROCEDURE, FUNCTION, TRIGGER, VIEW: skipped to the next `GO` with an OBJECT_SKIPPED Issue;
 * - CREATE/ALTER DATABASE, XML SCHEMA COLLECTION, FULLTEXT, SEQUENCE, … : skipped with a DDL_SKIPPED Issue;
 * - INSERT/UPDATE/DELETE/MERGE/BULK INSERT data, IF/DECLARE/RAISERROR blocks: skipped with a DDL_SKIPPED Issue;
 * - EXEC of any procedure but `sp_addtype` (extended properties, `sp_dboption`, …): one Issue per procedure.
 *
 * A syntax error, or a reference to a table/column that does not exist, is a TDG_DDL_PARSE error naming
 * `file:line:column` and the token where reading stopped.
 */
import type { SqlDialect } from '../../adapter/adapter.js'
import type { Introspection } from '../../model/introspection.js'
import type { Table } from '../../model/schema.js'
import { Cursor } from './cursor.js'
import { lexTsql, type Token } from './lexer.js'
import { applySqlcmd } from './sqlcmd.js'
import { DEFAULT_SCHEMA, MssqlState } from './state.js'
import { alterTable, createIndex, createTable, dropTable, skipClause, STATEMENT_START } from './tables.js'
import { createType, execAddType } from './user-types.js'

/** Options: `file` names the source in messages; `dialect` is the SQL Server dialect object. */
export interface ParseMssqlOptions {
  file?: string
  dialect: SqlDialect
}

const PROCEDURAL = new Set(['procedure', 'proc', 'function', 'trigger', 'view'])
const DATA = new Set(['insert', 'update', 'delete', 'merge', 'truncate', 'select', 'with', 'bulk'])
const QUIET = new Set(['set', 'print', 'commit', 'rollback', 'checkpoint', 'save'])
const SKIPPED = new Set(['if', 'else', 'declare', 'begin', 'end', 'grant', 'deny', 'revoke', 'dbcc', 'raiserror', 'throw', 'while', 'return', 'waitfor', 'disable', 'enable', 'reconfigure', 'backup', 'restore', 'open', 'close', 'fetch', 'deallocate', 'break', 'continue', 'goto', 'readtext', 'writetext', 'updatetext', 'kill', 'shutdown', 'setuser', 'revert'])

/** Parse T-SQL DDL into a schema model plus Issues for what was skipped. */
export async function parseMssqlDdl(text: string, opts: ParseMssqlOptions): Promise<Introspection> {
  const { text: src, notes } = applySqlcmd(text.replace(/^\uFEFF/, ''))
  const cur = new Cursor(lexTsql(src, opts.file), src, opts.file)
  const state = new MssqlState(opts.dialect, cur, opts.file)
  for (const n of notes) state.issue('DDL_SKIPPED', n.message, { kind: 'op', value: '', start: 0, end: 0, line: n.line, column: n.column })
  let data = 0
  let firstData: Token | undefined
  while (!cur.done) {
    const t = cur.peek() as Token
    if (t.kind === 'go' || (t.kind === 'punct' && t.value === ';')) {
      cur.next()
      continue
    }
    const w = t.kind === 'word' ? t.value.toLowerCase() : ''
    if (DATA.has(w)) {
      if (data++ === 0) firstData = t
      cur.next()
      skipClause(state)
    } else if (w === 'exec' || w === 'execute') {
      cur.next()
      exec(state, t)
    } else statement(state, t, w)
  }
  if (data > 0) state.issue('DDL_SKIPPED', `${data} data statement(s) (INSERT/UPDATE/…) skipped: only the schema is read`, firstData)
  state.flushCounts()
  finish(state)
  // Keys in the model's field order (stable `--json`), as the live introspector builds them.
  const tables = state.tables.map(({ schema, name, columns, primaryKey, uniques, foreignKeys, checks }): Table => ({
    schema,
    name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks,
  }))
  // In file order: the counted skips are reported at their first occurrence.
  const issues = [...state.issues].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0))
  return { model: { dialect: 'mssql', tables, enums: [], domains: [...state.userTypes.values()].map((u) => u.domain) }, issues }
}

function statement(state: MssqlState, t: Token, w: string): void {
  const cur = state.cur
  if (w === 'create') return create(state, t)
  if (w === 'alter') {
    cur.next()
    if (cur.words('table')) return alterTable(state)
    return otherObject(state, t, 'ALTER')
  }
  if (w === 'drop') {
    cur.next()
    if (cur.words('table')) return dropTable(state)
    return skipClause(state)
  }
  if (w === 'use') {
    cur.next()
    const db = cur.name()
    state.issue('DDL_SKIPPED', `USE ${db} skipped: tables are read into the database tdg connects to`, t)
    return
  }
  if (QUIET.has(w)) {
    cur.next()
    return skipClause(state)
  }
  if (w === 'if' || w === 'while' || w === 'else') {
    // The condition is skipped; the statement it guards is read like any other (`IF NOT EXISTS (…) CREATE
    // TABLE …`, `IF OBJECT_ID(…) IS NOT NULL DROP TABLE …`), on the same line or the next.
    cur.next()
    if (w !== 'else') state.count(`${w.toUpperCase()} condition`, 'not evaluated; the statement it guards is read as if it held', t)
    return skipCondition(state)
  }
  if (SKIPPED.has(w)) {
    cur.next()
    state.count(`${w.toUpperCase()} statement`, 'procedural T-SQL is not read', t)
    return skipClause(state)
  }
  throw cur.syntaxError(t)
}

/** Skip an IF/WHILE condition: up to the first word at depth 0 that starts a statement, or `;`/`GO`. */
function skipCondition(state: MssqlState): void {
  const cur = state.cur
  let depth = 0
  for (;;) {
    const t = cur.peek()
    if (!t || t.kind === 'go') return
    if (depth === 0 && t.kind === 'punct' && t.value === ';') return
    if (depth === 0 && t.kind === 'word' && (STATEMENT_START.has(t.value.toLowerCase()) || SKIPPED.has(t.value.toLowerCase()))) return
    if (t.kind === 'punct' && t.value === '(') depth++
    else if (t.kind === 'punct' && t.value === ')') depth--
    cur.next()
  }
}

const PROC_WHY: Record<string, string> = {
  sp_addextendedproperty: 'extended properties (descriptions) are not modelled',
  sp_updateextendedproperty: 'extended properties (descriptions) are not modelled',
  sp_dboption: 'database options do not shape tables',
  sp_executesql: 'dynamic SQL is not read',
  sp_fulltext_database: 'full-text search is not modelled',
}

/** `EXEC[UTE] …` (after the word): `sp_addtype` defines a user type; any other call is counted and skipped. */
function exec(state: MssqlState, t: Token): void {
  const cur = state.cur
  const next = cur.peek()
  if ((next?.kind === 'word' || next?.kind === 'qname') && !cur.isWord('as') && execAddType(state)) return
  let proc = '(dynamic SQL)'
  if (next?.kind === 'var' && cur.peek(1)?.value === '=') cur.pos += 2 // EXEC @rc = proc …
  const p = cur.peek()
  if (p?.kind === 'word' || p?.kind === 'qname') {
    const save = cur.pos
    proc = cur.qualifiedName().filter((x) => x !== '').join('.')
    cur.pos = save
  } else if (p?.kind === 'var') proc = p.value
  state.count(`EXEC ${proc}`, PROC_WHY[proc.toLowerCase().replace(/^(?:sys|dbo)\./, '')] ?? 'procedure calls are not read', t)
  skipClause(state)
}

function create(state: MssqlState, t: Token): void {
  const cur = state.cur
  cur.next()
  if (cur.words('table')) return createTable(state)
  if (cur.words('type')) return createType(state)
  const unique = cur.words('unique')
  cur.words('clustered') || cur.words('nonclustered')
  if (cur.words('index')) return createIndex(state, unique)
  if (cur.words('schema')) {
    cur.name()
    if (cur.words('authorization')) cur.name()
    return
  }
  if (cur.words('sequence')) {
    cur.qualifiedName()
    return skipClause(state)
  }
  cur.words('or alter')
  return otherObject(state, t, 'CREATE')
}

/** Words that make up an object kind in CREATE/ALTER (`CREATE PRIMARY XML INDEX`, `CREATE FULLTEXT CATALOG`). */
const OBJECT_KIND_WORDS = new Set(['database', 'xml', 'schema', 'collection', 'fulltext', 'catalog', 'index', 'stoplist', 'primary', 'selective', 'spatial', 'columnstore', 'nonclustered', 'clustered', 'partition', 'function', 'scheme', 'sequence', 'synonym', 'statistics', 'role', 'user', 'login', 'certificate', 'assembly', 'aggregate', 'rule', 'security', 'policy', 'master', 'key', 'symmetric', 'asymmetric', 'credential', 'event', 'session', 'notification', 'queue', 'service', 'contract', 'message', 'route', 'endpoint', 'audit', 'specification', 'server', 'application', 'external', 'data', 'source', 'file', 'format', 'resource', 'pool', 'workload', 'group', 'authorization', 'availability', 'broker', 'priority', 'column', 'encryption', 'search', 'property', 'list', 'default'])

const KIND_WHY: Record<string, string> = {
  database: 'tables are read into the database tdg connects to',
  xml: 'xml columns are not generated, so their schema collections do not matter',
  fulltext: 'full-text search does not shape tables',
}

/** Procedures, functions, triggers and views run to the end of their batch; other objects to the statement end. */
function otherObject(state: MssqlState, t: Token, verb: string): void {
  const cur = state.cur
  const kindTok = cur.peek()
  const kind = kindTok?.kind === 'word' ? kindTok.value.toLowerCase() : ''
  if (PROCEDURAL.has(kind)) {
    cur.next()
    const name = cur.qualifiedName().filter((p) => p !== '').join('.')
    state.issue('OBJECT_SKIPPED', `${verb} ${kind === 'proc' ? 'PROCEDURE' : kind.toUpperCase()} ${name} skipped: procedural code is not modelled`, t)
    while (!cur.done && cur.peek()?.kind !== 'go') cur.next()
    return
  }
  if (!kindTok || kindTok.kind !== 'word') throw cur.syntaxError(kindTok)
  // The object kind as written (`XML SCHEMA COLLECTION`, `FULLTEXT INDEX`, `PARTITION SCHEME`), then its name.
  const words: string[] = []
  while (cur.peek()?.kind === 'word' && OBJECT_KIND_WORDS.has((cur.peek() as Token).value.toLowerCase())) words.push((cur.next() as Token).value.toUpperCase())
  if (words.length === 0) words.push((cur.next() as Token).value.toUpperCase())
  const nameTok = cur.peek()
  const name = (nameTok?.kind === 'word' && !cur.isWord('on') && !cur.isWord('as')) || nameTok?.kind === 'qname' ? ` ${cur.qualifiedName().filter((p) => p !== '').join('.')}` : ''
  const why = words.includes('INDEX') ? 'only UNIQUE indexes shape generated data' : (KIND_WHY[words[0]?.toLowerCase() ?? ''] ?? 'not part of the schema model')
  state.issue('DDL_SKIPPED', `${verb} ${words.join(' ')}${name} skipped: ${why}`, t)
  skipClause(state)
}

/** Resolve FK targets (case-insensitively, as SQL Server's default collation does) once every table is known. */
function finish(state: MssqlState): void {
  const cur = state.cur
  for (const { table, fk, at } of state.pendingFks) {
    if (!state.tables.includes(table)) continue
    const ref = fk.references
    const target: Table | undefined = state.findTable(ref.schema, ref.table)
    if (!target) throw cur.error(`foreign key ${fk.name ?? ''} on table "${table.name}" references table "${ref.schema ?? DEFAULT_SCHEMA}.${ref.table}", which does not exist`.replace('key  on', 'key on'), at)
    ref.schema = target.schema ?? DEFAULT_SCHEMA
    ref.table = target.name
    if (ref.columns.length === 0) {
      if (!target.primaryKey) throw cur.error(`there is no primary key in referenced table "${target.name}"`, at)
      ref.columns = [...target.primaryKey.columns]
    }
    ref.columns = ref.columns.map((c) => state.requireColumn(target, c, at).name)
    if (ref.columns.length !== fk.columns.length) {
      throw cur.error(`foreign key ${fk.name ?? ''} on table "${table.name}" has ${fk.columns.length} column(s) but references ${ref.columns.length}`, at)
    }
  }
}
