import type { Adapter } from '../adapter/adapter.js'
import type { Introspection } from '../model/introspection.js'
import type { SchemaModel, Table } from '../model/schema.js'
import { TdgError, type Issue } from '../errors.js'
import { tableKey } from '../plan/insert-order.js'
import { loadSchema, readSchemaText } from './load-schema.js'

/** The model to plan against, and SQL to run first (the DDL, when `--create` must make the tables). */
export interface TargetModel {
  model: SchemaModel
  setup: string[]
  /** Said before writing: the plan follows the live tables, not the file. */
  note?: Issue
}

/**
 * Decide what a seed run writes into. Without `schemaFile`: the live schema. With it: the live schema
 * when all its tables exist (the database is the truth, with a note saying so) and every one has the
 * columns the file gives it (else TDG_SCHEMA_MISMATCH: the file is the user's statement of what they
 * expect); the file's model plus its DDL as setup when none exist and `create` is set; anything else is
 * a clear TDG_USAGE before anything is written. `introspection`: the live schema's reading already started
 * (`openTarget`); default: read here.
 */
export async function targetModel(adapter: Adapter, schemaFile: string | undefined, create: boolean, introspection?: Promise<Introspection>): Promise<TargetModel> {
  const live = await (introspection ?? adapter.introspect())
  if (!schemaFile) {
    if (live.model.tables.length === 0) throw new TdgError('TDG_USAGE', `${adapter.redactedUrl} has no tables; pass --schema <file> --create to create them`)
    return { model: live.model, setup: [] }
  }
  const parsed = await loadSchema({ kind: 'file', path: schemaFile, dialect: adapter.dialect.id })
  const have = new Set(live.model.tables.map(tableKey))
  const missing = parsed.model.tables.filter((t) => !have.has(tableKey(t))).map(tableKey)
  if (missing.length === 0) {
    const liveTables = new Map(live.model.tables.map((t) => [tableKey(t), t]))
    for (const t of parsed.model.tables) {
      const diff = columnDiff(t, liveTables.get(tableKey(t))!)
      if (diff) throw new TdgError('TDG_SCHEMA_MISMATCH', `${schemaFile}: table ${tableKey(t)} differs from the live one in ${adapter.redactedUrl}: ${diff}`, { table: tableKey(t) })
    }
    const wanted = new Set(parsed.model.tables.map(tableKey))
    const note: Issue = {
      code: 'SCHEMA_FROM_LIVE',
      message: `the tables of ${schemaFile} exist in ${adapter.redactedUrl}: planning from the live tables (their columns match the file)`,
    }
    return { model: { ...live.model, tables: live.model.tables.filter((t) => wanted.has(tableKey(t))) }, setup: [], note }
  }
  if (missing.length < parsed.model.tables.length) {
    throw new TdgError('TDG_USAGE', `${schemaFile}: some tables exist in ${adapter.redactedUrl} and some do not (missing: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''})`)
  }
  if (!create) throw new TdgError('TDG_USAGE', `the tables of ${schemaFile} do not exist in ${adapter.redactedUrl}; pass --create to create them`)
  const ddl = await readSchemaText(schemaFile)
  // psql meta lines (`\restrict`, `\connect`) are client commands, not SQL.
  return { model: parsed.model, setup: [ddl.replace(/^\\.*$/gm, '')] }
}

/** How the columns of a file's table and the live one differ (names, case-insensitively); undefined when they agree. */
function columnDiff(file: Table, live: Table): string | undefined {
  const names = (t: Table) => new Set(t.columns.map((c) => c.name.toLowerCase()))
  const inFile = names(file)
  const inLive = names(live)
  const onlyFile = file.columns.filter((c) => !inLive.has(c.name.toLowerCase())).map((c) => c.name)
  const onlyLive = live.columns.filter((c) => !inFile.has(c.name.toLowerCase())).map((c) => c.name)
  const parts: string[] = []
  if (onlyFile.length > 0) parts.push(`column${onlyFile.length > 1 ? 's' : ''} ${onlyFile.join(', ')} only in the file`)
  if (onlyLive.length > 0) parts.push(`column${onlyLive.length > 1 ? 's' : ''} ${onlyLive.join(', ')} only in the database`)
  return parts.length > 0 ? parts.join('; ') : undefined
}
