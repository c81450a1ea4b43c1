/**
 * The keyed PRF every masker draws from: SipHash-2-4 (Aumasson & Bernstein) over the UTF-8 bytes of a
 * canonical text of the value, and SipHash-1-3 of one word for the Feistel rounds. Node's HMAC costs
 * 1–2 µs per call; the hot paths run in WebAssembly (sip-wasm.ts, ~30–60 ns for short values), the rest
 * in JavaScript with 32-bit operations on (hi, lo) word pairs (`sipCore`, the same function). Not
 * constant-time (the key is not at risk from timing in a batch job).
 */
import type { Value } from '../model/rows.js'
import { SIP_WASM_BASE64 } from './sip-wasm.js'

/** A SipHash key: four little-endian 32-bit words of a 16-byte key. */
export interface SipKey {
  readonly k0lo: number
  readonly k0hi: number
  readonly k1lo: number
  readonly k1hi: number
}

/** The first 16 bytes of `bytes` as a SipHash key (`bytes` must hold at least 16). */
export function sipKey(bytes: Uint8Array): SipKey {
  const w = (i: number) => (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0
  return { k0lo: w(0), k0hi: w(4), k1lo: w(8), k1hi: w(12) }
}

/**
 * The last hash: OUT[0] high word, OUT[1] low word (unsigned). A typed array, not module variables:
 * storing doubles ≥ 2^30 into module bindings boxes them, which costs an allocation per store.
 */
export const OUT = new Uint32Array(2)

/** Message words of the fast path (see `sipWords`). */
const WORDS = new Uint32Array(6)

/**
 * SipHash-2-4 of `len` bytes of `m` (or, `m` undefined, of the bytes of `w`, read a word at a time:
 * little-endian platforms, as every Node target is) under `k`.
 * One function with every value in locals, the round body written once: V8 keeps it all unboxed.
 */
function sipCore(k: SipKey, m: Uint8Array | undefined, len: number, cr = 2, w: Uint32Array = WORDS): void {
  let a0h = (k.k0hi ^ 0x736f6d65) | 0
  let a0l = (k.k0lo ^ 0x70736575) | 0
  let a1h = (k.k1hi ^ 0x646f7261) | 0
  let a1l = (k.k1lo ^ 0x6e646f6d) | 0
  let a2h = (k.k0hi ^ 0x6c796765) | 0
  let a2l = (k.k0lo ^ 0x6e657261) | 0
  let a3h = (k.k1hi ^ 0x74656462) | 0
  let a3l = (k.k1lo ^ 0x79746573) | 0
  const blocks = (len >>> 3) + 1
  // cr compression rounds per block (2 or 1), then the finalisation rounds (4 or 3).
  const last = cr - 1
  const comp = cr * blocks
  const steps = comp + (cr === 2 ? 4 : 3)
  let mh = 0
  let ml = 0
  let t = 0
  let h = 0
  for (let step = 0; step < steps; step++) {
    if (step < comp && (step & last) === 0) {
      const i = (step >> last) << 3
      if (i + 8 <= len) {
        if (m) {
          ml = (m[i]! | (m[i + 1]! << 8) | (m[i + 2]! << 16) | (m[i + 3]! << 24)) | 0
          mh = (m[i + 4]! | (m[i + 5]! << 8) | (m[i + 6]! << 16) | (m[i + 7]! << 24)) | 0
        } else {
          ml = w[i >>> 2]! | 0
          mh = w[(i >>> 2) + 1]! | 0
        }
      } else {
        // The last block: the remaining bytes and the length in the top byte.
        ml = 0
        mh = (len & 0xff) << 24
        const rest = len & 7
        for (let j = 0; j < rest; j++) {
          const b = m ? m[i + j]! : (w[(i + j) >>> 2]! >>> (8 * ((i + j) & 3))) & 0xff
          if (j < 4) ml |= b << (8 * j)
          else mh |= b << (8 * (j - 4))
        }
      }
      a3h = (a3h ^ mh) | 0
      a3l = (a3l ^ ml) | 0
    }
    // SipRound
    t = (a0l + a1l) | 0
    a0h = (a0h + a1h + ((t >>> 0) < (a0l >>> 0) ? 1 : 0)) | 0
    a0l = t
    h = ((a1h << 13) | (a1l >>> 19)) | 0
    a1l = ((a1l << 13) | (a1h >>> 19)) | 0
    a1h = (h ^ a0h) | 0
    a1l = (a1l ^ a0l) | 0
    t = a0h
    a0h = a0l
    a0l = t
    t = (a2l + a3l) | 0
    a2h = (a2h + a3h + ((t >>> 0) < (a2l >>> 0) ? 1 : 0)) | 0
    a2l = t
    h = ((a3h << 16) | (a3l >>> 16)) | 0
    a3l = ((a3l << 16) | (a3h >>> 16)) | 0
    a3h = (h ^ a2h) | 0
    a3l = (a3l ^ a2l) | 0
    t = (a0l + a3l) | 0
    a0h = (a0h + a3h + ((t >>> 0) < (a0l >>> 0) ? 1 : 0)) | 0
    a0l = t
    h = ((a3h << 21) | (a3l >>> 11)) | 0
    a3l = ((a3l << 21) | (a3h >>> 11)) | 0
    a3h = (h ^ a0h) | 0
    a3l = (a3l ^ a0l) | 0
    t = (a2l + a1l) | 0
    a2h = (a2h + a1h + ((t >>> 0) < (a2l >>> 0) ? 1 : 0)) | 0
    a2l = t
    h = ((a1h << 17) | (a1l >>> 15)) | 0
    a1l = ((a1l << 17) | (a1h >>> 15)) | 0
    a1h = (h ^ a2h) | 0
    a1l = (a1l ^ a2l) | 0
    t = a2h
    a2h = a2l
    a2l = t
    if (step < comp && (step & last) === last) {
      a0h = (a0h ^ mh) | 0
      a0l = (a0l ^ ml) | 0
      if (step === comp - 1) a2l = (a2l ^ 0xff) | 0
    }
  }
  OUT[0] = a0h ^ a1h ^ a2h ^ a3h
  OUT[1] = a0l ^ a1l ^ a2l ^ a3l
}

/**
 * SipHash-1-3 of one 8-byte message (w0 low, w1 high word), the high word of the result returned: the
 * Feistel round function (permutation.ts), where a 2-4 over 16 bytes would cost twice the rounds.
 * Bijectivity of the networks does not depend on the round function; its strength comes from the key.
 */
export function sip13Word(k: SipKey, w0: number, w1: number): number {
  return wasm.sip13w(k.k0lo, k.k0hi, k.k1lo, k.k1hi, w0, w1) >>> 0
}

/** SipHash-2-4 of `len` bytes of `m` under `k`; the 64-bit result is left in OUT (returns the low word). */
export function sip(k: SipKey, m: Uint8Array, len = m.length): number {
  sipCore(k, m, len)
  return OUT[1]!
}

/** SipHash-1-3 of `len` bytes of `m`: the multi-part Feistel round function (see `sip13Word`). Result in OUT; returns the high word. */
export function sip13(k: SipKey, m: Uint8Array, len = m.length): number {
  sipCore(k, m, len, 1)
  return OUT[0]!
}

/** SipHash-2-4 of 16 bytes given as four little-endian 32-bit words: the Feistel round functions' fast path. */
export function sipWords(k: SipKey, w0: number, w1: number, w2: number, w3 = 0): number {
  WORDS[0] = w0
  WORDS[1] = w1
  WORDS[2] = w2
  WORDS[3] = w3
  sipCore(k, undefined, 16)
  return OUT[1]!
}

const TWO_32 = 4294967296
const TWO_53 = 9007199254740992

/** The last hash as a uniform number in [0, 1) (53 bits). */
export function lastUniform(): number {
  return (OUT[0]! * 2097152 + (OUT[1]! >>> 11)) / TWO_53
}

/** The last hash as an index in [0, n), n ≤ 2^53. */
export function lastBelow(n: number): number {
  if (n <= TWO_32) return Math.floor((OUT[0]! / TWO_32) * n)
  return Math.floor(lastUniform() * n)
}

/**
 * The hash of a value runs in WebAssembly (sip-wasm.ts: 64-bit lanes, several times faster than the
 * 32-bit pairs of `sipCore`), over the value's bytes written straight into the module's memory: the
 * scratch buffer is that memory from offset SCRATCH_AT (the key's result lands at 16), less 8 bytes at
 * the end that the module may read past a message.
 */
const SCRATCH_AT = 64
/** The part of the WebAssembly global this file uses (the compiler's libs here do not declare it). */
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: unknown }
}
const WA = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly
const wasm = new WA.Instance(new WA.Module(Buffer.from(SIP_WASM_BASE64, 'base64'))).exports as {
  mem: { buffer: ArrayBuffer; grow(pages: number): number }
  sip24(k0lo: number, k0hi: number, k1lo: number, k1hi: number, ptr: number, len: number): void
  sip24x2(k0lo: number, k0hi: number, k1lo: number, k1hi: number, ptr: number, len: number): void
  sip13w(k0lo: number, k0hi: number, k1lo: number, k1hi: number, w0: number, w1: number): number
  feistel2(k0lo: number, k0hi: number, k1lo: number, k1hi: number, n0: number, n1: number, rounds: number, inverse: number): void
}
let mem32 = new Uint32Array(wasm.mem.buffer)

/**
 * The two-part Feistel network of permutation.ts (`rounds` rounds, round function `sip13Word(k, other
 * part, round)`) over `x` in place, in one WebAssembly call instead of one per round: the same arithmetic,
 * so the same result. Parts and sizes below 2^32.
 */
export function feistel2(k: SipKey, sizes: readonly number[], rounds: number, inverse: boolean, x: number[]): void {
  mem32[8] = x[0]!
  mem32[9] = x[1]!
  wasm.feistel2(k.k0lo, k.k0hi, k.k1lo, k.k1hi, sizes[0]!, sizes[1]!, rounds, inverse ? 1 : 0)
  x[0] = mem32[8]!
  x[1] = mem32[9]!
}
let scratch = new Uint8Array(wasm.mem.buffer, SCRATCH_AT, wasm.mem.buffer.byteLength - SCRATCH_AT - 8)
/** The scratch from byte 4: where `hashValues` writes its first value (after the length prefix). */
let scratch4 = scratch.subarray(4)

/** Make the scratch buffer at least `n` bytes (growing the module's memory keeps what it holds). */
function grow(n: number, _keep: number): void {
  const need = SCRATCH_AT + n + 8
  const have = wasm.mem.buffer.byteLength
  if (need > have) wasm.mem.grow(Math.ceil((need - have) / 65536))
  mem32 = new Uint32Array(wasm.mem.buffer)
  scratch = new Uint8Array(wasm.mem.buffer, SCRATCH_AT, wasm.mem.buffer.byteLength - SCRATCH_AT - 8)
  scratch4 = scratch.subarray(4)
}

/** SipHash-2-4 of the first `len` scratch bytes under `k`, into OUT. */
function sipScratch(k: SipKey, len: number): void {
  wasm.sip24(k.k0lo, k.k0hi, k.k1lo, k.k1hi, SCRATCH_AT, len)
  OUT[0] = mem32[5]!
  OUT[1] = mem32[4]!
}
const encoder = new TextEncoder()

/**
 * From this many characters TextEncoder writes a value faster than the loop (a native call's fixed cost
 * against ~1–2 ns a character; it also flattens a concatenated string once instead of per character).
 */
const NATIVE_FROM = 24

/** Encode `s` as UTF-8 into the scratch buffer (short ASCII inline, the rest through TextEncoder); returns the end offset. */
function encode(s: string, at: number): number {
  const n = s.length
  if (scratch.length < at + n * 3 + 8) grow(Math.max(scratch.length * 2, at + n * 3 + 8), at)
  // The destination holds 3 bytes a character: TextEncoder always writes the whole string.
  if (n >= NATIVE_FROM && (at === 0 || at === 4)) return at + encoder.encodeInto(s, at === 0 ? scratch : scratch4).written!
  const buf = scratch
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x80) return at + encoder.encodeInto(s.slice(i), buf.subarray(at + i)).written! + i
    buf[at + i] = c
  }
  return at + n
}

/** JSON with object keys sorted, so equal documents hash alike whatever their key order. */
export function stableStringify(v: unknown): string {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? v.toString() : (JSON.stringify(v) ?? 'null')
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`
  if (v instanceof Date) return JSON.stringify(v.toISOString())
  const o = v as Record<string, unknown>
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
    .join(',')}}`
}

/**
 * The canonical text of a value: one original hashes alike whatever JS type a driver returned it as
 * (an int8 key as number, bigint or string; a date as Date or ISO text), so a PK and its FKs read by
 * different adapters still mask identically. Numbers and bigints print in decimal, Date as ISO-8601
 * (UTC), booleans `true`/`false`, JSON as stable (key-sorted) JSON. Binary is hashed as raw bytes.
 */
export function canonicalText(v: Value): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString()
  return stableStringify(v)
}

/** Keyed hash of one value (see `canonicalText`); the 64-bit result is in OUT; returns its low word. `tweak` separates uses. */
export function hashValue(k: SipKey, v: Value, tweak = 0): number {
  if (v instanceof Uint8Array) {
    if (scratch.length < v.length + 4) grow(v.length * 2 + 8, 0)
    scratch.set(v, 0)
    tail(v.length, tweak)
    sipScratch(k, v.length + (tweak === 0 ? 0 : 4))
    return OUT[1]!
  }
  const len = encode(typeof v === 'string' ? v : canonicalText(v), 0)
  tail(len, tweak)
  sipScratch(k, len + (tweak === 0 ? 0 : 4))
  return OUT[1]!
}

/**
 * `words` 32-bit words of keyed hashes of one value into `out`: words j and j + 1 (j = 0, 2, …) are
 * `hashValue(k, v, j)`'s high and low word. The value's bytes are written once for every pair.
 */
export function hashValueWords(k: SipKey, v: Value, words: number, out: number[]): void {
  let len: number
  if (v instanceof Uint8Array) {
    if (scratch.length < v.length + 8) grow(v.length * 2 + 8, 0)
    scratch.set(v, 0)
    len = v.length
  } else len = encode(typeof v === 'string' ? v : canonicalText(v), 0)
  let j = 0
  if (words > 2) {
    // The first two pairs (tweaks 0 and 2: base64's 16 characters, a uuid) in one call, their shared
    // blocks compressed once.
    tail(len, 2)
    wasm.sip24x2(k.k0lo, k.k0hi, k.k1lo, k.k1hi, SCRATCH_AT, len)
    out[0] = mem32[5]!
    out[1] = mem32[4]!
    out[2] = mem32[7]!
    out[3] = mem32[6]!
    j = 4
  }
  for (; j < words; j += 2) {
    // The scratch has room for the 4 tweak bytes (encode leaves 8 spare): they are rewritten per pair.
    tail(len, j)
    sipScratch(k, len + (j === 0 ? 0 : 4))
    out[j] = OUT[0]!
    out[j + 1] = OUT[1]!
  }
}

/** Several values in one hash (the originals of a shift's `by` columns, a person group): each length-prefixed, so ('ab','c') ≠ ('a','bc'). */
export function hashValues(k: SipKey, vs: readonly Value[], tweak = 0): number {
  const only = vs.length === 1 ? vs[0] : undefined
  if (typeof only === 'string') return hashText(k, only, tweak)
  let at = 0
  for (const v of vs) {
    const text = v === null ? '\u0000null' : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : canonicalText(v)
    const end = encode(text, at + 4)
    const n = end - at - 4
    scratch[at] = n & 0xff
    scratch[at + 1] = (n >>> 8) & 0xff
    scratch[at + 2] = (n >>> 16) & 0xff
    scratch[at + 3] = (n >>> 24) & 0xff
    at = end
  }
  tail(at, tweak)
  sipScratch(k, at + (tweak === 0 ? 0 : 4))
  return OUT[1]!
}

/** `hashValues(k, [s], tweak)` of one string (the same hash), without the list walk: hashValues takes it for a single string (a row's email anchor). */
export function hashText(k: SipKey, s: string, tweak = 0): number {
  const end = encode(s, 4)
  const n = end - 4
  scratch[0] = n & 0xff
  scratch[1] = (n >>> 8) & 0xff
  scratch[2] = (n >>> 16) & 0xff
  scratch[3] = (n >>> 24) & 0xff
  tail(end, tweak)
  sipScratch(k, end + (tweak === 0 ? 0 : 4))
  return OUT[1]!
}

function tail(len: number, tweak: number): Uint8Array {
  if (tweak !== 0) {
    if (scratch.length < len + 4) grow(len + 16, len)
    scratch[len] = tweak & 0xff
    scratch[len + 1] = (tweak >>> 8) & 0xff
    scratch[len + 2] = (tweak >>> 16) & 0xff
    scratch[len + 3] = (tweak >>> 24) & 0xff
  }
  return scratch
}
