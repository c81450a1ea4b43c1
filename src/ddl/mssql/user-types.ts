/**
 * User-defined alias types: `EXEC sp_addtype N'Phone', N'nvarchar(24)', N'NULL'` (positional or
 * `@typename = …, @phystype = …, @nulltype = …`) and `CREATE TYPE [dbo].[Phone] FROM [nvarchar](24) NULL`.
 * They become model domains; columns declared with them get the base type and the domain's name.
 */
import { TdgError } from '../../errors.js'
import { Cursor } from './cursor.js'
import { lexTsql, type Token } from './lexer.js'
import { DEFAULT_SCHEMA, type MssqlState } from './state.js'
import { readType } from './type-name.js'
import { indexOptions } from './constraints.js'

/** `CREATE TYPE` (the cursor is after those words). Table types are skipped with an Issue. */
export function createType(state: MssqlState): void {
  const cur = state.cur
  const at = cur.peek()
  const parts = cur.qualifiedName()
  const name = parts[parts.length - 1] ?? ''
  const schema = parts.length >= 2 ? parts[parts.length - 2] || DEFAULT_SCHEMA : DEFAULT_SCHEMA
  if (cur.words('as table')) {
    cur.skipParens()
    indexOptions(cur) // WITH (MEMORY_OPTIMIZED = ON)
    state.issue('OBJECT_SKIPPED', `table type ${schema}.${name} skipped: table-valued parameters are not modelled`, at)
    return
  }
  if (cur.words('external name')) {
    cur.qualifiedName()
    state.issue('OBJECT_SKIPPED', `CLR type ${schema}.${name} skipped`, at)
    return
  }
  cur.expectWords('from')
  const typeAt = cur.peek()
  const ref = readType(cur)
  if (ref.kind !== 'builtin') throw cur.error(`type "${ref.name}" of user type "${name}" is not a built-in type`, typeAt)
  let nullable = true
  if (cur.words('not null')) nullable = false
  else cur.words('null')
  addType(state, schema, name, ref.native, nullable)
}

/**
 * `EXEC [sys.]sp_addtype …` at the cursor (after EXEC): adds the type and returns true; false for any
 * other procedure (the caller skips it).
 */
export function execAddType(state: MssqlState): boolean {
  const cur = state.cur
  const at = cur.peek()
  const save = cur.pos
  const proc = cur.qualifiedName()
  if ((proc[proc.length - 1] ?? '').toLowerCase() !== 'sp_addtype') {
    cur.pos = save
    return false
  }
  const args = new Map<string, Token>()
  const order = ['@typename', '@phystype', '@nulltype', '@owner']
  let k = 0
  for (;;) {
    let key = order[k]
    if (cur.peek()?.kind === 'var' && cur.peek(1)?.value === '=') {
      key = (cur.next() as Token).value.toLowerCase()
      cur.next()
    }
    const v = cur.next()
    if (!v || (v.kind !== 'str' && v.kind !== 'word' && v.kind !== 'qname')) throw cur.syntaxError(v)
    if (key !== undefined) args.set(key, v)
    k++
    if (!cur.punct(',')) break
  }
  const name = args.get('@typename')
  const phys = args.get('@phystype')
  if (!name || !phys) throw cur.error('sp_addtype needs @typename and @phystype', at)
  const nativeRef = parseTypeText(phys, state)
  const nullText = args.get('@nulltype')?.value.toLowerCase().replace(/\s+/g, ' ')
  // sp_addtype's @nulltype: 'NULL', 'NOT NULL' or 'NONULL' (the old spelling of NOT NULL).
  addType(state, args.get('@owner')?.value ?? DEFAULT_SCHEMA, name.value, nativeRef, nullText !== 'not null' && nullText !== 'nonull')
  return true
}

/** The text of `@phystype` (`'nvarchar(24)'`), read with the same type reader, errors located in the file. */
function parseTypeText(tok: Token, state: MssqlState): string {
  const inner = new Cursor(lexTsql(tok.value, state.file), tok.value, state.file)
  let ref
  try {
    ref = readType(inner)
  } catch (e) {
    if (e instanceof TdgError) throw state.cur.error(`sp_addtype: "${tok.value}" is not a data type`, tok)
    throw e
  }
  if (ref.kind !== 'builtin' || !inner.done) throw state.cur.error(`sp_addtype: "${tok.value}" is not a built-in data type`, tok)
  return ref.native
}

function addType(state: MssqlState, schema: string, name: string, baseType: string, nullable: boolean): void {
  state.addUserType({ domain: { schema, name, baseType, nullable, checks: [] }, logical: state.dialect.toLogicalType(baseType) })
}
