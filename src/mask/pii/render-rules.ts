/**
 * Detection as a commented rules file (the project's rules format, `tables.<t>.columns.<c>.mask`) for a
 * human to review and commit: one flow-style line per column with the category, confidence and reasons
 * as a trailing comment, a header saying what was scanned, and the unsure columns as comments at the end.
 */
import { Document, type YAMLMap } from 'yaml'
import type { PiiFinding } from '../../model/mask.js'
import type { SchemaModel } from '../../model/schema.js'
import { maskSpecToRule } from './mask-rule.js'
import type { PiiDetection } from './detect.js'

/** What the header says about the scan. */
export interface RenderOptions {
  /** Where the schema came from: a redacted URL or a file name. */
  source: string
  /** Rows sampled per table; undefined when names alone decided. */
  sampleRows?: number
  /** The threshold between findings and unsure ones. */
  minConfidence: number
}

/** The rules YAML text. Table keys are bare names unless two schemas share one (then `schema.name`). */
export function renderPiiRules(detection: PiiDetection, model: SchemaModel, opts: RenderOptions): string {
  const keyOf = tableKeys(model)
  const tables: Record<string, { columns: Record<string, { mask: unknown }> }> = {}
  for (const f of detection.findings) {
    const t = (tables[keyOf(f)] ??= { columns: {} })
    t.columns[f.column] = { mask: maskSpecToRule(f.suggested) }
  }
  const doc = new Document({ tables })
  const count = detection.findings.length
  const tableCount = Object.keys(tables).length
  const how = opts.sampleRows === undefined ? 'column names only, no values sampled' : `${opts.sampleRows} rows sampled per table`
  doc.commentBefore = [
    ` tdg scan-pii: ${count} sensitive column${count === 1 ? '' : 's'} in ${tableCount} table${tableCount === 1 ? '' : 's'} (${opts.source}, ${how})`,
    ' Review each rule before committing: change the masker, or write `mask: keep` for a column to copy unchanged.',
    ' `tdg scan-pii --check <this file>` fails when the schema gains a sensitive column without a rule.',
  ].join('\n')
  for (const f of detection.findings) {
    const node = doc.getIn(['tables', keyOf(f), 'columns', f.column], true) as YAMLMap
    node.flow = true
    node.comment = ` ${describe(f)}`
  }
  if (detection.unsure.length > 0) {
    const lines = detection.unsure.map((f) => `   ${keyOf(f)}.${f.column}: ${flow({ mask: maskSpecToRule(f.suggested) })}   # ${describe(f)}`)
    doc.comment = [` Unsure (confidence below ${opts.minConfidence}), not listed above; add any that are personal:`, ...lines].join('\n')
  }
  return doc.toString({ lineWidth: 0 })
}

/** `full-name 0.95: name "contact_name", 88% of 200 sampled values look like person names`. */
export function describe(f: PiiFinding): string {
  return `${f.category} ${f.confidence.toFixed(2)}: ${f.reasons.join(', ')}`
}

function flow(v: unknown): string {
  return new Document(v).toString({ lineWidth: 0, collectionStyle: 'flow' }).trim()
}

/** Key of a finding's table in the rules file: `tableRulesFor` accepts the bare name and `schema.name`. */
function tableKeys(model: SchemaModel): (f: PiiFinding) => string {
  const counts = new Map<string, number>()
  for (const t of model.tables) counts.set(t.name, (counts.get(t.name) ?? 0) + 1)
  return (f) => ((counts.get(f.table.name) ?? 0) > 1 && f.table.schema !== undefined ? `${f.table.schema}.${f.table.name}` : f.table.name)
}
