/**
 * The Arrow column builder of variable-width values (strings as UTF-8 with offsets, byte arrays): see
 * arrow-columns.ts.
 */
import * as arrow from 'apache-arrow'
import type { ArrowColumnBuilder } from './arrow-columns.js'
import type { RawColumn } from './encoded-columns.js'
import { Validity } from './arrow-validity.js'

/** Values a builder makes room for at first. */
export const INITIAL = 1024

/** Strings (encoded to UTF-8 as they arrive, into one buffer with offsets) and byte arrays. */
export class VarBuilder implements ArrowColumnBuilder {
  private n = 0
  private at = 0
  private data = Buffer.allocUnsafe(64 * INITIAL)
  private offsets = new Int32Array(INITIAL + 1)
  private readonly validity = new Validity()
  private readonly text: boolean

  constructor(
    readonly field: arrow.Field,
    private readonly type: arrow.Utf8 | arrow.Binary,
  ) {
    this.text = type instanceof arrow.Utf8
  }

  push(v: unknown): number {
    const i = this.n++
    if (i + 1 >= this.offsets.length) {
      const o = new Int32Array(2 * this.offsets.length)
      o.set(this.offsets)
      this.offsets = o
    }
    const valid = v !== null && v !== undefined
    this.validity.set(i, valid, this.offsets.length - 1)
    let at = this.at
    if (valid) {
      if (this.text) {
        const s = v as string
        const len = s.length
        let data = this.ensure(at + 3 * len)
        // ASCII by hand (most generated text); the rest through the native UTF-8 encoder.
        let k = 0
        for (; k < len; k++) {
          const c = s.charCodeAt(k)
          if (c >= 0x80) break
          data[at + k] = c
        }
        at += k
        if (k < len) {
          data = this.ensure(at + 3 * (len - k))
          at += data.write(k === 0 ? s : s.slice(k), at, 'utf8')
        }
      } else {
        const b = v as Uint8Array
        this.ensure(at + b.length).set(b, at)
        at += b.length
      }
    }
    const bytes = at - this.at + 4
    this.at = at
    this.offsets[i + 1] = at
    return bytes
  }

  private ensure(size: number): Buffer {
    if (size > this.data.length) {
      const d = Buffer.allocUnsafe(Math.max(size, 2 * this.data.length))
      this.data.copy(d, 0, 0, this.at)
      this.data = d
    }
    return this.data
  }

  /**
   * Text: the strings as one text, UTF-8 encoded by one native call; when that is ASCII (as many bytes
   * as UTF-16 units) the offsets follow from the lengths. Anything else goes value by value.
   */
  pushAll(values: readonly unknown[], bytes: Uint32Array): void {
    const n = values.length
    const parts = this.text ? new Array<string>(n) : undefined
    let chars = 0
    for (let r = 0; parts && r < n; r++) {
      const v = values[r]
      const s = v === null || v === undefined ? '' : v
      if (typeof s !== 'string') return this.eachPush(values, bytes)
      parts[r] = s
      chars += s.length
    }
    if (!parts) return this.eachPush(values, bytes)
    const start = this.at
    const written = this.ensure(start + 3 * chars + 1).write(parts.join(''), start, 'utf8')
    if (written !== chars) return this.eachPush(values, bytes)
    let offsets = this.offsets
    if (this.n + n + 1 > offsets.length) {
      let len = offsets.length
      while (this.n + n + 1 > len) len *= 2
      offsets = new Int32Array(len)
      offsets.set(this.offsets)
      this.offsets = offsets
    }
    const cap = offsets.length - 1
    let at = start
    for (let r = 0; r < n; r++) {
      const i = this.n++
      const v = values[r]
      this.validity.set(i, v !== null && v !== undefined, cap)
      const len = (parts[r] as string).length
      at += len
      offsets[i + 1] = at
      bytes[r]! += len + 4
    }
    this.at = at
  }

  private eachPush(values: readonly unknown[], bytes: Uint32Array): void {
    for (let r = 0; r < values.length; r++) bytes[r]! += this.push(values[r])
  }

  drain(): RawColumn {
    const n = this.n
    const data = new Uint8Array(this.data.subarray(0, this.at))
    const offsets = this.offsets.slice(0, n + 1)
    const valid = this.validity.drain(n)
    this.n = 0
    this.at = 0
    return valid ? { data, offsets, valid } : { data, offsets }
  }

  append(raw: RawColumn, from: number, to: number): void {
    const at = this.n
    const count = to - from
    let offsets = this.offsets
    if (at + count + 1 > offsets.length) {
      let len = offsets.length
      while (at + count + 1 > len) len *= 2
      offsets = new Int32Array(len)
      offsets.set(this.offsets)
      this.offsets = offsets
    }
    const src = raw.offsets as Int32Array
    const a = src[from] as number
    const b = src[to] as number
    this.ensure(this.at + (b - a)).set(raw.data.subarray(a, b) as Uint8Array, this.at)
    const shift = this.at - a
    for (let k = from; k < to; k++) offsets[at + k - from + 1] = (src[k + 1] as number) + shift
    this.validity.append(at, raw.valid, from, to, offsets.length - 1)
    this.at += b - a
    this.n = at + count
  }

  take(): arrow.Data {
    const n = this.n
    const { nullBitmap, nullCount } = this.validity.take(n)
    const data = this.data.subarray(0, this.at)
    const valueOffsets = this.offsets.subarray(0, n + 1)
    // The buffers are kept for the next group (see FixedBuilder.take).
    this.n = 0
    this.at = 0
    return arrow.makeData({ type: this.type, length: n, nullCount, valueOffsets, data, ...(nullBitmap ? { nullBitmap } : {}) } as never)
  }
}

const EMPTY = new Uint8Array(0)
