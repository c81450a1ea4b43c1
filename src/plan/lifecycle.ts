/**
 * Lifecycle columns follow the row's state (issue 10 §3): `shipped_at` is set only when the status says
 * shipped or later, `cancelled_at` only for cancelled rows, `deleted_at` only where the active flag is
 * off; soft-delete and end columns are mostly NULL. Nullable columns only: a NOT NULL one is always set.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import type { DraftColumnView } from './draft-column.js'
import { snakeName } from './semantics.js'

/** What lifecycle reads and rewrites of a draft column. */
export type LifecycleColumn = Pick<DraftColumnView, 'name' | 'column' | 'spec' | 'reason' | 'nullRate'>

const SUFFIX = '(_at|_on|_date|_time|_ts)?$'
/** Column name → the status values under which it is set. */
const BY_STATUS: Array<[RegExp, RegExp]> = [
  [new RegExp(`(^|_)shipped${SUFFIX}`), /^(shipped|in_transit|out_for_delivery|delivered|completed?|fulfilled|returned)$/i],
  [new RegExp(`(^|_)delivered${SUFFIX}`), /^(delivered|completed?|returned)$/i],
  [new RegExp(`(^|_)cancell?ed${SUFFIX}`), /^(cancell?ed)$/i],
  [new RegExp(`(^|_)paid${SUFFIX}`), /^(paid|shipped|in_transit|delivered|completed?|fulfilled|refunded|returned|settled|succeeded)$/i],
  [new RegExp(`(^|_)refunded${SUFFIX}`), /^(refunded)$/i],
  [new RegExp(`(^|_)returned${SUFFIX}`), /^(returned)$/i],
  [new RegExp(`(^|_)(closed|archived)${SUFFIX}`), /^(closed|closed_won|closed_lost|resolved|done|completed?|archived|won|lost)$/i],
  [new RegExp(`(^|_)resolved${SUFFIX}`), /^(resolved|closed|done)$/i],
  [new RegExp(`(^|_)(completed|finished)${SUFFIX}`), /^(completed?|done|finished|delivered)$/i],
  [new RegExp(`(^|_)(ended|terminated|churned)${SUFFIX}`), /^(ended|expired|cancell?ed|terminated|inactive|churned|completed?)$/i],
  [new RegExp(`(^|_)(approved|accepted)${SUFFIX}`), /^(approved|accepted|active|published|completed?)$/i],
  [new RegExp(`(^|_)rejected${SUFFIX}`), /^(rejected|declined)$/i],
  [new RegExp(`(^|_)published${SUFFIX}`), /^(published|live|active)$/i],
  [new RegExp(`(^|_)(deleted|removed)${SUFFIX}`), /^(deleted|removed|archived)$/i],
]
/** Soft-delete and deactivation columns: NULL unless the row is gone. */
const SOFT_DELETE = new RegExp(`(^|_)(deleted|removed|archived|deactivated|disabled|banned|suspended)${SUFFIX}`)
/** Flags saying the row is alive (true) or gone (true). */
const ALIVE_FLAG = /^(is_)?(active|enabled|live|visible)$/
const GONE_FLAG = /^(is_)?(deleted|archived|disabled|removed|banned|suspended)$/
/** Share of soft-deleted rows when nothing else says which. */
const SOFT_DELETE_SHARE = 0.08

/**
 * Apply lifecycle rules to one table's columns in place (specs, NULL shares, reasons); `covered`: columns
 * a rule replaced (left alone).
 */
export function applyLifecycle(columns: LifecycleColumn[], covered: Set<string>): void {
  const status = columns.find((c) => /(^|_)(status|state)$/.test(snakeName(c.name)) && labelsOf(c.spec) !== undefined && !covered.has(c.name))
  const alive = columns.find((c) => ALIVE_FLAG.test(snakeName(c.name)) && c.spec.kind === 'boolean' && !covered.has(c.name))
  const gone = columns.find((c) => GONE_FLAG.test(snakeName(c.name)) && c.spec.kind === 'boolean' && !covered.has(c.name))
  // Most rows are alive: flags lean that way.
  if (alive && alive.spec.kind === 'boolean') alive.spec = { ...alive.spec, trueRate: 0.9 }
  if (gone && gone.spec.kind === 'boolean') gone.spec = { ...gone.spec, trueRate: 0.05 }
  for (const c of columns) {
    if (!c.column.nullable || covered.has(c.name) || c === status || !isTimeSpec(c.spec)) continue
    const n = snakeName(c.name)
    const rule = BY_STATUS.find(([name]) => name.test(n))
    const labels = status ? labelsOf(status.spec) : undefined
    const when = rule && labels ? labels.filter((v) => typeof v === 'string' && rule[1].test(v)) : []
    if (status && when.length > 0) {
      c.spec = { kind: 'conditional', when: { [status.name]: when as string[] }, then: c.spec, else: { kind: 'null' } }
      c.nullRate = 0
      c.reason = `${c.reason}; set only when ${status.name} is ${when.join('/')}`
      continue
    }
    if (!SOFT_DELETE.test(n)) continue
    const flag = alive ?? gone
    if (flag) {
      c.spec = { kind: 'conditional', when: { [flag.name]: [flag === alive ? false : true] }, then: c.spec, else: { kind: 'null' } }
      c.nullRate = 0
      c.reason = `${c.reason}; set only where ${flag.name} is ${flag === alive ? 'false' : 'true'}`
    } else {
      c.nullRate = 1 - SOFT_DELETE_SHARE
      c.reason = `${c.reason}; mostly NULL (${Math.round(SOFT_DELETE_SHARE * 100)}% of rows deleted)`
    }
  }
}

/** The values a status column can take, when its generator lists them. */
function labelsOf(spec: GeneratorSpec): Value[] | undefined {
  if (spec.kind === 'choice') return spec.values
  if (spec.kind === 'weighted') return spec.values
  // A DEFAULT for most rows, a vocabulary for the rest.
  if (spec.kind === 'usually') return [spec.value, ...(labelsOf(spec.otherwise) ?? [])]
  return undefined
}

function isTimeSpec(spec: GeneratorSpec): boolean {
  return spec.kind === 'date' || spec.kind === 'timestamp' || spec.kind === 'relative' || spec.kind === 'after-parents'
}
