/**
 * A T-SQL data type as written (`[nvarchar](50)`, `NATIONAL CHARACTER VARYING(40)`, `decimal`, `float(24)`,
 * `[dbo].[Phone]`) → the spelling SQL Server's catalog gives (`TYPE_NAME(system_type_id)` plus its length,
 * precision or scale): `nvarchar(50)`, `nvarchar(40)`, `decimal(18,0)`, `real`. Lengths of n-types are in
 * characters, as written. Synonyms are resolved; `timestamp` (the data type) is `rowversion`.
 */
import type { Cursor } from './cursor.js'

/** A parsed type reference: canonical built-in spelling, or the name of a user type. */
export type TypeRef = { kind: 'builtin'; native: string } | { kind: 'user'; schema?: string; name: string }

const LENGTH_TYPES = new Set(['char', 'varchar', 'nchar', 'nvarchar', 'binary', 'varbinary'])
const SCALE_TYPES = new Set(['datetime2', 'time', 'datetimeoffset'])
const DECIMAL_TYPES = new Set(['decimal', 'numeric'])
const PLAIN_TYPES = new Set([
  'bigint', 'int', 'smallint', 'tinyint', 'bit', 'money', 'smallmoney', 'real', 'date', 'datetime', 'smalldatetime',
  'uniqueidentifier', 'text', 'ntext', 'image', 'xml', 'sql_variant', 'hierarchyid', 'geography', 'geometry', 'rowversion', 'sysname',
])

/** Multi-word and one-word synonyms → the catalog's name. */
const SYNONYMS: Array<[string, string]> = [
  ['national character varying', 'nvarchar'],
  ['national char varying', 'nvarchar'],
  ['national character', 'nchar'],
  ['national char', 'nchar'],
  ['national text', 'ntext'],
  ['character varying', 'varchar'],
  ['char varying', 'varchar'],
  ['binary varying', 'varbinary'],
  ['double precision', 'float'],
  ['character', 'char'],
  ['integer', 'int'],
  ['dec', 'decimal'],
  ['timestamp', 'rowversion'],
]

/**
 * Read a data type at the cursor. A `[schema].[name]` or unknown name is a user type (`sp_addtype`,
 * `CREATE TYPE … FROM`), resolved by the caller; a known name gets its canonical spelling.
 */
export function readType(cur: Cursor): TypeRef {
  const first = cur.peek()
  if (!first || (first.kind !== 'word' && first.kind !== 'qname')) throw cur.syntaxError()
  if (cur.isPunct('.', 1)) {
    const parts = cur.qualifiedName()
    const name = parts[parts.length - 1] ?? ''
    const schema = parts[parts.length - 2]
    const args = readArgs(cur)
    if (schema !== undefined && schema !== '' && schema.toLowerCase() !== 'sys') return { kind: 'user', schema, name }
    return builtinOrUser(name, args)
  }
  const written = first.kind === 'word' ? (matchSynonym(cur) ?? cur.name()) : cur.name()
  if (written.toLowerCase() === 'xml' && cur.isPunct('(')) {
    // Typed xml: `xml(CONTENT [schema].[collection])`. The collection does not change what tdg writes (nothing).
    cur.skipParens()
    return builtin('xml')
  }
  return builtinOrUser(written, readArgs(cur))
}

/** A known type name with its arguments → canonical spelling; anything else is a user type (case kept). */
function builtinOrUser(written: string, args: string[]): TypeRef {
  const lower = written.toLowerCase()
  const name = SYNONYMS.find(([k]) => k === lower)?.[1] ?? lower
  if (LENGTH_TYPES.has(name)) return builtin(`${name}(${args[0] ?? '1'})`)
  if (DECIMAL_TYPES.has(name)) return builtin(`${name}(${args[0] ?? '18'},${args[1] ?? '0'})`)
  if (SCALE_TYPES.has(name)) return builtin(`${name}(${args[0] ?? '7'})`)
  if (name === 'float') return builtin(args[0] !== undefined && Number(args[0]) <= 24 ? 'real' : 'float')
  if (name === 'sysname') return builtin('nvarchar(128)')
  if (PLAIN_TYPES.has(name)) return builtin(name)
  return { kind: 'user', name: written }
}

function builtin(native: string): TypeRef {
  return { kind: 'builtin', native }
}

/** Consume a multi-word synonym (`double precision`, `national char varying`) if one comes next. */
function matchSynonym(cur: Cursor): string | undefined {
  for (const [words, canonical] of SYNONYMS) {
    if (words.includes(' ') && cur.words(words)) return canonical
  }
  const w = cur.peek()?.value.toLowerCase()
  const one = SYNONYMS.find(([k]) => k === w && !k.includes(' '))
  if (one) {
    cur.next()
    return one[1]
  }
  return undefined
}

/** `(n)`, `(max)`, `(p, s)` → the arguments as lower-case text; `[]` when there are none. */
function readArgs(cur: Cursor): string[] {
  if (!cur.isPunct('(')) return []
  cur.next()
  const args: string[] = []
  for (;;) {
    const t = cur.next()
    if (!t || (t.kind !== 'num' && !(t.kind === 'word' && t.value.toLowerCase() === 'max'))) throw cur.syntaxError(t)
    args.push(t.value.toLowerCase())
    if (cur.punct(')')) return args
    if (!cur.punct(',')) throw cur.syntaxError()
  }
}
