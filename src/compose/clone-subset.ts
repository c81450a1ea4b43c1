/**
 * `--subset` for a copy: the specs parsed, the rows decided inside the source snapshot (src/subset), and
 * per table the row filter and scan options the clone's reads use.
 */
import type { SnapshotReader } from '../adapter/adapter.js'
import type { SchemaModel } from '../model/schema.js'
import { computeSubset, formatSubsetCounts, parseSubsetSpec, resolveSpecTables, type SubsetSpec } from '../subset/index.js'
import { tableKey } from '../plan/insert-order.js'
import { CONNECTION_LOST } from '../adapter/connection-lost.js'
import { TdgError, isTdgError } from '../errors.js'
import type { CloneSubset } from './clone-database.js'

/** Decide the subset of `model` read through `reader`. Throws TDG_USAGE on a bad spec. */
export async function subsetForClone(model: SchemaModel, reader: SnapshotReader, specs: string[], withChildren: boolean): Promise<CloneSubset> {
  const result = await computeSubset(model, reader, specs.map(parseSubsetSpec), { withChildren })
  const keep: CloneSubset['keep'] = new Map()
  for (const [key, t] of result.tables) {
    if (t.mode === 'all') continue
    keep.set(key, { count: t.count, keep: (row, columns) => t.keep(row, columns), scan: result.scanOptions(key) })
  }
  return { keep, counts: result.counts, lines: formatSubsetCounts(result) }
}

/**
 * `tdg export --where "table:condition"`: each named table keeps the rows meeting its condition (source
 * dialect SQL, pushed into the scan), counted in the snapshot. Unlike `--subset`, no FK is followed: the
 * other tables are read whole. A condition the source refuses is TDG_USAGE naming the option.
 */
export async function whereFilters(model: SchemaModel, reader: SnapshotReader, specs: SubsetSpec[]): Promise<CloneSubset> {
  const keep: CloneSubset['keep'] = new Map()
  const lines: string[] = []
  for (const [key, spec] of resolveSpecTables(model, specs)) {
    if (spec.rule.kind !== 'where') continue
    const table = model.tables.find((t) => tableKey(t) === key)!
    const ref = table.schema !== undefined ? { schema: table.schema, name: table.name } : { name: table.name }
    let count: number
    try {
      count = await reader.count(ref, spec.rule.where)
    } catch (e) {
      if (!isTdgError(e) || e.code !== 'TDG_READ_FAILED' || e.message.includes(CONNECTION_LOST)) throw e
      const reason = e.message.replace(/^reading \S+ failed: /, '')
      throw new TdgError('TDG_USAGE', `${spec.option ?? '--where'} "${spec.text}": the source rejected the condition: ${reason}`, { option: spec.option ?? '--where', spec: spec.text }, { cause: e })
    }
    keep.set(key, { count, scan: { where: spec.rule.where } })
    lines.push(`${key}: ${count} row${count === 1 ? '' : 's'} where ${spec.rule.where}`)
  }
  return { keep, counts: [], lines }
}
