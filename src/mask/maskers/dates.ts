/** Date arithmetic on the forms a scan returns: Date objects and ISO-like text (`YYYY-MM-DD[ T]…`). */

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/

/** `v` moved by whole `days`; text keeps everything after its date part (time, fraction, zone). Undefined when `v` is not a date. */
export function addDays(v: unknown, days: number): Date | string | undefined {
  if (v instanceof Date) return new Date(v.getTime() + days * DAY_MS)
  if (typeof v !== 'string') return undefined
  const m = ISO_DATE.exec(v)
  if (!m) return undefined
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days))
  return ymd(d) + v.slice(10)
}

function ymd(d: Date): string {
  const y = d.getUTCFullYear()
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

/** `v` truncated to the start of its year/month/day/hour (UTC for Date; text keeps its form and zone). */
export function truncateDate(v: unknown, unit: 'year' | 'month' | 'day' | 'hour'): Date | string | undefined {
  if (v instanceof Date) {
    const y = v.getUTCFullYear()
    const mo = unit === 'year' ? 0 : v.getUTCMonth()
    const d = unit === 'year' || unit === 'month' ? 1 : v.getUTCDate()
    const h = unit === 'hour' ? v.getUTCHours() : 0
    const out = new Date(Date.UTC(2000, mo, d, h))
    out.setUTCFullYear(y)
    return out
  }
  if (typeof v !== 'string') return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:([ T])(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(.*)$/.exec(v)
  if (!m) return undefined
  const [, y, mo, d, sep, hh, mi, ss, frac, zone] = m
  const date = `${y}-${unit === 'year' ? '01' : mo}-${unit === 'year' || unit === 'month' ? '01' : d}`
  if (sep === undefined) return date
  const hour = unit === 'hour' ? hh : '00'
  return `${date}${sep}${hour}:00${ss !== undefined ? ':00' : ''}${frac !== undefined ? '.' + '0'.repeat(frac.length - 1) : ''}${zone ?? ''}`
}
