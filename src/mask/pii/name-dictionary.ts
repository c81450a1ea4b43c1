/**
 * Person-name dictionaries: faker's first- and last-name lists of several locales (the same lists
 * generation draws from, read through faker-lists.ts), folded to lower case without accents, so
 * `Frédérique` and `frederique` match. Loaded once per process, from the folded tokens kept in
 * name-tokens.ts: importing seventeen faker locales to fold them on every run cost a clone or scan
 * ~0.2–0.3 s of start-up. A test checks the kept tokens still equal `buildFromFaker()`'s; after a faker
 * upgrade, `npx tsx scripts/gen-name-tokens.ts` writes them again.
 */
import { loadLocales, fakerFor } from '../../generate/locales.js'
import { definitionList } from '../../generate/faker-lists.js'
import { FIRST_NAME_TOKENS, LAST_NAME_TOKENS } from './name-tokens.js'

/** Locales whose name lists detection knows (English, German, French, Spanish, Portuguese, Italian, Dutch, Nordic, Polish…). */
export const NAME_LOCALES: readonly string[] = ['en', 'en_GB', 'de', 'fr', 'es', 'es_MX', 'pt_BR', 'pt_PT', 'it', 'nl', 'sv', 'da', 'nb_NO', 'fi', 'pl', 'cs_CZ', 'en_IN']

/** Folded first and last names. */
export interface NameDictionary {
  first: ReadonlySet<string>
  last: ReadonlySet<string>
}

/** `Frédérique` → `frederique`: lower case, diacritics stripped. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
}

let loaded: Promise<NameDictionary> | undefined

/** The dictionary of `NAME_LOCALES` (faker locale modules imported once; later calls share the promise). */
export function nameDictionary(): Promise<NameDictionary> {
  return (loaded ??= Promise.resolve({ first: new Set(FIRST_NAME_TOKENS.split('\n')), last: new Set(LAST_NAME_TOKENS.split('\n')) }))
}

/** The dictionary built from faker's locale data (what name-tokens.ts keeps). */
export async function buildFromFaker(): Promise<NameDictionary> {
  await loadLocales(NAME_LOCALES)
  const first = new Set<string>()
  const last = new Set<string>()
  for (const code of NAME_LOCALES) {
    const p = fakerFor(code).definitions.person as unknown as Record<string, unknown> | undefined
    if (!p) continue
    for (const n of definitionList(p.first_name)) addTokens(first, n)
    for (const n of definitionList(p.last_name)) addTokens(last, n)
  }
  return { first, last }
}

/** Multi-word entries (`Mary Ann`, `van Dijk`) add each capitalised word: values are matched word by word. */
function addTokens(set: Set<string>, name: string): void {
  for (const w of name.split(/[\s-]+/)) if (w.length >= 2 && /^\p{Lu}/u.test(w)) set.add(foldName(w))
}
