/**
 * Template rules (`{{person.firstName}}.{{person.lastName}}@acme.test`) compiled once per column: each
 * placeholder's pool is joined with the literal after it (the first also with the leading literal), so
 * a row is one concatenation per placeholder. Unique values put a base-36 suffix of the domain index
 * before the template's last '@' (or at the end), exactly as `withSuffix` does, so the map stays injective.
 * Templates that read columns of the row (`{{first_name}}.{{last_name}}@acme.test`) are row-templates.ts.
 */
import type { Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { below, mix32 } from './prng.js'
import { parseTemplate, placeholderPool, templateColumns } from './faker-call.js'
import { fit, POOL_SIZE } from './pools.js'
import type { Streams } from './text-sources.js'
import { rowTemplateSource } from './row-templates.js'

/** Longest base-36 suffix of an index below 2^53. */
const MAX_SUFFIX = 11

/** A compiled template column: `random(i)` a draw, `unique(k, i)` injective in k. */
export interface TemplateSource {
  random(i: number): Value
  unique(k: number, i: number): Value
}

/** How a template column is compiled. */
export interface TemplateOptions {
  lowercase?: boolean
  maxLength?: number
  /** Faker locale of the placeholders' pools (loaded; default English). */
  locale?: string
  /** `table.column`, for errors. */
  where: string
  /** The values the row writes in another column (`{{first_name}}`); required when the template reads columns. */
  column?: (name: string) => (i: number) => Value
}

/** Compile `template` (see TemplateSource); `where` names the column in errors. */
export function templateSource(template: string, s: Streams, opts: TemplateOptions): TemplateSource {
  const parsed = parseTemplate(template)
  if ('error' in parsed) throw new TdgError('TDG_INTERNAL', `template of ${opts.where}: ${parsed.error}`)
  if (templateColumns(parsed).length > 0) {
    if (!opts.column) throw new TdgError('TDG_INTERNAL', `template of ${opts.where} reads columns of the row, but none were given`)
    return rowTemplateSource(parsed, s, { ...opts, column: opts.column })
  }
  const lower = opts.lowercase === true
  const lit = parsed.literals.map((l) => (lower ? l.toLowerCase() : l))
  const pools = parsed.placeholders.map((p, j) => ('method' in p ? placeholderPool(p, j, s, lower, opts.locale) : []))
  const hs = pools.map((_, j) => mix32(s.h ^ Math.imul(j + 1, 0x165667b1)))
  const max = opts.maxLength
  const last = lit[lit.length - 1]!
  const atInLast = last.lastIndexOf('@')
  const atInPools = pools.some((p) => p.some((v) => v.includes('@')))
  // Pools joined with their literals; `tail` is what follows the unique suffix.
  const join = (withTail: boolean): string[][] =>
    pools.map((p, j) => p.map((v) => (j === 0 ? lit[0]! : '') + v + (j < pools.length - 1 ? lit[j + 1]! : withTail ? last : last.slice(0, Math.max(0, atInLast)))))
  if (pools.length === 0) {
    const text = max === undefined ? last : fit(last, 0, max)
    return { random: () => text, unique: (k) => withSuffix(last, k, max) }
  }
  const full = join(true)
  const longest = full.reduce((n, p) => n + Math.max(...p.map((v) => v.length)), 0)
  const draw = (parts: string[][], i: number): string => {
    let out = parts[0]![below(hs[0]!, i, POOL_SIZE)]!
    for (let j = 1; j < parts.length; j++) out += parts[j]![below(hs[j]!, i, POOL_SIZE)]!
    return out
  }
  // `fit` also drops trailing spaces (PAD SPACE collations ignore them); only the last part can add any.
  const trailing = full[full.length - 1]!.some((v) => v !== v.trimEnd())
  const random = max === undefined || (longest <= max && !trailing) ? (i: number) => draw(full, i) : (i: number) => fit(draw(full, i), 0, max)
  // Fast unique path when the suffix goes into the last literal (or at the end) and always fits.
  const fits = max === undefined || longest + 1 + MAX_SUFFIX <= max
  if (!fits || atInPools) return { random, unique: (k, i) => withSuffix(draw(full, i), k, max) }
  if (atInLast < 0) return { random, unique: (k, i) => `${draw(full, i)}-${k.toString(36)}` }
  const head = join(false)
  const domain = last.slice(atInLast)
  return { random, unique: (k, i) => `${draw(head, i)}.${k.toString(36)}${domain}` }
}

/**
 * Make `base` unique for domain index k: a base-36 suffix (which has no '.' or '-') before the last '@'
 * of an email, else at the end. The suffix is recoverable from the text, so the map is injective.
 */
export function withSuffix(base: string, k: number, max: number | undefined): string {
  const suffix = k.toString(36)
  const at = base.lastIndexOf('@')
  if (at > 0) {
    let local = base.slice(0, at)
    const domain = base.slice(at)
    if (max !== undefined) local = local.slice(0, Math.max(0, max - domain.length - suffix.length - 1))
    return `${local}.${suffix}${domain}`
  }
  const room = max === undefined ? base.length : Math.max(0, max - suffix.length - 1)
  return `${base.slice(0, room)}-${suffix}`
}
