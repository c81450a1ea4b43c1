/**
 * The `mask:` key of a column or match rule: which masker `tdg clone` / `tdg mask` applies. Either a bare
 * kind (`keep`, `null`, `hash`, `redact`, `scramble`, `permute`, `shuffle`, `fake`) or a one-key mapping
 * `{ <kind>: <options> }`. Parsed by hand (not a zod union) so a mistake gets one precise message.
 */
import type { FakeField, Generalization, MaskSpec } from '../model/mask.js'
import type { RuleScalar } from './schema.js'
import { didYouMean } from './rule-error.js'

/** Every FakeField, for validation and "did you mean". */
export const FAKE_FIELDS: readonly FakeField[] = [
  'first-name',
  'last-name',
  'full-name',
  'email',
  'username',
  'phone',
  'street',
  'address-line',
  'city',
  'state',
  'zip',
  'country',
  'company',
  'job-title',
  'url',
  'ip',
  'text',
]

const BARE = ['keep', 'null', 'hash', 'redact', 'scramble', 'permute', 'shuffle', 'fake'] as const
const KINDS = ['keep', 'null', 'constant', 'redact', 'hash', 'scramble', 'permute', 'fake', 'shift', 'noise', 'generalize', 'shuffle', 'generate'] as const

/** A parsed `mask:` value before the column is known: `fake` without a field is resolved per column. */
export type MaskRuleSpec = MaskSpec | { kind: 'fake'; field?: undefined; unique?: boolean; locale?: string } | { kind: 'generate'; rule: unknown }

/** A problem at a sub-path of the `mask` value. */
export interface MaskRuleProblem {
  path: Array<string | number>
  message: string
}

/** Parse one `mask:` value; a problem names the sub-path (relative to `mask`) and what is wrong. */
export function parseMaskRule(raw: unknown): MaskRuleSpec | MaskRuleProblem {
  // YAML reads a bare `mask: null` as null, not as the word.
  if (raw === null) return { kind: 'null' }
  if (typeof raw === 'string') {
    if ((BARE as readonly string[]).includes(raw)) return raw === 'hash' ? { kind: 'hash', encoding: 'hex' } : raw === 'shuffle' ? { kind: 'shuffle' } : ({ kind: raw } as MaskRuleSpec)
    return problem([], `unknown masker '${raw}'${hint(raw, KINDS)}; one of ${BARE.join(', ')} or a mapping like { fake: email }`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return problem([], 'must be a masker name or a mapping like { fake: email }')
  const keys = Object.keys(raw)
  if (keys.length !== 1) return problem([], `choose one masker (${keys.length === 0 ? 'none' : keys.join(', ')} given)`)
  const kind = keys[0]!
  const v = (raw as Record<string, unknown>)[kind]
  const at = (p: Array<string | number>, m: string) => problem([kind, ...p], m)
  switch (kind) {
    case 'keep':
    case 'null':
    case 'permute':
      return v === null || isEmpty(v) ? ({ kind } as MaskRuleSpec) : at([], 'takes no options')
    case 'constant':
      return isScalar(v) ? { kind: 'constant', value: v } : at([], 'must be a string, number, boolean or null')
    case 'fake': {
      if (typeof v === 'string') return FAKE_FIELDS.includes(v as FakeField) ? { kind: 'fake', field: v as FakeField } : at([], unknownField(v))
      const o = options(v, ['field', 'unique', 'locale'])
      if (typeof o === 'string') return at([], o)
      if (o.field !== undefined && !FAKE_FIELDS.includes(o.field as FakeField)) return at(['field'], unknownField(String(o.field)))
      if (o.unique !== undefined && typeof o.unique !== 'boolean') return at(['unique'], 'must be true or false')
      if (o.locale !== undefined && typeof o.locale !== 'string') return at(['locale'], 'must be a locale code like de or pt_BR')
      return { kind: 'fake', ...(o.field !== undefined ? { field: o.field as FakeField } : {}), ...(o.unique !== undefined ? { unique: o.unique as boolean } : {}), ...(o.locale !== undefined ? { locale: o.locale as string } : {}) } as MaskRuleSpec
    }
    case 'hash': {
      const o = options(v, ['encoding', 'length'])
      if (typeof o === 'string') return at([], o)
      if (o.encoding !== undefined && o.encoding !== 'hex' && o.encoding !== 'base64') return at(['encoding'], 'must be hex or base64')
      if (o.length !== undefined && !positiveInt(o.length)) return at(['length'], 'must be a whole number ≥ 1')
      return { kind: 'hash', encoding: (o.encoding as 'hex' | 'base64' | undefined) ?? 'hex', ...(o.length !== undefined ? { length: o.length as number } : {}) }
    }
    case 'redact': {
      if (typeof v === 'string') return { kind: 'redact', with: v }
      const o = options(v, ['with', 'keepLength', 'char'])
      if (typeof o === 'string') return at([], o)
      if (o.with !== undefined && typeof o.with !== 'string') return at(['with'], 'must be text')
      if (o.keepLength !== undefined && typeof o.keepLength !== 'boolean') return at(['keepLength'], 'must be true or false')
      if (o.char !== undefined && (typeof o.char !== 'string' || [...o.char].length !== 1)) return at(['char'], 'must be one character')
      if (o.with !== undefined && o.keepLength === true) return at(['keepLength'], "choose 'with' or 'keepLength'")
      return { kind: 'redact', ...(o as { with?: string; keepLength?: boolean; char?: string }) }
    }
    case 'scramble': {
      const o = options(v, ['luhn', 'iban'])
      if (typeof o === 'string') return at([], o)
      for (const k of ['luhn', 'iban'] as const) if (o[k] !== undefined && typeof o[k] !== 'boolean') return at([k], 'must be true or false')
      return { kind: 'scramble', ...(o as { luhn?: boolean; iban?: boolean }) }
    }
    case 'shift': {
      const o = options(v, ['maxDays', 'by'])
      if (typeof o === 'string') return at([], o)
      if (!positiveInt(o.maxDays)) return at(['maxDays'], 'must be a whole number of days ≥ 1')
      const by = typeof o.by === 'string' ? [o.by] : o.by
      if (by !== undefined && (!Array.isArray(by) || by.length === 0 || by.some((c) => typeof c !== 'string'))) return at(['by'], 'must be a column or a list of columns')
      return { kind: 'shift', maxDays: o.maxDays as number, ...(by ? { by: by as string[] } : {}) }
    }
    case 'noise': {
      const o = options(v, ['percent'])
      if (typeof o === 'string') return at([], o)
      if (typeof o.percent !== 'number' || !(o.percent > 0) || o.percent > 100) return at(['percent'], 'must be a number in (0, 100]')
      return { kind: 'noise', percent: o.percent }
    }
    case 'generalize': {
      const o = options(v, ['round', 'bucket', 'truncate'])
      if (typeof o === 'string') return at([], o)
      const given = Object.keys(o)
      if (given.length !== 1) return at([], 'choose one of round, bucket, truncate')
      let how: Generalization
      if (o.truncate !== undefined) {
        if (!['year', 'month', 'day', 'hour'].includes(o.truncate as string)) return at(['truncate'], 'must be year, month, day or hour')
        how = { truncate: o.truncate as 'year' | 'month' | 'day' | 'hour' }
      } else {
        const k = given[0] as 'round' | 'bucket'
        if (typeof o[k] !== 'number' || !((o[k] as number) > 0)) return at([k], 'must be a number > 0')
        how = k === 'round' ? { round: o.round as number } : { bucket: o.bucket as number }
      }
      return { kind: 'generalize', how }
    }
    case 'shuffle': {
      const o = options(v, ['window'])
      if (typeof o === 'string') return at([], o)
      if (o.window !== undefined && !(positiveInt(o.window) && (o.window as number) >= 2)) return at(['window'], 'must be a whole number ≥ 2')
      return { kind: 'shuffle', ...(o.window !== undefined ? { window: o.window as number } : {}) }
    }
    case 'generate':
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return at([], 'must be a generation rule, like { regex: "[A-Z]{3}" }')
      return { kind: 'generate', rule: v }
    default:
      return problem([kind], `unknown masker '${kind}'${hint(kind, KINDS)}; one of ${KINDS.join(', ')}`)
  }
}

/** Whether `x` is a problem rather than a spec. */
export function isMaskProblem(x: MaskRuleSpec | MaskRuleProblem): x is MaskRuleProblem {
  return 'message' in x
}

function problem(path: Array<string | number>, message: string): MaskRuleProblem {
  return { path, message }
}

function options(v: unknown, allowed: string[]): Record<string, unknown> | string {
  if (v === null || v === undefined) return {}
  if (typeof v !== 'object' || Array.isArray(v)) return `must be a mapping of ${allowed.join(', ')}`
  const bad = Object.keys(v).find((k) => !allowed.includes(k))
  if (bad !== undefined) return `unknown option '${bad}'${hint(bad, allowed)}; allowed: ${allowed.join(', ')}`
  return v as Record<string, unknown>
}

function isEmpty(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0
}

function isScalar(v: unknown): v is RuleScalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
}

function positiveInt(v: unknown): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1
}

function unknownField(v: string): string {
  return `unknown fake field '${v}'${hint(v, FAKE_FIELDS)}; one of ${FAKE_FIELDS.join(', ')}`
}

function hint(word: string, candidates: readonly string[]): string {
  return didYouMean(word, candidates)
}
