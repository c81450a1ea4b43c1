/**
 * The coherence groups of `fake`: a row's person fields (first/last/full name, email, username) share one
 * fake person, and its address fields (street, address line, city, state, zip, country) one real place,
 * exactly as generation builds them (person-source.ts, address-source.ts), indexed by a keyed hash of
 * the row's originals instead of the row number.
 *
 * Person anchor: the first present tier of email → username → full name → first + last name that holds
 * a non-NULL original in the row. So an email masks to the same fake email in every table that has it
 * (the same original, key and locale: same person, same domain), and a row's masked email is built from
 * its masked first and last name. Address anchor: all the group's originals together.
 */
import type { AddressField, PersonField } from '../../model/plan.js'
import type { FakeField } from '../../model/mask.js'
import type { Value } from '../../model/rows.js'
import { addressField, addressRecords, type AddressRecord } from '../../generate/address-source.js'
import { emailDraws, personField, personRecords, type PersonRecord } from '../../generate/person-source.js'
import { localeCountry } from '../../geo/index.js'
import { hashValues, OUT, type SipKey } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { type ColumnMasker, type Fit, type GroupAnchors, type MaskContext, where } from './context.js'
import { anchorOf, digitTail, foldedFingerprint, UniqueGuard } from './unique.js'
import { uniqueEmails } from './unique-email.js'

export const PERSON_FIELDS: Partial<Record<FakeField, PersonField>> = { 'first-name': 'first', 'last-name': 'last', 'full-name': 'full', email: 'email', username: 'username' }
export const ADDRESS_FIELDS: Partial<Record<FakeField, AddressField>> = { street: 'street', 'address-line': 'line', city: 'city', state: 'state', zip: 'zip', country: 'country' }

/** One column of a group. */
export interface GroupMember {
  ctx: MaskContext
  field: FakeField
  unique: boolean
  fit: Fit
}

/** Digits a unique group value carries: 4 where the column has room, down to 2. */
function uniqueDigits(fit: Fit): number {
  return fit.maxLength === undefined || fit.maxLength >= 16 ? 4 : fit.maxLength >= 10 ? 3 : 2
}

function seedOf(k: SipKey): string {
  return `${k.k0hi.toString(16)}${k.k0lo.toString(16)}${k.k1hi.toString(16)}${k.k1lo.toString(16)}`
}

/** Hash of the anchor values of a row: sets OUT[0]!/OUT[1]!; false when every anchor value is NULL. */
type Anchor = (row: readonly Value[], tweak: number) => boolean

/** The person anchor's tiers, first first. */
const PERSON_TIERS: FakeField[][] = [['email'], ['username'], ['full-name'], ['first-name', 'last-name']]

function personAnchor(k: SipKey, members: GroupMember[], pos: (c: string) => number): Anchor {
  const tiers = PERSON_TIERS
    .map((fields) => members.filter((m) => fields.includes(m.field)).map((m) => pos(m.ctx.column.name)))
    .filter((t) => t.length > 0)
  // One array of originals per tier, filled in place (resetting `length` per row is a slow runtime call).
  const vals = tiers.map((t) => new Array<Value>(t.length).fill(null))
  return (row, tweak) => {
    for (let i = 0; i < tiers.length; i++) {
      const tier = tiers[i]!
      const vs = vals[i]!
      let any = false
      for (let j = 0; j < tier.length; j++) {
        const v = row[tier[j]!]!
        vs[j] = v
        if (v !== null) any = true
      }
      if (any) {
        hashValues(k, vs, tweak)
        return true
      }
    }
    return false
  }
}

function addressAnchor(k: SipKey, members: GroupMember[], pos: (c: string) => number): Anchor {
  const ps = members.map((m) => pos(m.ctx.column.name))
  const vals = new Array<Value>(ps.length).fill(null)
  return (row, tweak) => {
    let any = false
    for (let j = 0; j < ps.length; j++) {
      const v = row[ps[j]!]!
      vals[j] = v
      if (v !== null) any = true
    }
    if (any) hashValues(k, vals, tweak)
    return any
  }
}

/**
 * Maskers of one group's columns. Every member reads every other member's original (the anchor). Per
 * row the record is built once (cached by the row array), and once more per candidate of a unique
 * member that collided.
 */
export function groupMaskers(kind: 'person' | 'address', members: GroupMember[], locale: string | undefined): Map<string, ColumnMasker> {
  const key = members[0]!.ctx.key
  const loc = locale ?? 'en'
  const k = subkey(key, `fake:${kind}:${loc}`)
  const seed = seedOf(k)
  const hasCountry = members.some((m) => m.field === 'country')
  const persons = kind === 'person' ? personRecords(seed, 'mask', 'person', undefined, loc, true) : undefined
  const places = kind === 'address' ? addressRecords(seed, 'mask', 'address', undefined, hasCountry ? undefined : localeCountry(loc), loc) : undefined
  const reads = members.map((m) => m.ctx.column.name)
  // A person member's value is NULL for a NULL original, else made from the first anchor tier holding a
  // non-NULL original, which is its own tier at the latest: it depends on the tiers up to its own only.
  const tierOf = (f: FakeField) => PERSON_TIERS.findIndex((t) => t.includes(f))
  const dependsOn = (m: GroupMember) => (kind === 'person' ? members.filter((o) => tierOf(o.field) <= tierOf(m.field)).map((o) => o.ctx.column.name) : reads)
  const out = new Map<string, ColumnMasker>()
  // Shared per-row state of the group, so the record is built once per row whichever member asks first.
  let anchor: Anchor | undefined
  let lastRow: readonly Value[] | undefined
  // The row's anchor hash (high, low word) in a typed array: a closure variable holding a double
  // ≥ 2^30 would box it, an allocation per row.
  const last = new Uint32Array(2)
  let lastOk = false
  // Anchors an earlier stage hashed for this batch (3 words a row, see CarriedAnchors), and the ones
  // this stage records for a later one.
  let given: Uint32Array | undefined
  let recording: Uint32Array | undefined
  const rowAnchor = (row: readonly Value[], i: number) => {
    if (row !== lastRow) {
      lastRow = row
      const at = 3 * i
      const s = given ? given[at]! : 0
      if (s !== 0) {
        lastOk = s === 1
        last[0] = given![at + 1]!
        last[1] = given![at + 2]!
      } else {
        lastOk = anchor!(row, 0)
        last[0] = OUT[0]!
        last[1] = OUT[1]!
      }
      if (recording) {
        recording[at] = lastOk ? 1 : 2
        recording[at + 1] = last[0]!
        recording[at + 2] = last[1]!
      }
    }
    return lastOk
  }
  // The anchor's columns by tier (a person's: email, username, full name, first + last name), for a
  // later stage to check that its own anchor is the same (see CarriedAnchors).
  const tiers =
    kind === 'person'
      ? PERSON_TIERS.map((fields) => members.filter((m) => fields.includes(m.field)).map((m) => m.ctx.column.name)).filter((t) => t.length > 0)
      : [reads]
  const anchors: GroupAnchors = {
    group: `${kind}:${loc}`,
    tiers,
    give(words) {
      given = words
    },
    record(rows) {
      recording = new Uint32Array(3 * rows)
    },
    made(rows) {
      const words = recording
      recording = undefined
      // Bound for this batch's layout by a member this stage writes; else the group is not this stage's.
      if (!words || !anchor) return undefined
      for (let i = 0; i < rows.length; i++) {
        if (words[3 * i] !== 0) continue
        const ok = anchor(rows[i]!, 0)
        words[3 * i] = ok ? 1 : 2
        words[3 * i + 1] = OUT[0]!
        words[3 * i + 2] = OUT[1]!
      }
      return words
    },
  }
  for (const m of members) {
    const name = m.ctx.column.name
    const fit = m.fit
    const opts = { minLength: fit.minLength, ...(fit.maxLength !== undefined ? { maxLength: fit.maxLength } : {}) }
    // Made when the member is first bound: a stage compiling a member only for its anchor never binds it.
    let guard: UniqueGuard | undefined
    const digits = uniqueDigits(fit)
    // Options objects built once: a spread or a closure per value would cost an allocation each.
    let tail = ''
    const plain = { ...opts, tail: () => '' }
    const tailed = { ...opts, tail: () => tail }
    const personF = PERSON_FIELDS[m.field]
    const addressF = ADDRESS_FIELDS[m.field]
    const short = fit.maxLength !== undefined && fit.maxLength <= 3
    const placeF: AddressField | undefined = short && addressF === 'state' ? 'state-code' : short && addressF === 'country' ? 'country-code' : addressF
    // A unique email is made from its person's draws, its fingerprint summed from its pieces' lanes (`fp[0]`,
    // NaN when not made so): scanning the built string would read it through its concatenation nodes.
    const fp = new Float64Array(1)
    const emails = persons && personF === 'email' && m.unique ? uniqueEmails(emailDraws(seed, 'mask', 'person', loc), fit, digits, fp) : undefined
    const valueAt = (index: number, tailNumber: number | undefined): string => {
      if (persons) {
        if (tailNumber !== undefined && emails) {
          const v = emails(index, tailNumber)
          if (v !== undefined) return v
        }
        const r: PersonRecord = persons(index)
        if (tailNumber === undefined) return personField(personF!, r, plain)
        tail = digitTail(tailNumber, digits)
        if (personF === 'email' || personF === 'username') return personField(personF, r, tailed, 0)
        return withTail(personField(personF!, r, plain), tail, fit)
      }
      const r: AddressRecord = places!(index)
      const v = String(addressField(placeF!, r, opts))
      return tailNumber === undefined ? v : withTail(v, digitTail(tailNumber, digits), fit)
    }
    // A unique member's batch resolution, set by `bind` (see `resolve` there).
    let prepare: ((rows: readonly (readonly Value[])[]) => void) | undefined
    out.set(name, {
      reads,
      dependsOn: dependsOn(m),
      anchors,
      startBatch(rows) {
        lastRow = undefined
        prepare?.(rows)
      },
      bind(pos) {
        // Every member is bound for each batch layout: the anchor follows the latest positions.
        anchor = kind === 'person' ? personAnchor(k, members, pos) : addressAnchor(k, members, pos)
        lastRow = undefined
        const labels = fit.labels
        const g = m.unique ? (guard ??= new UniqueGuard(where(m.ctx), m.ctx.expectedRows)) : undefined
        // The candidates of a unique member, made once per binding (no closure per row): candidate 0 is
        // the row's own anchor, t > 0 re-hashes the row's originals with tweak t.
        let row: readonly Value[] = []
        const cur = new Uint32Array(2)
        const candidate = (t: number): string => {
          if (t === 0) return valueAt(cur[1]!, cur[0]!)
          anchor!(row, t)
          return valueAt(OUT[1]!, OUT[0]!)
        }
        const one = (v: Value, r: readonly Value[], i: number): Value => {
          if (v === null || !rowAnchor(r, i)) return null
          if (labels) return labels[Math.floor((last[0]! / 4294967296) * labels.length)]!
          if (!g) return valueAt(last[1]!, undefined)
          row = r
          cur[0] = last[0]!
          cur[1] = last[1]!
          return g.pick(anchorOf(cur[0]!, cur[1]!), candidate)
        }
        prepare = undefined
        if (!g || labels) return one
        // A unique member resolves a whole batch in `startBatch`: first every row's candidate 0 (hashing and
        // string building, no table access), then the claims back to back in row order, so the table's
        // cache misses overlap. The same claims in the same order as `one` row by row: the same values.
        const at = pos(name)
        let rows: readonly (readonly Value[])[] = []
        let done: Value[] = []
        let next = 0
        let fps = new Float64Array(0)
        let anchors = new Float64Array(0)
        // The two loops are functions of their own (docs/architecture.md, "A hot row loop is a function of its own").
        const claimAll = (batch: readonly (readonly Value[])[], values: Value[]): void => {
          const n = batch.length
          for (let s = 0; s < n; s += WARM) {
            const e = Math.min(n, s + WARM)
            g.warm(fps, s, e)
            for (let i = s; i < e; i++) {
              if (values[i] === null || g.claim(fps[i]!, anchors[i]!)) continue
              row = batch[i]!
              values[i] = g.pick(anchors[i]!, candidate, 1)
            }
          }
        }
        const candidates = (batch: readonly (readonly Value[])[]): Value[] => {
          const n = batch.length
          const values = new Array<Value>(n)
          for (let i = 0; i < n; i++) {
            const r = batch[i]!
            if (r[at] === null || !rowAnchor(r, i)) {
              values[i] = null
              continue
            }
            cur[0] = last[0]!
            cur[1] = last[1]!
            fp[0] = NaN
            const v0 = candidate(0)
            values[i] = v0
            const f = fp[0]!
            fps[i] = f === f ? f : foldedFingerprint(v0)
            anchors[i] = anchorOf(cur[0]!, cur[1]!)
          }
          return values
        }
        prepare = (batch) => {
          const n = batch.length
          if (fps.length < n) (fps = new Float64Array(n)), (anchors = new Float64Array(n))
          const values = candidates(batch)
          claimAll(batch, values)
          rows = batch
          done = values
          next = 0
        }
        return (v, r, i) => {
          // Rows come in the order `startBatch` saw them; any other call is masked on its own (a row
          // already claimed finds its own value again).
          const j = next
          if (rows[j] !== r) return one(v, r, i)
          next = j + 1
          return done[j]!
        }
      },
    })
  }
  return out
}

/** Claims of a batch whose table slots are touched together first (see `UniqueGuard.warm`): 256 lines fit in L1/L2. */
const WARM = 256

/** `v` with a disambiguating tail, the text cut so the tail always fits. */
function withTail(v: string, tail: string, fit: Fit): string {
  const room = fit.maxLength === undefined ? Infinity : fit.maxLength - tail.length - 1
  return `${v.length > room ? v.slice(0, Math.max(0, room)).trimEnd() : v} ${tail}`.trimStart()
}
