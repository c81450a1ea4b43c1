/**
 * Emitted rules → commented YAML (the `yaml` Document API, like `tdg scan-pii`'s rules): a header saying
 * where the profile came from, a comment above each table (rows, sampling, fan-out, columns left to tdg)
 * and above each column (sample size, shares, the evidence that chose the rule). Lists are flow style,
 * so a 101-point quantile list is one line.
 */
import { Document, isMap, isPair, isScalar, isSeq, visit, type Pair, type YAMLMap } from 'yaml'
import type { Profile } from '../model/profile.js'
import type { RulesFile } from '../rules/schema.js'

/** Comments of one table. */
export interface TableNotes {
  head: string
  perParent?: string
  /** Column → evidence line. */
  columns: Record<string, string>
  /** Columns given no rule, with why. */
  skipped: string[]
}

/** The commented YAML of `rules`. */
export function renderRulesYaml(rules: RulesFile, notes: Record<string, TableNotes>, profile: Profile, scale: number): string {
  const doc = new Document(rules)
  const tableCount = profile.tables.length
  doc.commentBefore = [
    ` tdg profile: rules learned from ${profile.source.kind} ${profile.source.name} on ${profile.createdAt} (${tableCount} table${tableCount === 1 ? '' : 's'}${profile.sampleLimit !== undefined ? `, at most ${profile.sampleLimit} rows sampled per table` : ', every row read'}${scale !== 1 ? `, row counts × ${scale}` : ''}).`,
    ` Values of columns detected as personal data are ${profile.keepValues ? 'KEPT (--keep-values): review before committing' : 'never copied: tdg generates them by shape'}.`,
    ' Edit freely: each comment says what the rule below it was learned from.',
  ].join('\n')
  const tablesNode = doc.get('tables', true) as YAMLMap | undefined
  for (const pair of tablesNode?.items ?? []) {
    if (!isPair(pair) || !isScalar(pair.key)) continue
    const note = notes[String(pair.key.value)]
    if (!note) continue
    const lines = [` ${note.head}`]
    if (note.perParent) lines.push(` perParent: ${note.perParent}`)
    if (note.skipped.length > 0) lines.push(` left to tdg: ${note.skipped.join(', ')}`)
    pair.key.commentBefore = lines.join('\n')
    const table = pair.value
    if (!isMap(table)) continue
    const cols = table.get('columns', true)
    if (!isMap(cols)) continue
    for (const cp of cols.items as Pair[]) {
      if (!isScalar(cp.key)) continue
      const ev = note.columns[String(cp.key.value)]
      if (ev) cp.key.commentBefore = ` ${ev}`
    }
  }
  visit(doc, {
    Seq(_k, node) {
      node.flow = true
    },
    Pair(_k, pair) {
      if (isScalar(pair.key) && ['distribution', 'seasonality', 'when', 'range'].includes(String(pair.key.value)) && (isMap(pair.value) || isSeq(pair.value))) pair.value.flow = true
    },
  })
  return doc.toString({ lineWidth: 0 })
}
