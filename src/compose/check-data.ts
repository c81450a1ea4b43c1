/**
 * Reading the rows `tdg check` measures: from a live database through the adapter's `scan`, or from a
 * `tdg generate` output directory (its manifest plus a schema file). The reported tables are read with
 * their FK parents (temporal order and price copying join a child to its parent in memory).
 */
import { resolve } from 'node:path'
import { connect } from '../../adapters/index.js'
import { TdgError } from '../errors.js'
import type { Value } from '../model/rows.js'
import type { SchemaModel, Table } from '../model/schema.js'
import { readManifest, readTableFile } from '../check/read-files.js'
import { tableKeyOf, type TableData } from '../check/run-check.js'
import { loadSchema } from './load-schema.js'

export interface CheckData {
  model: SchemaModel
  data: TableData[]
  /** Keys of the tables to report. */
  reported: string[]
}

/** The tables named by `--tables` (by `schema.name` or bare name), or all; TDG_TABLE_NOT_FOUND otherwise. */
export function selectTables(model: SchemaModel, names: string[] | undefined): Table[] {
  if (!names || names.length === 0) return model.tables
  return names.map((n) => {
    const t = model.tables.find((x) => tableKeyOf(x) === n) ?? model.tables.find((x) => x.name === n)
    if (!t) throw new TdgError('TDG_TABLE_NOT_FOUND', `no table ${n} in the schema (tables: ${model.tables.map(tableKeyOf).join(', ')})`, { table: n })
    return t
  })
}

/** The reported tables plus the FK parents they reference. */
function withParents(model: SchemaModel, chosen: Table[]): Table[] {
  const keys = new Set(chosen.map(tableKeyOf))
  for (const t of chosen) {
    for (const fk of t.foreignKeys) keys.add(tableKeyOf({ schema: fk.references.schema ?? t.schema, name: fk.references.table }))
  }
  return model.tables.filter((t) => keys.has(tableKeyOf(t)))
}

/** Read the rows of a live database (`url`), through the adapter's streaming scan. */
export async function checkDataFromDb(url: string, names?: string[]): Promise<CheckData> {
  const adapter = await connect(url)
  try {
    const { model } = await adapter.introspect()
    const chosen = selectTables(model, names)
    const data: TableData[] = []
    for (const table of withParents(model, chosen)) {
      const rows: Value[][] = []
      let columns = table.columns.map((c) => c.name)
      for await (const batch of adapter.scan({ ...(table.schema ? { schema: table.schema } : {}), name: table.name })) {
        columns = batch.columns
        for (const r of batch.rows) rows.push(r)
      }
      data.push({ table, columns, rows })
    }
    return { model, data, reported: chosen.map(tableKeyOf) }
  } finally {
    await adapter.close()
  }
}

/**
 * Read a `tdg generate` directory (csv, json or ndjson). The schema comes from `schemaFile`, else from a
 * schema the manifest records; without either, TDG_USAGE.
 */
export async function checkDataFromDir(dir: string, schemaFile: string | undefined, names?: string[], dialect?: string): Promise<CheckData> {
  const manifest = await readManifest(dir)
  const schemaPath = schemaFile ?? (manifest.schema ? resolve(dir, manifest.schema) : undefined)
  if (!schemaPath) throw new TdgError('TDG_USAGE', `check --input ${dir} needs --schema <file> (the DDL the files were generated from)`)
  const { model } = await loadSchema({ kind: 'file', path: schemaPath, ...(dialect ? { dialect } : {}) })
  const chosen = selectTables(model, names)
  const data: TableData[] = []
  for (const table of withParents(model, chosen)) {
    const entry = manifest.tables.find((e) => e.table === tableKeyOf(table)) ?? manifest.tables.find((e) => e.table === table.name)
    if (!entry) continue
    data.push({ table, columns: entry.columns, rows: await readTableFile(dir, manifest.format, entry) })
  }
  const reported = chosen.map(tableKeyOf).filter((k) => data.some((d) => tableKeyOf(d.table) === k))
  return { model, data, reported }
}
