/**
 * How the profiler reads a cell of each logical kind: numbers (number, bigint, decimal text), epoch
 * milliseconds (Date, ISO or SQL date/timestamp text, read as UTC when no zone is given), or a key for
 * distinct counting. Values come as the adapters and the CSV reader give them.
 */
import { match } from 'ts-pattern'
import type { LogicalKind } from '../model/schema.js'
import type { Value } from '../model/rows.js'
import type { DistinctKey } from './distinct.js'

/** How a column is summarised. */
export type Family = 'number' | 'temporal' | 'text' | 'boolean' | 'other'

/** The family of a logical kind. */
export function familyOf(kind: LogicalKind): Family {
  return match(kind)
    .with('integer', 'decimal', 'float', () => 'number' as const)
    .with('date', 'timestamp', () => 'temporal' as const)
    .with('string', 'text', 'enum', 'uuid', 'inet', 'set', 'time', 'interval', 'unknown', () => 'text' as const)
    .with('boolean', () => 'boolean' as const)
    .with('json', 'binary', 'array', () => 'other' as const)
    .exhaustive()
}

/** A number from a numeric cell; NaN when it is not one. */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v)
  if (typeof v === 'boolean') return v ? 1 : 0
  return NaN
}

/** Epoch milliseconds (UTC) of a temporal cell; NaN when it is not one. Zone-less text is read as UTC. */
export function toEpochMs(v: Value): number {
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'string') return parseTemporalText(v)
  if (typeof v === 'number') return v
  return NaN
}

const d = (s: string, i: number) => s.charCodeAt(i) - 48

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH[[:]MM]]` read by hand (Date.parse costs ~450 ns a
 * value; this ~30 ns); other text goes to Date.parse. Zone-less text is UTC.
 */
export function parseTemporalText(s: string): number {
  const n = s.length
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return slowParse(s)
  const y = d(s, 0) * 1000 + d(s, 1) * 100 + d(s, 2) * 10 + d(s, 3)
  const mo = d(s, 5) * 10 + d(s, 6)
  const day = d(s, 8) * 10 + d(s, 9)
  if (!(y >= 0 && mo >= 1 && mo <= 12 && day >= 1 && day <= 31)) return slowParse(s)
  if (n === 10) return Date.UTC(y, mo - 1, day)
  const sep = s.charCodeAt(10)
  if ((sep !== 32 && sep !== 84) || n < 16 || s.charCodeAt(13) !== 58) return slowParse(s)
  const h = d(s, 11) * 10 + d(s, 12)
  const mi = d(s, 14) * 10 + d(s, 15)
  let i = 16
  let sec = 0
  let ms = 0
  if (i < n && s.charCodeAt(i) === 58) {
    sec = d(s, i + 1) * 10 + d(s, i + 2)
    i += 3
    if (i < n && s.charCodeAt(i) === 46) {
      i++
      let scale = 100
      while (i < n) {
        const c = s.charCodeAt(i) - 48
        if (c < 0 || c > 9) break
        ms += c * scale
        scale /= 10
        i++
      }
    }
  }
  let offsetMin = 0
  if (i < n) {
    const c = s.charCodeAt(i)
    if (c === 90 || c === 122) i++
    else if (c === 43 || c === 45) {
      const rest = s.slice(i + 1).replace(':', '')
      if (!/^\d{2}(\d{2})?$/.test(rest)) return slowParse(s)
      offsetMin = (c === 45 ? -1 : 1) * (Number(rest.slice(0, 2)) * 60 + (rest.length > 2 ? Number(rest.slice(2)) : 0))
      i = n
    } else return slowParse(s)
  }
  if (i !== n || h > 24 || mi > 59 || sec > 60 || Number.isNaN(h + mi + sec)) return slowParse(s)
  return Date.UTC(y, mo - 1, day, h, mi, sec) + Math.round(ms) - offsetMin * 60_000
}

function slowParse(s: string): number {
  const t = s.trim()
  if (t === '') return NaN
  const x = Date.parse(t)
  return Number.isNaN(x) && t !== s ? parseTemporalText(t) : x
}

/** The key distinct counting uses for a cell of `family` (numbers and epoch ms as numbers). */
export function keyOf(v: Value): DistinctKey {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()
  if (v instanceof Date) return v.getTime()
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')
  return JSON.stringify(v)
}

/** A cell as text for the text family (numbers and booleans as their text, Dates as ISO). */
export function toText(v: Value): string {
  if (typeof v === 'string') return v
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')
  return JSON.stringify(v)
}
