/**
 * One statement → its effect on the state. CREATE/ALTER/DROP/RENAME TABLE and CREATE INDEX shape the
 * model; session noise (SET, LOCK TABLES, START TRANSACTION…) is skipped quietly; data statements are
 * counted; views, routines, triggers, events, USE, CREATE DATABASE and `source` become Issues. A first
 * word that starts no MySQL statement is a syntax error.
 */
import type { Cursor } from './cursor.js'
import type { DdlState } from './state.js'
import { createTable, dropTable } from './create-table.js'
import { alterTable, createIndex } from './alter-table.js'

/** Statements with no effect on the schema, skipped without a word. */
const QUIET = new Set(['set', 'lock', 'unlock', 'start', 'begin', 'commit', 'rollback', 'savepoint', 'release', 'flush', 'select', 'analyze', 'optimize', 'check', 'checksum', 'repair', 'do', 'show', 'describe', 'desc', 'explain', 'help', 'xa', 'purge', 'reset', 'kill', 'cache', 'load', 'handler', 'binlog'])
/** Statements that write rows. */
export const DATA = new Set(['insert', 'replace', 'update', 'delete', 'truncate', 'call', 'with', 'values', 'table'])
/** Statements that exist in MySQL but do not touch tables: skipped with an Issue. */
const OTHER = new Set(['grant', 'revoke', 'prepare', 'execute', 'deallocate', 'install', 'uninstall', 'shutdown', 'signal', 'resignal', 'get', 'declare', 'import', 'clone', 'restart', 'backup', 'change', 'stop', 'uninstall'])

export type StatementResult = 'data' | void

/** Handle the statement at `cur`; returns 'data' for data statements (reported once, by the caller). */
export function statement(cur: Cursor, state: DdlState): StatementResult {
  const first = cur.peek()
  if (!first) return
  if (first.t !== 'word') throw cur.error()
  const w = first.v.toLowerCase()
  if (QUIET.has(w)) return
  if (DATA.has(w)) return 'data'
  if (w === 'use') return state.issue('DDL_SKIPPED', `USE ${cur.peek(1)?.v ?? ''} skipped: tables are read into one model whatever database they name`)
  if (w === 'source') {
    const file = state.text.slice((cur.peek(1) ?? first).start, cur.stmt.end).trim()
    return state.issue('DDL_SKIPPED', `source ${file} skipped: the client command includes another file, which is not read`)
  }
  if (OTHER.has(w)) return state.issue('DDL_SKIPPED', `${w.toUpperCase()} statement skipped`)
  cur.next()
  if (w === 'create') return create(cur, state)
  if (w === 'alter') {
    cur.words('online') || cur.words('offline')
    cur.words('ignore')
    if (cur.words('table')) return alterTable(cur, state)
    return skipObject(cur, state, 'ALTER')
  }
  if (w === 'drop') return drop(cur, state)
  if (w === 'rename') {
    cur.expectWords('table')
    do {
      const at = cur.peek()?.start
      const [, from] = cur.qualifiedName()
      cur.expectWords('to')
      const [, to] = cur.qualifiedName()
      state.requireTable(from, at).name = to
    } while (cur.op(','))
    return
  }
  cur.pos--
  throw cur.error()
}

function create(cur: Cursor, state: DdlState): void {
  const orReplace = cur.words('or', 'replace')
  // DEFINER=…, ALGORITHM=…, SQL SECURITY … come before VIEW/TRIGGER/PROCEDURE in dumps.
  for (;;) {
    if (cur.words('definer') || cur.words('algorithm')) {
      cur.expectOp('=')
      cur.next()
      if (cur.op('@')) cur.next()
      else if (cur.peek()?.t === 'var') cur.next()
    } else if (cur.words('sql', 'security')) cur.next()
    else if (cur.words('aggregate') || cur.words('temporary') || cur.words('global') || cur.words('local')) {
      if (cur.toks[cur.pos - 1]?.v.toLowerCase() === 'temporary') return void state.issue('DDL_SKIPPED', 'CREATE TEMPORARY TABLE skipped: temporary tables are not part of the schema')
    } else break
  }
  if (cur.words('table')) return createTable(cur, state, orReplace)
  if (cur.words('unique')) {
    cur.expectWords('index')
    return createIndex(cur, state, true)
  }
  if (cur.words('fulltext') || cur.words('spatial')) cur.expectWords('index')
  if (cur.words('index')) return createIndex(cur, state, false)
  if (cur.words('database') || cur.words('schema')) {
    cur.words('if', 'not', 'exists')
    return void state.issue('DDL_SKIPPED', `CREATE DATABASE ${cur.peek()?.v ?? ''} skipped: tables are read into one model`)
  }
  return skipObject(cur, state, 'CREATE')
}

/** Views, routines, triggers, events, sequences, users, …: recognised and skipped with an Issue. */
function skipObject(cur: Cursor, state: DdlState, verb: string): void {
  const kind = cur.peek()
  const known = ['view', 'trigger', 'procedure', 'function', 'event', 'sequence', 'user', 'role', 'server', 'tablespace', 'logfile', 'spatial', 'resource', 'package', 'database', 'schema', 'definer']
  if (!kind || kind.t !== 'word' || !known.includes(kind.v.toLowerCase())) throw cur.error()
  const what = kind.v.toUpperCase()
  const name = cur.peek(1)?.t === 'op' ? '' : ` ${cur.peek(1)?.v ?? ''}`
  state.issue('OBJECT_SKIPPED', `${verb} ${what}${name} skipped: only tables are modelled`)
}

function drop(cur: Cursor, state: DdlState): void {
  cur.words('temporary')
  if (cur.words('table') || cur.words('tables')) {
    const ifExists = cur.words('if', 'exists')
    do {
      const at = cur.peek()?.start
      const [, name] = cur.qualifiedName()
      const t = state.findTable(name)
      if (t) dropTable(state, t)
      else if (!ifExists) throw state.error(`table "${name}" does not exist`, at)
    } while (cur.op(','))
    return
  }
  if (cur.words('index')) {
    cur.words('if', 'exists')
    const name = cur.ident('an index name')
    cur.expectWords('on')
    const at = cur.peek()?.start
    const [, tableName] = cur.qualifiedName()
    const t = state.requireTable(tableName, at)
    t.uniques = t.uniques.filter((u) => u.name !== name)
    return
  }
  // DROP DATABASE/VIEW/TRIGGER/… affect nothing tdg models.
  const kind = cur.peek()
  if (!kind || kind.t !== 'word') throw cur.error()
}
