/**
 * Which tables a plan covers: all, or the requested ones plus every table their NOT NULL foreign keys
 * need rows from (keys are computed, never read, so a parent must be generated in the same plan).
 */
import type { SchemaModel, Table } from '../model/schema.js'
import { TdgError, type Issue } from '../errors.js'
import { tableKey } from './insert-order.js'

/** Planned tables by key (`schema.name` or `name`). Unknown names are TDG_TABLE_NOT_FOUND. */
export function selectTables(model: SchemaModel, requested: string[] | undefined, issues: Issue[]): Map<string, Table> {
  const all = new Map(model.tables.map((t) => [tableKey(t), t]))
  if (!requested) return all
  const find = (name: string): string => findTable(model, name, 'tables')
  const out = new Map<string, Table>()
  const queue = requested.map(find)
  for (const k of queue) out.set(k, all.get(k)!)
  while (queue.length > 0) {
    const key = queue.shift()!
    const t = all.get(key)!
    for (const fk of t.foreignKeys) {
      const parent = tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table })
      const notNull = fk.columns.some((c) => t.columns.find((x) => x.name === c)?.nullable === false)
      if (!notNull || out.has(parent) || !all.has(parent)) continue
      out.set(parent, all.get(parent)!)
      queue.push(parent)
      issues.push({ code: 'TABLE_ADDED', message: `${parent} added to the plan: ${key}(${fk.columns.join(', ')}) needs its rows`, table: parent })
    }
  }
  return out
}

/**
 * The key (`schema.name` or `name`) of the table `name` names: exact, else by unqualified name (case
 * folded). Unknown or ambiguous names are TDG_TABLE_NOT_FOUND (exit 2); `what` says which option named it.
 */
export function findTable(model: SchemaModel, name: string, what: string): string {
  if (model.tables.some((t) => tableKey(t) === name)) return name
  const exact = model.tables.filter((t) => t.name === name)
  const hits = exact.length > 0 ? exact : model.tables.filter((t) => t.name.toLowerCase() === name.toLowerCase() || tableKey(t).toLowerCase() === name.toLowerCase())
  if (hits.length === 1) return tableKey(hits[0]!)
  throw new TdgError('TDG_TABLE_NOT_FOUND', hits.length > 1 ? `${what}: table name '${name}' is ambiguous: qualify it with its schema` : `${what}: table '${name}' is not in the schema`, { table: name })
}

/** `rec` re-keyed by table key; a name that is no table of `model` is TDG_TABLE_NOT_FOUND. */
export function resolveTableKeys<T>(model: SchemaModel, rec: Record<string, T>, what: string): Record<string, T> {
  const out: Record<string, T> = {}
  for (const [name, v] of Object.entries(rec)) out[findTable(model, name, what)] = v
  return out
}
