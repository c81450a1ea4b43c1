/**
 * Time that runs forwards (issue 10 §2): a child's creation-like time comes after its parents' (an order
 * after its customer was created), and the names that say "later than creation" (updated, deleted,
 * shipped, last_login …) come after the row's creation time (see relations.ts). Everything ends at `now`.
 */
import type { GeneratorSpec, ParentTime } from '../model/plan.js'
import type { FkEdge } from './fk-graph.js'
import { snakeName, timeRole } from './semantics.js'

const SUFFIX = '(_at|_on|_date|_time|_ts)?$'
const CREATED_LIKE = new RegExp(`(^|_)(ordered|placed|issued|booked|purchased|submitted|opened|started|posted|published|hired|enrolled|invoiced|requested|reported|sent|received)${SUFFIX}|^(order|invoice|hire|start|issue|post|booking|purchase|enrollment|enrolment|signup|registration|transaction|payment)_(date|time|at)$`)
const AFTER_CREATION = new RegExp(
  `(^|_)(deleted|removed|archived|closed|ended|cancell?ed|shipped|delivered|completed|resolved|paid|refunded|returned|verified|confirmed|approved|activated|deactivated|terminated|finished|accepted|rejected|answered|read|seen)${SUFFIX}|^last_(login|seen|active|activity|sign_in|signin|visit|access)(ed)?${SUFFIX}`,
)
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

/** What the cross-table pass reads and rewrites of a draft column. */
export interface TimeColumn {
  name: string
  spec: GeneratorSpec
  reason: string
  fixed: boolean
}

/**
 * Make each table's creation-like column come after its parents' creation-like columns. `tables`: the
 * drafts in plan order (parents first), each with its FK edges; `cut` links are written NULL at first, so
 * they are not followed. Columns that are keys, derived, or not plain dates/timestamps keep their spec.
 */
export function applyParentTimes(tables: Array<{ key: string; columns: TimeColumn[]; edges: FkEdge[] }>, cut: Set<FkEdge>, now: number): void {
  const created = new Map<string, TimeColumn>()
  for (const t of tables) {
    const own = t.columns.find((c) => createdLike(c.name) && !c.fixed && isTime(c.spec))
    if (!own) continue
    const parents: ParentTime[] = []
    for (const e of t.edges) {
      if (e.self || cut.has(e)) continue
      const p = created.get(e.parent)
      const via = t.columns.find((c) => c.name === e.fk.columns[0])
      if (!p || !via || via.spec.kind !== 'fk') continue
      parents.push({ via: via.name, parentStep: e.parent, parentColumn: p.name, unit: unitOf(p.spec) })
    }
    created.set(t.key, own)
    if (parents.length === 0 || (own.spec.kind !== 'date' && own.spec.kind !== 'timestamp')) continue
    own.spec = { kind: 'after-parents', parents, now, of: own.spec }
    own.reason = `${own.reason}; after ${parents.map((p) => `${p.parentStep}.${p.parentColumn}`).join(' and ')} (the parent row it belongs to), before now`
  }
}

function isTime(spec: GeneratorSpec): boolean {
  return spec.kind === 'date' || spec.kind === 'timestamp' || spec.kind === 'after-parents'
}

function unitOf(spec: GeneratorSpec): 'day' | 'second' {
  const s = spec.kind === 'after-parents' ? spec.of : spec
  return s.kind === 'date' ? 'day' : 'second'
}
