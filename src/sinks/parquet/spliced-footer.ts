/**
 * The footer of a Parquet file whose row groups were each encoded by parquet-wasm as a file of its own
 * (`wasm-file.ts`): the row groups' metadata read from those files with hyparquet's Thrift reader, their
 * byte offsets moved to where the group lands in the real file, and the whole footer written with
 * hyparquet-writer's Thrift writer. The schema is tdg's own (`column-schema.ts`): arrow-rs has no way to
 * say UUID or JSON, and its INTEGER logical type is replaced by the INT_n converted type tdg always wrote;
 * the physical types and lengths arrow-rs chose are checked against tdg's before anything is written.
 * Field numbers are those of parquet.thrift (FileMetaData, RowGroup, ColumnChunk, ColumnMetaData,
 * SchemaElement, LogicalType).
 */
import type { SchemaElement } from 'hyparquet-writer'
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js'
import { ByteWriter } from 'hyparquet-writer'
import { serializeTCompactProtocol } from 'hyparquet-writer/src/thrift.js'

/** A Thrift struct as the Compact Protocol readers and writers here see it. */
export type Raw = { [key: `field_${number}`]: unknown }

/** One encoded row group: its column chunks' bytes (from the group file's offset 4) and metadata. */
export interface EncodedGroup {
  /** Column chunk bytes, starting at the group file's offset 4 (right after `PAR1`). */
  bytes: Uint8Array
  /** The RowGroup struct, offsets relative to the group file. */
  rowGroup: Raw
  /** The group file's schema and column orders (identical for every group of one file). */
  schema: Raw[]
  columnOrders: unknown
  createdBy: unknown
}

const MAGIC = 0x31524150

/** Reads a parquet-wasm output file (one row group at most) into an EncodedGroup. */
export function readGroupFile(file: Uint8Array): EncodedGroup {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength)
  const n = file.byteLength
  if (n < 12 || view.getUint32(n - 4, true) !== MAGIC || view.getUint32(0, true) !== MAGIC) throw new Error('parquet-wasm wrote no Parquet file')
  const metaLength = view.getUint32(n - 8, true)
  const metaStart = n - 8 - metaLength
  const meta = deserializeTCompactProtocol({ view: new DataView(file.buffer, file.byteOffset + metaStart, metaLength), offset: 0 }) as Raw
  const groups = (meta.field_4 as Raw[] | undefined) ?? []
  if (groups.length > 1) throw new Error('parquet-wasm split one row group in two')
  const rowGroup = groups[0] ?? {}
  // The column chunks are contiguous from offset 4; page indexes (whose entries hold absolute offsets
  // of this file) follow them and are not carried over.
  let end = 4
  for (const chunk of (rowGroup.field_1 as Raw[] | undefined) ?? []) {
    const md = chunk.field_3 as Raw
    const start = Number((md.field_11 as bigint | undefined) ?? (md.field_9 as bigint))
    end = Math.max(end, start + Number(md.field_7 as bigint))
  }
  return { bytes: file.subarray(4, end), rowGroup, schema: meta.field_2 as Raw[], columnOrders: meta.field_7, createdBy: meta.field_6 }
}

const shift = (v: unknown, by: bigint): unknown => (typeof v === 'bigint' ? v + by : v)

/** The RowGroup moved so that the group file's offset 4 lands at `at` of the real file (page index references dropped). */
export function relocateRowGroup(rowGroup: Raw, at: number): Raw {
  const by = BigInt(at - 4)
  const columns = ((rowGroup.field_1 as Raw[] | undefined) ?? []).map((chunk) => {
    const md = chunk.field_3 as Raw
    const metaData = { ...md, field_9: shift(md.field_9, by), field_10: shift(md.field_10, by), field_11: shift(md.field_11, by) }
    // 4–7: offset/column index offsets and lengths (not copied); 2: the chunk's file offset.
    const { field_4: _oi, field_5: _ol, field_6: _ci, field_7: _cl, ...rest } = chunk
    return sorted({ ...rest, field_2: shift(chunk.field_2, by), field_3: sorted(metaData) })
  })
  // 7: ordinal (an i16, and every group file says 0): left out; 5: the group's file offset.
  const { field_7: _ordinal, ...rest } = rowGroup
  return sorted({ ...rest, field_1: columns, field_5: shift(rowGroup.field_5, by) })
}

const PHYSICAL = { BOOLEAN: 0, INT32: 1, INT64: 2, INT96: 3, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6, FIXED_LEN_BYTE_ARRAY: 7 } as const
const REPETITION = { REQUIRED: 0, OPTIONAL: 1, REPEATED: 2 } as const
const CONVERTED: Record<string, number> = {
  UTF8: 0, LIST: 3, ENUM: 4, DECIMAL: 5, DATE: 6, TIME_MILLIS: 7, TIME_MICROS: 8, TIMESTAMP_MILLIS: 9, TIMESTAMP_MICROS: 10,
  INT_8: 15, INT_16: 16, INT_32: 17, INT_64: 18, JSON: 19,
}
const UNIT: Record<string, Raw> = { MILLIS: { field_1: {} }, MICROS: { field_2: {} }, NANOS: { field_3: {} } }

/** tdg's logical type as a LogicalType union struct (only the kinds column-schema.ts uses on flat columns). */
function logicalRaw(lt: NonNullable<SchemaElement['logical_type']>): Raw {
  switch (lt.type) {
    case 'STRING':
      return { field_1: {} }
    case 'DECIMAL':
      return { field_5: { field_1: lt.scale, field_2: lt.precision } }
    case 'DATE':
      return { field_6: {} }
    case 'TIME':
      return { field_7: { field_1: lt.isAdjustedToUTC, field_2: UNIT[lt.unit] } }
    case 'TIMESTAMP':
      return { field_8: { field_1: lt.isAdjustedToUTC, field_2: UNIT[lt.unit] } }
    case 'JSON':
      return { field_12: {} }
    case 'UUID':
      return { field_14: {} }
    default:
      throw new Error(`no spliced footer for logical type ${lt.type}`)
  }
}

/**
 * The footer schema: arrow-rs's elements with tdg's names, converted and logical types, after checking
 * that the physical type, length, precision and scale are tdg's (`elements`: root first, flat leaves).
 */
export function footerSchemaRaw(written: Raw[], elements: SchemaElement[]): Raw[] {
  if (written.length !== elements.length) throw new Error('parquet-wasm wrote a different number of columns')
  return written.map((w, i) => {
    const e = elements[i] as SchemaElement
    if (i === 0) return sorted({ ...w, field_4: e.name })
    const same =
      w.field_1 === PHYSICAL[e.type as keyof typeof PHYSICAL] &&
      w.field_3 === REPETITION[e.repetition_type as keyof typeof REPETITION] &&
      (e.type !== 'FIXED_LEN_BYTE_ARRAY' || w.field_2 === e.type_length) &&
      (e.precision === undefined || (w.field_8 === e.precision && (w.field_7 ?? 0) === (e.scale ?? 0)))
    if (!same) throw new Error(`parquet-wasm chose another physical type for column ${i}`)
    const { field_6: _c, field_7: _s, field_8: _p, field_10: _l, ...rest } = w
    return sorted({
      ...rest,
      field_4: e.name,
      ...(e.converted_type !== undefined ? { field_6: CONVERTED[e.converted_type] } : {}),
      ...(e.precision !== undefined ? { field_7: e.scale ?? 0, field_8: e.precision } : {}),
      ...(e.logical_type ? { field_10: logicalRaw(e.logical_type) } : {}),
    })
  })
}

/** The footer bytes (metadata, its length, `PAR1`) of a file holding `groups` (already relocated). */
export function footerBytes(schema: Raw[], groups: Raw[], rows: number, columnOrders: unknown, createdBy: unknown): Uint8Array {
  const w = new ByteWriter()
  const start = w.offset
  serializeTCompactProtocol(w, sorted({ field_1: 2, field_2: schema, field_3: BigInt(rows), field_4: groups, field_6: createdBy, field_7: columnOrders }))
  const length = w.offset - start
  w.appendUint32(length)
  w.appendUint32(MAGIC)
  return w.getBytes()
}

/** The struct with its fields in ascending id order and undefined ones left out (what the writer needs). */
function sorted(o: Raw): Raw {
  const out: Raw = {}
  const keys = Object.keys(o)
    .filter((k) => o[k as `field_${number}`] !== undefined)
    .sort((a, b) => Number(a.slice(6)) - Number(b.slice(6)))
  for (const k of keys) out[k as `field_${number}`] = o[k as `field_${number}`]
  return out
}
