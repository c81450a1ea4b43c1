/**
 * A Profile → a rules file in the rule engine's own format (src/rules/schema.ts), with the evidence as
 * comments: per table `rows` (× scale) and `perParent` (empirical fan-out), per column the best rule the
 * evidence supports (see emit-column.ts), ordered pairs as `after`, conditional nulls as `when`/`then:
 * null`/`else`. Keys the plan assigns (primary keys, foreign keys) get no generator. The rules validate
 * with the loader (`rulesFromObject`) and the YAML loads back with `parseRules`.
 *
 * Privacy: no raw value of a column with `valuesWithheld` or `pii` reaches the rules or the comments.
 */
import type { ColumnProfile, Profile, TableProfile } from '../model/profile.js'
import type { Table } from '../model/schema.js'
import type { ColumnRule, RulesFile, TableRules } from '../rules/schema.js'
import { rulesFromObject } from '../rules/load.js'
import { checkScale, scaleCount } from '../rules/scale.js'
import { builtinWhy, evidenceOf, familyOf, generatorFor, withheld } from './emit-column.js'
import { chooseFanOuts, fanOutQuantiles } from './emit-fan-out.js'
import { renderRulesYaml, type TableNotes } from './emit-yaml.js'

export interface EmitOptions {
  /** Multiply every table's row count (default 1): `rows` = count × scale, rounded, ≥ 1 when the source had rows. */
  scale?: number
  /**
   * The profiled tables' definitions (ProfileInput.tables()), when known: primary keys, identity and
   * generated columns get no rule, and `nullRate` is only given to nullable columns. Without them, FK
   * columns come from the profile's fan-out and an integer column named `id`/`…_id` with every value
   * distinct is taken for a key.
   */
  tables?: Table[]
}

export interface EmittedRules {
  /** The rules object (validated): `TestDataGenerator.setRules` and PlanOptions.rules take it. */
  rules: RulesFile
  /** The same rules as commented YAML, to edit and commit. */
  yaml: string
}

const round4 = (x: number) => Math.round(x * 10000) / 10000

/** Rules that make generated data look like the profiled data, and their commented YAML. */
export function profileToRules(profile: Profile, opts: EmitOptions = {}): EmittedRules {
  const scale = opts.scale === undefined ? 1 : checkScale(opts.scale)
  const dup = new Set(profile.tables.map((t) => t.name).filter((n, j, all) => all.indexOf(n) !== j))
  const tables: Record<string, TableRules> = {}
  const notes: Record<string, TableNotes> = {}
  for (const t of profile.tables) {
    const key = dup.has(t.name) && t.schema !== undefined ? `${t.schema}.${t.name}` : t.name
    const def = opts.tables?.find((d) => d.name === t.name && (t.schema === undefined || d.schema === undefined || d.schema === t.schema))
    const { rules, note } = tableRules(t, def, scale)
    tables[key] = rules
    notes[key] = note
  }
  const rules: RulesFile = { tables }
  // The emitted object must be what the loader accepts (a failure here is a bug of the emitter).
  rulesFromObject(rules, 'profile rules')
  return { rules, yaml: renderRulesYaml(rules, notes, profile, scale) }
}

function tableRules(t: TableProfile, def: Table | undefined, scale: number): { rules: TableRules; note: TableNotes } {
  const rules: TableRules = { rows: scaleCount(t.rows.count, scale) }
  const note: TableNotes = {
    head: `${t.rows.count} rows (${t.rows.method}${t.rows.exact ? '' : ', estimate'})${scale !== 1 ? ` × ${scale}` : ''}; ${t.sampled} sampled (${t.sampling})`,
    columns: {},
    skipped: [],
  }
  const fans = chooseFanOuts(t)
  if (fans.length > 0) {
    rules.perParent = Object.fromEntries(fans.map((f) => [f.parent.table, { quantiles: fanOutQuantiles(f) }]))
    note.perParent = fans
      .map((fan, i) => `children per ${fan.parent.table}: min ${fan.min}, median ${fan.median}, p95 ${fan.p95}, max ${fan.max}, ${Math.round(fan.childless * 1000) / 10}% childless over ${fan.parents} parents${fan.exact ? '' : ' (from a sample)'}${i === 0 ? '; rows evened out to the total' : '; spread over the rows'}`)
      .join('; ')
  }
  const fkCols = new Set([...t.fanOut.flatMap((f) => f.columns), ...(def?.foreignKeys.flatMap((f) => f.columns) ?? [])])
  const fanCols = new Set(fans.flatMap((f) => f.columns))
  const byName = new Map(t.columns.map((c) => [c.name, c]))
  const columns: Record<string, ColumnRule> = {}
  for (const c of t.columns) {
    const col = def?.columns.find((x) => x.name === c.name)
    const nullable = col ? col.nullable && !(def?.primaryKey?.columns.includes(c.name) ?? false) : c.nullShare > 0 || !keyLike(c)
    if (isKey(c, def)) {
      note.skipped.push(`${c.name} (key)`)
      continue
    }
    if (fkCols.has(c.name)) {
      if (fanCols.has(c.name)) note.skipped.push(`${c.name} (FK, perParent)`)
      else if (nullable) {
        columns[c.name] = { nullRate: round4(c.nullShare) }
        note.columns[c.name] = evidenceOf(c, 'foreign key: values from the parent rows, NULL share kept')
      } else note.skipped.push(`${c.name} (FK)`)
      continue
    }
    const unique = def !== undefined && [def.primaryKey, ...def.uniques].some((u) => u?.columns.length === 1 && u.columns[0] === c.name)
    const chosen = chooseRule(t, c, byName, unique)
    let rule = chosen?.rule
    if (nullable && (c.nullShare > 0 || rule === undefined) && rule?.when === undefined) rule = { ...rule, nullRate: round4(c.nullShare) }
    if (!rule) {
      note.skipped.push(`${c.name} (no evidence to add)`)
      continue
    }
    columns[c.name] = rule
    note.columns[c.name] = evidenceOf(c, chosen ? chosen.why : builtinWhy(c, t.name))
  }
  if (Object.keys(columns).length > 0) rules.columns = columns
  return { rules, note }
}

/** The generator rule of a column: a conditional null or an ordered pair when the evidence holds, else generatorFor. */
function chooseRule(t: TableProfile, c: ColumnProfile, byName: Map<string, ColumnProfile>, unique: boolean): { rule: ColumnRule; why: string } | undefined {
  const base = generatorFor(c, t.name, unique)
  const pair = pairRule(t, c, byName)
  const gen = pair ?? base
  const cn = t.conditionalNulls.find((n) => n.column === c.name && n.nullShareWhen >= 0.95)
  const whenCol = cn ? byName.get(cn.when.column) : undefined
  if (cn && whenCol && !withheld(whenCol) && whenCol.categories?.values.some((v) => v.value === cn.when.value)) {
    const rule: ColumnRule = { when: { [cn.when.column]: cn.when.value }, then: null, ...(gen ? { else: gen.rule } : {}), nullRate: round4(cn.nullShareOtherwise) }
    return { rule, why: `NULL when ${cn.when.column} is one value (${Math.round(cn.nullShareWhen * 100)}% of those rows)${gen ? `, else ${gen.why}` : ''}` }
  }
  return gen
}

/** `after: left` with a window twice the median gap, when `left ≤ right` held in ≥ 99 % of the rows. */
function pairRule(t: TableProfile, c: ColumnProfile, byName: Map<string, ColumnProfile>): { rule: ColumnRule; why: string } | undefined {
  const fam = familyOf(c)
  if (!(fam === 'number' || fam === 'date' || fam === 'timestamp') || !c.numeric) return undefined
  let best: { rule: ColumnRule; why: string; gap: number } | undefined
  for (const p of t.orderedPairs) {
    if (p.right !== c.name || p.share < 0.99) continue
    if (t.orderedPairs.some((r) => r.left === p.right && r.right === p.left)) continue
    const left = byName.get(p.left)
    if (!left?.numeric || familyOf(left) !== fam) continue
    const d = c.numeric.quantiles.map((v, j) => v - (left.numeric!.quantiles[j] ?? v)).sort((a, b) => a - b)
    const gap = Math.max(0, d[Math.floor(d.length / 2)] ?? 0) / (fam === 'number' ? 1 : 86_400_000)
    const maxDays = fam === 'date' ? Math.max(1, Math.ceil(2 * gap)) : fam === 'timestamp' ? Math.max(0.01, Math.ceil(200 * gap) / 100) : Math.max(0.0001, round4(2 * gap))
    if (!best || gap < best.gap) best = { rule: { after: p.left, maxDays }, why: `${p.left} ${p.op} ${c.name} in ${Math.round(p.share * 1000) / 10}% of rows: after it, up to twice the median gap`, gap }
  }
  return best && { rule: best.rule, why: best.why }
}

/** Keys the plan assigns: the primary key's integer column, identity and generated columns. */
function isKey(c: ColumnProfile, def: Table | undefined): boolean {
  if (!def) return keyLike(c)
  const col = def.columns.find((x) => x.name === c.name)
  if (!col) return true
  if (col.identity || col.generated) return true
  const pk = def.primaryKey?.columns ?? []
  return pk.length === 1 && pk[0] === c.name && col.type.kind === 'integer'
}

/** Without a schema: an integer column named `id` or `…_id`/`…Id` with every value distinct and none NULL. */
function keyLike(c: ColumnProfile): boolean {
  return c.kind === 'integer' && c.distinctShare === 1 && c.nullShare === 0 && /(^|_)id$|[a-z]Id$/i.test(c.name)
}
