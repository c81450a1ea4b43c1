/**
 * The one order of identifiers in a plan's tie-breaks (cycle fix-ups, deferred constraints, unique groups).
 * ICU collation under a fixed locale, en-US: `localeCompare` without one follows the process's LANG, and
 * under da_DK `aa_x` sorts after `z_y` — the same seed would plan, and so generate, differently on another
 * machine. en-US is what the default gave on the machines the pinned plans were made on, so the order there
 * is unchanged. The collator is built on first use (ICU's start-up is not paid by runs without a tie).
 */
let collator: Intl.Collator | undefined

/** Negative, zero or positive as `a` sorts before, with or after `b` in en-US collation, whatever LANG says. */
export function compareNames(a: string, b: string): number {
  return (collator ??= new Intl.Collator('en-US')).compare(a, b)
}
