import type { Column, ForeignKey, SchemaModel, Table } from '../model/schema.js'
import type { Issue } from '../errors.js'
import { formatLocation } from '../errors.js'
import type { InsertOrder } from '../plan/insert-order.js'
import { tableKey } from '../plan/insert-order.js'
import { describeType } from './describe-type.js'

/** The human `tdg introspect` report: every table, then the insert order, cycles and issues. */
export function formatModel(model: SchemaModel, order: InsertOrder, issues: Issue[]): string {
  const out: string[] = []
  for (const t of model.tables) out.push(...formatTable(t), '')
  if (model.enums.length > 0) {
    out.push('Enums:')
    for (const e of model.enums) out.push(`  ${tableKey(e)}: ${e.values.join(', ')}`)
    out.push('')
  }
  if (model.domains.length > 0) {
    out.push('Domains:')
    for (const d of model.domains) {
      const checks = d.checks.map((c) => ` CHECK (${c.expression})`).join('')
      out.push(`  ${tableKey(d)}: ${d.baseType}${d.nullable ? '' : ' NOT NULL'}${checks}`)
    }
    out.push('')
  }
  out.push(`Insert order (parents first): ${order.order.join(', ') || '(no tables)'}`)
  for (const c of order.cycles) {
    const how = c.cuttable ? 'cut at a nullable FK' : 'no nullable FK: its NOT NULL FKs are deferred for the load, see tdg plan'
    out.push(`  cycle: ${[...c.tables, c.tables[0]].join(' → ')} (${how})`)
  }
  if (issues.length > 0) {
    out.push('', `Issues (${issues.length}):`)
    for (const i of issues) {
      const where = i.location ? `${formatLocation(i.location)}: ` : ''
      out.push(`  ${where}${i.message}`)
    }
  }
  return out.join('\n') + '\n'
}

function formatTable(t: Table): string[] {
  const lines = [`${tableKey(t)}${t.withoutRowid ? ' (WITHOUT ROWID)' : ''}${t.comment ? ` -- ${t.comment}` : ''}`]
  const rows = t.columns.map((c) => [c.name, c.nativeType, describeType(c.type), c.nullable ? 'null' : 'not null', columnExtra(c)])
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), 4))
  for (const r of rows) lines.push(`  ${r.slice(0, 4).map((v, i) => v.padEnd(widths[i]!)).join('  ')}  ${r[4]}`.trimEnd())
  if (t.primaryKey) lines.push(`  primary key (${t.primaryKey.columns.join(', ')})`)
  for (const u of t.uniques) lines.push(`  unique${u.name ? ` ${u.name}` : ''} (${u.columns.join(', ')})`)
  for (const fk of t.foreignKeys) lines.push(`  ${formatFk(t, fk)}`)
  for (const c of t.checks) lines.push(`  check${c.name ? ` ${c.name}` : ''} (${c.expression})${c.fullyParsed ? '' : '  [not fully understood]'}`)
  return lines
}

function columnExtra(c: Column): string {
  const parts: string[] = []
  if (c.identity) parts.push(`identity ${c.identity.kind}${c.identity.sequence ? ` (${c.identity.sequence})` : ''}`)
  if (c.generated) parts.push(`generated ${c.generated.stored ? 'stored' : 'virtual'} as (${c.generated.expression})`)
  if (c.default && c.identity?.kind !== 'serial') {
    const d = c.default
    const text = d.kind === 'literal' ? JSON.stringify(d.value) : d.kind === 'sequence' ? `nextval(${d.sequence})` : d.kind === 'now' ? 'now' : d.sql
    parts.push(`default ${text}`)
  }
  if (c.domain) parts.push(`domain ${c.domain}`)
  if (c.comment) parts.push(`-- ${c.comment}`)
  return parts.join(', ')
}

function formatFk(t: Table, fk: ForeignKey): string {
  const target = tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table })
  const extras = [
    fk.onDelete !== 'no action' ? `on delete ${fk.onDelete}` : '',
    fk.onUpdate !== 'no action' ? `on update ${fk.onUpdate}` : '',
    fk.deferrable ? (fk.initiallyDeferred ? 'deferrable initially deferred' : 'deferrable') : '',
  ].filter(Boolean)
  return `foreign key${fk.name ? ` ${fk.name}` : ''} (${fk.columns.join(', ')}) → ${target} (${fk.references.columns.join(', ')})${extras.length ? ' ' + extras.join(' ') : ''}`
}
