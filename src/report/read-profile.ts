/**
 * Profile JSON as `tdg report` reads it: checked for the fields fidelity and the HTML report use, so a
 * file that is not a profile (or of another version) is one TDG_PROFILE_INVALID line naming the file
 * and the first bad field, not a crash halfway through a chart.
 */
import { z } from 'zod'
import { TdgError } from '../errors.js'
import { PROFILE_VERSION, type Profile } from '../model/profile.js'
import { QUANTILE_POINTS } from './quantile-cdf.js'

const summary = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  quantiles: z
    .array(z.number())
    .length(QUANTILE_POINTS, `expected ${QUANTILE_POINTS} numbers`)
    .refine((q) => q.every((x, i) => i === 0 || x >= q[i - 1]!), 'expected ascending numbers'),
  integral: z.boolean(),
})

const share = z.number().min(0).max(1)

const column = z.object({
  name: z.string(),
  kind: z.string(),
  count: z.number(),
  nullShare: share,
  distinct: z.number(),
  distinctShare: z.number(),
  numeric: summary.optional(),
  length: summary.optional(),
  range: z.object({ min: z.string(), max: z.string() }).optional(),
  categories: z.object({ values: z.array(z.object({ value: z.union([z.string(), z.number(), z.boolean()]), share })), other: share }).optional(),
  valuesWithheld: z.boolean().optional(),
})

const fanOut = z.object({
  columns: z.array(z.string()).min(1),
  parent: z.object({ table: z.string() }),
  parents: z.number(),
  childless: share,
  min: z.number(),
  median: z.number(),
  p95: z.number(),
  max: z.number(),
  mean: z.number(),
})

const table = z.object({
  name: z.string(),
  schema: z.string().optional(),
  rows: z.object({ count: z.number().min(0), exact: z.boolean(), method: z.string() }),
  sampled: z.number(),
  columns: z.array(column),
  fanOut: z.array(fanOut),
})

const profile = z.object({
  source: z.object({ kind: z.enum(['db', 'csv', 'files']), name: z.string() }),
  tables: z.array(table),
})

/**
 * Parse and check profile JSON text read from `where` (a file name, for messages). Throws
 * TDG_PROFILE_INVALID naming `where` and the first bad field; never echoes values.
 */
export function parseProfile(text: string, where: string): Profile {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw new TdgError('TDG_PROFILE_INVALID', `${where}: not JSON (${(e as Error).message.split('\n')[0]}); expected a profile written by tdg profile --json`, { file: where }, { cause: e })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('version' in raw) || !('tables' in raw)) {
    throw new TdgError('TDG_PROFILE_INVALID', `${where}: not a tdg profile (no version and tables); expected the output of tdg profile --json`, { file: where })
  }
  const version = (raw as { version: unknown }).version
  if (version !== PROFILE_VERSION) {
    throw new TdgError('TDG_PROFILE_INVALID', `${where}: profile version ${JSON.stringify(version)}; this tdg reads version ${PROFILE_VERSION} (profile again with this tdg)`, { file: where })
  }
  const checked = profile.safeParse(raw)
  if (!checked.success) {
    const issue = checked.error.issues[0]!
    throw new TdgError('TDG_PROFILE_INVALID', `${where}: ${pathText(issue.path, raw)}: ${issue.message}`, { file: where })
  }
  // The original object, not zod's copy: fields this reader does not check travel on unchanged.
  return raw as Profile
}

/** `tables[2] (orders).columns[0] (id).numeric.quantiles`: indexes with the names they hold. */
function pathText(path: PropertyKey[], root: unknown): string {
  let node: unknown = root
  let text = ''
  for (const p of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[p] : undefined
    if (typeof p === 'number') {
      const name = node !== null && typeof node === 'object' ? (node as { name?: unknown }).name : undefined
      text += `[${p}]${typeof name === 'string' ? ` (${name})` : ''}`
    } else text += `${text ? '.' : ''}${String(p)}`
  }
  return text || 'profile'
}
