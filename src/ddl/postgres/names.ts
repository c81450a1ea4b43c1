/**
 * Name spelling as PostgreSQL's catalog functions print it, so DDL-derived names match introspected
 * ones: `quote_ident` rules for type names (`format_type`), `public` left unqualified (the default
 * search_path of an introspecting session), and the default names PostgreSQL gives unnamed constraints.
 */
import { scanSync } from 'libpg-query'

const PLAIN = /^[a-z_][a-z0-9_$]*$/

/** PostgreSQL's quote_ident: quotes unless lower-case plain and not a reserved-ish keyword. */
export function quoteIdentIfNeeded(name: string): string {
  if (PLAIN.test(name)) {
    // quote_ident leaves only non-keywords and unreserved keywords bare (keywordKind 0 or 1).
    const tok = scanSync(name).tokens?.[0]
    if (!tok || tok.keywordKind <= 1) return name
  }
  return `"${name.replace(/"/g, '""')}"`
}

/** A type name as `format_type` prints it: qualified (and quoted as needed) unless in `public`. */
export function displayTypeName(schema: string, name: string): string {
  const bare = quoteIdentIfNeeded(name)
  return schema === 'public' ? bare : `${quoteIdentIfNeeded(schema)}.${bare}`
}

/**
 * A sequence name in the model (`ColumnDefault.sequence`, `ColumnIdentity.sequence`), quotes stripped:
 * unqualified when the sequence lives in the table's own schema, else `schema.name`.
 */
export function displaySequence(seqSchema: string, name: string, tableSchema: string): string {
  return seqSchema === tableSchema ? name : `${seqSchema}.${name}`
}

/** An enum's name in `LogicalType.name`: unquoted, qualified as `schema.name` outside `public`. */
export function enumModelName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`
}

/** PostgreSQL's byte limit on identifiers (NAMEDATALEN - 1). */
const MAX_IDENT_BYTES = 63

function truncateBytes(s: string, max: number): string {
  let out = ''
  for (const ch of s) {
    if (Buffer.byteLength(out + ch, 'utf8') > max) break
    out += ch
  }
  return out
}

/**
 * PostgreSQL's ChooseRelationName/ChooseConstraintName: `table_col1_col2_suffix`, shortened to 63
 * bytes, with a number appended until the name is free in `taken` (which it is then added to).
 */
export function chooseName(table: string, columns: string[], suffix: string, taken: Set<string>): string {
  const label = columns.length > 0 ? `${table}_${columns.join('_')}` : table
  for (let n = 0; ; n++) {
    const tail = `_${suffix}${n === 0 ? '' : n}`
    const name = truncateBytes(label, MAX_IDENT_BYTES - Buffer.byteLength(tail, 'utf8')) + tail
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
}
