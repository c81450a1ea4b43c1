/**
 * `fake` for single-value fields (phone, company, job title, url, ip, free text): a realistic value
 * indexed by a keyed hash of the original in the pools generation uses (pools.ts, built once per
 * compile; no faker call per value). Phones keep a pool number's format with keyed digits; free text is
 * lorem cut near the original's length. Person and address fields are groups (fake-group.ts). Enum
 * columns get a keyed label. `unique`: a keyed disambiguator and a collision guard (unique.ts).
 */
import type { FakeField, MaskSpec } from '../../model/mask.js'
import type { Semantic } from '../../model/plan.js'
import type { Value } from '../../model/rows.js'
import { buildPool, fit as fitText } from '../../generate/pools.js'
import { hashValue, OUT } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { fitOf, requireText, unsatisfiable, where, type ColumnMasker, type MaskContext } from './context.js'
import { anchorOf, digitTail, UniqueGuard } from './unique.js'

const POOLS: Partial<Record<FakeField, Semantic>> = { phone: 'phone', company: 'company', 'job-title': 'job-title', url: 'url', text: 'paragraph' }

export function fakeMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'fake' }> }, locale: string | undefined): ColumnMasker {
  const { field, unique } = ctx.spec
  const fit = fitOf(ctx.table, ctx.column)
  const loc = ctx.spec.locale ?? locale ?? 'en'
  const k = subkey(ctx.key, `fake:${field}:${loc}`)
  if (fit.labels) {
    const labels = fit.labels
    return { reads: [], bind: () => (v) => (v === null ? null : (hashValue(k, v), labels[Math.floor((OUT[0]! / 4294967296) * labels.length)]!)) }
  }
  const kind = ctx.column.type.kind
  if (field === 'ip' && kind === 'inet') return single(ctx, ipOf(ctx.column.type.kind === 'inet' && ctx.column.type.ipv6 === true), unique)
  requireText(ctx, fit)
  const max = fit.maxLength
  let make: (hi: number, lo: number, v: Value) => string
  if (field === 'ip') make = ipOf(false)
  else {
    const semantic = POOLS[field]
    if (!semantic) throw unsatisfiable(ctx, `has no single-value pool for '${field}'`)
    const pool = buildPool(semantic, k.k0lo ^ k.k1hi, 0, field === 'text' ? undefined : max, field === 'text' ? 200 : 2000, loc)
    if (field === 'phone') {
      // The number's characters as codes, one reused array per template length, made into a string in
      // one call: appending a character at a time would allocate a string per character.
      const codes: number[][] = []
      make = (hi, lo) => {
        let x = hi
        let y = lo
        const tpl = pool[lo % pool.length]!
        const n = tpl.length
        const out = (codes[n] ??= new Array<number>(n).fill(0))
        for (let i = 0; i < n; i++) {
          const c = tpl.charCodeAt(i)
          if (c < 48 || c > 57) out[i] = c
          else {
            out[i] = 48 + (x % 10)
            x = Math.floor(x / 10)
            if (x < 10) (x = y + 7), (y = Math.imul(y ^ (y >>> 15), 0x2c1b3c6d) >>> 0)
          }
        }
        return fitText(String.fromCharCode.apply(null, out), fit.minLength, max)
      }
    }
    else if (field === 'text')
      make = (hi, _lo, v) => {
        const len = Math.max(20, Math.min(String(v).length, max ?? Infinity))
        return fitText(pool[hi % pool.length]!, fit.minLength, Math.min(len, max ?? Infinity))
      }
    else make = (hi) => pool[Math.floor((hi / 4294967296) * pool.length)]!
  }
  if (max !== undefined && max < fit.minLength) throw unsatisfiable(ctx, 'cannot fit the column length')
  return single(ctx, (hi, lo, v) => make(hi, lo, v), unique, field !== 'ip' && field !== 'phone')
}

/** A per-value fake masker; `unique` adds a 6-digit keyed tail (text fields) and the guard. */
function single(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'fake' }> }, make: (hi: number, lo: number, v: Value) => string, unique: boolean | undefined, tail = false): ColumnMasker {
  const k = subkey(ctx.key, `fake:${ctx.spec.field}:${ctx.spec.locale ?? ''}:${unique ? 'u' : ''}`)
  if (!unique) return { reads: [], bind: () => (v) => (v === null ? null : (hashValue(k, v), make(OUT[0]!, OUT[1]!, v))) }
  const fit = fitOf(ctx.table, ctx.column)
  const guard = new UniqueGuard(where(ctx), ctx.expectedRows)
  return {
    reads: [],
    bind: () => (v) => {
      if (v === null) return null
      hashValue(k, v)
      const hi = OUT[0]!
      const lo = OUT[1]!
      return guard.pick(anchorOf(hi, lo), (t) => {
        const [h, l] = t === 0 ? [hi, lo] : (hashValue(k, v, t), [OUT[0]!, OUT[1]!])
        const base = make(h!, l!, v)
        if (!tail) return base
        const d = digitTail(l!, 6)
        const room = fit.maxLength === undefined ? Infinity : fit.maxLength - 7
        return `${base.length > room ? base.slice(0, Math.max(0, room)).trimEnd() : base} ${d}`.trimStart()
      })
    },
  }
}

/** An IPv4 address from the hash (first octet 1–223, not 10/127), IPv4-mapped for IPv6-only columns. */
function ipOf(v6: boolean): (hi: number, lo: number) => string {
  return (hi) => {
    let a = 1 + ((hi >>> 24) % 223)
    if (a === 10 || a === 127) a++
    const s = `${a}.${(hi >>> 16) & 255}.${(hi >>> 8) & 255}.${hi & 255}`
    return v6 ? `::ffff:${s}` : s
  }
}
