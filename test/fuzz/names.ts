/**
 * Hostile identifiers and labels: quotes of every dialect, spaces, reserved words, unicode and names at
 * the dialect's length limit (PostgreSQL 63 bytes, MySQL 64 characters, SQL Server 128).
 */
import type { FuzzDialect } from './schema.js'

const PLAIN = ['id', 'name', 'code', 'amount', 'created', 'ref', 'a', 'b', 'x1', 'kind', 'score', 'price', 'title', 'parent', 'owner']
const RESERVED = ['select', 'order', 'group', 'user', 'table', 'from', 'where', 'key', 'index', 'check', 'default', 'primary', 'desc', 'limit', 'column', 'values', 'end', 'case']
const HOSTILE = [
  'My Table', 'with space', 'quote"d', "apo'strophe", 'back`tick', 'semi;colon', 'dash-ed', 'dot.ted', 'per%cent',
  'Ünïcödé', '日本語の表', 'naïve café', 'MixedCase', 'UPPER', 'br]acket', '[br', 'Ω≈ç√', 'emoji😀', 'tab\tin', '$dollar', '1digit',
]

/** The identifier length limit: bytes for PostgreSQL, characters elsewhere. */
export function fits(d: FuzzDialect, name: string): boolean {
  if (d === 'postgres') return Buffer.byteLength(name, 'utf8') <= 63
  const chars = [...name].length
  return d === 'mysql' ? chars <= 64 : d === 'mssql' ? chars <= 128 : chars <= 200
}

/** Cut `name` to the dialect's limit, never inside a character. */
export function cut(d: FuzzDialect, name: string): string {
  let out = ''
  for (const ch of name) {
    if (!fits(d, out + ch)) break
    out += ch
  }
  return out
}

/** A name at exactly the dialect's limit (multi-byte characters for PostgreSQL's byte limit). */
function longName(d: FuzzDialect, i: number): string {
  const fill = i % 2 === 0 ? 'long_name_' : 'läng_ñame_'
  return cut(d, fill.repeat(30))
}

function allowed(d: FuzzDialect, name: string): boolean {
  // MySQL/MariaDB: no supplementary characters (emoji) in identifiers, no control characters.
  if (d === 'mysql' && (/[\u{10000}-\u{10FFFF}]/u.test(name) || /[\t]/.test(name))) return false
  return true
}

/** Pool of candidate names; an index into it picks one. */
export function namePool(d: FuzzDialect): string[] {
  return [...PLAIN, ...RESERVED, ...HOSTILE, longName(d, 0), longName(d, 1)].filter((n) => allowed(d, n))
}

/** Comparison key under case- and accent-insensitive collations (MySQL column names, ENUM labels). */
export function foldKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trimEnd()
}

/**
 * Names that are distinct even under folding: a taken name gets a `_<n>` suffix, the base cut so the
 * result still fits the limit.
 */
export class NameSet {
  private readonly taken = new Set<string>()
  constructor(private readonly d: FuzzDialect) {}

  take(wanted: string): string {
    let name = cut(this.d, wanted)
    for (let n = 2; this.taken.has(foldKey(name)); n++) {
      const suffix = `_${n}`
      let base = wanted
      while (!fits(this.d, base + suffix)) base = [...base].slice(0, -1).join('')
      name = base + suffix
    }
    this.taken.add(foldKey(name))
    return name
  }
}

const LABELS = ['red', 'green', 'blue', "it's", 'a b', 'Ünï', 'x,y', 'naïve', '日本', 'UPPER', 'with "dq"', 'semi;', 'e', '1', 'percent%', 'under_']

/** 2–5 enum/IN labels, distinct under folding. */
export function labels(pick: number[]): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const p of pick) {
    const l = LABELS[p % LABELS.length] as string
    if (seen.has(foldKey(l))) continue
    seen.add(foldKey(l))
    out.push(l)
  }
  if (out.length === 0) out.push('only')
  return out
}
