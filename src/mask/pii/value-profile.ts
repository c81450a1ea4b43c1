/**
 * Shares of sampled values per ValueKind, per column: the value evidence of detection. Only counts are
 * kept; the values themselves are dropped as soon as they are classified.
 */
import type { RowStream, Value } from '../../model/rows.js'
import type { NameDictionary } from './name-dictionary.js'
import { valueKinds, type ValueKind } from './value-detectors.js'

/** What one column's sampled values look like. */
export interface ValueProfile {
  /** Rows read. */
  rows: number
  /** Non-null, non-empty text values classified. */
  texts: number
  /** How many of `texts` look like each kind. */
  counts: Partial<Record<ValueKind, number>>
}

/** Share of the classified values that look like `kind` (0 when none were classified). */
export function share(p: ValueProfile, kind: ValueKind): number {
  return p.texts === 0 ? 0 : (p.counts[kind] ?? 0) / p.texts
}

/**
 * Profiles of `columns` from at most `limit` rows of `rows`. Only strings are classified: a number has
 * lost the shape (leading zeros, `+`, separators) phone, card and id detectors read.
 */
export async function profileValues(rows: RowStream, columns: string[], dict: NameDictionary, limit: number): Promise<Map<string, ValueProfile>> {
  const out = new Map<string, ValueProfile>(columns.map((c) => [c, { rows: 0, texts: 0, counts: {} }]))
  let seen = 0
  for await (const batch of rows) {
    const at = columns.map((c) => batch.columns.indexOf(c))
    for (const row of batch.rows) {
      if (seen >= limit) break
      seen++
      columns.forEach((c, i) => {
        const p = out.get(c)!
        p.rows++
        const text = asText(at[i]! >= 0 ? row[at[i]!] : null)
        if (text === undefined) return
        p.texts++
        for (const k of valueKinds(text, dict)) p.counts[k] = (p.counts[k] ?? 0) + 1
      })
    }
    if (seen >= limit) break
  }
  return out
}

function asText(v: Value | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}
