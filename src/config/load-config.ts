import { cosmiconfig } from 'cosmiconfig'
import { TdgError } from '../errors.js'
import { CONFIG_KEYS, configSchema, type TdgConfig } from './config-schema.js'

export type { TdgConfig } from './config-schema.js'

/** The loaded config and the file it came from (undefined when none was found). */
export interface LoadedConfig {
  config: TdgConfig
  file?: string
}

/**
 * Find and load tdg's config with cosmiconfig (`.tdgrc`, `.tdgrc.json|yaml|yml|js|mjs|cjs|ts`,
 * `tdg.config.{js,mjs,cjs,ts}`, `package.json#tdg`), searching up from `cwd` to the project root, or load
 * `explicitPath`. `${VAR}` placeholders in string values are replaced from `env` (a missing variable is an
 * error naming it). Unknown keys and wrong types are TDG_CONFIG_INVALID naming the file and key.
 * Keys starting with `$` (`$comment`, `$schema`) are documentation and ignored.
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
  const raw: unknown = (result.config as { default?: unknown })?.default ?? result.config
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TdgError('TDG_CONFIG_INVALID', `${file}: the config must be an object`, { file })
  }
  const visible = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$')))
  const parsed = configSchema.safeParse(interpolate(visible, opts.env ?? process.env, file, ''))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    if (issue.code === 'unrecognized_keys') {
      throw new TdgError('TDG_CONFIG_INVALID', `${file}: unknown key '${issue.keys[0]}' (known: ${CONFIG_KEYS.join(', ')})`, { file, key: issue.keys[0] })
    }
    const key = issue.path.join('.')
    throw new TdgError('TDG_CONFIG_INVALID', `${file}: '${key}' ${describeIssue(issue.message)}`, { file, key })
  }
  return { config: parsed.data, file }
}

function describeIssue(message: string): string {
  const expected = /expected (\w+), received (\w+)/.exec(message)
  if (expected) return `must be a ${expected[1]} (got ${expected[2]})`
  return message.charAt(0).toLowerCase() + message.slice(1)
}

/** Replace `${VAR}` in every string, depth first; `path` names the key in errors. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, file: string, path: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const v = env[name]
      if (v === undefined) throw new TdgError('TDG_CONFIG_INVALID', `${file}: '${path}' uses \${${name}}, which is not set in the environment`, { file, key: path })
      return v
    })
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, file, `${path}.${i}`))
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, file, path ? `${path}.${k}` : k)]))
  }
  return value
}
