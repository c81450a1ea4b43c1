/**
 * The Parquet table's row encoder inside a generation worker (`FileWriter.workerEncoding`): each batch's
 * values converted (`column-schema.ts`) and pushed into the same Arrow column builders the writer's
 * thread would use, handed over as raw buffers (`encoded-columns.ts`). Conversion and UTF-8 encoding,
 * most of a Parquet run's cost, so run on the generating threads; the bytes are those of the
 * single-threaded path. A table with a column that has no Arrow builder, or a batch with a value
 * Parquet refuses, is declined: its rows go over plain and the writer decides (and words the failure).
 */
import type { Value, WorkerRowEncoder, WorkerRowEncoderFactory } from '../../model/rows.js'
import type { Column } from '../../model/schema.js'
import { arrowColumnBuilder, type ArrowColumnBuilder } from './arrow-columns.js'
import { parquetColumn, type ParquetColumn } from './column-schema.js'
import type { EncodedColumns, ParquetEncoderSpec, RawColumn } from './encoded-columns.js'

/** The encoder of a step writing `names` of the spec's table; undefined when the table keeps plain rows. */
export const parquetRowEncoder: WorkerRowEncoderFactory = (spec, names) => {
  const { columns } = spec as ParquetEncoderSpec
  const cols = names.map((n) => columns.find((c) => c.name === n))
  if (cols.some((c) => c === undefined)) return undefined
  const converts: ParquetColumn[] = (cols as Column[]).map((c) => parquetColumn(c.name, c.type, c.nullable))
  const builders = converts.map((p, i) => (p.elements.length === 1 && p.elements[0] ? arrowColumnBuilder(p.elements[0], (cols[i] as Column).nullable) : undefined))
  if (builders.some((b) => b === undefined)) return undefined
  return encoder(converts, builders as ArrowColumnBuilder[])
}

function encoder(converts: ParquetColumn[], builders: ArrowColumnBuilder[]): WorkerRowEncoder {
  const width = builders.length
  // Uuid text goes to its builder as it is, parsed into the column's bytes there (no array per value);
  // text that is not the canonical spelling makes the builder throw, and the batch is declined.
  const uuidText = converts.map((p) => p.elements[0]?.logical_type?.type === 'UUID')
  return (rows: Value[][], transfer: ArrayBuffer[]): EncodedColumns | undefined => {
    const n = rows.length
    const rowBytes = new Uint32Array(n)
    const values = new Array<unknown>(n)
    try {
      // Column by column: each builder takes its whole batch at once (one UTF-8 encode per text column).
      for (let c = 0; c < width; c++) {
        const convert = (converts[c] as ParquetColumn).convert
        if (uuidText[c]) {
          for (let r = 0; r < n; r++) {
            const v = (rows[r] as Value[])[c]
            values[r] = typeof v === 'string' ? v : convert(v)
          }
        } else for (let r = 0; r < n; r++) values[r] = convert((rows[r] as Value[])[c])
        ;(builders[c] as ArrowColumnBuilder).pushAll(values, rowBytes)
      }
    } catch {
      for (const b of builders) b.drain()
      return undefined
    }
    const columns: RawColumn[] = builders.map((b) => b.drain())
    for (const col of columns) {
      transfer.push(col.data.buffer as ArrayBuffer)
      if (col.offsets) transfer.push(col.offsets.buffer as ArrayBuffer)
      if (col.valid) transfer.push(col.valid.buffer as ArrayBuffer)
    }
    transfer.push(rowBytes.buffer as ArrayBuffer)
    return { columns, rowBytes }
  }
}
