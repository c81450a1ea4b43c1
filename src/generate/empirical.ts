/**
 * Empirical distributions: evenly spaced quantile points → draws by inverse CDF with linear interpolation
 * (one hash and one lookup a row), and seasonal reshaping of temporal draws. Everything is tabulated once
 * per column; a row costs O(1) on average (a guide-table lookup for seasonal draws).
 *
 * Seasonality (the approximation, documented in the README): time is cut into cells (UTC hours for
 * timestamps, days for dates; days for timestamp windows over ~57 years, and none beyond ~1,400 years).
 * Each quantile segment keeps exactly its share of the draws (1 / (n − 1)), spread over the cells it
 * covers in proportion to overlap × weekday share × month share × hour share. So the quantiles hold at
 * cell resolution and the seasonal shares shape the draws *within* each segment: a segment inside one
 * month cannot move draws to another month (the quantiles already say where the months' mass is), while
 * a single segment (`between` alone, 2 points) takes the month shares in full.
 */
import { discreteSampler, draw32, type Draw32 } from './distributions.js'
import { below, mix32 } from './prng.js'

const TWO_32 = 4294967296
/** Most cells a seasonal table holds (a guide-table draw stays a few steps). */
const MAX_CELLS = 500_000

/** Seasonal weights (relative, any scale): weekday Monday first, month January first, UTC hour. */
export interface SeasonWeights {
  weekday?: number[]
  month?: number[]
  hour?: number[]
}

/** A continuous draw in [points[0], points[n − 1]]: inverse CDF of the evenly spaced quantiles. */
export function quantileSampler(points: readonly number[], h: Draw32): (i: number) => number {
  const n = points.length
  const first = points[0]!
  if (n < 2 || first === points[n - 1]) return () => first
  const p = Float64Array.from(points)
  const scale = (n - 1) / TWO_32
  const draw = draw32(h)
  return (i) => {
    const u = draw(i) * scale
    const j = Math.floor(u)
    const a = p[j]!
    return a + (p[j + 1]! - a) * (u - j)
  }
}

/**
 * A seasonal draw in epoch seconds over the quantile points (`points` in seconds): the cell by its weight,
 * then a uniform second inside it (timestamps in day cells: the hour by the hour shares first). Undefined
 * when the window needs more cells than MAX_CELLS even by days (the caller then ignores seasonality).
 */
export function seasonalSampler(points: readonly number[], season: SeasonWeights, h: number, opts: { dates: boolean; draw?: Draw32 }): ((i: number) => number) | undefined {
  const n = points.length
  const lo = points[0]!
  const hi = points[n - 1]!
  const byHours = !opts.dates && (hi - lo) / 3600 < MAX_CELLS
  const cellS = byHours ? 3600 : 86400
  const c0 = Math.floor(lo / cellS)
  const cells = Math.floor(hi / cellS) - c0 + 1
  if (cells > MAX_CELLS) return undefined
  const share = cellShares(season, c0, cells, cellS)
  const w = new Float64Array(cells)
  const m = 1 / Math.max(1, n - 1)
  if (n < 2) w[0] = 1
  for (let j = 0; j + 1 < n; j++) {
    const a = points[j]!
    const b = points[j + 1]!
    const ca = Math.floor(a / cellS) - c0
    if (b <= a) {
      w[ca] = w[ca]! + m
      continue
    }
    const cb = Math.min(cells - 1, Math.ceil(b / cellS) - 1 - c0)
    let sum = 0
    let plain = 0
    for (let c = ca; c <= cb; c++) {
      const start = (c0 + c) * cellS
      const overlap = Math.min(b, start + cellS) - Math.max(a, start)
      sum += overlap * share[c]!
      plain += overlap
    }
    // All shares zero inside the segment: keep its mass where the quantiles put it.
    const seasonal = sum > 0
    const k = m / (seasonal ? sum : plain)
    for (let c = ca; c <= cb; c++) {
      const start = (c0 + c) * cellS
      const overlap = Math.min(b, start + cellS) - Math.max(a, start)
      w[c] = w[c]! + overlap * (seasonal ? share[c]! : 1) * k
    }
  }
  const cum = new Float64Array(cells)
  let acc = 0
  for (let c = 0; c < cells; c++) cum[c] = acc += w[c]!
  const cell = discreteSampler(cum, opts.draw ?? h)
  const h2 = mix32(h ^ 0x68e31da4)
  const hour = !opts.dates && !byHours && season.hour ? discreteSampler(cumulative(season.hour), mix32(h ^ 0x1b56c4e9)) : undefined
  const clamp = (x: number) => (x < lo ? lo : x > hi ? hi : x)
  if (opts.dates) return (i) => (c0 + cell(i)) * 86400
  if (hour) return (i) => clamp((c0 + cell(i)) * 86400 + hour(i) * 3600 + below(h2, i, 3600))
  return (i) => clamp((c0 + cell(i)) * cellS + below(h2, i, cellS))
}

/** Seasonal weight of each cell (1 where no shares are given). */
function cellShares(season: SeasonWeights, c0: number, cells: number, cellS: number): Float64Array {
  const out = new Float64Array(cells).fill(1)
  const norm = (a: number[] | undefined) => (a ? a.map((x) => (x * a.length) / a.reduce((s, y) => s + y, 0)) : undefined)
  const wd = norm(season.weekday)
  const mo = norm(season.month)
  const hr = cellS === 3600 ? norm(season.hour) : undefined
  if (!wd && !mo && !hr) return out
  let monthDay = NaN
  let month = 0
  for (let c = 0; c < cells; c++) {
    const t = (c0 + c) * cellS
    const day = Math.floor(t / 86400)
    let v = 1
    // 1970-01-01 was a Thursday: ISO weekday index (Monday 0) = (day + 3) mod 7.
    if (wd) v *= wd[(((day + 3) % 7) + 7) % 7]!
    if (mo) {
      if (day !== monthDay) {
        month = new Date(day * 86_400_000).getUTCMonth()
        monthDay = day
      }
      v *= mo[month]!
    }
    if (hr) v *= hr[(((Math.floor(t / 3600)) % 24) + 24) % 24]!
    out[c] = v
  }
  return out
}

function cumulative(w: number[]): Float64Array {
  const cum = new Float64Array(w.length)
  let acc = 0
  w.forEach((x, j) => (cum[j] = acc += x))
  return cum
}
