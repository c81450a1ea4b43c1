/**
 * Column buffers of one row group as Arrow arrays, for parquet-wasm (`wasm-file.ts`): each flat column's
 * converted values (what `column-schema.ts` produces: numbers, bigints, booleans, strings, byte arrays)
 * go straight into a typed array (strings into one UTF-8 buffer with offsets), never one object per
 * value. The Arrow type is chosen so that arrow-rs writes the physical type tdg declares (INT_8/16 on
 * Int8/Int16, DECIMAL on Decimal128 — INT32, INT64 or FIXED_LEN_BYTE_ARRAY by precision as tdg does —,
 * DATE on DateDay, TIME/TIMESTAMP on their microsecond types, UUID on FixedSizeBinary(16), JSON and
 * strings on Utf8); `spliced-footer.ts` checks it and writes tdg's logical types. A column arrow-rs
 * cannot hold that way (LIST, DECIMAL over 38 digits) has no builder: its table keeps hyparquet-writer.
 */
import type * as Arrow from 'apache-arrow'
import { arrow } from './arrow.js'
import type { SchemaElement } from 'hyparquet-writer'
import type { RawColumn } from './encoded-columns.js'
import { Validity } from './arrow-validity.js'
import { Unrepresentable } from './column-schema.js'
import { canonicalUuidInto } from './exact-values.js'
import { INITIAL, VarBuilder } from './arrow-var-builder.js'

/** One column's values of the row group being filled. */
export interface ArrowColumnBuilder {
  readonly field: Arrow.Field
  /** Append a converted value (null for NULL); returns about how many bytes it holds. */
  push(v: unknown): number
  /** `push` of each value in order, adding what each returns to `bytes` at its index. */
  pushAll(values: readonly unknown[], bytes: Uint32Array): void
  /**
   * The Arrow data of the `n` values pushed since the last `take`, and a fresh start. The data views the
   * builder's own buffers, which the next values overwrite: serialise it (IPC) before pushing again.
   */
  take(): Arrow.Data
  /**
   * The values pushed since the last `take`/`drain` as raw buffers, and a fresh start; what `append`
   * takes. The buffers are views of the builder's own, valid until the next value is pushed: copy them
   * to move them to another thread, or append them elsewhere first. `discard`: the batch is dropped (declined).
   */
  drain(discard?: boolean): RawColumn
  /** Append values [from, to) of a drained column, as if each had been pushed here. */
  append(raw: RawColumn, from: number, to: number): void
  /**
   * True: whether the column gets a dictionary is decided by how often its values repeat in the group
   * (`dictionary-choice.ts`, on the encoder thread); absent: left to the encoder (var-width values).
   */
  readonly repeatChoice?: boolean
  /**
   * Fixed-size binary columns (uuids): `count` values written in place by `fill(r, out, offset)` (false:
   * NULL, nothing written), each adding what `push` would to `bytes[r]`.
   */
  pushFilled?(count: number, fill: (r: number, out: Uint8Array, offset: number) => boolean, bytes: Uint32Array): void
  /**
   * String columns: `count` strings of `values` by key (`key(r)`: the index, null for NULL), each adding
   * what `push` would to `bytes[r]`; `drain` then hands over keys and, the first time, the list.
   */
  pushKeys?(values: readonly string[], count: number, key: (r: number) => number | null, bytes: Uint32Array): void
}

/** The builder of a flat column (`element` from column-schema.ts), or undefined when it has none. */
export function arrowColumnBuilder(element: SchemaElement, nullable: boolean): ArrowColumnBuilder | undefined {
  const type = arrowType(element)
  if (!type) return undefined
  const field = new arrow.Field(element.name, type, nullable)
  if (element.type === 'BYTE_ARRAY') return new VarBuilder(field, type as Arrow.Utf8 | Arrow.Binary)
  return new FixedBuilder(field, type)
}

function arrowType(e: SchemaElement): Arrow.DataType | undefined {
  const lt = e.logical_type
  if (e.converted_type === 'DECIMAL') return (e.precision ?? 0) <= 38 ? new arrow.Decimal(e.scale ?? 0, e.precision ?? 0, 128) : undefined
  switch (e.type) {
    case 'BOOLEAN':
      return new arrow.Bool()
    case 'INT32':
      if (lt?.type === 'DATE') return new arrow.DateDay()
      return e.converted_type === 'INT_8' ? new arrow.Int8() : e.converted_type === 'INT_16' ? new arrow.Int16() : new arrow.Int32()
    case 'INT64':
      if (lt?.type === 'TIME') return new arrow.TimeMicrosecond()
      if (lt?.type === 'TIMESTAMP') return new arrow.TimestampMicrosecond(lt.isAdjustedToUTC ? 'UTC' : null)
      return new arrow.Int64()
    case 'FLOAT':
      return new arrow.Float32()
    case 'DOUBLE':
      return new arrow.Float64()
    case 'BYTE_ARRAY':
      return e.converted_type === 'UTF8' || lt?.type === 'STRING' || lt?.type === 'JSON' ? new arrow.Utf8() : new arrow.Binary()
    case 'FIXED_LEN_BYTE_ARRAY':
      return e.type_length === 16 && lt?.type === 'UUID' ? new arrow.FixedSizeBinary(16) : undefined
    default:
      return undefined
  }
}

type Store = Int8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | Uint8Array

/** Fixed-width values: numbers, bigints, decimals (two 64-bit words), booleans, 16-byte uuids. */
class FixedBuilder implements ArrowColumnBuilder {
  private n = 0
  private store!: Store
  /** The store's 32-bit words (64-bit and decimal stores), for numbers written without a BigInt. */
  private words: Int32Array = new Int32Array(0)
  private readonly validity = new Validity()
  private readonly width: number
  private readonly make: (cap: number) => Store
  private readonly put: (s: Store, i: number, v: unknown) => void
  /** Elements of the store the last `take` handed out: cleared before the next value is stored. */
  private dirty = 0
  /** Values are numbers stored as they are (int/float/date stores, not 64-bit, decimal, uuid or bool). */
  private readonly plain: boolean = false
  readonly repeatChoice = true

  constructor(
    readonly field: Arrow.Field,
    private readonly type: Arrow.DataType,
  ) {
    const t = type
    if (t instanceof arrow.Decimal) {
      this.width = 2
      this.make = (c) => new BigInt64Array(c * 2)
      this.put = (s, i, v) => {
        if (typeof v === 'number') {
          const w = this.words
          putNumber(w, 4 * i, v)
          w[4 * i + 2] = w[4 * i + 3] = v < 0 ? -1 : 0
          return
        }
        const b = v as bigint
        ;(s as BigInt64Array)[2 * i] = BigInt.asIntN(64, b)
        ;(s as BigInt64Array)[2 * i + 1] = b >> 64n
      }
    } else if (t instanceof arrow.FixedSizeBinary) {
      this.width = 16
      this.make = (c) => new Uint8Array(c * 16)
      // A uuid's 16 bytes, or its canonical text parsed in place (the worker encoder's form: no array per value).
      this.put = (s, i, v) => {
        if (typeof v !== 'string') (s as Uint8Array).set(v as Uint8Array, 16 * i)
        else if (!canonicalUuidInto(v, s as Uint8Array, 16 * i)) throw new Unrepresentable('a value that is not a uuid')
      }
    } else if (t instanceof arrow.Bool) {
      this.width = 1
      this.make = (c) => new Uint8Array(c)
      this.put = (s, i, v) => ((s as Uint8Array)[i] = v ? 1 : 0)
    } else {
      this.width = 1
      const Ctor = (t as Arrow.Int | Arrow.Float | Arrow.DateDay | Arrow.TimeMicrosecond | Arrow.TimestampMicrosecond).ArrayType as unknown as new (n: number) => Store
      this.make = (c) => new Ctor(c)
      this.plain = Ctor !== (BigInt64Array as unknown)
      this.put = this.plain
        ? (s, i, v) => ((s as Float64Array)[i] = v as number)
        : (s, i, v) => (typeof v === 'number' ? putNumber(this.words, 2 * i, v) : ((s as BigInt64Array)[i] = v as bigint))
    }
    this.setStore(this.make(INITIAL))
  }

  private setStore(s: Store): void {
    this.store = s
    if (s instanceof BigInt64Array) this.words = new Int32Array(s.buffer)
  }

  push(v: unknown): number {
    const i = this.n++
    if (this.dirty > 0) this.clear()
    if (i * this.width >= this.store.length) {
      const s = this.make(Math.max(INITIAL, 2 * i))
      s.set(this.store as never)
      this.setStore(s)
    }
    const valid = v !== null && v !== undefined
    this.validity.set(i, valid, this.store.length / this.width)
    if (valid) this.put(this.store, i, v)
    return 8
  }

  /** `push` of each value, with the store grown once and plain numbers stored without the `put` call. */
  pushAll(values: readonly unknown[], bytes: Uint32Array): void {
    const count = values.length
    const start = this.n
    if (this.dirty > 0) this.clear()
    this.reserve(start + count)
    const s = this.store
    const cap = s.length / this.width
    const validity = this.validity
    const plain = this.plain
    const put = this.put
    for (let r = 0; r < count; r++) {
      const v = values[r]
      const i = start + r
      bytes[r]! += 8
      if (v === null || v === undefined) {
        validity.set(i, false, cap)
        continue
      }
      validity.set(i, true, cap)
      if (plain) (s as Float64Array)[i] = v as number
      else put(s, i, v)
    }
    this.n = start + count
  }

  pushFilled(count: number, fill: (r: number, out: Uint8Array, offset: number) => boolean, bytes: Uint32Array): void {
    if (!(this.type instanceof arrow.FixedSizeBinary)) throw new Error('pushFilled: not a fixed-size binary column')
    const start = this.n
    if (this.dirty > 0) this.clear()
    this.reserve(start + count)
    const s = this.store as Uint8Array
    const cap = s.length / this.width
    const w = this.width
    for (let r = 0; r < count; r++) {
      const i = start + r
      bytes[r]! += 8
      this.validity.set(i, fill(r, s, i * w), cap)
    }
    this.n = start + count
  }

  private clear(): void {
    const st = this.store
    new Uint8Array(st.buffer, st.byteOffset, this.dirty * st.BYTES_PER_ELEMENT).fill(0)
    this.dirty = 0
  }

  /** Grow the store to hold `count` values. */
  private reserve(count: number): void {
    if (count * this.width <= this.store.length) return
    const s = this.make(Math.max(INITIAL, 2 * count))
    s.set(this.store as never)
    this.setStore(s)
  }

  drain(): RawColumn {
    const n = this.n
    const end = n * this.width
    if (this.dirty > 0) this.clear()
    const data = this.store.subarray(0, end)
    // A view, as `take` hands out: the next value first clears it (a NULL's slot reads 0, as in a fresh store).
    this.dirty = end
    const valid = this.validity.drain(n)
    this.n = 0
    return valid ? { data, valid } : { data }
  }

  append(raw: RawColumn, from: number, to: number): void {
    const at = this.n
    const count = to - from
    if (this.dirty > 0) this.clear()
    if ((at + count) * this.width > this.store.length) {
      const s = this.make(Math.max(INITIAL, 2 * (at + count)))
      s.set(this.store as never)
      this.setStore(s)
    }
    this.store.set(raw.data.subarray(from * this.width, to * this.width) as never, at * this.width)
    this.validity.append(at, raw.valid, from, to, this.store.length / this.width)
    this.n = at + count
  }


  take(): Arrow.Data {
    const n = this.n
    const { nullBitmap, nullCount } = this.validity.take(n)
    let data: Store = this.store.subarray(0, n * this.width)
    if (this.type instanceof arrow.Bool) data = packBits(data as Uint8Array)
    else if (this.type instanceof arrow.Decimal) data = new Uint32Array(data.buffer, data.byteOffset, n * 4) as unknown as Store
    this.n = 0
    // The store is kept for the next group (no group-sized allocation each time); the caller serialises
    // `data` before the next value arrives, which first clears what it held (a NULL's slot reads 0, as in a fresh store).
    this.dirty = n * this.width
    return arrow.makeData({ type: this.type, length: n, nullCount, data, ...(nullBitmap ? { nullBitmap } : {}) } as never)
  }
}

/** A safe integer as a little-endian two's-complement 64-bit value at words `at`, `at + 1`. */
function putNumber(w: Int32Array, at: number, v: number): void {
  const hi = Math.floor(v / 4294967296)
  w[at] = (v - hi * 4294967296) | 0
  w[at + 1] = hi
}

/** One bit per byte of `bytes` (each 0 or 1, as the boolean store holds them), eight at a time without a branch. */
function packBits(bytes: Uint8Array): Uint8Array {
  const n = bytes.length
  const out = new Uint8Array(Math.ceil(n / 8))
  const full = n >> 3
  for (let j = 0; j < full; j++) {
    const i = j << 3
    out[j] =
      bytes[i]! | (bytes[i + 1]! << 1) | (bytes[i + 2]! << 2) | (bytes[i + 3]! << 3) | (bytes[i + 4]! << 4) | (bytes[i + 5]! << 5) | (bytes[i + 6]! << 6) | (bytes[i + 7]! << 7)
  }
  for (let i = full << 3; i < n; i++) out[i >> 3]! |= bytes[i]! << (i & 7)
  return out
}
