/**
 * Name comparisons with SQLite's rules: identifiers are case-insensitive (for ASCII), and tdg lists
 * objects in a deterministic order.
 */

/** Case-insensitive equality of column lists. */
export function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]?.toLowerCase())
}

/** Deterministic name order: case-insensitive by code unit, then case-sensitive to break ties. */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0
}
