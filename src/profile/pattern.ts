/**
 * A regex-like pattern for code-like strings (`[A-Z]{2}[0-9]{4}`): each value is cut into runs of upper
 * case letters, lower case letters, digits and single literal characters; a pattern exists when every
 * value has the same sequence of runs (lengths may vary: `{3,5}`), there are at most `MAX_RUNS` runs,
 * values are at most `MAX_LENGTH` characters, contain no whitespace, and at least one run is digits or
 * the values are upper case only (words are not codes). Letters and digits never appear literally, so a
 * pattern carries no value.
 */

const MAX_RUNS = 6
const MAX_LENGTH = 24

type RunClass = 'A' | 'a' | '9' | string

interface Run {
  cls: RunClass
  min: number
  max: number
}

/** The pattern every value of `values` matches, or undefined (none, or not code-like). */
export function inferPattern(values: readonly string[]): string | undefined {
  let runs: Run[] | undefined
  for (const v of values) {
    if (v.length === 0 || v.length > MAX_LENGTH) return undefined
    const mine = runsOf(v)
    if (mine === undefined || mine.length > MAX_RUNS) return undefined
    if (runs === undefined) {
      runs = mine.map((r) => ({ cls: r.cls, min: r.len, max: r.len }))
      continue
    }
    if (mine.length !== runs.length) return undefined
    for (let i = 0; i < mine.length; i++) {
      const r = runs[i]!
      const m = mine[i]!
      if (r.cls !== m.cls) return undefined
      if (m.len < r.min) r.min = m.len
      if (m.len > r.max) r.max = m.len
    }
  }
  if (runs === undefined) return undefined
  const codeLike = runs.some((r) => r.cls === '9') || runs.every((r) => r.cls !== 'a')
  if (!codeLike) return undefined
  return runs.map(render).join('')
}

function runsOf(v: string): Array<{ cls: RunClass; len: number }> | undefined {
  const out: Array<{ cls: RunClass; len: number }> = []
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!
    if (/\s/.test(ch)) return undefined
    const cls: RunClass = ch >= 'A' && ch <= 'Z' ? 'A' : ch >= 'a' && ch <= 'z' ? 'a' : ch >= '0' && ch <= '9' ? '9' : /\p{L}|\p{N}/u.test(ch) ? '' : ch
    // Letters outside ASCII: not a code.
    if (cls === '') return undefined
    const last = out[out.length - 1]
    if (last && last.cls === cls && cls.length === 1 && (cls === 'A' || cls === 'a' || cls === '9')) last.len++
    else out.push({ cls, len: 1 })
  }
  return out
}

function render(r: Run): string {
  const base = r.cls === 'A' ? '[A-Z]' : r.cls === 'a' ? '[a-z]' : r.cls === '9' ? '[0-9]' : r.cls.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')
  const n = r.min === r.max ? (r.min === 1 ? '' : `{${r.min}}`) : `{${r.min},${r.max}}`
  return base + n
}
