/**
 * Faker locales: which codes exist, their canonical spelling, and the loaded faker instance per code.
 * English is imported statically (the default; startup stays fast); any other locale module is loaded
 * on demand by `loadLocales` (one dynamic import of `@faker-js/faker/locale/<code>` each), so a run
 * pays only for the locales its plan names. Generation is synchronous: the pipeline and the API load a
 * plan's locales (`loadPlanLocales`) before they compile it.
 */
import { faker as fakerEn } from '@faker-js/faker/locale/en'
import type { GeneratorSpec, Plan } from '../model/plan.js'
import { TdgError } from '../errors.js'
import { skippingRandomizer } from './mersenne.js'

/** The locale of plans and columns that name none. */
export const DEFAULT_LOCALE = 'en'

/** Faker 10's locale modules (`@faker-js/faker/locale/<code>`), `base` left out (it has no names). */
export const FAKER_LOCALES: readonly string[] = [
  'af_ZA', 'ar', 'az', 'bn_BD', 'cs_CZ', 'cy', 'da', 'de', 'de_AT', 'de_CH', 'dv', 'el', 'en', 'en_AU', 'en_AU_ocker',
  'en_BORK', 'en_CA', 'en_GB', 'en_GH', 'en_HK', 'en_IE', 'en_IN', 'en_NG', 'en_NP', 'en_US', 'en_ZA', 'eo', 'es', 'es_MX',
  'fa', 'fi', 'fr', 'fr_BE', 'fr_CA', 'fr_CH', 'fr_LU', 'fr_SN', 'he', 'hr', 'hu', 'hy', 'id_ID', 'it', 'ja', 'ka_GE', 'ko',
  'ku_ckb', 'ku_kmr_latin', 'lv', 'mk', 'mn_MN_cyrl', 'nb_NO', 'ne', 'nl', 'nl_BE', 'pl', 'pt_BR', 'pt_PT', 'ro', 'ro_MD',
  'ru', 'sk', 'sl_SI', 'sr_RS_latin', 'sv', 'ta_IN', 'th', 'tr', 'uk', 'ur', 'uz_UZ_latin', 'vi', 'yo_NG', 'zh_CN', 'zh_TW', 'zu_ZA',
]

/** A faker instance (every locale module exports one of the same shape). */
export type Faker = typeof fakerEn

/**
 * `f` with faker's generator replaced by the same generator that can also skip (mersenne.ts: the same
 * numbers, so every faker method and every pool gives the same values). The locale modules' instances are
 * the ones tdg seeds and draws from (pools.ts) already.
 */
function withSkippingRandomizer(f: Faker): Faker {
  const core = (f as unknown as { fakerCore?: { randomizer?: unknown } }).fakerCore
  if (core && typeof core === 'object' && 'randomizer' in core) core.randomizer = skippingRandomizer()
  return f
}

const loaded = new Map<string, Faker>([[DEFAULT_LOCALE, withSkippingRandomizer(fakerEn)]])

/**
 * The canonical code of `code` (`de`, `pt-BR` → `pt_BR`, `EN_gb` → `en_GB`), or undefined when faker has
 * no such locale.
 */
export function canonicalLocale(code: string): string | undefined {
  const want = code.trim().replace(/-/g, '_').toLowerCase()
  return FAKER_LOCALES.find((l) => l.toLowerCase() === want)
}

/** Why `code` is not a locale, in one line, with a few valid ones. */
export function unknownLocaleMessage(code: string): string {
  const lang = code.trim().replace(/-/g, '_').split('_')[0]!.toLowerCase()
  const near = FAKER_LOCALES.filter((l) => l.split('_')[0] === lang)
  const some = near.length > 0 ? near.slice(0, 6) : ['en', 'en_GB', 'de', 'fr', 'es', 'it', 'nl', 'pl', 'pt_BR', 'ja']
  return `unknown locale '${code}' (faker locales such as ${some.join(', ')}${near.length > 6 || near.length === 0 ? ', …' : ''})`
}

/** The canonical code, or TDG_USAGE naming the bad code and some valid ones. */
export function requireLocale(code: string): string {
  const c = canonicalLocale(code)
  if (c === undefined) throw new TdgError('TDG_USAGE', unknownLocaleMessage(code), { locale: code })
  return c
}

/** Load the faker modules of `codes` (canonical codes; English is always there). */
export async function loadLocales(codes: Iterable<string>): Promise<void> {
  for (const code of codes) {
    if (loaded.has(code)) continue
    const c = requireLocale(code)
    const mod = (await import(`@faker-js/faker/locale/${c}`)) as { faker: Faker }
    loaded.set(c, withSkippingRandomizer(mod.faker))
  }
}

/** The faker of a loaded locale. Throws TDG_INTERNAL when `loadLocales` did not load it. */
export function fakerFor(locale: string | undefined): Faker {
  const f = loaded.get(locale ?? DEFAULT_LOCALE)
  if (!f) throw new TdgError('TDG_INTERNAL', `faker locale '${locale}' is not loaded (load the plan's locales before generating)`, { locale })
  return f
}

/** Every locale a plan's generators use (its own, and columns' overrides). */
export function planLocales(plan: Plan): Set<string> {
  const out = new Set<string>([plan.locale ?? DEFAULT_LOCALE])
  const visit = (g: GeneratorSpec): void => {
    if ('locale' in g && typeof g.locale === 'string') out.add(g.locale)
    if (g.kind === 'conditional') {
      visit(g.then)
      visit(g.else)
    } else if (g.kind === 'array') visit(g.element)
  }
  for (const s of plan.steps) for (const c of s.columns) visit(c.generator)
  return out
}

/** Load what `planLocales(plan)` names; call before generating rows of a plan. */
export async function loadPlanLocales(plan: Plan): Promise<void> {
  await loadLocales(planLocales(plan))
}
