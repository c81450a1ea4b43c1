/**
 * How many distinct values a generator can produce by construction: the capacity a UNIQUE needs.
 * Must agree with the unique paths in src/generate (`at(k)` is injective for k < domainSize).
 */
import type { GeneratorSpec, Reject } from '../model/plan.js'
import { BIG, likeSpace, parseLike, stringSpace } from '../generate/strings.js'
import { ruleDomainSize } from '../rules/domain-size.js'

/** Candidates per row a generator with a `reject` list tries (see `Reject`). */
export const REJECT_TRIES = 8

/** Distinct values `spec` yields for k = 0 … size-1 (BIG when effectively unbounded); 0 when it cannot be unique. */
export function domainSize(spec: GeneratorSpec): number {
  return 'reject' in spec && spec.reject ? spec.reject.stride : rawDomainSize(spec)
}

/**
 * `spec` with the `Reject` of `values`/`notLike` filled in (tries and stride), or as it is when nothing is
 * excluded. Try t of domain index k is k + t × stride: the domain splits into REJECT_TRIES parts (a
 * uuid's into parts of 2^29, so every try changes the bijective first word).
 */
export function withReject(spec: GeneratorSpec, values: string[], notLike: string[]): GeneratorSpec {
  if (values.length === 0 && notLike.length === 0) return spec
  if (spec.kind !== 'string' && spec.kind !== 'faker' && spec.kind !== 'like' && spec.kind !== 'uuid') return spec
  const reject: Reject = { values, notLike, tries: REJECT_TRIES, stride: Math.floor(rawDomainSize(spec) / REJECT_TRIES) }
  return { ...spec, reject }
}

function rawDomainSize(spec: GeneratorSpec): number {
  // A switch, not ts-pattern: matching this recursive union hits TypeScript's instantiation depth limit.
  switch (spec.kind) {
    case 'identity':
      return spec.max === undefined ? BIG : Math.max(0, Math.floor((spec.max - spec.start) / spec.step) + 1)
    case 'json':
      return BIG
    case 'number': {
      const ex = new Set((spec.exclude ?? []).filter((e) => e >= spec.min && e <= spec.max)).size
      return Math.max(0, spec.max - spec.min + 1 - ex)
    }
    case 'boolean':
      return 2
    case 'string':
      return spec.fixed ? Math.min(BIG, Math.pow(36, spec.maxLength)) : stringSpace(Math.max(1, spec.minLength), spec.maxLength)
    case 'faker':
      return spec.maxLength === undefined ? BIG : stringSpace(Math.max(1, spec.minLength), spec.maxLength)
    case 'like':
      return likeSpace(parseLike(spec.pattern), spec.minLength, spec.maxLength)
    case 'uuid':
    case 'inet':
      return 4294967296
    case 'date':
    case 'time':
    case 'timestamp':
      return spec.max - spec.min + 1
    case 'interval':
      return spec.maxSeconds + 1
    case 'binary':
      return Math.min(BIG, Math.pow(256, Math.min(spec.maxLength, 6)))
    case 'choice':
      return spec.values.length
    case 'set':
      return Math.pow(2, Math.min(spec.values.length, 30))
    case 'array':
    case 'relative':
    case 'fk':
      return 0
    case 'constant':
    case 'null':
      return 1
    case 'usually':
    case 'scaled':
      return 0
    case 'ordinal':
      return rawDomainSize(spec.of)
    case 'weighted':
    case 'distributed':
    case 'empirical':
    case 'regex':
    case 'faker-call':
    case 'template':
    case 'sequence':
    case 'conditional':
    case 'parent-value':
      return ruleDomainSize(spec)
    case 'person':
      // Emails and usernames end in digits that encode the index; names repeat like real names.
      return spec.field === 'email' || spec.field === 'username' ? BIG : 0
    case 'company-web':
      return spec.digits !== undefined ? BIG : 0
    case 'age':
    case 'address':
    case 'after-parents':
    case 'copy':
      return 0
    default:
      return unreachable(spec)
  }
}

function unreachable(x: never): never {
  throw new Error(`unhandled generator ${JSON.stringify(x)}`)
}

/** Whether a spec is unique whatever the pick (every value distinct by construction). */
export function alwaysUnique(spec: GeneratorSpec): boolean {
  // An exact relative is its base shifted by a constant, and its base is unique on its own (relations.ts).
  return spec.kind === 'uuid' || spec.kind === 'sequence' || (spec.kind === 'relative' && spec.exact === true)
}
