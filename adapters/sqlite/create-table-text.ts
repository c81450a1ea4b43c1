/**
 * Reads a stored CREATE TABLE statement for the facts SQLite keeps in no catalog: CHECK constraints,
 * generated-column expressions, FK deferrability, constraint names and AUTOINCREMENT. The PRAGMAs stay the
 * source of truth for everything they report; this only fills the gaps.
 */
import { isPunct, isWord, lexSqlite, matchParen, nameOf, type LexToken } from './sql-lexer.js'

/** A CHECK found in the text; `column` is set for a column-level CHECK. */
export interface TextCheck {
  name?: string
  expression: string
  column?: string
}

/** A REFERENCES clause: the child columns, the parent table and its deferrability. */
export interface TextForeignKey {
  name?: string
  columns: string[]
  table: string
  deferrable: boolean
  initiallyDeferred: boolean
}

/** A named PRIMARY KEY / UNIQUE constraint and its columns. */
export interface TextKeyName {
  kind: 'primary' | 'unique'
  name: string
  columns: string[]
}

export interface CreateTableFacts {
  checks: TextCheck[]
  /** Generated expression per column name (lower-cased key). */
  generated: Map<string, string>
  foreignKeys: TextForeignKey[]
  keyNames: TextKeyName[]
  /** True when some column is declared AUTOINCREMENT. */
  autoincrement: boolean
}

// Words that start a column constraint: they end a column's type name.
const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'])

/** Extract the catalog-less facts from `sql` (the `sql` column of sqlite_schema for a table). */
export function readCreateTable(sql: string): CreateTableFacts {
  const facts: CreateTableFacts = { checks: [], generated: new Map(), foreignKeys: [], keyNames: [], autoincrement: false }
  const tokens = lexSqlite(sql)
  const open = tokens.findIndex((t) => isPunct(t, '('))
  const close = open < 0 ? -1 : matchParen(tokens, open)
  if (close < 0) return facts
  for (const item of splitItems(tokens.slice(open + 1, close))) {
    const first = item[0]
    if (!first) continue
    if (first.kind === 'word' && TABLE_CONSTRAINT_START.has(first.value.toUpperCase())) readConstraints(sql, item, 0, undefined, facts)
    else readConstraints(sql, item, 1, nameOf(first) ?? first.raw, facts)
  }
  return facts
}

/** Split the body of a CREATE TABLE into its comma-separated items (column definitions, table constraints). */
function splitItems(body: LexToken[]): LexToken[][] {
  const items: LexToken[][] = [[]]
  let depth = 0
  for (const t of body) {
    if (isPunct(t, '(')) depth++
    else if (isPunct(t, ')')) depth--
    if (depth === 0 && isPunct(t, ',')) { items.push([]); continue }
    items[items.length - 1]?.push(t)
  }
  return items
}

/**
 * Walk one item's constraints from token `from`. `column` is the column being defined (undefined for a
 * table constraint). A `CONSTRAINT name` prefix names the constraint that follows it.
 */
function readConstraints(sql: string, item: LexToken[], from: number, column: string | undefined, facts: CreateTableFacts): void {
  let name: string | undefined
  let i = from
  while (i < item.length) {
    const t = item[i] as LexToken
    const w = t.kind === 'word' ? t.value.toUpperCase() : ''
    if (w === 'CONSTRAINT') {
      name = nameOf(item[i + 1])
      i += 2
      continue
    }
    if (w === 'CHECK' && isPunct(item[i + 1], '(')) {
      const end = matchParen(item, i + 1)
      if (end < 0) return
      facts.checks.push({ ...(name !== undefined && { name }), expression: textBetween(sql, item, i + 1, end), ...(column !== undefined && { column }) })
      name = undefined
      i = end + 1
      continue
    }
    if (w === 'AS' && column !== undefined && isPunct(item[i + 1], '(')) {
      const end = matchParen(item, i + 1)
      if (end < 0) return
      facts.generated.set(column.toLowerCase(), textBetween(sql, item, i + 1, end))
      name = undefined
      i = end + 1
      continue
    }
    if ((w === 'PRIMARY' || w === 'UNIQUE') && column === undefined) {
      // Table-level: PRIMARY KEY (cols) / UNIQUE (cols).
      const openAt = item.findIndex((x, k) => k > i && isPunct(x, '('))
      const end = openAt < 0 ? -1 : matchParen(item, openAt)
      if (end < 0) return
      if (name !== undefined) facts.keyNames.push({ kind: w === 'PRIMARY' ? 'primary' : 'unique', name, columns: columnList(item, openAt, end) })
      name = undefined
      i = end + 1
      continue
    }
    if ((w === 'PRIMARY' || w === 'UNIQUE') && column !== undefined) {
      if (name !== undefined) facts.keyNames.push({ kind: w === 'PRIMARY' ? 'primary' : 'unique', name, columns: [column] })
      name = undefined
      i++
      continue
    }
    if (w === 'AUTOINCREMENT') facts.autoincrement = true
    if (w === 'FOREIGN' && isWord(item[i + 1], 'KEY') && isPunct(item[i + 2], '(')) {
      const end = matchParen(item, i + 2)
      if (end < 0 || !isWord(item[end + 1], 'REFERENCES')) return
      i = readReferences(item, end + 1, columnList(item, i + 2, end), name, facts)
      name = undefined
      continue
    }
    if (w === 'REFERENCES' && column !== undefined) {
      i = readReferences(item, i, [column], name, facts)
      name = undefined
      continue
    }
    if (isPunct(t, '(')) {
      // DEFAULT (expr), type arguments, COLLATE … : nothing of ours hides inside a nested group.
      const end = matchParen(item, i)
      i = end < 0 ? item.length : end + 1
      continue
    }
    // A name before NOT NULL / DEFAULT / COLLATE / GENERATED names that constraint, which we do not keep.
    if (w === 'NOT' || w === 'NULL' || w === 'DEFAULT' || w === 'COLLATE' || w === 'GENERATED') name = undefined
    i++
  }
}

/**
 * Read `REFERENCES parent [(cols)] [ON … | MATCH … | [NOT] DEFERRABLE [INITIALLY …]]*` starting at the
 * REFERENCES token; returns the index after the clause.
 */
function readReferences(item: LexToken[], at: number, columns: string[], name: string | undefined, facts: CreateTableFacts): number {
  let i = at + 1
  // A schema-qualified parent is not allowed in SQLite, but a stray `main.` must not shift us.
  let table = nameOf(item[i]) ?? ''
  i++
  if (isPunct(item[i], '.')) { table = nameOf(item[i + 1]) ?? table; i += 2 }
  if (isPunct(item[i], '(')) {
    const end = matchParen(item, i)
    i = end < 0 ? item.length : end + 1
  }
  let deferrable = false
  let initiallyDeferred = false
  for (;;) {
    if (isWord(item[i], 'ON')) {
      // ON DELETE|UPDATE SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION
      i += isWord(item[i + 2], 'SET') || isWord(item[i + 2], 'NO') ? 4 : 3
    } else if (isWord(item[i], 'MATCH')) {
      i += 2
    } else if (isWord(item[i], 'NOT') && isWord(item[i + 1], 'DEFERRABLE')) {
      deferrable = false
      i += 2
      if (isWord(item[i], 'INITIALLY')) i += 2
    } else if (isWord(item[i], 'DEFERRABLE')) {
      deferrable = true
      i++
      if (isWord(item[i], 'INITIALLY')) {
        initiallyDeferred = isWord(item[i + 1], 'DEFERRED')
        i += 2
      }
    } else break
  }
  facts.foreignKeys.push({ ...(name !== undefined && { name }), columns, table, deferrable, initiallyDeferred })
  return i
}

/** Names listed between the parens at `open`..`close` (each entry's first name; `COLLATE`/`DESC` ignored). */
function columnList(item: LexToken[], open: number, close: number): string[] {
  const out: string[] = []
  let expectName = true
  let depth = 0
  for (let k = open + 1; k < close; k++) {
    const t = item[k] as LexToken
    if (isPunct(t, '(')) depth++
    else if (isPunct(t, ')')) depth--
    else if (depth === 0 && isPunct(t, ',')) { expectName = true; continue }
    if (expectName && depth === 0) {
      const n = nameOf(t)
      if (n !== undefined) out.push(n)
      expectName = false
    }
  }
  return out
}

/** Source text strictly between the tokens at `open` and `close`, trimmed. */
function textBetween(sql: string, item: LexToken[], open: number, close: number): string {
  return sql.slice((item[open] as LexToken).end, (item[close] as LexToken).start).trim()
}
