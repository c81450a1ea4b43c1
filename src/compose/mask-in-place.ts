/**
 * `tdg mask --db URL --yes`: mask one database in place, in one transaction. Each masked table's rows are
 * read (key + the columns its maskers read) from a snapshot on a second connection, masked, and written
 * back by key with one set-based UPDATE per batch (`Writer.update`). It runs through `runPlan` like every
 * write: a plan with no inserts whose fixups are the masked tables. Key columns are not masked in place
 * (rows of other tables point at them mid-transaction): clone to mask keys.
 */
import type { SnapshotReader } from '../adapter/adapter.js'
import type { Fixup, Plan } from '../model/plan.js'
import type { RowBatch, RowStream } from '../model/rows.js'
import type { ProgressListener } from '../pipeline/progress.js'
import type { MaskPlan } from '../model/mask.js'
import { runPlan, type RowSource, type RunSummary } from '../pipeline/run.js'
import { tableKey } from '../plan/insert-order.js'
import { connect } from '../../adapters/index.js'
import { TdgError, type Issue } from '../errors.js'
import { prepareMasking, type Masking } from './prepare-masking.js'
import type { TableMasker } from '../mask/masker.js'
import type { Table } from '../model/schema.js'

export interface MaskInPlaceOptions {
  db: string
  rulesFile?: string
  keyFile?: string
  maskSensitive?: boolean
  allowUnmapped?: boolean
  sampleRows?: number
  batchSize?: number
  signal?: AbortSignal
  onProgress?: ProgressListener
  /** Told what the run changed about the database's settings for its duration (SQLite: WAL), in one line. */
  onNote?: (line: string) => void
  beforeWrite?: (masks: MaskPlan, notes: Issue[], consistency: string) => void | Promise<void>
}

export interface MaskInPlaceResult {
  summary: RunSummary
  masks: MaskPlan
  /** Rows updated per table. */
  tables: Array<{ table: string; rows: number }>
  keyFingerprint?: string
}

/** Mask `db` in place. Throws TDG_USAGE (keys), TDG_PII_UNMAPPED, TDG_MASK_KEY_MISSING, TDG_WRITE_FAILED … */
export async function maskInPlace(o: MaskInPlaceOptions): Promise<MaskInPlaceResult> {
  const target = await connect(o.db)
  try {
    const model = (await target.introspect()).model
    const masking = await prepareMasking({
      source: target,
      model,
      ...(o.rulesFile ? { rulesFile: o.rulesFile } : {}),
      ...(o.keyFile ? { keyFile: o.keyFile } : {}),
      maskSensitive: o.maskSensitive === true,
      allowUnmapped: o.allowUnmapped === true,
      ...(o.sampleRows ? { sampleRows: o.sampleRows } : {}),
    })
    const tables = new Map(model.tables.map((t) => [tableKey(t), t]))
    // Generated columns follow their inputs: the database recomputes them.
    const jobs = masking.masks.tables.flatMap((tm) => {
      const t = tables.get(tableKey(tm.table))!
      const columns = tm.columns.map((c) => c.column).filter((c) => !t.columns.find((x) => x.name === c)?.generated)
      return columns.length > 0 ? [job(t, columns, masking)] : []
    })
    const concurrent = await target.allowConcurrentSnapshot?.()
    if (concurrent) o.onNote?.(concurrent.note)
    const reader = await connect(o.db)
    try {
      const updated = new Map<string, number>()
      const listen: ProgressListener = (e) => {
        if (e.kind === 'fixup') updated.set(e.step, (updated.get(e.step) ?? 0) + e.rows)
        o.onProgress?.(e)
      }
      const run = async (r: SnapshotReader) => {
        await o.beforeWrite?.(masking.masks, masking.notes, r.isolation)
        const plan: Plan = { version: 1, seed: 0, now: Math.floor(Date.now() / 1000), dialect: model.dialect, steps: [], fixups: jobs.map((j) => j.fixup), deferred: [], issues: [] }
        return runPlan(plan, target, {
          dialect: target.dialect,
          source: inPlaceSource(r, jobs),
          syncIdentity: false,
          ...(o.batchSize ? { batchSize: o.batchSize } : {}),
          ...(o.signal ? { signal: o.signal } : {}),
          onProgress: listen,
        })
      }
      const summary = await reader.readSnapshot(run)
      return { summary, masks: masking.masks, tables: jobs.map((j) => ({ table: j.fixup.step, rows: updated.get(j.fixup.step) ?? 0 })), ...(masking.key ? { keyFingerprint: masking.key.fingerprint } : {}) }
    } finally {
      await reader.close()
      await concurrent?.restore()
    }
  } finally {
    await target.close()
  }
}

interface Job {
  table: Table
  fixup: Fixup
  /** Columns read: the key, then every column (maskers may read the row's other values). */
  read: string[]
  masker: TableMasker
}

function job(t: Table, columns: string[], masking: Masking): Job {
  const name = tableKey(t)
  const key = t.primaryKey?.columns ?? t.uniques.find((u) => u.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable === false))?.columns
  if (!key) throw new TdgError('TDG_USAGE', `${name} has no primary key or NOT NULL UNIQUE to update its rows by; mask it with tdg clone instead`, { table: name })
  const keyed = columns.filter((c) => key.includes(c) || t.foreignKeys.some((fk) => fk.columns.includes(c)) || t.uniques.some((u) => u.columns.includes(c)))
  if (keyed.length > 0)
    throw new TdgError('TDG_USAGE', `${name}.${keyed[0]} is a key or FK column: masking keys in place would break references mid-transaction; use tdg clone to mask keys`, { table: name, column: keyed[0]! })
  const found = masking.masks.tables.find((x) => tableKey(x.table) === name)!
  const tm = { ...found, columns: found.columns.filter((c) => columns.includes(c.column)) }
  const read = [...key, ...t.columns.filter((c) => !key.includes(c.name) && !c.generated).map((c) => c.name)]
  const ref = t.schema !== undefined ? { schema: t.schema, name: t.name } : { name: t.name }
  return {
    table: t,
    fixup: { step: name, table: ref, group: 'mask', parent: ref, keyColumns: key, columns, reason: 'masked in place' },
    read,
    masker: masking.compile(t, tm),
  }
}

function inPlaceSource(reader: SnapshotReader, jobs: Job[]): RowSource {
  return {
    rows() {
      throw new TdgError('TDG_INTERNAL', 'mask in place inserts no rows')
    },
    fixupRows(fixup, batchSize): RowStream {
      const j = jobs.find((x) => x.fixup === fixup)
      if (!j) throw new TdgError('TDG_INTERNAL', `mask in place: no job for ${fixup.step}`)
      return project(reader.scan(j.fixup.table, { columns: j.read, batchSize }), j)
    },
  }
}

async function* project(rows: RowStream, j: Job): AsyncGenerator<RowBatch> {
  const want = [...j.fixup.keyColumns, ...j.fixup.columns]
  for await (const b of rows) {
    const masked = j.masker.mask(b)
    const at = want.map((c) => masked.columns.indexOf(c))
    // Keys come from the original batch (keys are never masked in place).
    const keyAt = j.fixup.keyColumns.map((c) => b.columns.indexOf(c))
    yield { columns: want, rows: masked.rows.map((r, i) => [...keyAt.map((k) => b.rows[i]![k]!), ...at.slice(keyAt.length).map((k) => r[k]!)]) }
  }
}
