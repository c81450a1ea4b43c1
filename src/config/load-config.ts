import { readFileSync } from 'node:fs'
import { TdgError } from '../errors.js'
import { mayHaveConfig } from './config-presence.js'
import type { TdgConfig } from './config-schema.js'

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
  // No file cosmiconfig could find: not even loaded (config-presence.ts).
  if (!opts.explicitPath && !mayHaveConfig(opts.cwd)) return { config: {} }
  const { cosmiconfig } = await import('cosmiconfig')
  const explorer = cosmiconfig('tdg', { searchStrategy: 'project' })
  let result
  try {
    result = opts.explicitPath ? await explorer.load(opts.explicitPath) : await explorer.search(opts.cwd)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    // A config file the user names but that is not there is an unreadable input file, like --schema's.
    if (opts.explicitPath && (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES'))
      throw new TdgError('TDG_FILE_READ', `${opts.explicitPath}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'permission denied'}`, { file: opts.explicitPath }, { cause: e })
    throw syntaxError(e, opts.explicitPath)
  }
  if (!result || result.isEmpty) return { config: {}, file: result?.filepath }
  const file = result.filepath
  const raw: unknown = (result.config as { default?: unknown })?.default ?? result.config
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TdgError('TDG_CONFIG_INVALID', `${file}: the config must be an object`, { file })
  }
  const visible = Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith('$')))
  // The schema (zod) is loaded only when there is a file to check: a run without one does not pay for it.
  const { CONFIG_KEYS, configSchema } = await import('./config-schema.js')
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

/**
 * A config file that does not parse, as one line: `file:line:column: reason`. cosmiconfig says
 * "JSON Error in <file>: <code frame> <reason> in JSON at position N while parsing …" (YAML: "<reason>
 * (line:col)"); the code frame and the echoed text go, the position becomes line and column.
 */
function syntaxError(e: unknown, explicitPath: string | undefined): TdgError {
  const err = e as Error & { filepath?: string }
  const message = err.message ?? String(e)
  const lines = message.split('\n').map((l) => l.trim())
  const file = err.filepath ?? /^\w+ Error in (.+?):?\s*$/.exec(lines[0] ?? '')?.[1] ?? explicitPath ?? 'config file'
  const reasonLine = lines.slice(1).find((l) => l !== '' && !/^(>?\s*\d+\s*\||\|)/.test(l)) ?? lines[0] ?? ''
  let reason = reasonLine.replace(/ while parsing [\s\S]*$/, '').trim()
  let where = ''
  const pos = / in JSON at position (\d+)/.exec(reason)
  if (pos) {
    reason = reason.replace(/ in JSON at position \d+( \(line \d+ column \d+\))?/, '')
    where = lineColumn(file, Number(pos[1]))
  } else {
    // YAML: "<reason> (line:col)" at the end of the reason, or a code frame line "> 3 | …".
    const yamlPos = / \((\d+):(\d+)\)$/.exec(reason)
    const frame = lines.find((l) => /^>\s*\d+\s*\|/.test(l))
    if (yamlPos) {
      reason = reason.slice(0, yamlPos.index)
      where = `:${yamlPos[1]}:${yamlPos[2]}`
    } else if (frame) where = `:${/\d+/.exec(frame)?.[0] ?? ''}`
  }
  return new TdgError('TDG_CONFIG_INVALID', `${file}${where}: ${reason || 'cannot be parsed'}`, { file }, { cause: e })
}

/** `:line:column` (1-based) of character offset `pos` in `file`, or '' when the file cannot be read. */
function lineColumn(file: string, pos: number): string {
  try {
    const before = readFileSync(file, 'utf8').slice(0, pos)
    const line = before.split('\n').length
    return `:${line}:${pos - before.lastIndexOf('\n')}`
  } catch {
    return ''
  }
}
