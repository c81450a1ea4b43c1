/**
 * The RowSource of a clone: each step's rows read from the source snapshot (scan), kept or dropped by
 * the subset, masked, with the fixup columns of cut cycles NULL until their fixup. Memory: one batch.
 */
import type { SnapshotReader, SnapshotScanOptions, TextScanBatch } from '../adapter/adapter.js'
import type { Fixup, PlanStep } from '../model/plan.js'
import type { RowBatch, RowStream, TextRowBatch, Value } from '../model/rows.js'
import type { Table } from '../model/schema.js'
import type { RowSource } from '../pipeline/run.js'
import type { TableMasker } from '../mask/masker.js'
import { textBatchMasker } from '../mask/mask-text.js'
import { maskTextInWorkers, maskWorkerAvailable } from '../mask/mask-text-worker.js'
import { TdgError } from '../errors.js'

/** What the source needs per target step. */
export interface CloneStepSource {
  /** The source table read for this step. */
  source: Table
  /** Source column names, position for position with `targetColumns`. */
  sourceColumns: string[]
  /** The step's (target) column names. */
  targetColumns: string[]
  /** The table's maskers (absent: copied as read). */
  masker?: TableMasker
  /** Rows to keep (the subset); absent: all. Reads the row by the scan's column list. */
  keep?: (row: Value[], columns: string[]) => boolean
  /** Scan options of the subset (`where`, `limit: 0`); columns and batch size are the clone's. */
  scan?: SnapshotScanOptions
}

/**
 * A RowSource over `reader`. `steps` maps a plan step id to its source table. Rows are renamed to the
 * target's column names (case may differ across dialects).
 */
export function cloneRowSource(reader: SnapshotReader, steps: Map<string, CloneStepSource>, fixups: Fixup[]): RowSource {
  const nulledBy = new Map<string, Set<string>>()
  for (const f of fixups) for (const c of f.columns) nulledBy.set(f.step, new Set([...(nulledBy.get(f.step) ?? []), c]))
  const of = (id: string) => {
    const s = steps.get(id)
    if (!s) throw new TdgError('TDG_INTERNAL', `clone: no source for step ${id}`)
    return s
  }
  return {
    rows(step: PlanStep, batchSize: number): RowStream {
      const s = of(step.id)
      const targetColumns = s.targetColumns
      const nulled = nulledBy.get(step.id)
      const nullAt = nulled ? targetColumns.flatMap((c, i) => (nulled.has(c) ? [i] : [])) : []
      return mapBatches(read(reader, s, batchSize), (b) => {
        if (nullAt.length > 0) for (const row of b.rows) for (const i of nullAt) row[i] = null
        return { columns: targetColumns, rows: b.rows }
      })
    },
    textRows(step: PlanStep, batchSize: number, format: string): AsyncIterable<TextRowBatch> | undefined {
      const s = of(step.id)
      if (!reader.scanText || reader.textFormat !== format || s.keep || !textSafe(s)) return undefined
      const nulled = nulledBy.get(step.id)
      // Fixup columns by their source names (the masker and the scan speak the source's).
      const nulledSource = new Set(s.targetColumns.flatMap((c, i) => (nulled?.has(c) ? [s.sourceColumns[i]!] : [])))
      const scan = reader.scanText({ ...(s.source.schema !== undefined ? { schema: s.source.schema } : {}), name: s.source.name }, { ...s.scan, columns: s.sourceColumns, batchSize })
      const masked = s.masker && step.rows >= WORKER_MIN_ROWS && textOnly(s) && maskWorkerAvailable() ? maskTextInWorkers(readAhead(scan), s.masker, nulledSource, step.rows) : mapText(scan, textBatchMasker(s.masker, nulledSource))
      return readAhead(mapText(masked, (b) => ({ ...b, columns: s.targetColumns })))
    },
    fixupRows(fixup: Fixup, batchSize: number): RowStream {
      const s = of(fixup.step)
      const targetColumns = [...fixup.keyColumns, ...fixup.columns]
      const at = targetColumns.map((c) => {
        const i = s.targetColumns.indexOf(c)
        if (i < 0) throw new TdgError('TDG_INTERNAL', `clone: fixup column ${c} of ${fixup.step} is not read`)
        return i
      })
      const fix = at.slice(fixup.keyColumns.length)
      return mapBatches(read(reader, s, batchSize), (b) => {
        const rows = b.rows.filter((r) => fix.some((i) => r[i] !== null)).map((r) => at.map((i) => r[i]!))
        return { columns: targetColumns, rows }
      })
    },
  }
}

/** The source rows of a step: scanned in the snapshot, filtered by the subset, masked. */
async function* read(reader: SnapshotReader, s: CloneStepSource, batchSize: number): AsyncGenerator<RowBatch> {
  let rows: RowStream = reader.scan({ ...(s.source.schema !== undefined ? { schema: s.source.schema } : {}), name: s.source.name }, { ...s.scan, columns: s.sourceColumns, batchSize })
  if (s.keep) rows = filtered(rows, s.keep)
  if (s.masker) {
    const m = s.masker
    rows = mapBatches(rows, (b) => m.mask(b))
  }
  yield* readAhead(rows)
}

/**
 * Pull the next batch while the consumer writes the current one, so the source's round trip (a cursor
 * FETCH, the next rows off the wire) and masking overlap the target's write. One batch ahead: memory
 * stays bounded. A failure of the pending read surfaces at the next pull.
 */
async function* readAhead<B>(rows: AsyncIterable<B>): AsyncGenerator<B> {
  const it = rows[Symbol.asyncIterator]()
  let next = it.next()
  // The pending read may fail while the consumer is busy: keep that from being an unhandled rejection.
  next.catch(() => undefined)
  try {
    for (;;) {
      const r = await next
      if (r.done) return
      next = it.next()
      next.catch(() => undefined)
      yield r.value
    }
  } finally {
    // Stopped early (an error downstream): let the source end its read.
    await it.return?.(undefined)
  }
}

/** Tables at least this big mask on a worker thread (starting one costs ~0.1 s). */
const WORKER_MIN_ROWS = 50_000

/** Whether every column the step's maskers read is text, so a worker can take the field texts as they are. */
function textOnly(s: CloneStepSource): boolean {
  const reads = new Set(s.masker?.reads ?? [])
  return s.source.columns.every((c) => !reads.has(c.name) || c.type.kind === 'string' || c.type.kind === 'text')
}

/**
 * Whether a step's masked columns can be re-encoded as bulk text: the codec writes values as a non-JSON
 * column takes them, so a masked JSON or array column goes the decoded way.
 */
function textSafe(s: CloneStepSource): boolean {
  const masked = new Set(s.masker?.masked ?? [])
  return s.source.columns.every((c) => !masked.has(c.name) || (c.type.kind !== 'json' && c.type.kind !== 'array'))
}

async function* mapText(batches: AsyncIterable<TextScanBatch>, f: (b: TextScanBatch) => TextScanBatch): AsyncGenerator<TextScanBatch> {
  for await (const b of batches) yield f(b)
}

async function* filtered(rows: RowStream, keep: (row: Value[], columns: string[]) => boolean): AsyncGenerator<RowBatch> {
  for await (const b of rows) {
    const kept = b.rows.filter((r) => keep(r, b.columns))
    if (kept.length > 0) yield { columns: b.columns, rows: kept }
  }
}

async function* mapBatches(rows: RowStream, f: (b: RowBatch) => RowBatch): AsyncGenerator<RowBatch> {
  for await (const b of rows) {
    const out = f(b)
    if (out.rows.length > 0) yield out
  }
}
