/**
 * SQL Server default text → ColumnDefault. Reads both the catalog spelling
 * (`sys.default_constraints.definition`: `((0))`, `(N'abc')`, `(getdate())`, `(newid())`, `((-1.5))`,
 * `(NEXT VALUE FOR [dbo].[seq])`) and the DDL spelling (`0`, `N'abc'`, `GETDATE()`, `CURRENT_TIMESTAMP`)
 * through the shared operand reader, so both give the same model.
 */
import type { ColumnDefault } from '../../src/model/schema.js'
import { tokenizeSql, isKeyword, isSymbol } from '../../src/adapter/sql-tokens.js'
import { parseOperand, TokenCursor, type SqlOperand } from '../../src/adapter/sql-operand.js'

const NOW_FUNCTIONS = new Set(['getdate', 'getutcdate', 'sysdatetime', 'sysutcdatetime', 'sysdatetimeoffset', 'current_timestamp'])

/**
 * Classify a default: constants → literal (strings keep their text, `N` prefix dropped; numbers as JS
 * numbers; NULL → null); current-time functions → `now`; `NEXT VALUE FOR s` → sequence `s` (brackets
 * removed); anything else → `expression` with redundant outer parentheses removed.
 */
export function classifyMssqlDefault(sql: string): ColumnDefault {
  const body = stripOuterParens(sql.trim())
  const expression: ColumnDefault = { kind: 'expression', sql: body }
  const tokens = tokenizeSql(body)
  if (!tokens || tokens.length === 0) return expression
  if (isKeyword(tokens[0], 'next') && isKeyword(tokens[1], 'value') && isKeyword(tokens[2], 'for')) {
    const parts = tokens.slice(3).filter((t) => !isSymbol(t, '.'))
    if (parts.length > 0 && parts.every((t) => t.t === 'ident')) return { kind: 'sequence', sequence: parts.map((t) => (t as { value: string }).value).join('.') }
    return expression
  }
  if (tokens.length === 1 && isKeyword(tokens[0], 'current_timestamp')) return { kind: 'now' }
  const cur = new TokenCursor(tokens)
  const op = parseOperand(cur)
  if (!op || !cur.done) return expression
  return classifyOperand(op) ?? expression
}

function classifyOperand(op: SqlOperand): ColumnDefault | null {
  if (op.k === 'const') return { kind: 'literal', value: op.value }
  if (op.k === 'func' && NOW_FUNCTIONS.has(op.name) && op.args.length === 0) return { kind: 'now' }
  return null
}

/** `((0))` → `0`, `(getdate())` → `getdate()`; parentheses that do not wrap the whole text stay. */
function stripOuterParens(s: string): string {
  let t = s
  for (;;) {
    if (!t.startsWith('(') || !t.endsWith(')')) return t
    let depth = 0
    let inStr = false
    for (let i = 0; i < t.length; i++) {
      const c = t[i]
      if (c === "'") inStr = !inStr
      if (inStr) continue
      if (c === '(') depth++
      else if (c === ')' && --depth === 0 && i < t.length - 1) return t
    }
    t = t.slice(1, -1).trim()
  }
}
