/**
 * Masking of rows kept in a bulk text format (a copy between two databases that share it): only the
 * columns the masker reads are decoded, into the Values `scan` would have given; the masked columns are
 * encoded back and spliced in; every other field is copied as bytes. The same maskers, so the same
 * output as masking decoded rows.
 */
import type { BulkTextCodec, TextScanBatch } from '../adapter/adapter.js'
import type { Value } from '../model/rows.js'
import type { MaskCarry, TableMasker } from './masker.js'
import { TdgError } from '../errors.js'
import { sharedBytes } from '../adapter/sole-buffer.js'
import { isAscii } from 'node:buffer'

/** Column positions of a batch layout: which to decode, which to replace. */
interface Layout {
  key: string
  width: number
  /** Positions decoded (what the masker reads). */
  reads: number[]
  /** Positions replaced, ascending. */
  masked: number[]
  /** Positions written NULL (a masked column among them too). */
  nulled: Set<number>
}

/**
 * A stage's replacements, not spliced yet: the next stage (of a chain of worker threads, over the same
 * bytes) splices them with its own, so the batch is copied once, and reuses the split. All in
 * SharedArrayBuffers (handed between threads without a copy).
 */
export interface PendingSplice {
  /** Entries a row in `bounds`: the starts of fields 0..stride-2, then the offset past field stride-2's end. */
  stride: number
  bounds: Int32Array
  /** Where the batch's last row ends. */
  end: number
  /** The fields replaced, ascending. */
  fields: number[]
  /** Their encoded texts: row r's field j in `values[offsets[r * fields.length + j], offsets[r * fields.length + j + 1])`. */
  values: Uint8Array
  offsets: Int32Array
}

/**
 * How a stage's replacements travel (like MaskCarry): `given` an earlier stage's, to splice with this
 * one's; `defer`: hand them on instead of splicing (the batch is returned as it came), in `made`.
 */
export interface TextSplice {
  given?: PendingSplice
  defer?: boolean
  made?: PendingSplice
  /**
   * The batch's ArrayBuffer is the stage's alone (a worker thread's request): the spliced bytes are
   * written over it when they fit, instead of into a fresh buffer (whose first writes fault its pages
   * in: ~2 ms a MB, --cpu-prof).
   */
  overwrite?: boolean
}

/**
 * A transform of text batches through `masker`, for one table's stream (the layout is bound once per
 * column list). `nulled`: columns written NULL whatever they hold (the fixup columns of a cut cycle).
 * `carry` (a stage of several, see MaskCarry): an earlier stage's work on the batch, and where this one
 * leaves its own. `splice` (the same for its bytes, see TextSplice): every stage but the last defers.
 */
export function textBatchMasker(masker: TableMasker | undefined, nulled: ReadonlySet<string> = new Set()): (b: TextScanBatch, carry?: MaskCarry, splice?: TextSplice) => TextScanBatch {
  let layout: Layout | undefined
  // Where a batch is spliced, reused: its room is a worst case (3 bytes a UTF-16 unit), and only the bytes
  // written go into the batch's own buffer.
  let scratch = Buffer.alloc(0)
  const room = (n: number) => (scratch.length >= n ? scratch : (scratch = Buffer.allocUnsafeSlow(Math.max(n, scratch.length * 2))))
  return (b, carry, splice) => {
    if (!layout || layout.key !== b.columns.join('\u0001')) layout = bind(b.columns, masker, nulled)
    if (layout.masked.length === 0 && !splice?.given) return b
    if (layout.masked.length === 0 && splice?.defer) {
      splice.made = splice.given
      return b
    }
    return maskBatch(b, layout, masker, carry, room, splice)
  }
}

function bind(columns: string[], masker: TableMasker | undefined, nulled: ReadonlySet<string>): Layout {
  const at = (c: string) => {
    const i = columns.indexOf(c)
    if (i < 0) throw new TdgError('TDG_INTERNAL', `masking reads column '${c}', which the batch does not carry`, { column: c })
    return i
  }
  const carried = (c: string) => columns.includes(c)
  const maskedCols = (masker?.masked ?? []).filter(carried)
  const reads = maskedCols.length > 0 ? (masker?.reads ?? []).map(at) : []
  const nulledAt = new Set([...nulled].filter(carried).map(at))
  const masked = [...new Set([...maskedCols.map(at), ...nulledAt])].sort((a, b) => a - b)
  return { key: columns.join('\u0001'), width: columns.length, reads, masked, nulled: nulledAt }
}

function maskBatch(b: TextScanBatch, layout: Layout, masker: TableMasker | undefined, carry: MaskCarry | undefined, room: (n: number) => Buffer, splice: TextSplice | undefined): TextScanBatch {
  const { codec } = b
  const bytes = b.bytes
  const n = b.rows
  const w = layout.width
  const given = splice?.given
  // An earlier stage's replacements, spliced here unless this stage writes the field itself.
  const theirs = given ? given.fields.filter((f) => !layout.masked.includes(f)) : []
  // Every field replaced here (or handed on), ascending; per field its source: >= 0 an own masked column's
  // index into `out`, -1 written NULL, -2 the earlier stage's bytes.
  const fields = [...layout.masked, ...theirs].sort((x, y) => x - y)
  if (fields.length === 0) {
    if (splice?.defer) splice.made = given
    return b
  }
  // Fields are split only up to the last one decoded or replaced; the rest of a row is found by its terminator.
  const last = Math.max(fields[fields.length - 1]!, ...layout.reads)
  // Per row: the starts of fields 0..last, the offset just past the separator (or terminator) that ends
  // field `last` (k entries a row); the batch's end. An earlier stage's split of the same bytes is reused.
  let k: number
  let bounds: Int32Array
  let end: number
  if (given && given.stride - 2 >= last) {
    ;({ stride: k, bounds, end } = given)
  } else {
    k = last + 2
    bounds = new Int32Array(n * k)
    const ends = new Int32Array(n)
    splitRows(bytes, codec, n, w, last, bounds, ends)
    end = n > 0 ? ends[n - 1]! : 0
  }
  // The masker sees a narrow batch: only the columns it reads, decoded.
  const reads = layout.reads
  let out: Value[][] | undefined
  let outColumns: string[] = []
  if (masker && reads.length > 0 && layout.masked.length > 0) {
    const rows = decodeRows(b, reads, bounds, k)
    const masked = masker.maskColumns({ columns: reads.map((f) => b.columns[f]!), rows }, carry)
    out = masked.values
    outColumns = masked.columns
  }
  // Each field's replacements: an own masked column's values, null (written NULL), or undefined (the earlier stage's).
  const sources = fields.map((f): Value[] | null | undefined => {
    if (theirs.includes(f)) return undefined
    const i = out && !layout.nulled.has(f) ? outColumns.indexOf(b.columns[f]!) : -1
    return i >= 0 ? out![i]! : null
  })
  // Where an earlier stage's field j is, in its fields.
  const gAt = fields.map((f) => (given ? given.fields.indexOf(f) : -1))
  // Room for the replacements: a string field takes at most 3 bytes per UTF-16 unit, escapes included
  // (see BulkTextCodec.encodeInto); other values are encoded to text first.
  const { extra, texts } = measure(codec, sources, n)
  const deferred = splice?.defer === true
  // Deferred, only the replacements are written (the next stage splices them); else the whole batch.
  const buf = room((deferred ? 0 : bytes.length) + extra * 3 + (given ? given.values.length : 0))
  // Deferred: where replacement j of row r starts in `buf` (r * m + j), and where the last one ends.
  const offsets = deferred ? new Int32Array(new SharedArrayBuffer((n * fields.length + 1) * 4)) : undefined
  const o = spliceRows(bytes, codec, n, k, bounds, end, fields, sources, texts, given, gAt, buf, offsets)
  if (offsets) {
    const values = sharedBytes(o)
    buf.copy(values, 0, 0, o)
    splice!.made = { stride: k, bounds: sharedInts(bounds), end, fields, values, offsets }
    return b
  }
  if (splice?.overwrite && o <= bytes.buffer.byteLength - bytes.byteOffset) {
    const over = Buffer.from(bytes.buffer, bytes.byteOffset, o)
    buf.copy(over, 0, 0, o)
    return { ...b, bytes: over }
  }
  // The batch's own SharedArrayBuffer, of the bytes written: a worker thread hands it over whole, without
  // it counting as its isolate's external memory, nor the next thread's (sole-buffer.ts).
  const own = sharedBytes(o)
  buf.copy(own, 0, 0, o)
  return { ...b, bytes: own }
}

// The row loops below are functions of their own, not parts of maskBatch (docs/architecture.md, "A hot
// row loop is a function of its own": maskBatch was compiled ~20 times per W4 clone).

/** The fields `reads` of each row, decoded and parsed (a row per batch row, its values in `reads` order). */
function decodeRows(b: TextScanBatch, reads: readonly number[], bounds: Int32Array, k: number): Value[][] {
  const { codec, parse, bytes } = b
  const n = b.rows
  const rows = new Array<Value[]>(n)
  // An ASCII batch (the usual one) is made one string, its fields cut from it, when rows are read in
  // several fields: a native call per field cost ~8 % of W4's first stage (4 fields read); with 1
  // field read (its second stage) the whole batch's string costs more than it saves.
  const ascii = reads.length > 1 && codec.decodeAscii && isAscii(bytes) ? latin1(bytes) : undefined
  for (let r = 0; r < n; r++) {
    const row = new Array<Value>(reads.length)
    const base = r * k
    for (let j = 0; j < reads.length; j++) {
      const f = reads[j]!
      const text = ascii !== undefined ? codec.decodeAscii!(ascii, bounds[base + f]!, bounds[base + f + 1]! - 1) : codec.decode(bytes, bounds[base + f]!, bounds[base + f + 1]! - 1)
      row[j] = text === null ? null : parse[f]!(text)
    }
    rows[r] = row
  }
  return rows
}

/**
 * The room the replacements need, in UTF-16 units (3 bytes each makes a worst case): strings by their
 * length, NULL markers 2, other values by their text, which is made here (`texts`, row-major, only when
 * some value is not a string: masked columns are mostly text).
 */
function measure(codec: BulkTextCodec, sources: ReadonlyArray<Value[] | null | undefined>, n: number): { extra: number; texts: Array<string | undefined> | undefined } {
  const m = sources.length
  let texts: Array<string | undefined> | undefined
  let extra = 0
  for (let j = 0; j < m; j++) {
    const col = sources[j]
    if (col === undefined) continue
    if (col === null) {
      extra += 2 * n
      continue
    }
    for (let r = 0; r < n; r++) {
      const v = col[r]!
      if (typeof v === 'string') extra += v.length
      else if (v !== null) extra += ((texts ??= new Array<string | undefined>(n * m))[r * m + j] = codec.encode(v)).length
      else extra += 2
    }
  }
  return { extra, texts }
}

/**
 * Write the batch with its replaced fields into `buf` (or, `offsets` given, only the replacements, and
 * where each starts: row r's field j at `offsets[r * m + j]`, the end last); returns the bytes written.
 */
function spliceRows(
  bytes: Uint8Array,
  codec: BulkTextCodec,
  n: number,
  k: number,
  bounds: Int32Array,
  end: number,
  fields: readonly number[],
  sources: ReadonlyArray<Value[] | null | undefined>,
  texts: ReadonlyArray<string | undefined> | undefined,
  given: PendingSplice | undefined,
  gAt: readonly number[],
  buf: Buffer,
  offsets: Int32Array | undefined,
): number {
  const m = fields.length
  // Where an earlier stage's field j is, in its fields (gm a row).
  const gm = given ? given.fields.length : 0
  const sv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const gv = given ? new DataView(given.values.buffer, given.values.byteOffset, given.values.byteLength) : undefined
  let o = 0
  // Where the unreplaced bytes resume: a row's tail and the next row's head, up to its first replaced
  // field, are one segment (one copy, not two).
  let at = 0
  for (let r = 0; r < n; r++) {
    const base = r * k
    for (let j = 0; j < m; j++) {
      const f = fields[j]!
      if (offsets) offsets[r * m + j] = o
      else o = copyBytes(bytes, sv, at, bounds[base + f]!, buf, dv, o)
      const col = sources[j]
      if (col === undefined) {
        const g = r * gm + gAt[j]!
        o = copyBytes(given!.values, gv!, given!.offsets[g]!, given!.offsets[g + 1]!, buf, dv, o)
      } else {
        const text = texts?.[r * m + j]
        o = text !== undefined ? putText(buf, o, text) : codec.encodeInto(col === null ? null : (col[r]! as string | null), buf, o)
      }
      // The field ends where the next one starts, less its separator (or the row's terminator).
      at = bounds[base + f + 1]! - 1
    }
  }
  if (offsets) {
    offsets[n * m] = o
    return o
  }
  return copyBytes(bytes, sv, at, end, buf, dv, o)
}

/** `a` over a SharedArrayBuffer (itself when it is one). */
function sharedInts(a: Int32Array): Int32Array {
  if (a.buffer instanceof SharedArrayBuffer) return a
  const s = new Int32Array(new SharedArrayBuffer(a.byteLength))
  s.set(a)
  return s
}

/** `bytes` (ASCII) as one string. */
function latin1(bytes: Uint8Array): string {
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('latin1')
}

/**
 * Segments this short are copied in JS, 4 bytes at a time: cheaper than a native copy call (and the view
 * it needs) for the bytes between fields and a row's unmasked tail.
 */
const SHORT_COPY = 256

/** Copy `src[from, to)` to `dst` at `at` (`sv`, `dv`: DataViews of the two); returns the offset after it. */
function copyBytes(src: Uint8Array, sv: DataView, from: number, to: number, dst: Buffer, dv: DataView, at: number): number {
  const len = to - from
  if (len <= SHORT_COPY) {
    // Unaligned 32-bit moves through DataViews (a byte loop costs about twice as much).
    let i = 0
    for (; i + 4 <= len; i += 4) dv.setUint32(at + i, sv.getUint32(from + i, true), true)
    for (; i < len; i++) dst[at + i] = src[from + i]!
    return at + len
  }
  dst.set(src.subarray(from, to), at)
  return at + len
}

/** `text` as UTF-8 at `at` (room for 3 bytes a code unit is there); ASCII in JS, the rest natively. */
function putText(dst: Buffer, at: number, text: string): number {
  const n = text.length
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c > 0x7f) return at + dst.write(text, at, 'utf8')
    dst[at + i] = c
  }
  return at + n
}

/**
 * Split each of the `n` rows of `bytes` up to field `last`: per row, `last + 2` entries into `bounds`
 * (the starts of fields 0..last, then the offset past the byte that ends field `last`) and the row's
 * end (past its terminator) into `ends`. TDG_INTERNAL when a row has fewer than `w` fields, or more
 * when they end before `last`.
 */
function splitRows(bytes: Uint8Array, codec: BulkTextCodec, n: number, w: number, last: number, bounds: Int32Array, ends: Int32Array): void {
  const sep = codec.separator
  const term = codec.terminator
  const k = last + 2
  const all = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let p = 0
  for (let r = 0; r < n; r++) {
    const base = r * k
    bounds[base] = p
    let f = 0
    let c = 0
    // Fields 0..last: each ends at a separator, the last one of the row at the terminator.
    for (;;) {
      c = bytes[p++]!
      if (c === sep || c === term) {
        bounds[base + ++f] = p
        if (f > last || c === term) break
      } else if (p > bytes.length) throw rowShape(w)
    }
    if (c === term) {
      if (f !== w) throw rowShape(w)
      ends[r] = p
    } else {
      const e = all.indexOf(term, p)
      if (e < 0) throw rowShape(w)
      ends[r] = p = e + 1
    }
  }
}

function rowShape(w: number): TdgError {
  return new TdgError('TDG_INTERNAL', `a bulk text row does not have the ${w} fields its batch lists`, { fields: w })
}
