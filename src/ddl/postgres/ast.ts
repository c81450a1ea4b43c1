/**
 * Small accessors over libpg-query's JSON parse tree (every field optional, nodes wrapped as
 * `{ NodeType: {...} }`), so statement handlers stay readable.
 */
import type { A_Const, DefElem, Node } from 'libpg-query'

/** The payload of `node` when it is of type `key`, else undefined. */
export function nodeAs<T>(node: Node | undefined, key: string): T | undefined {
  return (node as Record<string, unknown> | undefined)?.[key] as T | undefined
}

/** The node's type name (`CreateStmt`, `ColumnDef`, …). */
export function nodeType(node: Node | undefined): string {
  return node ? (Object.keys(node)[0] ?? '') : ''
}

/** Strings of a list of `String` nodes (names, key columns). */
export function strings(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => nodeAs<{ sval?: string }>(n, 'String')?.sval ?? '')
}

/** Items of a `List` node. */
export function listItems(node: Node | undefined): Node[] {
  return nodeAs<{ items?: Node[] }>(node, 'List')?.items ?? []
}

/** The JS value of an `A_Const` (protobuf leaves zero/false/empty fields out). */
export function constValue(c: A_Const): string | number | boolean | null {
  if (c.isnull) return null
  if (c.sval) return c.sval.sval ?? ''
  if (c.ival) return c.ival.ival ?? 0
  if (c.fval) return Number(c.fval.fval ?? 0)
  if (c.boolval) return c.boolval.boolval ?? false
  if (c.bsval) return c.bsval.bsval ?? ''
  return null
}

/** The number in a DefElem's argument (`START WITH 5`, `INCREMENT BY -1`). */
export function defElemNumber(d: DefElem): number | undefined {
  const i = nodeAs<{ ival?: number }>(d.arg, 'Integer')
  if (i) return i.ival ?? 0
  const f = nodeAs<{ fval?: string }>(d.arg, 'Float')
  return f ? Number(f.fval) : undefined
}

/** DefElems of an option list, by name. */
export function defElems(options: Node[] | undefined): DefElem[] {
  return (options ?? []).map((o) => nodeAs<DefElem>(o, 'DefElem')).filter((d): d is DefElem => d !== undefined)
}

/** Column names referenced anywhere inside an expression tree (last name part, deduplicated). */
export function columnRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) columnRefs(n, out)
  } else if (node && typeof node === 'object') {
    const ref = (node as Record<string, unknown>)['ColumnRef'] as { fields?: Node[] } | undefined
    if (ref) {
      const name = strings(ref.fields).pop()
      if (name && !out.includes(name)) out.push(name)
    } else {
      for (const v of Object.values(node)) columnRefs(v, out)
    }
  }
  return out
}
