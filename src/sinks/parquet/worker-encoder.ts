/**
 * The Parquet table's row encoder inside a generation worker (`FileWriter.workerEncoding`): each batch's
 * values converted (`column-schema.ts`) and pushed into the same Arrow column builders the writer's
 * thread would use, handed over as raw buffers (`encoded-columns.ts`). Conversion and UTF-8 encoding,
 * most of a Parquet run's cost, so run on the generating threads; the bytes are those of the
 * single-threaded path. Dates, timestamps and uuids the generator only spells as text are taken as
 * their typed cells instead (`takes`: days, seconds, bytes; no text made and parsed back), and strings
 * drawn from a pool as keys into it (the pool UTF-8 encoded once, sent with the first batch). A table with
 * a column that has no Arrow builder, or a batch with a value Parquet refuses, is declined: its rows go
 * over plain and the writer decides (and words the failure).
 */
import type { TypedBatch, TypedCells, Value, WorkerRowEncoder, WorkerRowEncoderFactory } from '../../model/rows.js'
import type { Column } from '../../model/schema.js'
import { arrowColumnBuilder, type ArrowColumnBuilder } from './arrow-columns.js'
import { parquetColumn, Unrepresentable, type ParquetColumn } from './column-schema.js'
import type { EncodedColumns, ParquetEncoderSpec, RawColumn } from './encoded-columns.js'

/** The encoder of a step writing `names` of the spec's table; undefined when the table keeps plain rows. */
export const parquetRowEncoder: WorkerRowEncoderFactory = (spec, names) => {
  const { columns } = spec as ParquetEncoderSpec
  const cols = names.map((n) => columns.find((c) => c.name === n))
  if (cols.some((c) => c === undefined)) return undefined
  const converts: ParquetColumn[] = (cols as Column[]).map((c) => parquetColumn(c.name, c.type, c.nullable))
  const builders = converts.map((p, i) => (p.elements.length === 1 && p.elements[0] ? arrowColumnBuilder(p.elements[0], (cols[i] as Column).nullable) : undefined))
  if (builders.some((b) => b === undefined)) return undefined
  return encoder(
    converts,
    builders as ArrowColumnBuilder[],
    (cols as Column[]).map((c) => c.nullable),
  )
}

/** Days of 0001-01-01 and 9999-12-31: typed dates and timestamps outside go over as text (the writer decides). */
const FIRST_DAY = -719162
const LAST_DAY = 2932896

function encoder(converts: ParquetColumn[], builders: ArrowColumnBuilder[], nullable: readonly boolean[]): WorkerRowEncoder {
  const width = builders.length
  // Uuid text goes to its builder as it is, parsed into the column's bytes there (no array per value);
  // text that is not the canonical spelling makes the builder throw, and the batch is declined.
  const logical = converts.map((p) => p.elements[0]?.logical_type)
  const uuidText = logical.map((l) => l?.type === 'UUID')
  const encode = (rows: Value[][], transfer: ArrayBuffer[] | undefined, typed?: TypedBatch): EncodedColumns | undefined => {
    const n = rows.length
    const rowBytes = new Uint32Array(n)
    const values = new Array<unknown>(n)
    try {
      // Column by column: each builder takes its whole batch at once (one UTF-8 encode per text column).
      for (let c = 0; c < width; c++) {
        const builder = builders[c] as ArrowColumnBuilder
        const cells = typed?.columns[c]
        if (cells) {
          pushTyped(cells, builder, typed.start, n, nullable[c] === true, values, rowBytes)
          continue
        }
        const convert = (converts[c] as ParquetColumn).convert
        if (uuidText[c]) {
          for (let r = 0; r < n; r++) {
            const v = (rows[r] as Value[])[c]
            values[r] = typeof v === 'string' ? v : convert(v)
          }
        } else for (let r = 0; r < n; r++) values[r] = convert((rows[r] as Value[])[c])
        builder.pushAll(values, rowBytes)
      }
    } catch {
      for (const b of builders) b.drain(true)
      return undefined
    }
    const columns = builders.map((b) => b.drain())
    // On the writer's own thread (no transfer) the drained buffers are handed over as they are.
    return transfer ? packed(columns, rowBytes, transfer) : { columns, rowBytes }
  }
  // Typed cells are taken where they are exactly what the column's conversion makes of their text:
  // dates as DATE, timestamps as TIMESTAMP (one spelled with `+00` only in a zoned column, as the text
  // conversion refuses it elsewhere), uuids as UUID.
  const takes = (c: number, cells: TypedCells): boolean => {
    const l = logical[c]
    if (cells.form === 'epoch-days') return l?.type === 'DATE'
    if (cells.form === 'epoch-seconds') return l?.type === 'TIMESTAMP' && (!cells.offset || l.isAdjustedToUTC)
    if (cells.form === 'pooled') return l?.type === 'STRING' && builders[c]?.pushKeys !== undefined
    return l?.type === 'UUID' && builders[c]?.pushFilled !== undefined
  }
  return Object.assign(encode, { takes })
}

/** Rows [start, start + n) of typed `cells` into `builder`; throws (the batch is declined) where the text path might not agree. */
function pushTyped(cells: TypedCells, builder: ArrowColumnBuilder, start: number, n: number, nullable: boolean, values: unknown[], rowBytes: Uint32Array): void {
  if (cells.form === 'uuid') {
    const into = cells.into
    ;(builder.pushFilled as NonNullable<ArrowColumnBuilder['pushFilled']>).call(
      builder,
      n,
      (r, out, offset) => {
        if (into(start + r, out, offset)) return true
        if (!nullable) throw new Unrepresentable('a NULL in a NOT NULL column')
        return false
      },
      rowBytes,
    )
    return
  }
  if (cells.form === 'pooled') {
    const at = cells.at
    ;(builder.pushKeys as NonNullable<ArrowColumnBuilder['pushKeys']>).call(
      builder,
      cells.values,
      n,
      (r) => {
        const k = at(start + r)
        if (k === null && !nullable) throw new Unrepresentable('a NULL in a NOT NULL column')
        return k
      },
      rowBytes,
    )
    return
  }
  const at = cells.at
  const seconds = cells.form === 'epoch-seconds'
  for (let r = 0; r < n; r++) {
    const v = at(start + r)
    if (v === null) {
      if (!nullable) throw new Unrepresentable('a NULL in a NOT NULL column')
      values[r] = null
      continue
    }
    const day = seconds ? Math.floor(v / 86400) : v
    if (!Number.isInteger(v) || day < FIRST_DAY || day > LAST_DAY) throw new Unrepresentable('a value outside years 1–9999')
    if (!seconds) values[r] = v
    else {
      const micros = v * 1_000_000
      values[r] = Number.isSafeInteger(micros) ? micros : BigInt(v) * 1_000_000n
    }
  }
  builder.pushAll(values, rowBytes)
}

type Part = RawColumn['data'] | Int32Array | Uint32Array

/**
 * The batch's buffers copied into one ArrayBuffer (each part 8-byte aligned, so every typed view fits):
 * moving one buffer to the writer's thread costs a fraction of moving ~25 (each transfer is a detach and
 * a new backing store on both sides), for a copy of a few hundred kB.
 */
function packed(columns: RawColumn[], rowBytes: Uint32Array, transfer: ArrayBuffer[]): EncodedColumns {
  const parts: Part[] = [rowBytes]
  for (const c of columns) {
    parts.push(c.data)
    if (c.offsets) parts.push(c.offsets)
    if (c.valid) parts.push(c.valid)
    if (c.dictionary) parts.push(c.dictionary.data, c.dictionary.offsets)
  }
  let size = 0
  for (const p of parts) size += (p.byteLength + 7) & ~7
  const buffer = new ArrayBuffer(size)
  let at = 0
  const view = <T extends Part>(p: T): T => {
    const Ctor = p.constructor as new (b: ArrayBuffer, offset: number, length: number) => T
    const v = new Ctor(buffer, at, p.length)
    ;(v as unknown as { set(a: T): void }).set(p)
    at += (p.byteLength + 7) & ~7
    return v
  }
  const rows = view(rowBytes)
  const out: RawColumn[] = columns.map((c) => {
    const data = view(c.data)
    const offsets = c.offsets ? view(c.offsets) : undefined
    const valid = c.valid ? view(c.valid) : undefined
    const dictionary = c.dictionary ? { data: view(c.dictionary.data), offsets: view(c.dictionary.offsets) } : undefined
    return { data, ...(offsets ? { offsets } : {}), ...(valid ? { valid } : {}), ...(c.keyed ? { keyed: true as const } : {}), ...(dictionary ? { dictionary } : {}) }
  })
  transfer.push(buffer)
  return { columns: out, rowBytes: rows }
}
