/**
 * Which status values allow a lifecycle timestamp to be set, and which say plainly that the step has
 * not happened (`shipped_at` with status `new`). Status values in neither list are not judged.
 */

/** One lifecycle step: its column stems, the statuses that allow it, the statuses that exclude it. */
export interface LifecycleRule {
  step: string
  column: RegExp
  allowed: RegExp
  excluded: RegExp
}

const col = (stems: string) => new RegExp(`^(${stems})(_at|_on|_date|_time|_ts|_timestamp)$`)
const set = (values: string) => new RegExp(`^(${values})$`)

const PRE_ORDER = 'new|pending|draft|created|placed|processing|unpaid|awaiting_[a-z_]+|on_hold|cart|open|confirmed|authorized|failed|declined'

/** The rules, by column stem. */
export const LIFECYCLE_RULES: LifecycleRule[] = [
  {
    step: 'shipped',
    column: col('shipped|ship'),
    allowed: set('shipped|in_transit|out_for_delivery|dispatched|delivered|completed?|fulfilled|returned|return_requested|refunded|partially_refunded|closed|done'),
    excluded: set(`${PRE_ORDER}|paid|cancell?ed`),
  },
  {
    step: 'delivered',
    column: col('delivered|delivery'),
    allowed: set('delivered|completed?|fulfilled|returned|return_requested|refunded|partially_refunded|closed|done'),
    excluded: set(`${PRE_ORDER}|paid|cancell?ed|shipped|in_transit|out_for_delivery|dispatched`),
  },
  {
    step: 'cancelled',
    column: col('cancell?ed|cancel|cancellation'),
    allowed: set('cancell?ed|void(ed)?|refunded|aborted|rejected|declined|terminated|ended|expired|churned|closed|inactive'),
    // Not `active`: a subscription cancelled at period end stays active with its cancellation date set.
    excluded: set('new|pending|draft|paid|shipped|in_transit|delivered|completed?|fulfilled|processing|open|confirmed'),
  },
  {
    step: 'paid',
    column: col('paid'),
    allowed: set('paid|partially_paid|settled|succeeded|success|captured|shipped|in_transit|delivered|completed?|fulfilled|refunded|partially_refunded|returned|closed|processing'),
    excluded: set('new|pending|draft|unpaid|open|overdue|past_due|void(ed)?|uncollectible|failed|declined|awaiting_payment|cart'),
  },
  {
    step: 'refunded',
    column: col('refunded'),
    allowed: set('refunded|partially_refunded|returned|cancell?ed|closed|disputed|chargeback|void(ed)?'),
    excluded: set('new|pending|draft|paid|shipped|in_transit|delivered|completed?|processing|open|unpaid'),
  },
  {
    step: 'completed',
    column: col('completed|finished|done'),
    allowed: set('completed?|done|finished|delivered|closed|resolved|succeeded|success|fulfilled|refunded|returned|archived'),
    excluded: set('new|pending|draft|open|in_progress|processing|running|queued|scheduled|assigned|todo|cancell?ed'),
  },
  {
    step: 'closed',
    column: col('closed'),
    allowed: set('closed|resolved|done|completed?|won|lost|closed_won|closed_lost|cancell?ed|rejected|archived|merged|declined|finished|churned|terminated|inactive'),
    excluded: set('new|open|pending|in_progress|active|assigned|draft|triage|todo|waiting|qualified|contacted|negotiation|proposal'),
  },
  {
    step: 'resolved',
    column: col('resolved'),
    allowed: set('resolved|closed|done|completed?|fixed|wont_fix|duplicate|invalid|archived'),
    excluded: set('new|open|pending|in_progress|assigned|triage|todo|waiting|acknowledged'),
  },
  {
    step: 'published',
    column: col('published'),
    allowed: set('published|live|archived|scheduled|unpublished|featured|hidden'),
    excluded: set('draft|pending|review|in_review|pending_review|submitted'),
  },
  {
    step: 'ended',
    column: col('ended|terminated|termination|churned'),
    allowed: set('ended|cancell?ed|expired|closed|terminated|completed?|finished|inactive|churned|former|left|resigned|retired|fired|suspended|incomplete_expired'),
    excluded: set('active|trialing|trial|pending|new|open|running|in_progress|hired|onboarding'),
  },
  {
    step: 'archived',
    column: col('archived'),
    allowed: set('archived|deleted|inactive|closed|hidden'),
    excluded: set('active|draft|published|open|live|new'),
  },
  {
    step: 'deleted',
    column: col('deleted|removed'),
    allowed: set('deleted|removed|inactive|archived|banned|closed|disabled|deactivated|suspended|churned'),
    excluded: set('active|enabled'),
  },
]

/** Boolean flags saying a row is live: where true, these steps have not happened. */
export const ACTIVE_FLAGS = /^(is_)?(active|enabled|live)$/
/** Steps an active flag excludes (their timestamp stays NULL while the row is active). */
export const ENDED_STEPS = new Set(['deleted', 'archived', 'ended'])
/** `is_deleted` / `deleted` false: `deleted_at` stays NULL (same for archived). */
export const NEGATED_FLAGS: Array<[RegExp, string]> = [
  [/^(is_)?deleted$/, 'deleted'],
  [/^(is_)?archived$/, 'archived'],
]

/** A status value in the form the rules match: lowercase words joined by `_`. */
export function statusWord(s: string): string {
  return s.trim().toLowerCase().replace(/[^a-z]+/g, '_').replace(/^_|_$/g, '')
}
