/**
 * Countries, currencies and languages follow real-world weights (issue 10 §3), from src/geo's tables:
 * countries by nominal GDP, currencies by FX turnover, languages by speakers. A column tdg would fill
 * from an unweighted faker pool (`country` → ~249 codes alike, `HM` as often as `US`) gets a `weighted`
 * spec instead, as codes or English names by the column's width. Columns in a place group
 * (address-group.ts) and columns with CHECKs on their values keep what they have.
 */
import type { GeneratorSpec } from '../model/plan.js'
import { COUNTRY_ROWS, CURRENCY_WEIGHTS, LANGUAGE_WEIGHTS } from '../geo/data/countries.js'
import { countryName, language } from '../geo/index.js'
import type { ColumnConstraints } from './column-constraints.js'
import type { DraftColumnView } from './draft-column.js'
import { snakeName } from './semantics.js'

/** What this pass reads and rewrites of a draft column. */
export type WorldColumn = Pick<DraftColumnView, 'name' | 'spec' | 'reason'>

type Kind = 'country' | 'currency' | 'language'

const NAMES: Array<[RegExp, Kind]> = [
  [/(^|_)country(_code|_name|_iso|_iso2)?$|^iso2$/, 'country'],
  [/(^|_)currency(_code|_iso)?$/, 'currency'],
  [/(^|_)(language|lang)(_code|_iso)?$|^locale$/, 'language'],
]

/** Rewrite the unweighted country/currency/language columns of one table in place. */
export function applyWorldVocabulary(columns: WorldColumn[], cons: (name: string) => ColumnConstraints, inKey: (name: string) => boolean, covered: Set<string>): void {
  for (const c of columns) {
    // A unique column needs more values than a weighted list holds.
    if (covered.has(c.name) || inKey(c.name) || !loose(c.spec)) continue
    const kind = NAMES.find(([re]) => re.test(snakeName(c.name)))?.[1]
    if (!kind) continue
    const k = cons(c.name)
    if (k.likes.length > 0 || k.notLikes.length > 0 || k.exclude.some((v) => v !== '') || k.lower.length > 0 || k.upper.length > 0) continue
    const max = 'maxLength' in c.spec ? c.spec.maxLength : undefined
    const min = 'minLength' in c.spec ? c.spec.minLength : 0
    const table = weighted(kind, max, /code|iso/.test(snakeName(c.name)))
    const fits = table.values.filter((v, i) => v.length >= min && (max === undefined || v.length <= max) && table.weights[i]! > 0)
    if (fits.length < 3) continue
    const weights = fits.map((v) => table.weights[table.values.indexOf(v)]!)
    c.spec = { kind: 'weighted', values: fits, weights }
    c.reason = `${c.reason}; ${table.why}`
  }
}

/** A faker pool or lorem words: what tdg falls back to for such a column. */
function loose(spec: GeneratorSpec): boolean {
  return (spec.kind === 'faker' && ['country', 'country-code', 'currency', 'words', 'word'].includes(spec.semantic)) || spec.kind === 'string'
}

/** The values (codes when the column is narrow or named a code, else English names) and their weights. */
function weighted(kind: Kind, maxLength: number | undefined, named: boolean): { values: string[]; weights: number[]; why: string } {
  const codes = named || (maxLength !== undefined && maxLength <= 5)
  if (kind === 'country')
    return {
      values: COUNTRY_ROWS.map((r) => (codes ? (maxLength === 3 && !named ? r[1] : r[0]) : countryName(r[0]))),
      weights: COUNTRY_ROWS.map((r) => r[5]),
      why: 'countries weighted by GDP (2023)',
    }
  if (kind === 'currency') return { values: CURRENCY_WEIGHTS.map((r) => r[0]), weights: CURRENCY_WEIGHTS.map((r) => r[1]), why: 'currencies weighted by FX turnover (BIS 2022)' }
  return {
    values: LANGUAGE_WEIGHTS.map((r) => (codes ? r[0] : language(r[0]).name)),
    weights: LANGUAGE_WEIGHTS.map((r) => r[1]),
    why: 'languages weighted by speakers (Ethnologue 2023)',
  }
}
