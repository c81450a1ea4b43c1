/**
 * JSON text for any tdg Value, without JSON.stringify's gaps: bigints (a number when exactly
 * representable, else a string), bytes (base64), Dates (ISO text) and non-finite numbers (`"NaN"`,
 * `"Infinity"`, `"-Infinity"` as strings, since JSON has no such numbers). Output is compact and
 * keeps object key order, so equal input gives equal text.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)

/** JSON text of a value; `undefined` (and functions/symbols) become `null` as in arrays. */
export function jsonValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : `"${String(v)}"`
    case 'bigint':
      return v >= MIN_SAFE && v <= MAX_SAFE ? v.toString() : `"${v.toString()}"`
    case 'boolean':
      return v ? 'true' : 'false'
    case 'object':
      return objectJson(v)
    default:
      return 'null'
  }
}

function objectJson(v: object | null): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return `[${v.map(jsonValue).join(',')}]`
  if (v instanceof Date) return JSON.stringify(v.toISOString())
  if (v instanceof Uint8Array) return JSON.stringify(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'))
  const toJSON = (v as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') return jsonValue(toJSON.call(v))
  let out = ''
  for (const [k, val] of Object.entries(v)) {
    // Like JSON.stringify: properties holding undefined, functions or symbols are left out.
    if (val === undefined || typeof val === 'function' || typeof val === 'symbol') continue
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${jsonValue(val)}`
  }
  return `{${out}}`
}
