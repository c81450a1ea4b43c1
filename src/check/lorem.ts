/**
 * Lorem ipsum detection: faker's own Latin word list (the one its lorem generators draw from), minus
 * words that are also ordinary values of categorical columns (`video`, `error`, `demo`, `via`).
 */
import { faker } from '@faker-js/faker/locale/en'

const REAL_WORDS = new Set(['a', 'ad', 'id', 'in', 'ex', 'et', 'at', 'sub', 'via', 'video', 'error', 'demo', 'aqua', 'sol', 'vita', 'amor', 'cura', 'spes', 'pax', 'ultra', 'super', 'pro', 'alias', 'versus', 'status', 'solus', 'ara', 'arca', 'vis', 'vox', 'ars'])

let words: Set<string> | undefined

function loremWords(): Set<string> {
  words ??= new Set((faker.definitions.lorem?.word ?? []).map((w) => w.toLowerCase()))
  return words
}

/** True when every word of `value` is a lorem word (a single ordinary word such as `video` is not). */
export function isLorem(value: string): boolean {
  const ws = value.toLowerCase().split(/[^a-z]+/).filter(Boolean)
  if (ws.length === 0) return false
  const lorem = loremWords()
  if (!ws.every((w) => lorem.has(w))) return false
  return !(ws.length === 1 && REAL_WORDS.has(ws[0]!))
}
