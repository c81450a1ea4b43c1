import { realpathSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path'
import { redactUrl } from '../adapter/redact-url.js'
import { TdgError } from '../errors.js'

/** `serve.allow` of the config: URL patterns and output directories (absent: nothing allowed). */
export interface AllowLists {
  db?: string[]
  output?: string[]
}

/** `*` matches any text; everything else literally; the whole URL must match. */
function patternRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i')
}

/**
 * Refuse (TDG_API_FORBIDDEN, naming `serve.allow.db`) a database URL no pattern of `allow.db` matches.
 * Patterns are matched against the URL with its password replaced by `***`, so they never hold one.
 */
export function checkDbAllowed(url: string, allow: AllowLists): void {
  const shown = redactUrl(url)
  if (!allow.db || allow.db.length === 0) throw new TdgError('TDG_API_FORBIDDEN', `serve.allow.db refused ${shown}: the config allows no database (set serve.allow.db)`, { key: 'serve.allow.db' })
  if (!allow.db.some((p) => patternRegex(p).test(shown))) throw new TdgError('TDG_API_FORBIDDEN', `serve.allow.db refused ${shown}: it matches none of the allowed patterns`, { key: 'serve.allow.db' })
}

/** The real path of `p`, or of its nearest existing ancestor joined with the rest (the output may not exist yet). */
function realish(p: string): string {
  try {
    return realpathSync(p)
  } catch {
    const parent = dirname(p)
    return parent === p ? p : resolve(realish(parent), p.slice(parent.length + 1))
  }
}

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(`..${sep}`))
}

/**
 * The absolute output directory of a generate job, when it lies strictly inside one of `allow.output`
 * (symbolic links resolved); else TDG_API_FORBIDDEN naming `serve.allow.output`. Remote outputs (s3://) are refused.
 */
export function checkOutputAllowed(output: string, allow: AllowLists): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(output)) throw new TdgError('TDG_API_FORBIDDEN', `serve.allow.output refused ${redactUrl(output)}: jobs write to local directories only`, { key: 'serve.allow.output' })
  if (!allow.output || allow.output.length === 0) throw new TdgError('TDG_API_FORBIDDEN', `serve.allow.output refused ${output}: the config allows no output directory (set serve.allow.output)`, { key: 'serve.allow.output' })
  const target = realish(resolve(output))
  // The directory itself is replaced as a whole by a run: only a directory below an allowed one.
  if (!allow.output.some((dir) => { const root = realish(resolve(dir)); return isInside(root, target) && target !== root })) throw new TdgError('TDG_API_FORBIDDEN', `serve.allow.output refused ${output}: it is not inside an allowed directory`, { key: 'serve.allow.output' })
  return target
}
