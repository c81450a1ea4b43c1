/**
 * Foreign-key candidates between the tables of a CSV directory, by inclusion of value sets: a column
 * whose non-null values all lie in another table's unique key column (integer, uuid or short text, same
 * kind on both sides), proposed as a `ForeignKey` named `candidate_<table>_<column>` on the child. They
 * are inferred, not declared: the name says so.
 *
 * Inclusion alone is weak evidence for integers (any small numbers lie in a 1..N key), so the names
 * decide too:
 * - strong: the column is `<parent>_<key>` / `<singular parent>_<key>` (`customer_id` → `customers.id`),
 *   or has the key's own name when that name starts with the parent's singular (`customer_id` →
 *   `customers.customer_id`): proposed, also on the child's own key (a 1:1 extension table);
 * - generic: the column ends in `_id` without naming a table (`manager_id`, `parent_id`): proposed only
 *   when exactly one key contains its values, and never on the child's own key;
 * - none: proposed only for text and uuid columns with at least 3 distinct values, never for integers.
 * A column is compared with every other table's (and its own table's) unique key columns; the strongest
 * evidence wins, then the smaller parent.
 *
 * Bound: the value sets are key-set.ts's (≤ 65,536 hashed values per column, consistent hash sampling),
 * so on bigger columns inclusion is tested on a uniform sample of the values.
 */
import type { ForeignKey, Table } from '../../model/schema.js'
import type { InferredColumn } from './infer-type.js'
import type { KeySet } from './key-set.js'
import { singular, type ScannedFile } from './scan-file.js'

/** One scanned file with its table. */
export interface ScannedTable {
  table: Table
  scan: ScannedFile
}

type Evidence = 3 | 2 | 1

/** Add the FK candidates to each child table's `foreignKeys` (mutates the tables; returns how many). */
export function addForeignKeyCandidates(tables: ScannedTable[]): number {
  const keys = tables.flatMap((t) =>
    t.table.columns.flatMap((col, c) => {
      const ks = t.scan.keySets[c]
      return ks && t.scan.unique[c] ? [{ owner: t, column: col.name, inferred: t.scan.inferred[c] as InferredColumn, ks }] : []
    }),
  )
  let added = 0
  for (const child of tables) {
    const pk = child.table.primaryKey?.columns
    child.table.columns.forEach((col, c) => {
      const ks = child.scan.keySets[c]
      const inf = child.scan.inferred[c] as InferredColumn
      if (!ks || ks.size === 0) return
      const ownKey = pk?.length === 1 && pk[0] === col.name
      const found: Array<{ parent: (typeof keys)[number]; evidence: Evidence }> = []
      for (const parent of keys) {
        if (parent.owner === child && parent.column === col.name) continue
        if (parent.inferred.type.kind !== inf.type.kind) continue
        const evidence = nameEvidence(col.name, parent.owner.table.name, parent.column)
        if (evidence === 1 && (inf.type.kind === 'integer' || ks.size < 3)) continue
        if (evidence < 3 && ownKey) continue
        if (!ks.within(parent.ks as KeySet)) continue
        found.push({ parent, evidence })
      }
      if (found.length === 0) return
      found.sort((a, b) => b.evidence - a.evidence || a.parent.ks.size - b.parent.ks.size)
      const best = found[0] as (typeof found)[number]
      if (best.evidence === 2 && found.filter((f) => f.evidence === 2).length > 1) return
      const ref = best.parent.owner.table
      const fk: ForeignKey = {
        name: `candidate_${child.table.name}_${col.name}`,
        columns: [col.name],
        references: { ...(ref.schema !== undefined ? { schema: ref.schema } : {}), table: ref.name, columns: [best.parent.column] },
        onDelete: 'no action',
        onUpdate: 'no action',
        deferrable: false,
        initiallyDeferred: false,
      }
      child.table.foreignKeys.push(fk)
      added++
    })
  }
  return added
}

/** 3: the column names the parent table; 2: a generic `…_id` reference; 1: no name evidence. */
export function nameEvidence(column: string, parentTable: string, key: string): Evidence {
  const col = column.toLowerCase()
  const p = parentTable.toLowerCase()
  const k = key.toLowerCase()
  const s = singular(p)
  const named = [`${s}_${k}`, `${p}_${k}`, `${s}${k}`, `${p}${k}`]
  if (named.includes(col)) return 3
  if (col === k && k !== 'id' && (k.startsWith(`${s}_`) || k.startsWith(s))) return 3
  if (/(^|_)id$/.test(col) || /[a-z]Id$/.test(column)) return col === k ? 1 : 2
  return 1
}
