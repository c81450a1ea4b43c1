import { createHash } from 'node:crypto'
import { Cron } from 'croner'
import { TdgError } from '../errors.js'

/** The zone a schedule's cron is read in when none is given. */
export const DEFAULT_TZ = 'UTC'

/**
 * Check an IANA time zone name (`Europe/Berlin`, `UTC`); TDG_SCHEDULE_INVALID naming `tz` otherwise.
 * Offsets and abbreviations (`+02:00`, `CEST`) are refused: only a zone knows its DST changes.
 */
export function checkTimeZone(tz: string): string {
  let ok = /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz) && tz.length <= 64
  if (ok) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz })
    } catch {
      ok = false
    }
  }
  if (!ok) throw new TdgError('TDG_SCHEDULE_INVALID', `tz '${tz.slice(0, 80)}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`, { field: 'tz' })
  return tz
}

/**
 * The cron `expr` read in zone `tz`: five fields (minute hour day month weekday) or six with seconds
 * first. TDG_SCHEDULE_INVALID naming `cron` and croner's reason for a bad expression.
 */
export function parseCron(expr: string, tz: string = DEFAULT_TZ): Cron {
  checkTimeZone(tz)
  const text = expr.trim()
  const fields = text === '' ? 0 : text.split(/\s+/).length
  if (fields !== 5 && fields !== 6) throw new TdgError('TDG_SCHEDULE_INVALID', `cron '${text.slice(0, 80)}': ${fields} field${fields === 1 ? '' : 's'}; expected five ("m h dom mon dow") or six (seconds first)`, { field: 'cron' })
  try {
    if (text.length > 255) throw new Error('longer than 255 characters')
    // Nothing runs through croner's own timer: paused, it only computes times.
    return new Cron(text, { paused: true, timezone: tz, mode: '5-or-6-parts' })
  } catch (e) {
    const reason = String((e as Error).message ?? e).replace(/^CronPattern: /, '')
    throw new TdgError('TDG_SCHEDULE_INVALID', `cron '${text.slice(0, 80)}': ${reason}`, { field: 'cron' })
  }
}

/** The next `n` times of `cron` strictly after `from` (default now). */
export function nextRuns(cron: Cron, n: number, from: Date = new Date()): Date[] {
  return cron.nextRuns(n, from)
}

/** The latest time of `cron` at or before `at` (undefined when there is none). */
export function previousRun(cron: Cron, at: Date): Date | undefined {
  return cron.previousRuns(1, new Date(at.getTime() + 1))[0]
}

/**
 * The jitter of one firing in ms, in [0, jitterSeconds·1000): a hash of the schedule's name and the
 * scheduled time, so every process sharing a state store delays the same firing by the same amount.
 */
export function jitterMs(name: string, scheduledFor: Date, jitterSeconds: number): number {
  if (jitterSeconds <= 0) return 0
  const h = createHash('sha256').update(`${name}\n${scheduledFor.toISOString()}`).digest()
  return h.readUIntBE(0, 6) % (jitterSeconds * 1000)
}

/** `2026-12-06 03:00:00 Europe/Berlin (02:00:00Z)`: a time as it reads in `tz`, for the CLI. */
export function formatInZone(at: Date, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')} ${tz}`
}
