/**
 * `computeSubset`: which rows a subset copy keeps, computed from reads of one snapshot (the caller's
 * `SnapshotReader`), holding key texts only. Pure logic over `SnapshotReader`: no dialect branches.
 *
 * Semantics:
 * 1. A named table keeps its selected rows: `N%` = rows whose keyed hash (seed, table, key) falls under
 *    N % (deterministic, not TABLESAMPLE: the same seed and data give the same rows); `limit N` = the
 *    first N rows by key order (storage order for a table without a key); `where …` = the rows meeting
 *    the condition (source dialect SQL; one the source refuses is TDG_USAGE naming the spec).
 * 2. Upward closure: every parent row of a kept row is kept, transitively, through cycles and
 *    self-references, composite FKs and FKs to UNIQUE non-PK columns. A NULL in an FK tuple references
 *    nothing (MATCH SIMPLE).
 * 3. `withChildren`: rows that reference (through any FK) a selected row or a row reached downward are
 *    kept too, and then their parents by the upward closure, to a fixpoint. Downward steps start only
 *    from rows reached by selection or downward, never from parents pulled in upward (pulling in an
 *    order's employee does not pull in all of that employee's orders). Without it, child tables keep
 *    only rows pulled in upward.
 * 4. Restricted tables (see subset-graph.ts: everything FK-connected to a named table) keep only the
 *    computed rows; every other table is copied whole.
 * Rows are identified as row-key.ts says (PK, else NOT NULL UNIQUE, else a digest of the whole row).
 * Cost: one selection read per named table, then full reads of a table (identity, FK and referenced
 * columns only) while it has open work; a reports_to chain k deep needs up to k reads of its table.
 */
import type { SnapshotReader, SnapshotScanOptions } from '../adapter/adapter.js'
import { CONNECTION_LOST } from '../adapter/connection-lost.js'
import { TdgError, isTdgError } from '../errors.js'
import type { Value } from '../model/rows.js'
import type { SchemaModel, Table } from '../model/schema.js'
import { insertOrder } from '../plan/insert-order.js'
import { SCAN_BATCH, closureScan, targetedScan, tableRef as ref } from './closure-scan.js'
import { underPercent } from './row-key.js'
import { resolveSpecTables, type SubsetSpec } from './spec.js'
import { subsetGraph } from './subset-graph.js'
import { SELECTED, TableState, VIA_CHILDREN, VIA_PARENTS, keepRow, rowId, scanLayout } from './table-state.js'

export interface SubsetOptions {
  /** Follow FKs downward from selected rows (`--with-children`). */
  withChildren: boolean
  /** Key of the `N%` hash; default `tdg-subset`. The same seed and data give the same rows. */
  seed?: string
}

/** What the copy of one table keeps. */
export type TableSubset =
  | { mode: 'all' }
  | {
      mode: 'rows'
      /** Rows kept. */
      count: number
      /** The columns `keep` reads; a copy scan must include them. */
      keyColumns: string[]
      /** Whether a row (its values under `columns`) is kept. */
      keep(row: Value[], columns: string[]): boolean
    }

/** Per-table figures for `tdg plan` and the clone summary. */
export interface SubsetCount {
  /** Table key (`tableKey`). */
  table: string
  /** Rows picked by the table's own spec (0 for tables without one; every row for a table copied whole). */
  selected: number
  /** Rows kept (not selected) because a kept row references them: the upward closure. */
  viaParents: number
  /** Rows kept (not selected) because they reference a selected or downward row (`--with-children`). */
  viaChildren: number
  /** Rows the copy keeps. */
  total: number
  /** Rows in the source table (in the snapshot). */
  sourceRows: number
  /** References from kept rows to parent rows that the source does not hold (unenforced FKs). */
  dangling: number
}

export interface SubsetResult {
  /** By table key, every table of the model. */
  tables: Map<string, TableSubset>
  /** Tables in insert order (parents first). */
  counts: SubsetCount[]
  /**
   * Options for the copy's `SnapshotReader.scan` of a table: `{ limit: 0 }` when it keeps nothing, the
   * spec's `where` when exactly its rows are kept, else `{}` (filter with `keep`). Merge in your own
   * `columns`/`batchSize` (keeping `keyColumns`).
   */
  scanOptions(table: string): SnapshotScanOptions
}

/** Compute the rows a subset copy keeps; see the module comment for the semantics. */
export async function computeSubset(model: SchemaModel, reader: SnapshotReader, specs: SubsetSpec[], opts: SubsetOptions): Promise<SubsetResult> {
  if (specs.length === 0) throw new TdgError('TDG_USAGE', '--subset needs at least one table spec', { option: '--subset' })
  const named = resolveSpecTables(model, specs)
  const graph = subsetGraph(model, named.keys())
  const order = insertOrder(model).order
  const seed = opts.seed ?? 'tdg-subset'

  const states = new Map<string, TableState>()
  for (const key of order) if (graph.restricted.has(key)) states.set(key, new TableState(key, graph.tables.get(key)!))
  for (const e of graph.edges) {
    const child = states.get(e.child)
    const parent = states.get(e.parent)
    if (!child || !parent) continue
    if (e.parentColumns.length !== e.childColumns.length) {
      throw new TdgError('TDG_INTERNAL', `FK ${e.group} of ${e.child} has ${e.childColumns.length} columns but references ${e.parentColumns.length}`, { table: e.child })
    }
    child.out.push({ edge: e, parent, ref: parent.refFor(e.parentColumns) })
  }
  for (const s of states.values()) {
    const cols = new Set([...s.identity.columns, ...s.out.flatMap((o) => o.edge.childColumns), ...[...s.refs.values()].flatMap((r) => r.columns)])
    // Table order: scans read the columns as the table lists them.
    s.columns = s.table.columns.map((c) => c.name).filter((c) => cols.has(c))
  }

  // 1. Selection.
  for (const [key, spec] of named) {
    const s = states.get(key)!
    const scan: SnapshotScanOptions = { columns: s.columns, batchSize: SCAN_BATCH }
    if (spec.rule.kind === 'where') scan.where = spec.rule.where
    if (spec.rule.kind === 'limit') {
      scan.limit = spec.rule.limit
      if (!s.identity.wholeRow) scan.orderBy = s.identity.columns
    }
    try {
      for await (const batch of reader.scan(ref(s.table), scan)) {
        const lay = scanLayout(s, batch.columns)
        for (const row of batch.rows) {
          const id = rowId(s, lay, row)
          if (id === undefined) continue
          if (spec.rule.kind === 'percent' && !underPercent(seed, key, id, spec.rule.percent)) continue
          keepRow(s, lay, id, row, SELECTED)
        }
      }
    } catch (e) {
      throw whereRejected(spec, e)
    }
  }

  // 2. Closure, to a fixpoint: read a table again while it has pending parents to find or new downward parents.
  const needsScan = (s: TableState) => s.pendingCount() > 0 || (opts.withChildren && s.out.some((o) => o.parent.downGen > (s.seenDown.get(o.parent) ?? 0)))
  for (let busy = true; busy; ) {
    busy = false
    for (const s of states.values()) {
      if (!needsScan(s)) continue
      busy = true
      // Only parents to find (no new downward work): read just those rows when few enough.
      const downWork = opts.withChildren && s.out.some((o) => o.parent.downGen > (s.seenDown.get(o.parent) ?? 0))
      if (!downWork && (await targetedScan(reader, s, opts.withChildren))) continue
      await closureScan(reader, s, opts.withChildren)
    }
  }

  // 3. Result.
  const tables = new Map<string, TableSubset>()
  const counts: SubsetCount[] = []
  for (const key of order) {
    const t = graph.tables.get(key)!
    const sourceRows = await reader.count(ref(t))
    const s = states.get(key)
    if (!s) {
      tables.set(key, { mode: 'all' })
      counts.push({ table: key, selected: sourceRows, viaParents: 0, viaChildren: 0, total: sourceRows, sourceRows, dangling: 0 })
      continue
    }
    let selected = 0
    let viaChildren = 0
    let viaParents = 0
    for (const bits of s.kept.values()) {
      if (bits & SELECTED) selected++
      else if (bits & VIA_CHILDREN) viaChildren++
      else if (bits & VIA_PARENTS) viaParents++
    }
    tables.set(key, { mode: 'rows', count: s.kept.size, keyColumns: s.identity.columns, keep: keeper(s) })
    counts.push({ table: key, selected, viaParents, viaChildren, total: s.kept.size, sourceRows, dangling: s.dangling })
  }
  return {
    tables,
    counts,
    scanOptions(table: string): SnapshotScanOptions {
      const sub = tables.get(table)
      if (!sub) throw new TdgError('TDG_INTERNAL', `no table ${table} in the subset result`, { table })
      if (sub.mode === 'all') return {}
      if (sub.count === 0) return { limit: 0 }
      const spec = named.get(table)
      const c = counts.find((x) => x.table === table)!
      if (spec?.rule.kind === 'where' && c.selected === c.total) return { where: spec.rule.where }
      return {}
    },
  }
}

/** `keep` of a restricted table: the row's identity is among the kept ones. */
function keeper(s: TableState): (row: Value[], columns: string[]) => boolean {
  let lastCols: string[] | undefined
  let lastKey = ''
  let lay: ReturnType<typeof scanLayout> | undefined
  return (row, columns) => {
    if (columns !== lastCols) {
      const k = columns.join('\u0000')
      if (k !== lastKey || !lay) {
        lay = scanLayout(s, columns)
        const missing = s.identity.columns.find((_c, i) => lay!.id[i]! < 0)
        if (missing !== undefined) throw new TdgError('TDG_INTERNAL', `subset of ${s.key}: the copy did not read key column ${missing}`, { table: s.key, column: missing })
        lastKey = k
      }
      lastCols = columns
    }
    const id = rowId(s, lay!, row)
    return id !== undefined && s.kept.has(id)
  }
}

/**
 * A `where` the source refuses (unknown column, syntax) is bad input: TDG_USAGE naming the spec, with the
 * database's reason. Other failures (a lost connection) pass through.
 */
function whereRejected(spec: SubsetSpec, e: unknown): unknown {
  if (spec.rule.kind !== 'where' || !isTdgError(e) || e.code !== 'TDG_READ_FAILED' || e.message.includes(CONNECTION_LOST)) return e
  const reason = e.message.replace(/^reading \S+ failed: /, '')
  return new TdgError('TDG_USAGE', `--subset "${spec.text}": the source rejected the condition: ${reason}`, { option: '--subset', spec: spec.text }, { cause: e })
}
