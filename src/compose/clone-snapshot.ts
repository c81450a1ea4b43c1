/**
 * The source side of every copy (`tdg clone` into a database, `tdg export` into files): inside ONE
 * snapshot of the source, the subset (or `--where` filters), a copy plan over the paired tables, and
 * `runPlan` with the clone RowSource (scan → filter → maskers) into whatever target the caller opened.
 * The target decides the rest: a database writer may take the rows as COPY text, a file writer takes
 * decoded rows.
 */
import type { Adapter, SnapshotReader } from '../adapter/adapter.js'
import type { Plan } from '../model/plan.js'
import type { SchemaModel } from '../model/schema.js'
import { runPlan, type RunOptions, type RunTarget, type RunSummary } from '../pipeline/run.js'
import { buildCopyPlan, type CopyTable } from '../plan/copy-plan.js'
import { tableKey } from '../plan/insert-order.js'
import type { Issue } from '../errors.js'
import { cloneRowSource, type CloneStepSource } from './clone-source.js'
import { copiedMask, type CloneTables } from './clone-tables.js'
import type { CloneSubset, PreparedMasks } from './clone-database.js'

/** What `copyInSnapshot` needs: the opened source, what to copy where, and the target. */
export interface SnapshotCopy {
  source: Adapter
  /** The source model (what the subset reads). */
  model: SchemaModel
  /** Source → target tables, the target model and setup DDL (`clone-tables.ts`). */
  tables: CloneTables
  prepared?: PreparedMasks
  /** Decides the kept rows inside the snapshot; absent: every row. */
  subset?: (model: SchemaModel, reader: SnapshotReader) => Promise<CloneSubset>
  target: RunTarget
  /** The run's options, except `source` (the copy's) and `setup` (`tables.setup`). */
  run: Omit<RunOptions, 'source' | 'setup'>
  /**
   * Reshape the copy plan before anything is written (e.g. files keep every row whole: no cycle cuts);
   * default as built.
   */
  shapePlan?: (plan: Plan) => Plan
  /** The plan's own notes as the caller words them; default `plan.issues` (clone's wording). */
  planNotes?: (plan: Plan) => Issue[]
  /** Refusals that need the plan (rows already in the target), before `beforeWrite`. */
  check?: (plan: Plan) => Promise<void>
  /** Called before anything is written, with the plan, the notes and how consistent the reads are. */
  beforeWrite?: (plan: Plan, notes: Issue[], consistency: string) => void | Promise<void>
}

/** What one copy did. */
export interface SnapshotCopyResult {
  plan: Plan
  summary: RunSummary
  notes: Issue[]
  /** How consistent the source reads were (`one snapshot (…)`). */
  consistency: string
}

/** Copy in one snapshot of `c.source`. Throws what the subset, the reads, the maskers or the target throw. */
export async function copyInSnapshot(c: SnapshotCopy): Promise<SnapshotCopyResult> {
  return c.source.readSnapshot(async (reader) => {
    const subset = c.subset ? await c.subset(c.model, reader) : undefined
    const copies: CopyTable[] = []
    const sources = new Map<string, CloneStepSource>()
    const maskOf = new Map((c.prepared?.masks.tables ?? []).map((t) => [tableKey(t.table), t]))
    for (const p of c.tables.pairs) {
      const key = tableKey(p.source)
      const kept = subset?.keep.get(key)
      const rows = kept ? kept.count : await reader.count(p.source)
      const tm = copiedMask(maskOf.get(key), p)
      const masked = new Map((tm?.columns ?? []).flatMap((m) => {
        const i = p.sourceColumns.indexOf(m.column)
        return i < 0 ? [] : [[p.columns[i]!, { kind: m.mask.kind, reason: m.reason }] as const]
      }))
      copies.push({ table: p.target, rows, columns: p.columns, masked })
      sources.set(tableKey(p.target), {
        source: p.source,
        sourceColumns: p.sourceColumns,
        targetColumns: p.columns,
        ...(tm ? { masker: c.prepared!.compile(p.source, tm) } : {}),
        ...(kept?.keep ? { keep: kept.keep } : {}),
        ...(kept?.scan ? { scan: kept.scan } : {}),
      })
    }
    const built = buildCopyPlan(c.tables.targetModel, copies)
    const plan = c.shapePlan ? c.shapePlan(built) : built
    const notes = [...c.tables.notes, ...(c.prepared?.notes ?? []), ...(c.prepared?.masks.issues ?? []), ...(c.planNotes ? c.planNotes(plan) : plan.issues)]
    await c.check?.(plan)
    await c.beforeWrite?.(plan, notes, reader.isolation)
    const summary = await runPlan(plan, c.target, { ...c.run, setup: c.tables.setup, source: cloneRowSource(reader, sources, plan.fixups) })
    return { plan, summary, notes, consistency: reader.isolation }
  })
}
