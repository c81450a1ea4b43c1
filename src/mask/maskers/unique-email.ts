/**
 * A unique fake email made straight from its person's draws (person-source.ts `emailDraws`, no person
 * record), with its fingerprint (unique.ts) summed from its pieces' lanes, none of its characters read:
 * a name handle's lanes kept per list entry (12 bytes each), the digit tail and `@domain` from tables of
 * a hundred entries per domain. The same string and fingerprint as the record's `personField` and
 * `foldedFingerprint`, for values that need no cutting or padding (the caller builds those the general
 * way).
 *
 * Small tables on purpose: the unique guard's table touches a new cache line per value and evicts what
 * is read rarely, so 10 000 digit-tail strings (as `digitTail` keeps) would miss the cache per value
 * where two-digit pieces stay in it.
 */
import { emailLocalParts, type EmailDraws } from '../../generate/person-source.js'
import type { Fit } from './context.js'
import { lanesOf, mixLanes, POW_A, POW_B, POWERS } from './unique.js'

/** `x` < 10^w as exactly w digits, w = 1, 2. */
const DIGITS = [0, 1, 2].map((w) => Array.from({ length: w === 0 ? 1 : 10 ** w }, (_, x) => (w === 0 ? '' : String(x).padStart(w, '0'))))

/**
 * `(index, tailNumber)` → the email of the person drawn at `index`, its local part followed by the
 * last `digits` (2–4) digits of `tailNumber` (as `digitTail`) and the domain; its fingerprint in `fp[0]`.
 * Undefined (fp untouched) when the value needs fitting or holds a character the lanes do not fold.
 */
export function uniqueEmails(d: EmailDraws, fit: Fit, digits: number, fp: Float64Array): (index: number, tailNumber: number) => string | undefined {
  if (digits < 2 || digits > 4) throw new Error(`uniqueEmails: ${digits} digits`)
  const draw = new Int32Array(5)
  // What emailLocalParts reads of a record.
  const rec = { firstHandle: '', lastHandle: '', pattern: 0 }
  const parts = ['', '', '']
  const domains = d.atDomains
  const nd = domains.length
  // The tail as a head of digits - 2 digits (a string of DIGITS) and the last two digits joined to the
  // domain: `lowAt[100 · domain + low]`, so the whole email is still five pieces.
  const headWidth = digits - 2
  const heads = DIGITS[headWidth]!
  const headLanes = new Int32Array(2 * heads.length)
  heads.forEach((h, j) => lanesOf(h, headLanes, 2 * j))
  const lowAt: string[] = []
  const lowAtLanes = new Int32Array(2 * 100 * nd)
  // A domain that is not ASCII (or whose end a fit would trim, or too long for the lane powers) is
  // built the general way.
  const domainOk = new Uint8Array(nd)
  for (let j = 0; j < nd; j++) {
    const at = domains[j]!
    const end = at.charCodeAt(at.length - 1)
    let ok = end > 32 && end < 127 && at.length + 2 < POWERS
    for (let x = 0; x < 100; x++) {
      const s = `${DIGITS[2]![x]!}${at}`
      lowAt.push(s)
      ok = lanesOf(s, lowAtLanes, 2 * (100 * j + x)) && ok
    }
    domainOk[j] = ok ? 1 : 0
  }
  // Each handle's lanes and length + 1 (0: not made yet) by list (0 male, 1 female first names, 2 last
  // names) and index: 12 bytes an entry, a few tens of KB in all.
  const handleLanes = [new Int32Array(3 * d.sizes[0]), new Int32Array(3 * d.sizes[1]), new Int32Array(3 * d.sizes[2])]
  const laneOut = new Int32Array(2)
  const max = fit.maxLength ?? Infinity
  const min = fit.minLength
  const mod = 10 ** digits
  let a = 0
  let b = 0
  /** Append piece `s` (the first handle `f`, the last handle `l`, or anything else) to the lanes (a, b); false when not ASCII. */
  const append = (s: string, f: string, fl: Int32Array, fi: number, l: string, ll: Int32Array, li: number): boolean => {
    const n = s.length
    if (n === 0) return true
    let la: number
    let lb: number
    if (n === 1) {
      let c = s.charCodeAt(0)
      if (c >= 65 && c <= 90) c += 32
      else if (c > 127) return false
      la = lb = c
    } else if (n >= POWERS) return false
    else {
      const lanes = s === f ? fl : s === l ? ll : undefined
      const at = 3 * (s === f ? fi : li)
      if (lanes && lanes[at + 2] !== 0) (la = lanes[at]!), (lb = lanes[at + 1]!)
      else {
        if (!lanesOf(s, laneOut, 0)) return false
        la = laneOut[0]!
        lb = laneOut[1]!
        if (lanes) (lanes[at] = la), (lanes[at + 1] = lb), (lanes[at + 2] = n + 1)
      }
    }
    a = (Math.imul(a, POW_A[n]!) + la) | 0
    b = (Math.imul(b, POW_B[n]!) + lb) | 0
    return true
  }
  return (index, tailNumber) => {
    d.draw(index, draw)
    const dom = draw[4]!
    if (domainOk[dom] === 0) return undefined
    const female = draw[0]!
    const fi = draw[1]!
    const li = draw[2]!
    const f = d.firstHandle(female, fi)
    const l = d.lastHandle(li)
    rec.firstHandle = f
    rec.lastHandle = l
    rec.pattern = draw[3]!
    emailLocalParts(rec, parts)
    const p0 = parts[0]!
    const p1 = parts[1]!
    const p2 = parts[2]!
    const t = tailNumber % mod
    const high = Math.floor(t / 100)
    const low = 100 * dom + (t % 100)
    const head = heads[high]!
    const rest = lowAt[low]!
    const n = p0.length + p1.length + p2.length + head.length + rest.length
    if (n > max || n < min) return undefined
    a = 0
    b = 0
    const fl = handleLanes[female]!
    const ll = handleLanes[2]!
    if (!append(p0, f, fl, fi, l, ll, li) || !append(p1, f, fl, fi, l, ll, li) || !append(p2, f, fl, fi, l, ll, li)) return undefined
    a = (Math.imul(a, POW_A[headWidth]!) + headLanes[2 * high]!) | 0
    b = (Math.imul(b, POW_B[headWidth]!) + headLanes[2 * high + 1]!) | 0
    a = (Math.imul(a, POW_A[rest.length]!) + lowAtLanes[2 * low]!) | 0
    b = (Math.imul(b, POW_B[rest.length]!) + lowAtLanes[2 * low + 1]!) | 0
    fp[0] = mixLanes(a, b, n)
    return p0 + p1 + p2 + head + rest
  }
}
