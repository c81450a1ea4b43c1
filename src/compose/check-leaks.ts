/**
 * The leak check between two live databases: both read in their own snapshot, source rows matched to
 * target rows through the masked keys (see src/leak/leak-check.ts).
 */
import { connect } from '../../adapters/index.js'
import { leakCheck, type LeakReport, type LeakTable } from '../leak/leak-check.js'
import { tableKey } from '../plan/insert-order.js'
import { copiedMask, type TablePair } from './clone-tables.js'
import type { Masking } from './prepare-masking.js'

export interface CheckLeaksOptions {
  from: string
  to: string
  pairs: TablePair[]
  masking: Masking
}

/** Run the leak check; the caller decides what a survivor means (exit 1). */
export async function checkLeaks(o: CheckLeaksOptions): Promise<LeakReport> {
  const source = await connect(o.from)
  try {
    const target = await connect(o.to)
    try {
      return await source.readSnapshot((s) => target.readSnapshot((t) => leakCheck(s, t, leakTables(o.pairs, o.masking), { findings: o.masking.findings, kept: o.masking.kept })))
    } finally {
      await target.close()
    }
  } finally {
    await source.close()
  }
}

/** The pairs with their maskers, as the leak check reads them. */
export function leakTables(pairs: TablePair[], masking: Masking): LeakTable[] {
  const masks = new Map(masking.masks.tables.map((t) => [tableKey(t.table), t]))
  return pairs.map((p) => {
    const tm = copiedMask(masks.get(tableKey(p.source)), p)
    return {
      source: p.source,
      target: p.target,
      columns: new Map(p.sourceColumns.map((c, i) => [c, p.columns[i]!])),
      ...(tm ? { mask: tm, masker: masking.compile(p.source, tm) } : {}),
    }
  })
}
