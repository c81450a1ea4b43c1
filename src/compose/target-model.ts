import type { Adapter } from '../adapter/adapter.js'
import type { SchemaModel } from '../model/schema.js'
import { TdgError } from '../errors.js'
import { tableKey } from '../plan/insert-order.js'
import { loadSchema, readSchemaText } from './load-schema.js'

/** The model to plan against, and SQL to run first (the DDL, when `--create` must make the tables). */
export interface TargetModel {
  model: SchemaModel
  setup: string[]
}

/**
 * Decide what a seed run writes into. Without `schemaFile`: the live schema. With it: the live schema
 * when all its tables exist (the database is the truth), the file's model plus its DDL as setup when
 * none exist and `create` is set; anything else is a clear TDG_USAGE before anything is written.
 */
export async function targetModel(adapter: Adapter, schemaFile: string | undefined, create: boolean): Promise<TargetModel> {
  const live = await adapter.introspect()
  if (!schemaFile) {
    if (live.model.tables.length === 0) throw new TdgError('TDG_USAGE', `${adapter.redactedUrl} has no tables; pass --schema <file> --create to create them`)
    return { model: live.model, setup: [] }
  }
  const parsed = await loadSchema({ kind: 'file', path: schemaFile, dialect: adapter.dialect.id })
  const have = new Set(live.model.tables.map(tableKey))
  const missing = parsed.model.tables.filter((t) => !have.has(tableKey(t))).map(tableKey)
  if (missing.length === 0) {
    const wanted = new Set(parsed.model.tables.map(tableKey))
    return { model: { ...live.model, tables: live.model.tables.filter((t) => wanted.has(tableKey(t))) }, setup: [] }
  }
  if (missing.length < parsed.model.tables.length) {
    throw new TdgError('TDG_USAGE', `${schemaFile}: some tables exist in ${adapter.redactedUrl} and some do not (missing: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`)
  }
  if (!create) throw new TdgError('TDG_USAGE', `the tables of ${schemaFile} do not exist in ${adapter.redactedUrl}; pass --create to create them`)
  const ddl = await readSchemaText(schemaFile)
  // psql meta lines (`\restrict`, `\connect`) are client commands, not SQL.
  return { model: parsed.model, setup: [ddl.replace(/^\\.*$/gm, '')] }
}
