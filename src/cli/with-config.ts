import { loadConfig, type TdgConfig } from '../config/load-config.js'

/**
 * Fill the schema source from the config file when the command line names none. A `--schema` or
 * `--db` flag replaces the file's whole source (its `dialect` belongs to its `schema`).
 */
export async function withConfig<T extends TdgConfig & { config?: string }>(flags: T): Promise<T> {
  const { config } = await loadConfig({ explicitPath: flags.config })
  if (flags.schema || flags.db) return flags
  const source: TdgConfig = config.schema ? { schema: config.schema, dialect: config.dialect } : config.db ? { db: config.db } : {}
  return { ...source, ...flags, dialect: flags.dialect ?? source.dialect }
}
