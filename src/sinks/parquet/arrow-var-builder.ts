/**
 * The Arrow column builder of variable-width values (strings as UTF-8 with offsets, byte arrays): see
 * arrow-columns.ts. Strings drawn from a list (pooled typed cells) may arrive as keys into the list,
 * encoded once (`pushKeys`, keyed raw columns): a group whose rows all came so is handed to the encoder
 * as an Arrow dictionary array (no UTF-8 per row, a far smaller IPC stream); arrow-rs writes the same
 * pages and metadata for it as for the strings themselves (it interns each value either way). A group
 * that mixes keyed and plain rows is written plain.
 */
import type * as Arrow from 'apache-arrow'
import { arrow } from './arrow.js'
import type { ArrowColumnBuilder } from './arrow-columns.js'
import type { RawColumn, Utf8List } from './encoded-columns.js'
import { sameList, utf8List } from './utf8-list.js'
import { Validity } from './arrow-validity.js'

/** Values a builder makes room for at first. */
export const INITIAL = 1024

let nextDictionaryId = 0

/** Strings (encoded to UTF-8 as they arrive, into one buffer with offsets) and byte arrays. */
export class VarBuilder implements ArrowColumnBuilder {
  private n = 0
  private at = 0
  private data = Buffer.allocUnsafe(64 * INITIAL)
  private offsets = new Int32Array(INITIAL + 1)
  private readonly validity = new Validity()
  private readonly text: boolean
  /** The rows since the last take/drain are keys into `list` (`keys`), none pushed as a value. */
  private keyed = false
  private keys = new Int32Array(0)
  private list: Utf8List | undefined
  /** The list a keyed raw column carried last (`append`), and the one last drained with (`drain`). */
  private received: Utf8List | undefined
  private sent: Utf8List | undefined
  private readonly dictionaryId = nextDictionaryId++

  constructor(
    readonly field: Arrow.Field,
    private readonly type: Arrow.Utf8 | Arrow.Binary,
  ) {
    this.text = type instanceof arrow.Utf8
  }

  push(v: unknown): number {
    if (this.keyed) this.unkey()
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
      // Bytes in a string column: a keyed row's UTF-8 (appendKeyed).
      if (typeof v === 'string') {
        const s = v
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
    if (this.keyed) this.unkey()
    const n = values.length
    const parts = this.text ? new Array<string>(n) : undefined
    const chars = parts ? textParts(values, parts) : -1
    if (!parts || chars < 0) return this.eachPush(values, bytes)
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

  /**
   * `count` strings of `values` by key (`key(r)`: the index of row r's string, null for NULL), adding what
   * `push` would to `bytes[r]` (UTF-8 bytes + 4). Kept as keys unless the rows before were pushed otherwise.
   */
  pushKeys(values: readonly string[], count: number, key: (r: number) => number | null, bytes: Uint32Array): void {
    const list = utf8List(values)
    if (this.n > 0 && !(this.keyed && this.list === list)) {
      for (let r = 0; r < count; r++) {
        const k = key(r)
        bytes[r]! += this.push(k === null ? null : values[k])
      }
      return
    }
    this.keyed = true
    this.list = list
    const start = this.n
    const keys = this.reserveKeys(start + count)
    const cap = keys.length
    const offsets = list.offsets
    const validity = this.validity
    for (let r = 0; r < count; r++) {
      const k = key(r)
      const i = start + r
      if (k === null) {
        validity.set(i, false, cap)
        keys[i] = 0
        bytes[r]! += 4
      } else {
        validity.set(i, true, cap)
        keys[i] = k
        bytes[r]! += (offsets[k + 1] as number) - (offsets[k] as number) + 4
      }
    }
    this.n = start + count
  }

  private reserveKeys(count: number): Int32Array {
    if (this.keys.length < count) {
      const k = new Int32Array(Math.max(INITIAL, 2 * count))
      k.set(this.keys)
      this.keys = k
    }
    return this.keys
  }

  /** The keyed rows so far written out as their strings (a plain row follows them). */
  private unkey(): void {
    this.keyed = false
    const n = this.n
    if (n === 0) return
    const { data: src, offsets: at } = this.list as Utf8List
    const keys = this.keys
    const bits = this.validity.bits
    const valid = (i: number) => !bits || (bits[i >> 3]! & (1 << (i & 7))) !== 0
    let total = 0
    for (let i = 0; i < n; i++) if (valid(i)) total += (at[keys[i]! + 1] as number) - (at[keys[i]!] as number)
    this.at = 0
    const data = this.ensure(total)
    if (n + 1 > this.offsets.length) {
      const o = new Int32Array(Math.max(2 * this.offsets.length, n + 1))
      this.offsets = o
    }
    const offsets = this.offsets
    let end = 0
    for (let i = 0; i < n; i++) {
      if (valid(i)) {
        const a = at[keys[i]!] as number
        const b = at[keys[i]! + 1] as number
        data.set(src.subarray(a, b), end)
        end += b - a
      }
      offsets[i + 1] = end
    }
    this.at = end
  }

  drain(discard = false): RawColumn {
    if (this.keyed) {
      this.keyed = false
      const n = this.n
      const data = this.keys.subarray(0, n)
      const valid = this.validity.drain(n)
      this.n = 0
      const list = this.list as Utf8List
      // The dictionary goes with the first batch that keeps it (a discarded one is generated again plain).
      const dictionary = !discard && this.sent !== list ? list : undefined
      if (!discard) this.sent = list
      return { data, keyed: true, ...(valid ? { valid } : {}), ...(dictionary ? { dictionary } : {}) }
    }
    const n = this.n
    // Views (see ArrowColumnBuilder.drain): the next value overwrites them.
    const data = new Uint8Array(this.data.buffer, this.data.byteOffset, this.at)
    const offsets = this.offsets.subarray(0, n + 1)
    const valid = this.validity.drain(n)
    this.n = 0
    this.at = 0
    return valid ? { data, offsets, valid } : { data, offsets }
  }

  append(raw: RawColumn, from: number, to: number): void {
    if (raw.keyed) return this.appendKeyed(raw, from, to)
    if (this.keyed) this.unkey()
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

  /** `append` of a keyed raw column: kept as keys when the group holds only keys of the same list. */
  private appendKeyed(raw: RawColumn, from: number, to: number): void {
    // Each generation worker sends the same list once: keep the first copy, so later batches compare by identity.
    if (raw.dictionary && !(this.received && sameList(this.received, raw.dictionary))) this.received = raw.dictionary
    const list = this.received
    if (!list) throw new Error('a keyed Parquet column arrived without its dictionary')
    const src = raw.data as Int32Array
    const start = this.n
    const count = to - from
    if (start === 0 || (this.keyed && sameList(this.list as Utf8List, list))) {
      this.keyed = true
      if (start === 0) this.list = list
      const keys = this.reserveKeys(start + count)
      keys.set(src.subarray(from, to), start)
      this.validity.append(start, raw.valid, from, to, keys.length)
      this.n = start + count
      return
    }
    // Plain rows (or another list) came first in this group: the strings themselves.
    if (this.keyed) this.unkey()
    const { data, offsets } = list
    for (let r = from; r < to; r++) {
      const isNull = raw.valid !== undefined && (raw.valid[r >> 3]! & (1 << (r & 7))) === 0
      const k = src[r] as number
      this.push(isNull ? null : data.subarray(offsets[k] as number, offsets[k + 1] as number))
    }
  }

  take(): Arrow.Data {
    if (this.keyed) {
      this.keyed = false
      const n = this.n
      const { nullBitmap, nullCount } = this.validity.take(n)
      const list = this.list as Utf8List
      const dictionary = arrow.makeVector(arrow.makeData({ type: new arrow.Utf8(), length: list.offsets.length - 1, nullCount: 0, valueOffsets: list.offsets, data: list.data }))
      this.n = 0
      // The keys are kept for the next group, as the other buffers are (see FixedBuilder.take).
      const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32(), this.dictionaryId)
      return arrow.makeData({ type, length: n, nullCount, data: this.keys.subarray(0, n), dictionary, ...(nullBitmap ? { nullBitmap } : {}) } as never)
    }
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

/**
 * `values` as strings into `parts` (null and undefined as ''), returning their total length in UTF-16
 * units, or -1 at the first value that is not a string. A function of its own, not a loop of `pushAll`
 * (docs/architecture.md, "A hot row loop is a function of its own").
 */
function textParts(values: readonly unknown[], parts: string[]): number {
  let chars = 0
  for (let r = 0; r < values.length; r++) {
    const v = values[r]
    const s = v === null || v === undefined ? '' : v
    if (typeof s !== 'string') return -1
    parts[r] = s
    chars += s.length
  }
  return chars
}
