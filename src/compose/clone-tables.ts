/**
 * Which target table each source table is copied into, and with which columns: the target's live tables
 * (matched by name, schema mapped), or — `--create-schema` — the source model itself, re-rendered as DDL
 * in the target's dialect (what could not be carried over is said as notes).
 */
import type { SqlDialect } from '../adapter/adapter.js'
import type { SchemaModel, Table, TableRef } from '../model/schema.js'
import type { TableMask } from '../model/mask.js'
import { TdgError, type Issue } from '../errors.js'
import { tableKey } from '../plan/insert-order.js'

/** One source table and the target table it is copied into. */
export interface TablePair {
  source: Table
  target: Table
  /** Target columns written: the source's, minus generated ones (the target computes those). */
  columns: string[]
  /** The source column read for each of `columns`, position for position. */
  sourceColumns: string[]
}

/** The pairs, the target model to plan against, the DDL to run first and notes. */
export interface CloneTables {
  pairs: TablePair[]
  targetModel: SchemaModel
  setup: string[]
  notes: Issue[]
}

/**
 * The target side of a source table's reference: its schema when the target has schemas and the source
 * table is outside the source's default one, else unqualified (the target's default).
 */
export function targetRef(ref: TableRef, from: SqlDialect, to: SqlDialect): TableRef {
  const own = ref.schema !== undefined && ref.schema !== from.defaultSchema ? ref.schema : undefined
  // Tables of the default schema stay unqualified: the target resolves them in its own default.
  return own !== undefined && to.defaultSchema !== undefined ? { schema: own, name: ref.name } : { name: ref.name }
}

/** The source model with table names and references moved to the target's schemas, for `--create-schema`. */
export function movedModel(source: SchemaModel, from: SqlDialect, to: SqlDialect): SchemaModel {
  const seen = new Map<string, string>()
  const tables = source.tables.map((t) => {
    const r = targetRef(t, from, to)
    const k = tableKey(r)
    if (seen.has(k)) throw new TdgError('TDG_USAGE', `${tableKey(t)} and ${seen.get(k)} would both be ${k} in ${to.id} (it has no schemas); clone one of them`, { table: t.name })
    seen.set(k, tableKey(t))
    return {
      ...t,
      ...(r.schema !== undefined ? { schema: r.schema } : { schema: undefined }),
      foreignKeys: t.foreignKeys.map((fk) => {
        const p = targetRef({ ...(fk.references.schema !== undefined ? { schema: fk.references.schema } : t.schema !== undefined ? { schema: t.schema } : {}), name: fk.references.table }, from, to)
        return { ...fk, references: { ...fk.references, ...(p.schema !== undefined ? { schema: p.schema } : { schema: undefined }), table: p.name } }
      }),
    } as Table
  })
  // The source's dialect stays: it says how native types, defaults and CHECK texts are spelled.
  return { ...source, tables }
}

/**
 * Pair every source table with a live target table. A missing target table or column is
 * TDG_SCHEMA_MISMATCH (nothing is written): pass `--create-schema` for an empty target.
 */
export function pairWithLive(source: SchemaModel, live: SchemaModel, from: SqlDialect, to: SqlDialect, targetName: string): CloneTables {
  const byKey = new Map(live.tables.map((t) => [tableKey(t).toLowerCase(), t]))
  const byName = new Map<string, Table[]>()
  for (const t of live.tables) byName.set(t.name.toLowerCase(), [...(byName.get(t.name.toLowerCase()) ?? []), t])
  const missing: string[] = []
  const pairs: TablePair[] = []
  for (const s of source.tables) {
    const want = tableKey(targetRef(s, from, to)).toLowerCase()
    const named = byName.get(s.name.toLowerCase()) ?? []
    const t = byKey.get(want) ?? (named.length === 1 ? named[0] : undefined)
    if (!t) {
      missing.push(tableKey(s))
      continue
    }
    const have = new Map(t.columns.map((c) => [c.name.toLowerCase(), c]))
    const columns: string[] = []
    const sourceColumns: string[] = []
    const lacking: string[] = []
    for (const c of s.columns) {
      if (c.generated) continue
      const tc = have.get(c.name.toLowerCase())
      if (!tc) lacking.push(c.name)
      else if (!tc.generated) {
        columns.push(tc.name)
        sourceColumns.push(c.name)
      }
    }
    if (lacking.length > 0) throw new TdgError('TDG_SCHEMA_MISMATCH', `${targetName}: table ${tableKey(t)} has no column${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} of the source's ${tableKey(s)}; nothing was written`, { table: tableKey(t) })
    pairs.push({ source: s, target: t, columns, sourceColumns })
  }
  if (missing.length > 0)
    throw new TdgError('TDG_SCHEMA_MISMATCH', `${targetName} lacks ${missing.length} source table${missing.length > 1 ? 's' : ''} (${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}); pass --create-schema to create them; nothing was written`)
  return { pairs, targetModel: live, setup: [], notes: [] }
}

/** Pair every source table with its re-rendered self; `setup` creates them in the target. */
export function pairWithCreated(source: SchemaModel, from: SqlDialect, to: SqlDialect, render: (m: SchemaModel) => { statements: string[]; notes: Issue[] }): CloneTables {
  const moved = movedModel(source, from, to)
  const { statements, notes } = render(moved)
  // Another dialect gets generated columns as plain ones (renderSchema notes it): their values are copied.
  const computed = from.id === to.id
  const pairs = source.tables.map((s, i) => {
    const target = moved.tables[i]!
    const names = s.columns.filter((c) => !c.generated || !computed).map((c) => c.name)
    return { source: s, target: computed ? target : { ...target, columns: target.columns.map((c) => (c.generated ? { ...c, generated: undefined } : c)) }, columns: names, sourceColumns: names }
  })
  return { pairs, targetModel: moved, setup: statements, notes }
}

/**
 * The maskers of a pair's copied columns only: a generated column the target computes is neither copied
 * nor masked. Undefined when none is left.
 */
export function copiedMask(all: TableMask | undefined, pair: TablePair): TableMask | undefined {
  if (!all) return undefined
  const columns = all.columns.filter((c) => pair.sourceColumns.includes(c.column))
  return columns.length > 0 ? { ...all, columns } : undefined
}
