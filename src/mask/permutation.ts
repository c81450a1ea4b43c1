/**
 * Keyed format-preserving permutations (FF1/FF3-1 style): a Feistel network over a mixed-radix domain,
 * round function = SipHash of the other half. Each round adds F(other parts) to one part modulo its
 * size, which the inverse subtracts: a bijection for any key and any round function. Domains that are
 * not a product of the parts' sizes (integers of one digit count) are reached by cycle-walking: encrypt
 * again until the value falls back inside the domain, which keeps the map a bijection of the domain.
 */
import { feistel2, sip13, sip13Word, type SipKey } from './keyed-hash.js'

const TWO_32 = 4294967296

/** A bijection of [0, size) for each part of a domain `sizes[0] × sizes[1] × …` (every size < 2^32, ≥ 2 parts). */
export interface Feistel {
  encrypt(x: number[]): void
  decrypt(x: number[]): void
}

const words = new Uint32Array(64)
const wordBytes = new Uint8Array(words.buffer)

/** The Feistel network over parts of `sizes`; `tweak` separates domains sharing one key. */
export function feistel(key: SipKey, sizes: readonly number[], tweak: number): Feistel {
  const c = sizes.length
  // Each round changes one part from all the others: 3 rounds per part (8 at least) mix every part into every other.
  const rounds = Math.max(8, 3 * c)
  // Two parts: SipHash-1-3 of (other part, round) under the key with the tweak folded in.
  const k2: SipKey = { k0lo: key.k0lo, k0hi: key.k0hi, k1lo: (key.k1lo ^ tweak) >>> 0, k1hi: key.k1hi }
  const f =
    c === 2
      ? (r: number, x: number[]) => sip13Word(k2, x[1 - (r & 1)]!, r)
      : (r: number, x: number[]) => {
          const j = r % c
          words[0] = r
          words[1] = tweak
          for (let i = 0; i < c; i++) words[2 + i] = i === j ? 0 : x[i]!
          return sip13(key, wordBytes, 8 + 4 * c)
        }
  if (c === 2 && sizes[0]! < TWO_32 && sizes[1]! < TWO_32) {
    // The same network with its rounds in WebAssembly (keyed-hash.ts): one call per value instead of one per round.
    return { encrypt: (x) => feistel2(k2, sizes, rounds, false, x), decrypt: (x) => feistel2(k2, sizes, rounds, true, x) }
  }
  const below = (h: number, n: number) => Math.floor((h / TWO_32) * n)
  return {
    encrypt(x) {
      for (let r = 0; r < rounds; r++) {
        const j = r % c
        const n = sizes[j]!
        x[j] = (x[j]! + below(f(r, x), n)) % n
      }
    },
    decrypt(x) {
      for (let r = rounds - 1; r >= 0; r--) {
        const j = r % c
        const n = sizes[j]!
        x[j] = (x[j]! - below(f(r, x), n) + n) % n
      }
    },
  }
}

/** A bijection of [0, m) (number or bigint; m ≤ ~1.8e19). */
export interface DomainPermutation {
  readonly size: bigint
  forward(x: number): number
  forwardBig(x: bigint): bigint
  inverse(x: number): number
  inverseBig(x: bigint): bigint
}

/**
 * A keyed bijection of [0, m): a two-part Feistel over [0, a)² with a = ⌈√m⌉ and cycle-walking (a² − m
 * < 2a + 1, so few extra rounds on average). Number arithmetic when m ≤ 2^53, BigInt only beyond.
 */
export function domainPermutation(key: SipKey, m: bigint, tweak: number): DomainPermutation {
  if (m <= 1n) {
    const id = <T>(x: T) => x
    return { size: m, forward: id, forwardBig: id, inverse: id, inverseBig: id }
  }
  let a = bigSqrtCeil(m)
  if (a < 2n) a = 2n
  const an = Number(a)
  const net = feistel(key, [an, an], tweak)
  const x2 = [0, 0]
  const small = m <= 9007199254740992n
  const mn = Number(m)
  const walk = (x: number, step: (v: number[]) => void): number => {
    do {
      x2[0] = Math.floor(x / an)
      x2[1] = x - x2[0] * an
      step(x2)
      x = x2[0] * an + x2[1]
    } while (x >= mn)
    return x
  }
  const walkBig = (x: bigint, step: (v: number[]) => void): bigint => {
    do {
      x2[0] = Number(x / a)
      x2[1] = Number(x % a)
      step(x2)
      x = BigInt(x2[0]) * a + BigInt(x2[1])
    } while (x >= m)
    return x
  }
  const enc = (v: number[]) => net.encrypt(v)
  const dec = (v: number[]) => net.decrypt(v)
  return {
    size: m,
    forward: small ? (x) => walk(x, enc) : (x) => Number(walkBig(BigInt(x), enc)),
    forwardBig: small ? (x) => BigInt(walk(Number(x), enc)) : (x) => walkBig(x, enc),
    inverse: small ? (x) => walk(x, dec) : (x) => Number(walkBig(BigInt(x), dec)),
    inverseBig: small ? (x) => BigInt(walk(Number(x), dec)) : (x) => walkBig(x, dec),
  }
}

function bigSqrtCeil(n: bigint): bigint {
  let x = BigInt(Math.ceil(Math.sqrt(Number(n))))
  while (x * x < n) x++
  while (x > 0n && (x - 1n) * (x - 1n) >= n) x--
  return x
}

const POW10: bigint[] = Array.from({ length: 21 }, (_, i) => 10n ** BigInt(i))

/**
 * A keyed permutation of the integers in [min, max] that keeps the sign and the decimal digit count
 * (0 stays 0; a 4-digit value maps to a 4-digit value; the top class is clipped to the bound, so values
 * stay in the column type's range, and a CHECK's bounds). A bijection of [min, max]. Numbers stay numbers
 * (exact up to 2^53); bigints and decimal strings go through `permuteBig`.
 */
export interface IntegerPermuter {
  permute(v: number): number
  permuteBig(v: bigint): bigint
  unpermuteBig(v: bigint): bigint
}

export function integerPermuter(key: SipKey, min: bigint, max: bigint): IntegerPermuter {
  const classes = new Map<string, { lo: bigint; p: DomainPermutation }>()
  const classOf = (abs: bigint, negative: boolean) => {
    const d = abs.toString().length
    const id = `${negative ? '-' : '+'}${d}`
    let c = classes.get(id)
    if (!c) {
      // The magnitudes of this sign inside [min, max] (a CHECK may narrow both ends: id BETWEEN 1500 AND 4000).
      const limit = negative ? -min : max
      const floor = negative ? (max < 0n ? -max : 1n) : min > 0n ? min : 1n
      const bottom = POW10[d - 1]!
      const top = POW10[d]! - 1n
      const lo = bottom > floor ? bottom : floor
      const hi = top < limit ? top : limit
      // Class tweak: digit count and sign; a clipped class is its own domain, so say whether it is clipped.
      c = { lo, p: domainPermutation(key, hi - lo + 1n, d * 4 + (negative ? 2 : 0) + (hi === top && lo === bottom ? 0 : 1)) }
      classes.set(id, c)
    }
    return c
  }
  const big = (v: bigint, fwd: boolean): bigint => {
    if (v === 0n) return 0n
    const negative = v < 0n
    const abs = negative ? -v : v
    const c = classOf(abs, negative)
    const x = abs - c.lo
    const y = c.lo + (fwd ? c.p.forwardBig(x) : c.p.inverseBig(x))
    return negative ? -y : y
  }
  const numberClasses = new Map<number, { lo: number; p: DomainPermutation }>()
  return {
    permute(v) {
      if (v === 0) return 0
      const negative = v < 0
      const abs = negative ? -v : v
      if (abs >= 1e15) return Number(big(BigInt(v), true))
      // Digit count via log10 can be off by one at powers of ten: count from the string.
      const d = abs < 10 ? 1 : String(abs).length
      const id = negative ? -d : d
      let c = numberClasses.get(id)
      if (!c) {
        const b = classOf(BigInt(abs), negative)
        c = { lo: Number(b.lo), p: b.p }
        numberClasses.set(id, c)
      }
      const y = c.lo + c.p.forward(abs - c.lo)
      return negative ? -y : y
    },
    permuteBig: (v) => big(v, true),
    unpermuteBig: (v) => big(v, false),
  }
}

/** Character classes a shape permutation moves within. `hex`: 0-9a-f as one class (uuids). */
export type ShapeMode = 'text' | 'hex'

/**
 * A keyed format-preserving permutation of strings: digits stay digits, upper-case letters upper-case,
 * lower-case letters lower-case (`hex`: hex digits stay hex digits); every other character is a fixed
 * separator. For each shape it is a bijection of the strings of that shape (so of all strings).
 * `fixed(i, s)` marks positions left unchanged (a card's check digit, an IBAN's country).
 */
export function shapePermuter(key: SipKey, mode: ShapeMode = 'text'): (s: string, keep?: (i: number) => boolean, inverse?: boolean) => string {
  const cache = new Map<string, ShapeNet>()
  // Scratch arrays reused per call with their own counts: setting `length` is a slow runtime call.
  const codes: number[] = []
  const radix: number[] = []
  const pos: number[] = []
  const outCodes: number[][] = []
  const shapeCodes: number[] = []
  let lastCodes: number[] = []
  let lastN = -1
  let lastShape = ''
  // The last shape's network: reused as it is while the values keep that shape (no cache lookup).
  let lastNet: ShapeNet | undefined
  return (s, keep, inverse = false) => {
    const len = s.length
    let n = 0
    // Whether the shape so far is the last value's: a column's values mostly share one (phones, codes).
    let same = true
    const long = len > 256
    // The output's codes, read in the same pass (a second charCodeAt pass cost as much again): an
    // exact-length scratch per length (fromCharCode.apply takes the whole array).
    const chars = long ? new Array<number>(len) : (outCodes[len] ??= new Array<number>(len).fill(0))
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i)
      chars[i] = c
      let r = 0
      let d = 0
      let code = 0
      if (mode === 'hex') {
        if (c >= 48 && c <= 57) (r = 16), (d = c - 48)
        else if (c >= 97 && c <= 102) (r = 16), (d = c - 87)
        else if (c >= 65 && c <= 70) (r = 16), (d = c - 55)
        else continue
        code = 104
      } else if (c >= 48 && c <= 57) (r = 10), (d = c - 48), (code = 100)
      else if (c >= 97 && c <= 122) (r = 26), (d = c - 97), (code = 108)
      else if (c >= 65 && c <= 90) (r = 26), (d = c - 65), (code = 117)
      else continue
      if (keep && keep(i)) continue
      if (same && (n >= lastN || lastCodes[n] !== code)) same = false
      shapeCodes[n] = code
      radix[n] = r
      codes[n] = d
      pos[n] = i
      n++
    }
    if (n === 0) return s
    // The shape as one flat string (`dllu…`): the cache key; built from codes, not by concatenation.
    if (!same || n !== lastN) {
      const shape = shapeCodes.slice(0, n)
      lastShape = n <= 2048 ? String.fromCharCode.apply(null, shape) : shape.map((x) => String.fromCharCode(x)).join('')
      lastCodes = shape
      lastN = n
      lastNet = undefined
    }
    lastNet = shapeApply(key, cache, lastShape, radix, codes, n, inverse, lastNet)
    for (let j = 0; j < n; j++) {
      const i = pos[j]!
      const c = chars[i]!
      const d = codes[j]!
      const r = radix[j]!
      chars[i] = r === 10 ? 48 + d : r === 16 ? (d < 10 ? 48 + d : (c >= 65 && c <= 70 ? 55 : 87) + d) : (c <= 90 ? 65 : 97) + d
    }
    return long ? chars.map((c) => String.fromCharCode(c)).join('') : String.fromCharCode.apply(null, chars)
  }
}

/** Parts of < 2^32 each (products of radices): a part and a round's addition stay exact doubles, a part fits a hash word. */
function chunksOf(radix: readonly number[]): number[][] {
  const parts: number[][] = []
  let cur: number[] = []
  let prod = 1
  for (let j = 0; j < radix.length; j++) {
    if (prod * radix[j]! >= TWO_32 && cur.length > 0) {
      parts.push(cur)
      cur = []
      prod = 1
    }
    cur.push(j)
    prod *= radix[j]!
  }
  parts.push(cur)
  return parts
}

/** What one shape needs, built once: its parts and their network (or, one part, a domain permutation). */
interface ShapeNet {
  parts: number[][]
  single?: DomainPermutation
  net?: Feistel
  x: number[]
}

/** Permute the first `n` of `digits` (one per varying position, radices `radix`) in place; returns the shape's network (`sn` when given). */
function shapeApply(key: SipKey, cache: Map<string, ShapeNet>, shape: string, radix: number[], digits: number[], n: number, inverse: boolean, given?: ShapeNet): ShapeNet {
  let sn = given ?? cache.get(shape)
  if (!sn) {
    // Free text has a shape per value: keep the cache bounded.
    if (cache.size >= 4096) cache.clear()
    const parts = chunksOf(radix.slice(0, n))
    const sizes = parts.map((idx) => idx.reduce((p, j) => p * radix[j]!, 1))
    sn = parts.length === 1 ? { parts, single: domainPermutation(key, BigInt(sizes[0]!), hashShape(shape)), x: [0] } : { parts, net: feistel(key, sizes, hashShape(shape)), x: parts.map(() => 0) }
    cache.set(shape, sn)
  }
  const { parts, x } = sn
  for (let p = 0; p < parts.length; p++) {
    const idx = parts[p]!
    let v = 0
    for (let q = idx.length - 1; q >= 0; q--) v = v * radix[idx[q]!]! + digits[idx[q]!]!
    x[p] = v
  }
  if (sn.single) x[0] = inverse ? sn.single.inverse(x[0]!) : sn.single.forward(x[0]!)
  else if (inverse) sn.net!.decrypt(x)
  else sn.net!.encrypt(x)
  for (let p = 0; p < parts.length; p++) {
    const idx = parts[p]!
    let v = x[p]!
    for (const j of idx) {
      const r = radix[j]!
      // Not `v % r`: a double's modulo is a C call (~25 ns); a part is below 2^32, where the quotient's floor is exact.
      const q = Math.floor(v / r)
      digits[j] = v - q * r
      v = q
    }
  }
  return sn
}

function hashShape(shape: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < shape.length; i++) h = Math.imul(h ^ shape.charCodeAt(i), 0x01000193)
  return h >>> 0
}
