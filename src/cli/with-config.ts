import { loadConfig, type TdgConfig } from '../config/load-config.js'

/**
 * Fill options from the config file; flags always win.
 * - `one-source` (introspect, generate, plan): the schema comes from one place. A `--schema` or `--db`
 *   flag replaces the file's whole source; otherwise the file's `schema` (with its `dialect`) is
 *   preferred over its `db`.
 * - `fill` (seed): `db` and `schema` are separate roles (target and DDL); each missing one is filled.
 */
export async function withConfig<T extends TdgConfig & { config?: string }>(flags: T, mode: 'one-source' | 'fill' = 'one-source'): Promise<T> {
  const { config } = await loadConfig({ explicitPath: flags.config })
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as T
  if (mode === 'fill') return { ...config, ...given }
  if (flags.schema || flags.db) return flags
  const source: TdgConfig = config.schema ? { schema: config.schema, dialect: config.dialect } : config.db ? { db: config.db } : {}
  return { ...source, ...given }
}
