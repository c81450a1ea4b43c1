import type { TdgConfig } from '../config/load-config.js'

/** Flags every command may carry that concern the config. */
interface ConfigFlags {
  config?: string
  schema?: string
  db?: string
  dialect?: string
}

/**
 * Fill options from the config file; flags always win.
 * - `one-source` (introspect, generate, plan): the schema comes from one place. A `--schema` or `--db`
 *   flag replaces the file's whole source; otherwise the file's `schema` (with its `dialect`) is
 *   preferred over its `db`.
 * - `fill` (seed): `db` and `schema` are separate roles (target and DDL); each missing one is filled.
 */
export async function withConfig<T extends ConfigFlags>(flags: T, mode: 'one-source' | 'fill' = 'one-source'): Promise<Omit<TdgConfig, keyof T> & T> {
  // Imported here, not at start-up: the config loader brings cosmiconfig, yaml and zod.
  const { loadConfig } = await import('../config/load-config.js')
  const { config } = await loadConfig({ explicitPath: flags.config })
  const given = Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) as T
  const { db, schema, dialect, ...rest } = config
  let source: TdgConfig = {}
  if (mode === 'fill') source = { db, schema, dialect }
  else if (!flags.schema && !flags.db) source = schema ? { schema, dialect } : db ? { db } : {}
  const defined = Object.fromEntries(Object.entries({ ...rest, ...source }).filter(([, v]) => v !== undefined))
  return { ...defined, ...given } as Omit<TdgConfig, keyof T> & T
}
