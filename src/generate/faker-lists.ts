/**
 * Reading faker's locale definitions, which hold a list either as an array or as an object of lists
 * (`{ generic, female, male }`), depending on the locale and the entry.
 */

/** The list `key` of a definition (`generic` when it has no such key), or every list it holds together. */
export function definitionList(v: unknown, key?: string): string[] {
  if (Array.isArray(v)) return v as string[]
  const o = (v ?? {}) as Record<string, string[] | undefined>
  const own = key !== undefined ? (o[key] ?? o.generic) : undefined
  return own ?? Object.values(o).flat().filter((x): x is string => typeof x === 'string')
}
