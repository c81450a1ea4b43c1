import type { DeferredConstraint, GeneratorSpec, Plan } from '../model/plan.js'
import type { SqlDialect } from '../adapter/adapter.js'
import { cycleText } from '../adapter/deferral-text.js'
import { formatLocation } from '../errors.js'
import { nowText } from '../plan/now-text.js'
import { fmt } from './progress-reporter.js'
import { describeRuleGenerator } from '../rules/describe.js'

/**
 * The `tdg plan` report: steps in order with counts, every column's generator and why, deferred FKs per
 * cycle with how `dialect` (the target's; absent: not said) defers them, fixups, issues. With
 * `fastLoad` (planning a seed into `dialect`'s database), each step says whether the dialect's bulk-load
 * strategy for empty tables applies to it, or why not.
 */
export function formatPlan(plan: Plan, dialect?: Pick<SqlDialect, 'deferralMechanism' | 'fastLoad'>, opts: { fastLoad?: boolean } = {}): string {
  // The locale is named when it is not the default (English).
  const locale = plan.locale && plan.locale !== 'en' ? `, locale ${plan.locale}` : ''
  const out: string[] = [`Plan (seed ${plan.seed}, now ${nowText(plan.now)}${locale}, ${plan.dialect}): ${plan.steps.length} tables, parents first`, '']
  plan.steps.forEach((step, n) => {
    const capped = step.rows !== step.requestedRows ? ` (asked ${fmt(step.requestedRows)}, capped)` : ''
    const after = step.rowOffset ? `, after ${fmt(step.rowOffset)} existing` : ''
    out.push(`${n + 1}. ${step.id}: ${fmt(step.rows)} rows${capped}${after}${opts.fastLoad && dialect?.fastLoad ? `; fast load: ${fastLoadText(step.rows, dialect.fastLoad)}` : ''}`)
    const width = Math.max(...step.columns.map((c) => c.column.length))
    for (const c of step.columns) {
      const what = c.omit ? `not written (${c.omit === 'generated' ? 'generated column' : 'database default'})` : describeGenerator(c.generator)
      const extras = [c.unique ? 'unique' : '', c.nullRate > 0 ? `${Math.round(c.nullRate * 100)}% null` : ''].filter(Boolean).join(', ')
      out.push(`   ${c.column.padEnd(width)}  ${what}${extras ? ` [${extras}]` : ''} — ${c.reason}`)
    }
  })
  // A dialect without a fast load says so once rather than on every step.
  if (opts.fastLoad && dialect && !dialect.fastLoad) out.push('', `Fast load: none on ${plan.dialect} (every table loads with its indexes and checks in place)`)
  const groups = new Map<string, DeferredConstraint[]>()
  for (const d of plan.deferred) {
    // A same-row self-reference needs something only on some targets: listed when the target says how.
    const how = dialect ? dialect.deferralMechanism(d) : d.sameRow ? undefined : d.forced ? `${d.nullable ? 'nullable' : 'NOT NULL'}, not deferrable` : 'DEFERRABLE'
    if (how === undefined) continue
    const key = `${d.sameRow ? 'self-reference' : 'cycle'} ${cycleText(d)}: ${how}`
    groups.set(key, [...(groups.get(key) ?? []), d])
  }
  if (groups.size > 0) {
    out.push('', 'Deferred foreign keys (NOT NULL cycles and same-row self-references; the database checks every row before COMMIT):')
    for (const [head, ds] of groups) {
      out.push(`  ${head}`)
      for (const d of ds) out.push(`    ${d.step} (${d.columns.join(', ')}) → ${d.parent.schema ? `${d.parent.schema}.` : ''}${d.parent.name}${d.constraint ? ` [${d.constraint}]` : ''}`)
    }
  }
  if (plan.fixups.length > 0) {
    out.push('', 'Fixups after all inserts (cycle cuts):')
    for (const f of plan.fixups) out.push(`  ${f.step}: set ${f.columns.join(', ')} by ${f.keyColumns.join(', ')} — ${f.reason}`)
  }
  if (plan.issues.length > 0) {
    out.push('', `Issues (${plan.issues.length}):`)
    for (const i of plan.issues) out.push(`  ${i.location ? `${formatLocation(i.location)}: ` : ''}${i.message}`)
  }
  return out.join('\n') + '\n'
}

/** Whether the dialect's fast load applies to a step of `rows` rows, or why not. */
function fastLoadText(rows: number, f: NonNullable<SqlDialect['fastLoad']>): string {
  if (rows < f.minRows) return `no (under ${fmt(f.minRows)} rows)`
  return `${f.strategy}, if the table is empty at load (off with --no-fast-load)`
}

/** A one-phrase description of a generator spec. */
export function describeGenerator(g: GeneratorSpec): string {
  const kind = describeKind(g)
  // A column's own locale (rules `locale:`); the plan's is in the header.
  const base = 'locale' in g && typeof g.locale === 'string' ? `${kind} in locale ${g.locale}` : kind
  if (!('reject' in g) || !g.reject) return base
  const parts = [...g.reject.values.map((v) => `'${v}'`), ...g.reject.notLike.map((p) => `LIKE '${p}'`)]
  return `${base}, never ${parts.join(' or ')}`
}

const PERSON_FIELD = { first: 'first name', last: 'last name', full: 'full name', email: 'email from the names', username: 'username from the names' } as const

function describeKind(g: GeneratorSpec): string {
  switch (g.kind) {
    case 'identity': return `key ${g.start}, ${g.start + g.step}, …`
    case 'number': return `${g.as} in [${g.min}, ${g.max}]${g.scale > 0 ? ` ×10^-${g.scale}` : ''}`
    case 'faker': return `faker ${g.semantic}`
    case 'like': return `matches LIKE '${g.pattern}'`
    case 'choice': return `one of ${g.values.slice(0, 6).join(', ')}${g.values.length > 6 ? ', …' : ''}`
    case 'fk': return `FK → ${g.parentStep}.${g.parentColumn}${g.fixup ? ' (fixup)' : ''}`
    case 'relative': return `${g.op} ${g.from}`
    case 'constant': return `constant ${JSON.stringify(g.value)}`
    case 'string': return `string(${g.minLength}..${g.maxLength})`
    case 'array': return `array of ${describeGenerator(g.element)}`
    case 'person': return `the row's person: ${PERSON_FIELD[g.field]}`
    case 'age': return `age from ${g.from}`
    case 'address': return `the row's place: ${g.field}`
    case 'company-web': return `${g.form} of ${g.from}`
    case 'after-parents': return `${g.of.kind} after ${g.parents.map((p) => `${p.parentStep}.${p.parentColumn}`).join(' and ')}, before now`
    case 'usually': return `${typeof g.value === 'string' ? `'${g.value}'` : String(g.value)} ${Math.round(g.share * 100)}%, else ${describeGenerator(g.otherwise)}`
    case 'scaled': return `${g.from} × ${g.minFactor}–${g.maxFactor}`
    case 'ordinal': return `1, 2, … per ${g.via}`
    case 'copy': return g.masker ? `masked: ${g.masker}` : 'copied'
    default: return describeRuleGenerator(g) ?? g.kind
  }
}
