/**
 * Small weighted vocabularies for categorical columns, by column name and table context: an order
 * `status` is new/paid/shipped/delivered/cancelled/refunded, a ticket `priority` low/medium/high/urgent.
 * Pure data and lookups; `shapeColumns` (realism.ts) turns them into `weighted` specs. Labels are matched
 * loosely (case, spaces, `-`/`_` ignored), so the weights also apply to an IN list or enum of the same
 * words spelled differently (`'In Progress'`, `IN_PROGRESS`).
 */
import { snakeName } from './semantics.js'

/** One vocabulary: labels with relative weights, and where a missing label's weight goes. */
export interface Vocabulary {
  /** Shown by `tdg plan`: "order status vocabulary". */
  name: string
  /** Label → relative weight, in a natural order. */
  weights: Record<string, number>
  /**
   * When a CHECK/enum leaves a label out, its weight moves to the first of these it allows
   * (`delivered` → `shipped`): an order schema without `delivered` ships most orders.
   */
  absorb?: Record<string, string[]>
}

const ORDER_STATUS: Vocabulary = {
  name: 'order status',
  weights: { pending: 4, new: 6, processing: 5, paid: 10, shipped: 14, delivered: 48, completed: 0, cancelled: 8, refunded: 4, returned: 1 },
  absorb: { delivered: ['completed', 'complete', 'fulfilled', 'shipped', 'paid'], refunded: ['returned', 'cancelled', 'canceled'], returned: ['refunded', 'cancelled', 'canceled'], processing: ['paid', 'pending'], pending: ['new'], new: ['pending', 'placed', 'created'] },
}
const PAYMENT_STATUS: Vocabulary = {
  name: 'payment status',
  weights: { succeeded: 86, completed: 0, paid: 0, pending: 5, failed: 6, refunded: 3 },
  absorb: { succeeded: ['success', 'successful', 'completed', 'complete', 'paid', 'settled', 'captured', 'approved'], failed: ['declined', 'error'], pending: ['processing', 'authorized'] },
}
const SUBSCRIPTION_STATUS: Vocabulary = {
  name: 'subscription status',
  weights: { active: 70, trialing: 10, past_due: 4, canceled: 13, unpaid: 2, incomplete: 1 },
  absorb: { canceled: ['cancelled', 'expired', 'ended', 'inactive'], trialing: ['trial', 'trialling'], past_due: ['overdue', 'unpaid'], unpaid: ['past_due', 'overdue'] },
}
const INVOICE_STATUS: Vocabulary = {
  name: 'invoice status',
  weights: { draft: 5, open: 14, paid: 72, void: 4, uncollectible: 3, overdue: 2 },
  absorb: { open: ['sent', 'issued', 'pending', 'unpaid', 'due'], void: ['cancelled', 'canceled', 'voided'], uncollectible: ['overdue', 'written_off'], overdue: ['past_due', 'open'] },
}
const TICKET_STATUS: Vocabulary = {
  name: 'ticket status',
  weights: { new: 8, open: 20, in_progress: 17, pending: 8, on_hold: 3, resolved: 24, closed: 20 },
  absorb: { in_progress: ['doing', 'active', 'working', 'started', 'assigned'], resolved: ['done', 'fixed', 'completed', 'complete', 'closed'], closed: ['done', 'resolved', 'wont_fix'], pending: ['waiting', 'blocked', 'on_hold', 'in_progress'], on_hold: ['pending', 'waiting', 'blocked', 'in_progress'], new: ['todo', 'to_do', 'backlog', 'open'] },
}
const TASK_STATUS: Vocabulary = {
  name: 'task status',
  weights: { todo: 25, in_progress: 20, blocked: 4, review: 6, done: 45 },
  absorb: { todo: ['to_do', 'open', 'new', 'backlog', 'pending'], done: ['completed', 'complete', 'closed', 'resolved', 'finished'], in_progress: ['doing', 'active', 'started'], review: ['in_review', 'testing', 'qa'] },
}
const JOB_STATUS: Vocabulary = {
  name: 'job status',
  weights: { queued: 6, running: 4, succeeded: 82, failed: 6, cancelled: 2 },
  absorb: { succeeded: ['success', 'completed', 'complete', 'done', 'finished'], queued: ['pending', 'scheduled', 'waiting'], running: ['in_progress', 'processing', 'started'], cancelled: ['canceled', 'aborted'] },
}
const SHIPMENT_STATUS: Vocabulary = {
  name: 'shipment status',
  weights: { pending: 8, label_created: 4, in_transit: 15, out_for_delivery: 3, delivered: 66, returned: 2, lost: 1, failed: 1 },
  absorb: { delivered: ['completed', 'shipped'], in_transit: ['shipped', 'dispatched'], pending: ['new', 'created'] },
}
const CONTENT_STATUS: Vocabulary = {
  name: 'publication status',
  weights: { draft: 20, pending: 3, scheduled: 2, published: 70, archived: 5 },
  absorb: { pending: ['review', 'in_review'], published: ['live', 'public', 'active'], archived: ['deleted', 'hidden', 'trash'] },
}
const COMMENT_STATUS: Vocabulary = {
  name: 'comment status',
  weights: { approved: 85, pending: 10, spam: 3, rejected: 2 },
  absorb: { approved: ['published', 'visible'], rejected: ['hidden', 'deleted'] },
}
const ACCOUNT_STATUS: Vocabulary = {
  name: 'account status',
  weights: { active: 84, inactive: 7, pending: 4, suspended: 3, banned: 1, deleted: 1 },
  absorb: { pending: ['unverified', 'invited', 'new'], suspended: ['blocked', 'locked', 'disabled'], inactive: ['disabled', 'closed'] },
}
const LEAD_STATUS: Vocabulary = {
  name: 'lead status',
  weights: { new: 30, contacted: 25, qualified: 20, unqualified: 12, converted: 13 },
  absorb: { converted: ['won', 'customer'], unqualified: ['lost', 'disqualified'] },
}
const DEAL_STAGE: Vocabulary = {
  name: 'deal stage',
  weights: { prospecting: 18, qualification: 16, proposal: 12, negotiation: 8, closed_won: 22, closed_lost: 24 },
  absorb: { closed_won: ['won'], closed_lost: ['lost'] },
}
const PROJECT_STATUS: Vocabulary = {
  name: 'project status',
  weights: { planned: 15, active: 45, on_hold: 8, completed: 27, cancelled: 5 },
  absorb: { active: ['in_progress', 'open', 'ongoing'], completed: ['done', 'closed', 'finished'], planned: ['new', 'draft', 'proposed'] },
}
const BOOKING_STATUS: Vocabulary = {
  name: 'booking status',
  weights: { pending: 8, confirmed: 65, completed: 15, cancelled: 10, no_show: 2 },
  absorb: { confirmed: ['booked', 'scheduled', 'reserved'], completed: ['attended', 'checked_out'] },
}
const GENERIC_STATUS: Vocabulary = {
  name: 'status',
  weights: { active: 75, inactive: 15, pending: 10 },
  absorb: { active: ['enabled', 'open', 'approved'], inactive: ['disabled', 'closed', 'archived'], pending: ['new', 'draft'] },
}

const PRIORITY: Vocabulary = { name: 'priority', weights: { low: 30, medium: 42, high: 21, urgent: 7 }, absorb: { medium: ['normal', 'moderate'], urgent: ['critical', 'highest', 'blocker'], low: ['lowest', 'minor', 'trivial'], high: ['major'] } }
const SEVERITY: Vocabulary = { name: 'severity', weights: { low: 35, medium: 40, high: 18, critical: 7 }, absorb: { low: ['minor', 'trivial', 'info'], medium: ['moderate', 'normal', 'warning'], high: ['major', 'error'], critical: ['blocker', 'fatal'] } }
const LOG_LEVEL: Vocabulary = { name: 'log level', weights: { debug: 8, info: 70, warn: 14, error: 7, fatal: 1 }, absorb: { warn: ['warning'], fatal: ['critical', 'error'], debug: ['trace'] } }
const JOB_LEVEL: Vocabulary = { name: 'seniority level', weights: { junior: 28, mid: 34, senior: 27, lead: 8, principal: 3 }, absorb: { mid: ['intermediate', 'middle', 'regular'], junior: ['entry', 'associate', 'intern'], lead: ['staff', 'manager'], principal: ['director', 'executive'] } }
const SKILL_LEVEL: Vocabulary = { name: 'skill level', weights: { beginner: 40, intermediate: 40, advanced: 16, expert: 4 } }
const EMPLOYMENT_TYPE: Vocabulary = { name: 'employment type', weights: { full_time: 76, part_time: 11, contractor: 9, intern: 4 }, absorb: { full_time: ['permanent', 'fulltime', 'employee'], contractor: ['contract', 'freelance', 'temporary'], part_time: ['parttime'] } }

const USER_ROLE: Vocabulary = { name: 'user role', weights: { user: 82, editor: 8, moderator: 4, admin: 5, owner: 1 }, absorb: { user: ['member', 'customer', 'viewer', 'reader', 'standard', 'basic'], admin: ['administrator', 'superuser', 'super_admin', 'owner'], editor: ['author', 'contributor', 'manager', 'staff'], moderator: ['editor', 'staff', 'support'] } }
const MEMBER_ROLE: Vocabulary = { name: 'membership role', weights: { member: 70, viewer: 12, admin: 13, owner: 5 }, absorb: { member: ['user', 'editor', 'contributor', 'developer'], viewer: ['guest', 'reader', 'readonly', 'read_only'], admin: ['administrator', 'maintainer', 'manager'] } }

const PLAN_TIER: Vocabulary = { name: 'plan tier', weights: { free: 62, starter: 8, basic: 6, pro: 15, team: 4, business: 2, enterprise: 3 }, absorb: { basic: ['starter', 'standard', 'personal', 'hobby'], pro: ['premium', 'plus', 'professional', 'growth'], business: ['team'], enterprise: ['business', 'corporate', 'unlimited'], free: ['starter', 'basic', 'standard', 'personal', 'hobby', 'individual', 'trial', 'community'] } }
const GENDER: Vocabulary = { name: 'gender', weights: { female: 49, male: 49, non_binary: 2 }, absorb: { female: ['f', 'woman', 'w'], male: ['m', 'man'], non_binary: ['x', 'other', 'diverse', 'd', 'nonbinary', 'unspecified', 'u'] } }
const GENDER_SHORT: Vocabulary = { name: 'gender', weights: { F: 49, M: 49, X: 2 } }
const TIMEZONE: Vocabulary = {
  name: 'time zone',
  weights: {
    'America/New_York': 18, 'America/Chicago': 9, 'America/Denver': 4, 'America/Los_Angeles': 12, 'America/Toronto': 3, 'America/Sao_Paulo': 4, 'America/Mexico_City': 3,
    'Europe/London': 9, 'Europe/Berlin': 7, 'Europe/Paris': 5, 'Europe/Madrid': 3, 'Europe/Amsterdam': 2, 'Asia/Kolkata': 6, 'Asia/Tokyo': 4, 'Asia/Singapore': 2,
    'Asia/Shanghai': 3, 'Australia/Sydney': 2, UTC: 4,
  },
}
const PAYMENT_METHOD: Vocabulary = { name: 'payment method', weights: { card: 68, paypal: 14, bank_transfer: 8, apple_pay: 5, google_pay: 3, gift_card: 2 }, absorb: { card: ['credit_card', 'debit_card', 'credit', 'visa', 'mastercard'], bank_transfer: ['sepa', 'ach', 'wire', 'invoice', 'bank'], gift_card: ['voucher', 'cash'] } }
const CHANNEL: Vocabulary = { name: 'sales channel', weights: { web: 55, mobile: 30, store: 10, phone: 5 }, absorb: { web: ['online', 'website', 'desktop'], mobile: ['app', 'ios', 'android'], store: ['in_store', 'pos', 'retail'] } }
const ADDRESS_TYPE: Vocabulary = { name: 'address type', weights: { shipping: 50, billing: 40, home: 6, work: 4 }, absorb: { shipping: ['delivery'], home: ['residential'], work: ['business', 'office'] } }
const PRODUCT_TYPE: Vocabulary = { name: 'product type', weights: { physical: 80, digital: 15, service: 5 }, absorb: { physical: ['simple', 'standard', 'goods'], digital: ['download', 'virtual'] } }
const ACCOUNT_TYPE: Vocabulary = { name: 'account type', weights: { personal: 75, business: 25 }, absorb: { personal: ['individual', 'private', 'consumer'], business: ['company', 'organization', 'corporate'] } }
const TRANSACTION_TYPE: Vocabulary = { name: 'transaction type', weights: { payment: 70, refund: 6, transfer: 12, fee: 5, deposit: 5, withdrawal: 2 }, absorb: { payment: ['charge', 'purchase', 'debit', 'sale'], deposit: ['credit', 'top_up'], refund: ['chargeback', 'reversal'] } }
const CONTACT_TYPE: Vocabulary = { name: 'contact type', weights: { email: 50, phone: 35, mobile: 10, fax: 5 } }
const MIME_TYPE: Vocabulary = { name: 'media type', weights: { 'image/jpeg': 30, 'image/png': 22, 'application/pdf': 18, 'text/plain': 8, 'image/webp': 6, 'application/json': 5, 'text/csv': 4, 'video/mp4': 4, 'application/zip': 3 } }
const GENERIC_TYPE: Vocabulary = { name: 'type', weights: { standard: 62, premium: 18, basic: 14, custom: 6 }, absorb: { standard: ['default', 'regular', 'normal'], basic: ['simple', 'other'] } }
const PRODUCT_CATEGORY: Vocabulary = {
  name: 'product category',
  weights: { Electronics: 16, Clothing: 15, 'Home & Kitchen': 13, Books: 10, Beauty: 8, Sports: 8, Toys: 7, Grocery: 7, Garden: 5, Automotive: 4, 'Office Supplies': 4, 'Pet Supplies': 3 },
}
const TICKET_CATEGORY: Vocabulary = { name: 'ticket category', weights: { technical: 32, billing: 22, account: 18, feature_request: 12, bug: 10, other: 6 } }
const EXPENSE_CATEGORY: Vocabulary = { name: 'expense category', weights: { travel: 22, meals: 20, software: 15, office_supplies: 14, equipment: 10, training: 7, marketing: 7, other: 5 } }
const BLOG_CATEGORY: Vocabulary = { name: 'post category', weights: { Technology: 22, Business: 16, Lifestyle: 13, Travel: 10, Food: 10, Health: 10, Science: 8, Sports: 6, Culture: 5 } }
const GENERIC_CATEGORY: Vocabulary = { name: 'category', weights: { general: 40, sales: 15, support: 15, billing: 10, marketing: 10, other: 10 } }

/** Table-name families (snake_case name, singular or plural). */
const T = {
  order: /(^|_)(order|purchase|sale|cart|checkout)s?($|_)/,
  orderLine: /(^|_)(order|purchase|cart)_?(item|line|detail|product)s?$/,
  payment: /(^|_)(payment|transaction|charge|refund|payout|transfer)s?($|_)/,
  subscription: /(^|_)(subscription|membership_plan|plan_subscription)s?($|_)/,
  invoice: /(^|_)(invoice|bill|billing_statement|receipt)s?($|_)/,
  ticket: /(^|_)(ticket|issue|case|incident|bug|support_request|request)s?($|_)/,
  task: /(^|_)(task|todo|card|story|work_item|checklist_item)s?($|_)/,
  job: /(^|_)(job|run|batch|build|deployment|migration|import|export|sync|webhook_deliver(y|ie))s?($|_)/,
  shipment: /(^|_)(shipment|shipping|delivery|deliveries|parcel|package|fulfillment)s?($|_)/,
  content: /(^|_)(post|article|page|blog|story|stories|document|doc|product_review|review|listing|campaign_email|newsletter)s?($|_)/,
  comment: /(^|_)(comment|reply|replies|message)s?($|_)/,
  account: /(^|_)(user|customer|account|member|person|people|employee|staff|profile|client|contact|vendor|supplier|tenant|organi[sz]ation|compan(y|ies)|patient|student|driver)s?($|_)/,
  lead: /(^|_)leads?($|_)/,
  deal: /(^|_)(deal|opportunit(y|ies))s?($|_)/,
  project: /(^|_)(project|campaign|program|initiative|milestone|sprint)s?($|_)/,
  booking: /(^|_)(booking|reservation|appointment|event_registration|enrollment|enrolment)s?($|_)/,
  log: /(^|_)(log|event|audit|log_entry|log_entries|alert|notification)s?($|_)/,
  employee: /(^|_)(employee|staff|worker|position|job_posting|role_assignment|hire|hiring)s?($|_)/,
  membership: /(^|_)(member|membership|team_member|project_member|collaborator|participant|org_user|workspace_user)s?($|_)/,
  address: /(^|_)(address|location|addr)(es|s)?($|_)/,
  product: /(^|_)(product|item|article|good|sku|catalog|inventory|listing|merchandise)s?($|_)/,
  expense: /(^|_)(expense|cost|spending|reimbursement)s?($|_)/,
  blog: /(^|_)(post|article|blog|page|story|stories|news)s?($|_)/,
}

/** Columns of a table that make a `state` an address state (a region), not a lifecycle state. */
const ADDRESS_SIBLINGS = /(^|_)(city|town|zip|zip_code|postal_code|postcode|post_code|street|address|address_line_?1|country|country_code|province|county)$/

/** The vocabulary for a column of a table with the given other columns, if its name asks for one. */
export function vocabularyFor(table: string, column: string, siblings: string[]): Vocabulary | undefined {
  const t = snakeName(table)
  const c = snakeName(column)
  const has = (re: RegExp) => re.test(t)
  if (/(^|_)status$|^state$|(^|_)(order|payment|ticket|account|subscription|invoice)_state$/.test(c)) {
    if (/state$/.test(c) && (has(T.address) || siblings.some((s) => ADDRESS_SIBLINGS.test(snakeName(s))))) return undefined
    if (/^payment_status$/.test(c)) return PAYMENT_STATUS
    if (has(T.orderLine)) return ORDER_STATUS
    if (has(T.subscription)) return SUBSCRIPTION_STATUS
    if (has(T.invoice)) return INVOICE_STATUS
    if (has(T.payment)) return PAYMENT_STATUS
    if (has(T.shipment)) return SHIPMENT_STATUS
    if (has(T.order)) return ORDER_STATUS
    if (has(T.ticket)) return TICKET_STATUS
    if (has(T.task)) return TASK_STATUS
    if (has(T.job)) return JOB_STATUS
    if (has(T.comment)) return COMMENT_STATUS
    if (has(T.content)) return CONTENT_STATUS
    if (has(T.lead)) return LEAD_STATUS
    if (has(T.deal)) return DEAL_STAGE
    if (has(T.project)) return PROJECT_STATUS
    if (has(T.booking)) return BOOKING_STATUS
    if (has(T.account)) return ACCOUNT_STATUS
    return GENERIC_STATUS
  }
  if (/^(deal_)?stage$/.test(c) && (has(T.deal) || has(T.lead))) return has(T.deal) ? DEAL_STAGE : LEAD_STATUS
  if (/(^|_)priority$/.test(c)) return PRIORITY
  if (/(^|_)severity$/.test(c)) return SEVERITY
  if (/^(log_)?level$|^log_level$/.test(c) && has(T.log)) return LOG_LEVEL
  if (/(^|_)(level|seniority|grade)$/.test(c) && (has(T.employee) || /seniority|job_level|career/.test(c))) return JOB_LEVEL
  if (/(^|_)(skill_|difficulty_|experience_)?level$|(^|_)difficulty$/.test(c)) return SKILL_LEVEL
  if (/(^|_)(employment_type|contract_type|employee_type|worker_type)$/.test(c) || (/^(type|kind)$/.test(c) && has(T.employee))) return EMPLOYMENT_TYPE
  if (/(^|_)role(_name)?$/.test(c)) return has(T.membership) ? MEMBER_ROLE : USER_ROLE
  if (/(^|_)(plan|tier|plan_name|plan_tier|subscription_plan|subscription_tier|pricing_plan)$/.test(c)) return PLAN_TIER
  if (/(^|_)(gender|sex)$/.test(c)) return GENDER
  if (/(^|_)(time_?zone|tz)(_name)?$/.test(c)) return TIMEZONE
  if (/(^|_)payment_(method|type)$|^(method|payment_provider)$/.test(c) && (has(T.payment) || has(T.order) || /payment/.test(c))) return PAYMENT_METHOD
  if (/(^|_)(channel|source|sales_channel|order_source|platform)$/.test(c) && has(T.order)) return CHANNEL
  if (/(^|_)(type|kind)$/.test(c)) {
    const p = c.replace(/_?(type|kind)$/, '')
    if (/(^|_)(mime|content|media|file_mime)$/.test(p)) return MIME_TYPE
    if (/address/.test(p) || (p === '' && has(T.address))) return ADDRESS_TYPE
    if (/payment/.test(p)) return PAYMENT_METHOD
    if (/transaction/.test(p) || (p === '' && has(T.payment))) return TRANSACTION_TYPE
    if (/contact/.test(p)) return CONTACT_TYPE
    if (/account|customer|user/.test(p) || (p === '' && has(T.account))) return ACCOUNT_TYPE
    if (/product/.test(p) || (p === '' && has(T.product))) return PRODUCT_TYPE
    return GENERIC_TYPE
  }
  if (/(^|_)(category|category_name|genre|department|segment)$/.test(c)) {
    if (has(T.ticket)) return TICKET_CATEGORY
    if (has(T.expense)) return EXPENSE_CATEGORY
    if (has(T.blog)) return BLOG_CATEGORY
    if (has(T.product)) return PRODUCT_CATEGORY
    return GENERIC_CATEGORY
  }
  return undefined
}

/** The alternative short vocabularies a narrow column may need (`gender CHAR(1)` → F/M/X). */
export function shortForm(v: Vocabulary): Vocabulary | undefined {
  return v === GENDER ? GENDER_SHORT : undefined
}

/** Loose label key: case, spaces, `-` and `_` ignored (`'In Progress'` = `in_progress`). */
export function labelKey(label: string): string {
  return label.toLowerCase().replace(/[\s_-]+/g, '')
}

/**
 * Weights of `labels` (an IN list or enum, or the vocabulary's own labels) under `v`: a label the
 * vocabulary knows gets its weight, plus the weight of every known label the list leaves out that
 * `absorb`s into it; an unknown label takes what it absorbs, or else the smallest known weight. Undefined when `v` knows none of them
 * (the caller keeps a uniform choice) or when every weight would be 0.
 */
export function weightsFor(v: Vocabulary, labels: Array<string | number>): number[] | undefined {
  const own = new Map(Object.entries(v.weights).map(([k, w]) => [labelKey(k), w]))
  const keys = labels.map((l) => labelKey(String(l)))
  const present = new Set(keys)
  const w = keys.map((k) => own.get(k))
  if (w.every((x) => x === undefined)) return undefined
  const add = new Map<string, number>()
  for (const [label, weight] of Object.entries(v.weights)) {
    if (present.has(labelKey(label)) || weight === 0) continue
    const to = (v.absorb?.[label] ?? []).map(labelKey).find((x) => present.has(x))
    if (to !== undefined) add.set(to, (add.get(to) ?? 0) + weight)
  }
  const known = w.filter((x): x is number => x !== undefined && x > 0)
  const floor = known.length > 0 ? Math.min(...known) : 1
  // A label listed twice (`'paid', 'PAID'`) takes its weight once.
  const seen = new Set<string>()
  const out = keys.map((k, j) => {
    if (seen.has(k)) return 0
    seen.add(k)
    // A synonym (`critical` for `urgent`) takes the weight it absorbs; a stranger the smallest known one.
    const absorbed = add.get(k) ?? 0
    return w[j] ? w[j]! + absorbed : absorbed > 0 ? absorbed : floor
  })
  return out.some((x) => x > 0) ? out.map((x) => Math.round(x * 100) / 100) : undefined
}
