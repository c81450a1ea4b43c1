/**
 * Text keys for tolerant lookups: case, accents, punctuation and the usual abbreviations
 * ("St." = "Saint", "Ft" = "Fort", "Co." = "County") do not matter.
 */

const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ı: 'i', þ: 'th', ð: 'd' }
const LEADING: ReadonlyArray<readonly [RegExp, string]> = [
  [/^st /, 'saint '],
  [/^ste /, 'sainte '],
  [/^ft /, 'fort '],
  [/^mt /, 'mount '],
  [/^co /, 'county '],
]

/** Keys already computed: checked data repeats its cities and states, so most calls are a map hit. */
const cache = new Map<string, string>()
const CACHE_MAX = 20_000

/** The lookup key of a name: lower case, no accents, punctuation to spaces, common abbreviations spelled out. */
export function normKey(text: string): string {
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const key = computeKey(text)
  if (cache.size >= CACHE_MAX) cache.clear()
  cache.set(text, key)
  return key
}

function computeKey(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđıþð]/g, (c) => FOLD[c] ?? c)
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  for (const [re, full] of LEADING) s = s.replace(re, full)
  return s
}
