/**
 * Row coherence for companies: a table's domain, website and generic mailbox columns are made from the
 * row's company name (`Rempel, Hills and Kohler` → `rempelhills.com`, `https://www.rempelhills.com`,
 * `info@rempelhills.com`), the `company-web` generator. Only columns whose CHECKs those values cannot
 * break; a person's email (person-group.ts) stays the person's.
 */
import type { ColumnConstraints } from './column-constraints.js'
import type { DraftColumnView } from './draft-column.js'
import { snakeName } from './semantics.js'

/** What this pass reads and rewrites of a draft column. */
export type CompanyColumn = Pick<DraftColumnView, 'name' | 'spec' | 'reason'>

const WEB: Array<[RegExp, 'domain' | 'url']> = [
  [/(^|_)(domain|domain_name|hostname)$/, 'domain'],
  [/(^|_)(website|web_?site|homepage|home_page|url|web_?url|site_url)$/, 'url'],
]
/** Room for a domain: a short name, digits and a TLD. */
const MIN_LENGTH = { domain: 12, url: 24, email: 20 } as const

/** Rewrite one table's web columns from its company name column, in place. */
export function applyCompanyGroup(columns: CompanyColumn[], cons: (name: string) => ColumnConstraints, inKey: (name: string) => boolean, covered: Set<string>): string[] {
  const name = columns.find((c) => c.spec.kind === 'faker' && c.spec.semantic === 'company')
  if (!name) return []
  const out: string[] = []
  for (const c of columns) {
    if (c === name || covered.has(c.name)) continue
    const n = snakeName(c.name)
    const form = WEB.find(([re]) => re.test(n))?.[1] ?? (c.spec.kind === 'faker' && c.spec.semantic === 'email' ? 'email' : undefined)
    if (!form || (c.spec.kind !== 'faker' && c.spec.kind !== 'string')) continue
    const k = cons(c.name)
    if (k.likes.length > 0 || k.notLikes.length > 0 || k.exclude.some((v) => v !== '') || k.inList !== undefined || k.equals !== undefined) continue
    const max = c.spec.maxLength
    if (max !== undefined && max < MIN_LENGTH[form]) continue
    c.spec = { kind: 'company-web', from: name.name, form, ...(inKey(c.name) ? { digits: 2 } : {}), minLength: c.spec.minLength, ...(max !== undefined ? { maxLength: max } : {}) }
    c.reason = `${c.reason}; the ${form} of the row's ${name.name}`
    out.push(c.name)
  }
  return out
}
