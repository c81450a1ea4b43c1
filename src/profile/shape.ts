/**
 * Semantic shape of a column from its sampled texts, with PII detection's own value detectors
 * (`valueKinds`: email, phone, iban, card, national-id, ip, person names) plus uuid and url: the kind at
 * least `SHAPE_MIN_SHARE` of the non-empty texts have.
 */
import type { NameDictionary } from '../mask/pii/name-dictionary.js'
import { valueKinds } from '../mask/pii/value-detectors.js'

export const SHAPE_MIN_SHARE = 0.8

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const URL_TEXT = /^https?:\/\/[^\s/]+\.[^\s]+$/i

/** The shape most sampled texts have, or undefined. */
export function shapeOf(texts: readonly string[], dict: NameDictionary): string | undefined {
  const counts = new Map<string, number>()
  let n = 0
  for (const t of texts) {
    const s = t.trim()
    if (s === '') continue
    n++
    const kinds: string[] = UUID.test(s) ? ['uuid'] : URL_TEXT.test(s) ? ['url'] : valueKinds(s, dict)
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  if (n === 0) return undefined
  let best: [string, number] | undefined
  for (const e of counts) if (!best || e[1] > best[1]) best = e
  return best && best[1] / n >= SHAPE_MIN_SHARE ? best[0] : undefined
}
