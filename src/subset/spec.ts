/**
 * `--subset` spec strings: `<table>:<rule>` where the rule is `N%` (0 < N ≤ 100, decimals allowed),
 * `limit N` (a whole number ≥ 0) or `where <SQL condition in the source dialect>`. Keywords are
 * case-insensitive; the table is `name` or `schema.name` as the model spells it. Bad input is one
 * TDG_USAGE line naming the spec.
 */
import { TdgError } from '../errors.js'
import type { SchemaModel } from '../model/schema.js'
import { tableKey } from '../plan/insert-order.js'

export type SubsetRule = { kind: 'percent'; percent: number } | { kind: 'limit'; limit: number } | { kind: 'where'; where: string }

/** One parsed `--subset` value. */
export interface SubsetSpec {
  /** The table as written (`customers`, `sales.orders`). */
  table: string
  rule: SubsetRule
  /** The spec as the user gave it, for messages. */
  text: string
  /** The option it came from, for messages; default `--subset` (`tdg export` gives `--where`). */
  option?: string
}

function bad(text: string, why: string, option = '--subset'): TdgError {
  return new TdgError('TDG_USAGE', `${option} "${text}": ${why}`, { option, spec: text })
}

/** Parse one `--subset` value; TDG_USAGE naming it when it is malformed. */
export function parseSubsetSpec(text: string): SubsetSpec {
  const colon = text.indexOf(':')
  if (colon < 0) throw bad(text, 'expected <table>:<rule>, e.g. customers:5%, customers:limit 100 or orders:where <condition>')
  const table = text.slice(0, colon).trim()
  const body = text.slice(colon + 1).trim()
  if (table === '' || /\s/.test(table)) throw bad(text, 'the part before ":" must be a table name')
  if (body === '') throw bad(text, 'no rule after ":" (N%, limit N or where <condition>)')
  const pct = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(body)
  if (pct) {
    const percent = Number(pct[1])
    if (!(percent > 0 && percent <= 100)) throw bad(text, 'a percentage must be more than 0 and at most 100')
    return { table, rule: { kind: 'percent', percent }, text }
  }
  const lim = /^limit\b\s*(.*)$/is.exec(body)
  if (lim) {
    const n = lim[1]!.trim()
    if (!/^\d+$/.test(n) || !Number.isSafeInteger(Number(n))) throw bad(text, `"limit" needs a whole number of rows, got "${n}"`)
    return { table, rule: { kind: 'limit', limit: Number(n) }, text }
  }
  const where = /^where\b\s*([\s\S]*)$/i.exec(body)
  if (where) {
    const cond = where[1]!.trim()
    if (cond === '') throw bad(text, '"where" needs a condition')
    return { table, rule: { kind: 'where', where: cond }, text }
  }
  throw bad(text, `unknown rule "${body.split(/\s+/)[0]}" (expected N%, limit N or where <condition>)`)
}

/**
 * `tdg export --where "<table>:<SQL condition>"`: a `where` rule for one table, in the source dialect's
 * SQL. TDG_USAGE naming the option when the table or the condition is missing.
 */
export function parseWhereSpec(text: string): SubsetSpec {
  const colon = text.indexOf(':')
  if (colon < 0) throw bad(text, 'expected <table>:<condition>, e.g. orders:freight > 10', '--where')
  const table = text.slice(0, colon).trim()
  const where = text.slice(colon + 1).trim()
  if (table === '' || /\s/.test(table)) throw bad(text, 'the part before ":" must be a table name', '--where')
  if (where === '') throw bad(text, 'no condition after ":"', '--where')
  return { table, rule: { kind: 'where', where }, text, option: '--where' }
}

/**
 * The keys (`tableKey`) of the tables `name` may mean: `schema.name` exactly, else `name` exactly, else
 * either case-insensitively. More than one: ambiguous; none: no such table.
 */
export function tablesNamed(model: SchemaModel, name: string): string[] {
  const keys = model.tables.map((t) => ({ key: tableKey(t), name: t.name }))
  let hits = keys.filter((k) => k.key === name)
  if (hits.length === 0) hits = keys.filter((k) => k.name === name)
  if (hits.length === 0) hits = keys.filter((k) => k.key.toLowerCase() === name.toLowerCase() || k.name.toLowerCase() === name.toLowerCase())
  return hits.map((h) => h.key)
}

/**
 * The table key (`tableKey`) a spec names: `schema.name` exactly, or `name` when one table has it (exact
 * case first, then case-insensitively). TDG_USAGE when none or several match, or a table is named twice.
 */
export function resolveSpecTables(model: SchemaModel, specs: SubsetSpec[]): Map<string, SubsetSpec> {
  const out = new Map<string, SubsetSpec>()
  for (const s of specs) {
    const hits = tablesNamed(model, s.table)
    if (hits.length === 0) throw bad(s.text, `no table ${s.table} in the source schema`, s.option)
    if (hits.length > 1) throw bad(s.text, `${s.table} is ambiguous (${hits.join(', ')}); qualify it with its schema`, s.option)
    const key = hits[0]!
    if (out.has(key)) throw bad(s.text, `table ${key} is already ${s.option === '--where' ? 'filtered' : 'subset'} by "${out.get(key)!.text}"`, s.option)
    out.set(key, s)
  }
  return out
}
