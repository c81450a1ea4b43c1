/**
 * The one order of identifiers in a plan's tie-breaks (cycle fix-ups, deferred constraints, unique groups).
 * ICU collation under a fixed locale, en-US: `localeCompare` without one follows the process's LANG, and
 * under da_DK `aa_x` sorts after `z_y` — the same seed would plan, and so generate, differently on another
 * machine. en-US is what the default gave on the machines the pinned plans were made on, so the order there
 * is unchanged. Names of printable ASCII are compared here, in that same order, without ICU (building the
 * collator costs 10–20 ms of a seed's start-up); the collator is built on first use, for any other name.
 */
let collator: Intl.Collator | undefined

/**
 * Printable ASCII less the upper-case letters, in en-US collation order: each has a primary weight of its own
 * (punctuation and symbols are not ignorable by default) and no contraction or expansion, so for names made
 * of them ICU's order is their ranks compared character by character, then the shorter name first. An
 * upper-case letter has its lower-case letter's primary weight and a higher tertiary one: between names equal
 * but for case, the first position that differs decides, lower case first. name-order.test.ts checks this
 * against ICU.
 */
const ORDER = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"
/** Rank + 1 per code unit below 128 (upper case as its lower case); 0: not handled here. */
const RANK = new Uint8Array(128)
for (let i = 0; i < ORDER.length; i++) RANK[ORDER.charCodeAt(i)] = i + 1
for (let c = 65; c <= 90; c++) RANK[c] = RANK[c + 32]!

/** The en-US order of two names of printable ASCII, or undefined when either has another character. */
function asciiCompare(a: string, b: string): number | undefined {
  let primary = 0
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = i < a.length ? a.charCodeAt(i) : -1
    const y = i < b.length ? b.charCodeAt(i) : -1
    const rx = x < 0 ? 0 : x < 128 ? RANK[x]! : 0
    const ry = y < 0 ? 0 : y < 128 ? RANK[y]! : 0
    if ((x >= 0 && rx === 0) || (y >= 0 && ry === 0)) return undefined
    // The shorter name first when the longer one continues it (rank 0 stands for its end).
    if (primary === 0 && rx !== ry) primary = rx - ry
  }
  if (primary !== 0) return primary
  // Equal but for case (same length): lower case first at the first difference.
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return b.charCodeAt(i) - a.charCodeAt(i)
  return 0
}

/** Negative, zero or positive as `a` sorts before, with or after `b` in en-US collation, whatever LANG says. */
export function compareNames(a: string, b: string): number {
  return asciiCompare(a, b) ?? (collator ??= new Intl.Collator('en-US')).compare(a, b)
}
