/**
 * Temporal columns by the moment their name says they record, and which moments must come in order
 * within one row (`created ≤ updated`, `ordered ≤ shipped ≤ delivered`, `start ≤ end`).
 */
import { timeRole } from '../plan/semantics.js'
import { columnsOf, isDateOnly, isTemporal, type ColumnRef } from './columns.js'
import type { TableRows } from './types.js'
import { day, instant } from './values.js'
import type { Value } from '../model/rows.js'

/** The moment a temporal column records. */
export type Moment = 'created' | 'placed' | 'hired' | 'updated' | 'lifecycle' | 'shipped' | 'delivered' | 'terminated' | 'last-seen' | 'due' | 'span-start' | 'span-end' | 'other'

const SUFFIX = '(_at|_on|_date|_time|_ts|_timestamp)?$'
const re = (stems: string) => new RegExp(`^(${stems})${SUFFIX}`)

const MOMENTS: Array<[RegExp, Moment]> = [
  [re('shipped|ship'), 'shipped'],
  [re('delivered|delivery'), 'delivered'],
  [re('terminated|termination|left|resigned|fired'), 'terminated'],
  [re('ordered|order|placed|submitted|opened|issued|issue|invoiced|invoice|purchased|purchase|booked|requested'), 'placed'],
  [re('hired|hire'), 'hired'],
  [re('deleted|closed|cancell?ed|paid|completed|resolved|archived|refunded|approved|confirmed|returned|fulfilled|published|ended|finished|deactivated|disabled|expired|churned'), 'lifecycle'],
  [re('last_(login|logged_in|seen|active|activity|sign_in|signed_in|access|accessed|visit|visited)'), 'last-seen'],
  [re('due|required|expires|expiry|expiration'), 'due'],
  [re('start|started|starts|begin|began|begins|valid_from|period_start|effective_from'), 'span-start'],
  [re('end|ends|valid_to|valid_until|period_end|effective_to'), 'span-end'],
]

/** The moment of a column (`other` when its name does not say one). */
export function momentOf(c: ColumnRef): Moment {
  const role = timeRole(c.name)
  if (role === 'created') return 'created'
  if (role === 'updated') return 'updated'
  if (role === 'birth') return 'other'
  for (const [r, m] of MOMENTS) if (r.test(c.snake)) return m
  return 'other'
}

/** Pairs of moments where the first is never after the second in one row. */
const ORDER: Array<[Moment, Moment]> = [
  ...(['updated', 'lifecycle', 'shipped', 'delivered', 'terminated', 'last-seen', 'due'] as Moment[]).flatMap((m): Array<[Moment, Moment]> => [['created', m], ['placed', m]]),
  ['shipped', 'delivered'],
  ['hired', 'terminated'],
  ['span-start', 'span-end'],
]

/** A temporal column with its moment. */
export interface TimedColumn extends ColumnRef {
  moment: Moment
}

/** The temporal columns of a table whose moment is known. */
export function timedColumns(t: TableRows): TimedColumn[] {
  return columnsOf(t)
    .filter(isTemporal)
    .map((c) => ({ ...c, moment: momentOf(c) }))
    .filter((c) => c.moment !== 'other')
}

/** The ordered pairs (earlier, later) among a table's temporal columns. */
export function orderedPairs(t: TableRows): Array<[TimedColumn, TimedColumn]> {
  const cols = timedColumns(t)
  const out: Array<[TimedColumn, TimedColumn]> = []
  for (const [a, b] of ORDER) for (const x of cols) if (x.moment === a) for (const y of cols) if (y.moment === b) out.push([x, y])
  return out
}

/** The creation-like column of a table: `created` first, else an order/placement moment. */
export function creationColumn(t: TableRows): TimedColumn | undefined {
  const cols = timedColumns(t)
  return cols.find((c) => c.moment === 'created') ?? cols.find((c) => c.moment === 'placed')
}

/**
 * `a ≤ b` for two cells, per day when either column is a DATE or either text holds only a day;
 * `undefined` when either is not an instant.
 */
export function notAfter(a: Value | undefined, ac: ColumnRef, b: Value | undefined, bc: ColumnRef): boolean | undefined {
  const x = instant(a)
  const y = instant(b)
  if (x === undefined || y === undefined) return undefined
  const perDay = isDateOnly(ac) || isDateOnly(bc) || dayText(a) || dayText(b)
  return perDay ? day(x) <= day(y) : x <= y
}

const dayText = (v: Value | undefined) => typeof v === 'string' && /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(v)
