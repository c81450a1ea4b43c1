import { cosmiconfig } from 'cosmiconfig'
import { TdgError } from '../errors.js'

/** Configuration keys that exist so far; CLI flags override each. */
export interface TdgConfig {
  /** Default database URL for `--db`; `${ENV}` placeholders are filled from the environment. */
  db?: string
  /** Default DDL file for `--schema`. */
  schema?: string
  /** Dialect of the DDL file (default: detected). */
  dialect?: string
}

const KEYS: Record<keyof TdgConfig, 'string'> = { db: 'string', schema: 'string', dialect: 'string' }

/** The loaded config and the file it came from (undefined when none was found). */
export interface LoadedConfig {
  config: TdgConfig
  file?: string
}

/**
 * Find and load tdg's config with cosmiconfig (`.tdgrc`, `.tdgrc.json|yaml|yml`, `tdg.config.{js,mjs,ts}`,
 * `package.json#tdg`), searching up from `cwd`, or load `explicitPath`. Unknown keys and wrong types are
 * TDG_CONFIG_INVALID naming the file and key; `${VAR}` placeholders are replaced from `env` (a missing
 * variable is an error naming it).
 */
export async function loadConfig(opts: { cwd?: string; explicitPath?: string; env?: NodeJS.ProcessEnv } = {}): Promise<LoadedConfig> {
  const explorer = cosmiconfig('tdg', { searchStrategy: 'project' })
  let result
  try {
    result = opts.explicitPath ? await explorer.load(opts.explicitPath) : await explorer.search(opts.cwd)
  } catch (e) {
    // cosmiconfig says "JSON Error in <file>:\n<reason …>" (YAML likewise); keep file and reason, drop the echoed text.
    const [head = '', reason = ''] = (e as Error).message.split('\n')
    const file = /^\w+ Error in (.+):$/.exec(head)?.[1] ?? opts.explicitPath ?? 'config file'
    const why = (reason || head).replace(/ while parsing [\s\S]*$/, '')
    throw new TdgError('TDG_CONFIG_INVALID', `${file}: ${why}`, { file }, { cause: e })
  }
  if (!result || result.isEmpty) return { config: {}, file: result?.filepath }
  const file = result.filepath
  const raw: unknown = result.config
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TdgError('TDG_CONFIG_INVALID', `${file}: the config must be an object`, { file })
  }
  const config: TdgConfig = {}
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('$')) continue // "$comment", "$schema": documentation keys
    if (!(key in KEYS)) throw new TdgError('TDG_CONFIG_INVALID', `${file}: unknown key '${key}' (known: ${Object.keys(KEYS).join(', ')})`, { file, key })
    if (typeof value !== 'string') throw new TdgError('TDG_CONFIG_INVALID', `${file}: '${key}' must be a string`, { file, key })
    config[key as keyof TdgConfig] = interpolate(value, opts.env ?? process.env, file, key)
  }
  return { config, file }
}

function interpolate(value: string, env: NodeJS.ProcessEnv, file: string, key: string): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const v = env[name]
    if (v === undefined) throw new TdgError('TDG_CONFIG_INVALID', `${file}: '${key}' uses \${${name}}, which is not set in the environment`, { file, key })
    return v
  })
}
