/**
 * `scramble`: format-preserving. Each letter and digit is replaced within its class (digit, upper, lower)
 * and every other character stays, by a keyed bijection per shape: same length, same look, unique
 * originals stay unique. Card numbers keep their first digit (the network) and a valid Luhn check digit, and IBANs valid check digits (and
 * their country): forced by `luhn`/`iban`, off when false, detected per value when absent. Integers and
 * uuids are permuted (see `permute`), decimals scrambled digit by digit, enum columns get a keyed label.
 */
import type { MaskSpec } from '../../model/mask.js'
import type { Value } from '../../model/rows.js'
import { hashValue, lastBelow } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { shapePermuter } from '../permutation.js'
import { ibanCheck, isIban, isLuhnCard, luhnDigit } from './checksums.js'
import { cutTo, fitOf, unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'
import { permuteFn } from './permute.js'

export function scrambleMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'scramble' }> }): ColumnMasker {
  const fit = fitOf(ctx.table, ctx.column)
  const kind = ctx.column.type.kind
  if (fit.labels) {
    const labels = fit.labels
    const k = subkey(ctx.key, `choice:${labels.join('\u0000')}`)
    return { reads: [], bind: () => (v) => (v === null ? null : (hashValue(k, v), labels[lastBelow(labels.length)]!)) }
  }
  if (kind === 'integer' || kind === 'uuid') {
    const f = permuteFn(ctx, fit, 'shape')
    return { reads: [], bind: () => f }
  }
  const p = shapePermuter(subkey(ctx.key, 'shape:text'))
  if (kind === 'decimal' || kind === 'float') {
    return {
      reads: [],
      bind: () => (v) => {
        if (v === null) return null
        if (typeof v === 'number') return Number(p(String(v)))
        return p(String(v))
      },
    }
  }
  if (!fit.text) throw unsatisfiable(ctx, `cannot scramble a ${kind} column (text, numbers, uuids and enums only)`)
  const { luhn, iban } = ctx.spec
  const scrambleText = (s: string): string => {
    if (iban === true || (iban === undefined && s.length >= 15 && s.length <= 42 && isIban(s))) return scrambleIban(s)
    if (luhn === true || (luhn === undefined && s.length >= 13 && s.length <= 23 && isLuhnCard(s))) return scrambleLuhn(s)
    return p(s)
  }
  const scrambleLuhn = (s: string): string => {
    const last = lastDigit(s)
    if (last < 0) return p(s)
    // The first digit names the card network (4 Visa, 5 Mastercard, 3 Amex): kept, with the check digit.
    const first = s.search(/[0-9]/)
    const t = p(s, (i) => i === last || i === first)
    return t.slice(0, last) + String(luhnDigit(t.slice(0, last))) + t.slice(last + 1)
  }
  const scrambleIban = (s: string): string => {
    // Country and check digits are the first four non-space characters: kept, then the check recomputed.
    const head = new Set<number>()
    for (let i = 0; i < s.length && head.size < 4; i++) if (s[i] !== ' ') head.add(i)
    const t = p(s, (i) => head.has(i))
    const compact = t.replace(/ /g, '')
    const check = ibanCheck(compact)
    const [, , c2, c3] = [...head]
    return t.slice(0, c2) + check[0] + t.slice(c2! + 1, c3) + check[1] + t.slice(c3! + 1)
  }
  return {
    reads: [],
    bind: () => (v: Value) => (v === null ? null : cutTo(scrambleText(String(v)), fit)),
  }
}

function lastDigit(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) return i
  }
  return -1
}
