/**
 * `hash`: a keyed hash of the original (SipHash-2-4 under the masker's subkey; a PRF, so without the key
 * the output says nothing about the original) as hex or base64, `length` characters (default 16: 64
 * bits), cut to the column length. A uuid column gets the hash as a uuid, a binary column its bytes.
 * One original hashes alike in every column with the same encoding and length (PK/FK, equal values in
 * two tables). Distinct originals collide with probability ~n²/2^(bits+1) (64 bits: none expected
 * below ~10^8 values); a column needing a guarantee uses `permute` or `scramble`.
 */
import type { MaskSpec } from '../../model/mask.js'
import { hashValue, hashValueWords, OUT } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { fitOf, unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'

const B64C = Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', (c) => c.charCodeAt(0))

const HC = Array.from('0123456789abcdef', (c) => c.charCodeAt(0))

/**
 * 16 hex digits of two words as one flat string (one allocation; concatenating pieces makes a rope of
 * several, which costs more to keep while a batch waits to be written).
 */
function hex64(a: number, b: number): string {
  return String.fromCharCode(
    HC[a >>> 28]!, HC[(a >>> 24) & 15]!, HC[(a >>> 20) & 15]!, HC[(a >>> 16) & 15]!, HC[(a >>> 12) & 15]!, HC[(a >>> 8) & 15]!, HC[(a >>> 4) & 15]!, HC[a & 15]!,
    HC[b >>> 28]!, HC[(b >>> 24) & 15]!, HC[(b >>> 20) & 15]!, HC[(b >>> 16) & 15]!, HC[(b >>> 12) & 15]!, HC[(b >>> 8) & 15]!, HC[(b >>> 4) & 15]!, HC[b & 15]!,
  )
}

/** 16 base64 characters of the 96 bits of three words as one flat string (see hex64): the default length. */
function b64x16(a: number, b: number, c: number): string {
  return String.fromCharCode(
    B64C[a >>> 26]!, B64C[(a >>> 20) & 63]!, B64C[(a >>> 14) & 63]!, B64C[(a >>> 8) & 63]!, B64C[(a >>> 2) & 63]!, B64C[((a & 3) << 4) | (b >>> 28)]!,
    B64C[(b >>> 22) & 63]!, B64C[(b >>> 16) & 63]!, B64C[(b >>> 10) & 63]!, B64C[(b >>> 4) & 63]!, B64C[((b & 15) << 2) | (c >>> 30)]!,
    B64C[(c >>> 24) & 63]!, B64C[(c >>> 18) & 63]!, B64C[(c >>> 12) & 63]!, B64C[(c >>> 6) & 63]!, B64C[c & 63]!,
  )
}

export function hashMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'hash' }> }): ColumnMasker {
  const fit = fitOf(ctx.table, ctx.column)
  const { encoding } = ctx.spec
  const kind = ctx.column.type.kind
  const k = subkey(ctx.key, `hash:${encoding}`)
  const w: number[] = []
  if (kind === 'uuid') {
    return {
      reads: [],
      bind: () => (v) => {
        if (v === null) return null
        hashValueWords(k, v, 4, w)
        const h = hex64(w[0]!, w[1]!) + hex64(w[2]!, w[3]!)
        // Version 4 / variant 1 nibbles, so the value reads as a random uuid everywhere.
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[w[2]! >>> 30]}${h.slice(17, 20)}-${h.slice(20, 32)}`
      },
    }
  }
  if (kind === 'binary') {
    const t = ctx.column.type as { maxLength?: number }
    const n = Math.min(ctx.spec.length ?? 16, t.maxLength ?? Infinity)
    return {
      reads: [],
      bind: () => (v) => {
        if (v === null) return null
        hashValueWords(k, v, Math.ceil(n / 4), w)
        const out = new Uint8Array(n)
        for (let i = 0; i < n; i++) out[i] = (w[i >>> 2]! >>> (24 - 8 * (i & 3))) & 255
        return out
      },
    }
  }
  if (!fit.text || fit.labels) throw unsatisfiable(ctx, `writes ${encoding} text and the column is ${kind}`)
  const length = Math.min(ctx.spec.length ?? 16, fit.maxLength ?? Infinity)
  if (length < Math.max(1, fit.minLength)) throw unsatisfiable(ctx, `cannot write ${fit.minLength} characters in ${length}`)
  // Whole 32-bit words per value: hex takes 8 characters a word, base64 6 bits a character.
  const words = encoding === 'hex' ? Math.ceil(length / 8) : Math.ceil((length * 6) / 32)
  const even = words + (words & 1)
  if (encoding === 'hex') {
    if (length === 16)
      return {
        reads: [],
        bind: () => (v) => (v === null ? null : (hashValue(k, v), hex64(OUT[0]!, OUT[1]!))),
      }
    return {
      reads: [],
      bind: () => (v) => {
        if (v === null) return null
        hashValueWords(k, v, even, w)
        let s = ''
        for (let j = 0; j < words; j += 2) s += hex64(w[j]!, w[j + 1]!)
        return s.length === length ? s : s.slice(0, length)
      },
    }
  }
  if (length === 16)
    return {
      reads: [],
      bind: () => (v) => (v === null ? null : (hashValueWords(k, v, 4, w), b64x16(w[0]!, w[1]!, w[2]!))),
    }
  const codes = new Array<number>(length)
  return {
    reads: [],
    bind: () => (v) => {
      if (v === null) return null
      hashValueWords(k, v, even, w)
      for (let c = 0; c < length; c++) {
        const bit = c * 6
        const word = bit >>> 5
        const off = bit & 31
        const six = off <= 26 ? (w[word]! >>> (26 - off)) & 63 : ((w[word]! << (off - 26)) | (w[word + 1]! >>> (58 - off))) & 63
        codes[c] = B64C[six]!
      }
      // One flat string (see hex64).
      return String.fromCharCode.apply(null, codes)
    },
  }
}
