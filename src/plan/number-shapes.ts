/**
 * Realistic number shapes by column name: quantities mostly 1–3, prices log-normal (median ~30, long
 * tail), weights around 1–2 kg, discounts mostly 0, ratings skewed to the top, durations and counts with
 * long tails. Pure data and arithmetic on a column's hard bounds (type and CHECKs), which always win:
 * a shape that does not fit inside them is not used. Specs are the rule kinds `distributed` (log-normal:
 * median at min + range / 20) and `weighted`.
 */
import type { GeneratorSpec } from '../model/plan.js'
import { snakeName } from './semantics.js'

type NumberSpec = Extract<GeneratorSpec, { kind: 'number' }>

/** A shaped number generator and the phrase `tdg plan` shows for it. */
export interface NumberShape {
  spec: GeneratorSpec
  reason: string
}

/** A log-normal with its median at `median` and the range's top at 20 × (median − lo) above lo. */
interface LogShape {
  lo: number
  median: number
  what: string
}

const LOG_SHAPES: Array<[RegExp, LogShape]> = [
  [/(^|_)(stock|stock_level|stock_quantity|stock_qty|units_in_stock|in_stock|on_hand|qty_on_hand|quantity_on_hand|inventory|inventory_count|available_quantity)$/, { lo: 0, median: 40, what: 'stock level' }],
  [/(^|_)(unit_price|list_price|sale_price|retail_price|msrp|base_price|price|regular_price|selling_price)$/, { lo: 1, median: 30, what: 'price' }],
  [/(^|_)(unit_cost|cost_price|purchase_price|wholesale_price|cost)$/, { lo: 0.5, median: 18, what: 'cost' }],
  [/(^|_)(shipping|shipping_cost|shipping_fee|freight|tax|tax_amount|vat|vat_amount|fee|fees|handling_fee|service_fee|tip)$/, { lo: 0.5, median: 6, what: 'fee or tax amount' }],
  [/(^|_)(amount|total|subtotal|sub_total|grand_total|total_amount|order_total|total_price|net_amount|gross_amount|amount_due|amount_paid|revenue)$/, { lo: 1, median: 70, what: 'money amount' }],
  [/(^|_)(weight_kg|weight_in_kg|kg|weight_kgs|net_weight_kg|gross_weight_kg|weight|mass_kg|net_weight|gross_weight)$/, { lo: 0.05, median: 1.5, what: 'weight in kg' }],
  [/(^|_)(weight_g|weight_grams|weight_gram|grams|weight_gr)$/, { lo: 5, median: 500, what: 'weight in grams' }],
  [/(^|_)(weight_lb|weight_lbs|weight_pounds|lbs)$/, { lo: 0.1, median: 3, what: 'weight in pounds' }],
  [/(^|_)(weight_oz|ounces)$/, { lo: 0.5, median: 9, what: 'weight in ounces' }],
  [/(^|_)(duration_seconds|duration_secs|duration_sec|duration_s|length_seconds|seconds|elapsed_seconds|runtime_seconds)$/, { lo: 1, median: 180, what: 'duration in seconds' }],
  [/(^|_)(duration|duration_minutes|duration_mins|duration_min|minutes|length_minutes|runtime_minutes|runtime)$/, { lo: 1, median: 30, what: 'duration in minutes' }],
  [/(^|_)(duration_hours|hours|hours_worked|estimated_hours|logged_hours)$/, { lo: 0.5, median: 4, what: 'duration in hours' }],
  [/(^|_)(duration_days|days|lead_time_days|days_open)$/, { lo: 1, median: 7, what: 'duration in days' }],
  [/(^|_)(\w+_count|views|view_count|likes|like_count|followers|follower_count|clicks|downloads|visits)$/, { lo: 0, median: 12, what: 'count' }],
]

const QUANTITY = /(^|_)(quantity|qty|quantity_ordered|ordered_quantity|units|seats|licenses|licences|guests|party_size|num_items|item_count|tickets)$/
/** Quantities in an order line: mostly 1–3 (≈ 84 %), rarely up to 10. */
const QUANTITY_WEIGHTS: Array<[number, number]> = [[1, 52], [2, 21], [3, 11], [4, 5], [5, 4], [6, 2], [8, 1.5], [10, 1.5], [12, 1], [20, 1]]
const DISCOUNT = /(^|_)(discount|discount_percent|discount_pct|discount_percentage|discount_rate|percent_off|pct_off)$/
/** Discounts: mostly none, else the usual round figures. */
const DISCOUNT_WEIGHTS: Array<[number, number]> = [[0, 70], [5, 8], [10, 10], [15, 5], [20, 4], [25, 3]]
const RATING = /(^|_)(rating|stars|star_rating|review_score|score|rating_value|nps|nps_score)$/
const SALARY = /(^|_)(salary|annual_salary|base_salary|wage|yearly_income|income)$/

/**
 * The shape for a non-unique number column named `column`, within `hard` (its type and CHECK bounds, in
 * units) and around `soft` (the built-in window, used for ratings); undefined when the name asks for none
 * or the shape does not fit the bounds.
 */
export function numberShape(column: string, hard: NumberSpec, soft: NumberSpec): NumberShape | undefined {
  const n = snakeName(column)
  const f = Math.pow(10, hard.scale)
  const inside = (v: number) => {
    const u = Math.round(v * f)
    return Math.abs(u - v * f) < 1e-9 && u >= hard.min && u <= hard.max
  }
  // The shape holds only when its most common value is allowed (quantity 1, discount 0).
  const weighted = (pairs: Array<[number, number]>, min: number, what: string): NumberShape | undefined => {
    const kept = pairs.filter(([v]) => inside(v))
    if (kept.length < min || !inside(pairs[0]![0])) return undefined
    return { spec: { kind: 'weighted', values: kept.map(([v]) => v), weights: kept.map(([, w]) => w) }, reason: what }
  }
  if (QUANTITY.test(n)) {
    const w = weighted(QUANTITY_WEIGHTS, 3, 'quantity by name: mostly 1–3, rarely more')
    if (w) return w
    // Bounds far from 1 (`BETWEEN 100 AND 1000`): most values at the low end, a long tail.
    return { spec: { kind: 'distributed', min: hard.min, max: hard.max, scale: hard.scale, as: hard.as, distribution: 'zipf' }, reason: 'quantity by name: zipf within its bounds' }
  }
  if (DISCOUNT.test(n)) {
    // A fraction (0.15) when the bounds stop below 5, else a percentage (15).
    const fraction = hard.max / f < 5
    return weighted(DISCOUNT_WEIGHTS.map(([v, w]) => [fraction ? v / 100 : v, w]), 3, `discount by name: mostly 0, else ${fraction ? '0.05–0.25' : '5–25 %'}`)
  }
  if (RATING.test(n) && hard.scale === 0 && soft.max - soft.min >= 2 && soft.max - soft.min <= 10) {
    // Reviews lean to the top: each step up ≈ 1.6 × as likely (1–5: 6 %, 10 %, 17 %, 27 %, 43 %).
    const pairs: Array<[number, number]> = []
    for (let v = soft.min; v <= soft.max; v++) pairs.push([v, Math.round(Math.pow(1.6, v - soft.min) * 100) / 100])
    return weighted(pairs, 3, `rating by name: skewed to the top (${soft.min}–${soft.max})`)
  }
  if (SALARY.test(n)) return within(hard, 30000, 150000, 'normal', 'salary by name: normal around 90,000')
  for (const [re, s] of LOG_SHAPES) if (re.test(n)) return within(hard, s.lo, s.lo + 20 * (s.median - s.lo), 'lognormal', `${s.what} by name: log-normal, median ~${s.median}`)
  return undefined
}

/** A `distributed` spec over [lo, hi] (values) cut to the hard bounds; none when little is left of it. */
function within(hard: NumberSpec, lo: number, hi: number, distribution: 'lognormal' | 'normal', reason: string): NumberShape | undefined {
  const f = Math.pow(10, hard.scale)
  const min = Math.max(hard.min, Math.ceil(lo * f))
  const max = Math.min(hard.max, Math.floor(hi * f))
  if (max - min < 2) return undefined
  const cut = min !== Math.ceil(lo * f) || max !== Math.floor(hi * f)
  return { spec: { kind: 'distributed', min, max, scale: hard.scale, as: hard.as, distribution }, reason: cut ? `${reason.replace(/, median.*$/, '')}, cut to its CHECK/type bounds` : reason }
}

/** Price-like siblings a `cost` column stays below. */
export const PRICE_SIBLING = /(^|_)(price|unit_price|list_price|sale_price|retail_price|selling_price|regular_price|base_price|msrp)$/
/** Cost-like columns kept below the row's price. */
export const COST_COLUMN = /(^|_)(cost|unit_cost|cost_price|purchase_price|wholesale_price)$/
