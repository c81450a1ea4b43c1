/**
 * Rule values as exact as the column: integers beyond 2^53 and decimals beyond a double's 15–17 digits
 * stay decimal text end to end (rules → plan JSON → generator → writers), since a JS number would round
 * them (9223372036854775807 → 9223372036854775808, out of a bigint's range). Also: does a value keep
 * the column's CHECK shapes (rule values must not break a CHECK).
 */
import type { Value } from '../model/rows.js'
import type { CheckShape, Column } from '../model/schema.js'

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Plain decimal text of a number or numeric string (`1e3` → `1000`, `+0.50` → `0.5`); undefined when not a number. */
export function decimalText(v: string | number): string | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined
    // Numbers came from YAML/JSON already as doubles: their shortest text is what the user wrote.
    v = String(v)
  }
  const s = v.trim()
  if (!DECIMAL.test(s)) return undefined
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s)!
  const sign = m[1] === '-' ? '-' : ''
  let digits = (m[2] ?? '') + (m[3] ?? '')
  let point = (m[2] ?? '').length + Number(m[4] ?? 0)
  if (point < 0) {
    digits = '0'.repeat(-point) + digits
    point = 0
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length)
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0'
  const frac = digits.slice(point).replace(/0+$/, '')
  const text = frac ? `${int}.${frac}` : int
  return text === '0' ? '0' : sign + text
}

/** Compare two plain decimal texts exactly. */
export function compareDecimal(a: string, b: string): number {
  const [ai, af = ''] = a.replace('-', '').split('.')
  const [bi, bf = ''] = b.replace('-', '').split('.')
  const scale = Math.max(af.length, bf.length)
  const big = (neg: boolean, i: string, f: string) => (neg ? -1n : 1n) * BigInt(i + f.padEnd(scale, '0'))
  const x = big(a.startsWith('-'), ai!, af)
  const y = big(b.startsWith('-'), bi!, bf)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * A rule's numeric value for `column`: a JS number when that is exact, else its decimal text. Integer
 * columns take whole numbers within the type's range; decimal(p, s) columns at most p − s integer and
 * s fraction digits. Returns an error text instead when the value does not fit.
 */
export function exactNumber(column: Column, v: string | number): { value: string | number } | { error: string } {
  const text = decimalText(v)
  if (text === undefined) return { error: `'${String(v)}' is not a number (the column is ${column.nativeType})` }
  const t = column.type
  if (t.kind === 'integer') {
    if (text.includes('.')) return { error: `${text} is not a whole number (the column is ${column.nativeType})` }
    const bits = BigInt(t.bytes * 8)
    const [lo, hi] = t.min !== undefined && t.max !== undefined
      ? [BigInt(t.min), BigInt(t.max)]
      : t.unsigned ? [0n, 2n ** bits - 1n] : [-(2n ** (bits - 1n)), 2n ** (bits - 1n) - 1n]
    const n = BigInt(text)
    if (n < lo || n > hi) return { error: `${text} is out of the range of ${column.nativeType} (${lo}..${hi})` }
  }
  if (t.kind === 'decimal' && t.precision !== undefined) {
    const [int, frac = ''] = text.replace('-', '').split('.')
    const scale = t.scale ?? 0
    if (frac.length > scale) return { error: `${text} has more than ${scale} decimal places (the column is ${column.nativeType})` }
    if (int !== '0' && int!.length > t.precision - scale) return { error: `${text} has more than ${t.precision - scale} digits before the point (the column is ${column.nativeType})` }
  }
  if (t.kind === 'float') return { value: Number(text) }
  const n = Number(text)
  // Exact as a double (round-trips to the same text): a number, as before; else the exact text.
  return { value: decimalText(n) === text && (t.kind !== 'integer' || Number.isSafeInteger(n)) ? n : text }
}

/** Whether a (non-NULL) value keeps one CHECK shape on its column; shapes on other columns hold. */
export function keepsShape(shape: CheckShape, v: Value, numeric: boolean): boolean {
  const cmp = (a: Value, b: string | number): number => {
    if (numeric) {
      const x = decimalText(typeof a === 'number' || typeof a === 'string' ? a : String(a))
      const y = decimalText(b)
      if (x !== undefined && y !== undefined) return compareDecimal(x, y)
    }
    const s = String(a)
    const t = String(b)
    return s < t ? -1 : s > t ? 1 : 0
  }
  switch (shape.kind) {
    case 'in':
      return shape.values.some((w) => cmp(v, w) === 0)
    case 'compare': {
      const c = cmp(v, shape.value)
      return { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '=': c === 0, '<>': c !== 0 }[shape.op]
    }
    case 'between':
      return cmp(v, shape.min) >= 0 && cmp(v, shape.max) <= 0
    case 'like': {
      const ok = likeRegex(shape.pattern).test(String(v))
      return shape.negated ? !ok : ok
    }
    case 'length': {
      const n = [...String(v)].length
      return { '<': n < shape.value, '<=': n <= shape.value, '>': n > shape.value, '>=': n >= shape.value, '=': n === shape.value }[shape.op]
    }
    case 'or':
      return shape.branches.some((b) => b.every((s) => keepsShape(s, v, numeric)))
    case 'columns':
    case 'not-null':
      return true
  }
}

/** A SQL LIKE pattern (`%`, `_`, `\` escapes) as an anchored regex. */
function likeRegex(pattern: string): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) re += escape(pattern[++i]!)
    else if (c === '%') re += '[\\s\\S]*'
    else if (c === '_') re += '[\\s\\S]'
    else re += escape(c)
  }
  return new RegExp(`^${re}$`, 'u')
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
