/**
 * Time that runs forwards (issue 10 §2): a child's creation-like time comes after its parents' (an order
 * after its customer was created), and the names that say "later than creation" (updated, deleted,
 * shipped, last_login …) come after the row's creation time (see relations.ts). Everything ends at `now`.
 */
import type { GeneratorSpec, ParentTime } from '../model/plan.js'
import type { FkEdge } from './fk-graph.js'
import type { DraftColumnView } from './draft-column.js'
import { snakeName, timeRole } from './semantics.js'

const SUFFIX = '(_at|_on|_date|_time|_ts)?$'
const CREATED_LIKE = new RegExp(`(^|_)(ordered|placed|issued|booked|purchased|submitted|opened|hired|enrolled|invoiced|requested|reported)${SUFFIX}|^(order|invoice|hire|issue|booking|purchase|enrollment|enrolment|signup|registration|transaction)_(date|time|at)$`)
const AFTER_CREATION = new RegExp(
  `(^|_)(deleted|removed|archived|closed|ended|cancell?ed|shipped|delivered|completed|resolved|paid|refunded|returned|verified|confirmed|approved|activated|deactivated|terminated|termination|finished|accepted|rejected|answered|fulfilled|published|expired|churned|disabled|left|resigned)${SUFFIX}|^last_(login|logged_in|seen|active|activity|sign_in|signed_in|signin|visit|visited|access|accessed)${SUFFIX}|(^|_)(due|expires|expiry|expiration)${SUFFIX}`,
)
/** Later → earlier columns of one row by name: the earlier one, when the row has it, is the base. */
const PAIRS: Array<[RegExp, RegExp]> = [
  [new RegExp(`(^|_)delivered${SUFFIX}|^delivery${SUFFIX}`), new RegExp(`(^|_)shipped${SUFFIX}|^ship${SUFFIX}`)],
  [new RegExp(`(^|_)(terminated|termination|left|resigned|fired)${SUFFIX}`), new RegExp(`(^|_)(hired|hire)${SUFFIX}`)],
  [new RegExp(`^(end|ends|ended|valid_to|valid_until|period_end|effective_to)${SUFFIX}`), new RegExp(`^(start|started|starts|begin|began|begins|valid_from|period_start|effective_from)${SUFFIX}`)],
]
/** Names of times that may lie ahead: not capped at now. */
const FUTURE_LIKE = /expir|(^|_)due($|_)|until|valid_to|deadline|scheduled|renew|(^|_)next_|(^|_)ends?_(at|on|date)$|(^|_)end_date$|(^|_)(trial|period)_end/

/** A row's creation time by name: `created_at`, `ordered_at`, `order_date`, `hired_on` … */
export function createdLike(column: string): boolean {
  const n = snakeName(column)
  return timeRole(n) === 'created' || CREATED_LIKE.test(n)
}

/** A time that cannot come before the row's creation: `updated_at`, `deleted_at`, `shipped_at`, `last_login` … */
export function afterCreation(column: string): boolean {
  const n = snakeName(column)
  return timeRole(n) === 'updated' || (AFTER_CREATION.test(n) && !createdLike(n))
}

/** A time that may lie in the future (`expires_at`, `due_date`, `trial_end`): not capped at now. */
export function futureLike(column: string): boolean {
  return FUTURE_LIKE.test(snakeName(column))
}

/**
 * The `later >= earlier` relations a row's names imply: creation-like columns in order (`hire_date` ≥
 * `created_at` when both), pairs like `delivered ≥ shipped`, `end ≥ start`, `terminated ≥ hired`, and
 * every later-than-creation column ≥ the last creation-like one. `names` in table order; `taken`:
 * columns a CHECK relates already; `comparable(a, b)`: both are times (or numbers) of one kind.
 */
export function implicitTimeRelations(names: string[], taken: Set<string>, comparable: (a: string, b: string) => boolean): ImplicitRelation[] {
  const out: ImplicitRelation[] = []
  // `created_at` heads the chain: children follow it (see applyParentTimes), so it keeps its own generator.
  const created = names.filter(createdLike).sort((a, b) => Number(timeRole(b) === 'created') - Number(timeRole(a) === 'created'))
  for (let j = 1; j < created.length; j++) if (!taken.has(created[j]!) && comparable(created[j]!, created[j - 1]!)) out.push({ left: created[j]!, op: '>=', right: created[j - 1]!, deriveLeft: true })
  const anchor = created[created.length - 1]
  for (const n of names) {
    if (taken.has(n) || createdLike(n)) continue
    const s = snakeName(n)
    const pair = PAIRS.find(([later]) => later.test(s))
    const earlier = pair ? names.find((m) => m !== n && pair[1].test(snakeName(m)) && comparable(n, m)) : undefined
    const base = earlier ?? (afterCreation(n) ? anchor : undefined)
    if (base !== undefined && base !== n && comparable(n, base)) out.push({ left: n, op: '>=', right: base, deriveLeft: true })
  }
  return out
}

/** `left >= right`, with `left` the column to derive (the later one by meaning, not by position). */
export interface ImplicitRelation {
  left: string
  op: '>='
  right: string
  deriveLeft: true
}

/** What the cross-table pass reads and rewrites of a draft column. */
export type TimeColumn = Pick<DraftColumnView, 'name' | 'spec' | 'reason' | 'fixed'>

/**
 * Make each table's creation-like columns come after its parents' creation-like column (a self-reference
 * after the earlier row it points to). `tables`: the drafts in plan order (parents first), each with its FK
 * edges; `cut` links are written NULL at first, so they are not followed. Columns that are keys, derived
 * (a relation made them relative) or not plain dates/timestamps keep their spec.
 */
export function applyParentTimes(tables: Array<{ key: string; columns: TimeColumn[]; edges: FkEdge[] }>, cut: Set<FkEdge>, now: number): void {
  const created = new Map<string, TimeColumn>()
  for (const t of tables) {
    const own = t.columns.filter((c) => createdLike(c.name) && !c.fixed && (c.spec.kind === 'date' || c.spec.kind === 'timestamp'))
    // What children read: the row's creation time (`created_at` before `order_date`), derived or not.
    const main = t.columns.find((c) => timeRole(c.name) === 'created' && isTime(c.spec)) ?? t.columns.find((c) => createdLike(c.name) && isTime(c.spec))
    if (main) created.set(t.key, main)
    for (const c of own) {
      const parents: ParentTime[] = []
      for (const e of t.edges) {
        if (cut.has(e)) continue
        const p = created.get(e.parent)
        const via = t.columns.find((x) => x.name === e.fk.columns[0])
        // A self-reference reads the row it points to (always an earlier one), not this column of this row.
        if (!p || !via || via.spec.kind !== 'fk' || (e.self && p !== c)) continue
        parents.push({ via: via.name, parentStep: e.parent, parentColumn: p.name, unit: unitOf(e.self ? c.spec : p.spec) })
      }
      if (parents.length === 0 || (c.spec.kind !== 'date' && c.spec.kind !== 'timestamp')) continue
      c.spec = { kind: 'after-parents', parents, now, of: c.spec }
      const others = parents.filter((p) => p.parentStep !== t.key)
      const self = parents.find((p) => p.parentStep === t.key)
      const after = [
        ...(others.length > 0 ? [`${others.map((p) => `${p.parentStep}.${p.parentColumn}`).join(' and ')} (the parent row it belongs to)`] : []),
        ...(self ? [`the earlier ${t.key} row ${self.via} points to${others.length === 0 ? ' (times grow with the row)' : ''}`] : []),
      ]
      c.reason = `${c.reason}; after ${after.join(' and ')}, before now`
    }
  }
}

function isTime(spec: GeneratorSpec): boolean {
  return spec.kind === 'date' || spec.kind === 'timestamp' || spec.kind === 'after-parents' || (spec.kind === 'relative' && isTime(spec.of))
}

function unitOf(spec: GeneratorSpec): 'day' | 'second' {
  const s = spec.kind === 'after-parents' || spec.kind === 'relative' ? spec.of : spec
  return s.kind === 'date' ? 'day' : 'second'
}
