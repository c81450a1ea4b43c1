/**
 * The one order of identifiers in a plan's tie-breaks (cycle fix-ups, deferred constraints, unique groups).
 * ICU collation under a fixed locale, en-US: `localeCompare` without one follows the process's LANG, and
 * under da_DK `aa_x` sorts after `z_y` — the same seed would plan, and so generate, differently on another
 * machine. en-US is what the default gave on the machines the pinned plans were made on, so the order there
 * is unchanged. The collator is built on first use, and only for names outside [a-z0-9_] (ICU's start-up,
 * 10–20 ms, is not paid by runs whose names are all plain lower-case identifiers).
 */
let collator: Intl.Collator | undefined

/**
 * Each character's place in en-US collation among lower-case identifier characters: '_' (punctuation), then
 * digits, then letters — one primary weight each, no contractions, so comparing the ranks character by
 * character is the collator's order for names made of them alone (name-order.test.ts checks it against ICU).
 * 0 for every other code unit.
 */
const RANK = new Uint8Array(128)
RANK['_'.charCodeAt(0)] = 1
for (let d = 0; d < 10; d++) RANK[48 + d] = 2 + d
for (let l = 0; l < 26; l++) RANK[97 + l] = 12 + l

/** The en-US order of two names made only of [a-z0-9_], or undefined when either has another character. */
function plainCompare(a: string, b: string): number | undefined {
  const n = Math.min(a.length, b.length)
  let order = 0
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    const rx = x < 128 ? RANK[x]! : 0
    const ry = y < 128 ? RANK[y]! : 0
    if (rx === 0 || ry === 0) return undefined
    if (order === 0 && rx !== ry) order = rx - ry
  }
  // The rest of the longer name must be plain too: it is what decides when the shared part is equal.
  for (const s of [a, b])
    for (let i = n; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c >= 128 || RANK[c] === 0) return undefined
    }
  return order !== 0 ? order : a.length - b.length
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in en-US collation, whatever LANG says. */
export function compareNames(a: string, b: string): number {
  return plainCompare(a, b) ?? (collator ??= new Intl.Collator('en-US')).compare(a, b)
}
