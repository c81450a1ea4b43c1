/**
 * One column's rule applied to its draft: refused on columns the plan fills itself (keys, FKs, generated
 * columns), the rule's generator built (column-spec.ts) and held against NOT NULL, and the draft's
 * generator, reason, null share and uniqueness replaced. A `match` rule that does not fit a column it
 * matches is skipped there with a GENERATOR_DEGRADED note.
 */
import { isTdgError } from '../errors.js'
import { emptyConstraints } from '../plan/column-constraints.js'
import { chooseGenerator } from '../plan/type-generator.js'
import { generatorKey } from './generator-key.js'
import { ruleSetError, type RulePath } from './rule-error.js'
import { ruleSpec, type RuleSpec } from './column-spec.js'
import type { FoundRule } from './find-column-rule.js'
import type { RuleDraftColumn, RuleTableInput } from './rule-draft.js'
import { cellKey, type RuleState } from './rule-state.js'
import { ruleLocale, withLocale } from './locale-rule.js'

/** What applying a rule left for the table-level checks. */
export interface AppliedRule {
  /** Columns the new generator reads (cycle check), with the rule's path. */
  deps?: { deps: string[]; path: RulePath; rowReads?: string[] }
  /** The rule asks for `unique: true`. */
  unique: boolean
}

/** Apply `found` to draft `c` of table `input`; undefined when the rule does not act on the column. */
export function applyColumnRule(state: RuleState, input: RuleTableInput, c: RuleDraftColumn, found: FoundRule): AppliedRule | undefined {
  const { set, nullRates } = state
  const { key, table, cons, edges, issues } = input
  const { body, path, label, used, isMatch } = found
  const hasGenerator = generatorKey(body) !== undefined
  const planned = c.omit === 'generated' || c.fk !== undefined || c.spec.kind === 'identity' || (c.fixed && c.spec.kind === 'null')
  if (planned) {
    if (isMatch) return undefined
    if (c.fk && !hasGenerator && !body.unique) {
      if (body.nullRate !== undefined) {
        if (body.nullRate > 0 && !c.fk.nullable) throw ruleSetError(set, [...path, 'nullRate'], `${key}.${c.name} is NOT NULL`)
        nullRates.set(cellKey(key, c.name), body.nullRate)
      }
      return undefined
    }
    const what = c.omit === 'generated' ? 'a generated column (never written)' : c.fk ? 'a foreign key: its values come from the parent rows (shape them with perParent)' : 'a key the plan assigns'
    throw ruleSetError(set, path, `${key}.${c.name} is ${what}`)
  }
  let rs: RuleSpec | undefined
  try {
    rs = ruleSpec(body, {
      set,
      path,
      table: key,
      tableDef: table,
      column: c.column,
      cons: cons.columns.get(c.name) ?? emptyConstraints(),
      consOf: (n) => cons.columns.get(n) ?? emptyConstraints(),
      builtin: c.spec,
      hard: () => chooseGenerator({ table: key, column: c.column, type: c.column.type, cons: cons.columns.get(c.name) ?? emptyConstraints(), unique: true }).spec,
      edges,
      tables: state.tables,
      now: state.now,
    })
  } catch (e) {
    // A pattern rule that does not fit one of the columns it matches is skipped there, with a note.
    if (isMatch && isTdgError(e) && e.code === 'TDG_RULES_INVALID') {
      issues.push({ code: 'GENERATOR_DEGRADED', message: `rule match[${path[1]}] skipped for ${key}.${c.name}: ${e.message.replace(/^.*?: [^:]*: /, '')}`, table: key, column: c.name })
      return undefined
    }
    throw e
  }
  const pk = table.primaryKey?.columns ?? []
  const notNull = !c.column.nullable || pk.includes(c.name) || cons.columns.get(c.name)?.notNull === true || state.referenced.has(cellKey(key, c.name))
  if (notNull && ((body.nullRate ?? 0) > 0 || rs?.yieldsNull))
    throw ruleSetError(set, body.nullRate ? [...path, 'nullRate'] : path, `${key}.${c.name} cannot be NULL (NOT NULL, key or referenced by a foreign key)`)
  const out: AppliedRule = { unique: body.unique === true }
  const locale = body.locale === undefined ? undefined : ruleLocale(body.locale)
  const localized = locale === undefined ? undefined : withLocale(rs?.spec ?? c.spec, locale)
  if (locale !== undefined && !localized) {
    if (isMatch) return undefined
    throw ruleSetError(set, [...path, 'locale'], `${key}.${c.name}: locale needs faker data (names, addresses, phones, a faker or template rule); ${rs ? 'the rule' : 'the column'} generates none`)
  }
  const inLocale = locale !== undefined ? `, locale ${locale}` : ''
  if (rs) {
    c.spec = localized ?? rs.spec
    c.reason = `${label}${used !== undefined ? `use ${used}` : rs.what}${inLocale})`
    c.fixed = true
    if (c.omit === 'default') delete c.omit
    out.deps = { deps: rs.deps, path, ...(rs.rowReads ? { rowReads: rs.rowReads } : {}) }
  } else {
    if (localized) c.spec = localized
    const said = [body.unique ? 'unique' : '', body.nullRate !== undefined ? `nullRate ${body.nullRate}` : '', locale !== undefined ? `locale ${locale}` : ''].filter((x) => x !== '')
    c.reason = `${c.reason}; ${label}${said.join(', ')})`
  }
  // A rule that chooses a generator says what it wants: no NULLs unless it asks for them.
  const share = body.nullRate ?? (rs ? 0 : undefined)
  if (share !== undefined) nullRates.set(cellKey(key, c.name), share)
  if (body.unique) state.uniqueRules.set(cellKey(key, c.name), { path })
  return out
}
