/**
 * `now` — where generated time ends — as users write it (`--now`, the config's `now`, the API's `now`)
 * and as tdg prints it.
 */

/** `Plan.now` as users write it for `--now`: a date at midnight UTC, else an ISO timestamp in UTC. */
export function nowText(now: number): string {
  const iso = new Date(now * 1000).toISOString()
  return now % 86400 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`
}

/** The one-line complaint about a `now` text that `parseNowText` refuses. */
export const NOW_FORMAT = (value: string) => `'${value}' is not a date (YYYY-MM-DD) or timestamp (YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]) between 1901 and 2998`

/**
 * `2026-12-05` (midnight UTC) or `2026-12-05T10:30[:00][Z|±HH:MM]` (UTC without a zone) → epoch seconds;
 * undefined for anything else, impossible dates (2026-02-30) and years outside 1901–2998.
 */
export function parseNowText(value: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim())
  if (!m) return undefined
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[3] ?? 'Z'}`)
  // Date.parse rolls 2026-02-30 over into March: the date must come back as written.
  if (!Number.isFinite(ms) || (m[2] === undefined && new Date(ms).toISOString().slice(0, 10) !== m[1])) return undefined
  const year = new Date(ms).getUTCFullYear()
  return year < 1901 || year > 2998 ? undefined : Math.floor(ms / 1000)
}
