/**
 * Faker methods named by path (`location.countryCode`, `number.int` with arguments), resolved once into
 * a POOL of values drawn by index: never a faker call per row. Also template strings
 * (`{{person.firstName}}.{{person.lastName}}@acme.test`, `{{first_name}}.{{last_name}}@acme.test`) split
 * once into literal parts and placeholders: faker paths (they have a dot) or columns of the row.
 */
import type { Value } from '../model/rows.js'
import { POOL_SIZE } from './pools.js'
import { fakerFor, type Faker } from './locales.js'
import { mix32 } from './prng.js'

type AnyFn = (...args: unknown[]) => unknown

/**
 * The faker function at `path` bound to its module (of `faker`, default the English one), or an error
 * message when there is none. Every locale has the same methods; only their data differ.
 */
export function resolveFakerMethod(path: string, faker: Faker = fakerFor(undefined)): { fn: AnyFn } | { error: string } {
  const parts = path.split('.')
  if (parts.length < 2 || parts.some((p) => p === '' || p.startsWith('_'))) return { error: `'${path}' is not a faker method path like 'location.countryCode'` }
  let owner: unknown = faker
  let cur: unknown = faker
  for (const p of parts) {
    if (typeof cur !== 'object' || cur === null || !(p in cur)) return { error: `faker has no '${path}'` }
    owner = cur
    cur = (cur as Record<string, unknown>)[p]
  }
  if (typeof cur !== 'function') return { error: `faker '${path}' is not a method` }
  const fn = cur as AnyFn
  return { fn: (...args) => fn.apply(owner, args) }
}

/** A faker result as a cell value: strings and numbers as they are, dates as ISO text, the rest as JSON. */
function toValue(v: unknown): Value {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v
  if (typeof v === 'bigint') return v.toString()
  if (v instanceof Date) return v.toISOString()
  return JSON.stringify(v) ?? null
}

/**
 * `size` values of faker `method(...args)` from the faker of `locale` (default English; loaded: see
 * locales.ts) seeded with `seedHash`. Throws the faker error (e.g. bad arguments) as a plain Error;
 * callers wrap it.
 */
export function fakerPool(method: string, args: unknown[], seedHash: number, size = POOL_SIZE, locale?: string): Value[] {
  const faker = fakerFor(locale)
  const r = resolveFakerMethod(method, faker)
  if ('error' in r) throw new Error(r.error)
  faker.seed(seedHash)
  const out = new Array<Value>(size)
  for (let j = 0; j < size; j++) out[j] = toValue(r.fn(...args))
  return out
}

/**
 * The pool of a template's faker placeholder number j, from the column's streams (`h3`): the same for
 * every kind of template, so a template's outputs do not move when another placeholder is added after it.
 */
export function placeholderPool(p: { method: string; args: unknown[] }, j: number, s: { h3: number }, lower: boolean, locale?: string): string[] {
  return fakerPool(p.method, p.args, mix32(s.h3 + Math.imul(j + 1, 0x27d4eb2f)), POOL_SIZE, locale).map((v) => (lower ? String(v).toLowerCase() : String(v)))
}

/** A template placeholder: a faker call, or a column of the same row (`{{first_name}}`). */
export type TemplatePlaceholder = { method: string; args: unknown[] } | { column: string }

/** A parsed template: `literals[0] p0 literals[1] p1 … literals[n]`. */
export interface ParsedTemplate {
  literals: string[]
  placeholders: TemplatePlaceholder[]
}

/** The columns of the row a parsed template reads (`{{first_name}}`), in order, without repeats. */
export function templateColumns(t: ParsedTemplate): string[] {
  return [...new Set(t.placeholders.flatMap((p) => ('column' in p ? [p.column] : [])))]
}

/**
 * Split a template into literals and `{{method}}` / `{{method(jsonArgs)}}` / `{{column}}` placeholders:
 * a name with a dot is a faker method path, a plain name (`first_name`) a column of the row (whether it
 * exists is the planner's check). Returns an error message for unbalanced braces, bad arguments or
 * unknown faker methods.
 */
export function parseTemplate(template: string): ParsedTemplate | { error: string } {
  const literals: string[] = []
  const placeholders: ParsedTemplate['placeholders'] = []
  let rest = template
  for (;;) {
    const open = rest.indexOf('{{')
    const close = rest.indexOf('}}')
    if (open < 0) {
      if (close >= 0) return { error: "'}}' without '{{'" }
      literals.push(rest)
      break
    }
    if (close >= 0 && close < open) return { error: "'}}' without '{{'" }
    const end = rest.indexOf('}}', open + 2)
    if (end < 0) return { error: "'{{' without '}}'" }
    literals.push(rest.slice(0, open))
    const body = rest.slice(open + 2, end).trim()
    if (/^[A-Za-z_][\w$]*$/.test(body)) {
      placeholders.push({ column: body })
      rest = rest.slice(end + 2)
      continue
    }
    const m = /^([A-Za-z][\w.]*)(?:\((.*)\))?$/s.exec(body)
    if (!m) return { error: `placeholder '{{${body}}}' is neither a faker method path ('person.firstName') nor a column name` }
    let args: unknown[] = []
    if (m[2] !== undefined && m[2].trim() !== '') {
      try {
        args = JSON.parse(`[${m[2]}]`) as unknown[]
      } catch {
        return { error: `arguments of '{{${body}}}' are not JSON` }
      }
    }
    const r = resolveFakerMethod(m[1]!)
    if ('error' in r) return { error: r.error }
    placeholders.push({ method: m[1]!, args })
    rest = rest.slice(end + 2)
  }
  return { literals, placeholders }
}
