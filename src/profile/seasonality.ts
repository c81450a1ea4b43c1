/** When temporal values fall: weekday, month and (for timestamps) UTC hour shares. */
import type { Seasonality } from '../model/profile.js'

/** Shares of `epochMs` values per ISO weekday (Monday first), month and, unless `dateOnly`, UTC hour. */
export function seasonality(epochMs: ArrayLike<number>, dateOnly: boolean): Seasonality | undefined {
  const n = epochMs.length
  if (n === 0) return undefined
  const weekday = new Array<number>(7).fill(0)
  const month = new Array<number>(12).fill(0)
  const hour = new Array<number>(24).fill(0)
  const d = new Date(0)
  for (let i = 0; i < n; i++) {
    d.setTime(epochMs[i]!)
    weekday[(d.getUTCDay() + 6) % 7]!++
    month[d.getUTCMonth()]!++
    hour[d.getUTCHours()]!++
  }
  const share = (a: number[]) => a.map((c) => c / n)
  return dateOnly ? { weekday: share(weekday), month: share(month) } : { weekday: share(weekday), month: share(month), hour: share(hour) }
}
