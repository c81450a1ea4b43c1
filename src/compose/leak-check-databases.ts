/**
 * `tdg leak-check`: the source's masking (detection + rules, as the clone decided it) and the target's
 * live tables paired by name, then the leak check (src/leak/leak-check.ts).
 */
import { connect } from '../../adapters/index.js'
import type { LeakReport } from '../leak/leak-check.js'
import { prepareMasking } from './prepare-masking.js'
import { pairWithLive } from './clone-tables.js'
import { checkLeaks } from './check-leaks.js'

export interface LeakCheckDatabasesOptions {
  from: string
  to: string
  rulesFile?: string
  keyFile?: string
  maskSensitive?: boolean
  sampleRows?: number
}

/** Check `to` against `from`. Throws TDG_CONNECT_FAILED, TDG_SCHEMA_MISMATCH, TDG_MASK_KEY_MISSING … */
export async function leakCheckDatabases(o: LeakCheckDatabasesOptions): Promise<LeakReport> {
  const source = await connect(o.from)
  const target = await connect(o.to).catch(async (e: unknown) => {
    await source.close()
    throw e
  })
  try {
    const model = (await source.introspect()).model
    // Flagged columns without a masker are exactly what the check must look at: never refuse them here.
    const masking = await prepareMasking({
      source,
      model,
      ...(o.rulesFile ? { rulesFile: o.rulesFile } : {}),
      ...(o.keyFile ? { keyFile: o.keyFile } : {}),
      maskSensitive: o.maskSensitive === true,
      allowUnmapped: true,
      ...(o.sampleRows ? { sampleRows: o.sampleRows } : {}),
    })
    const live = (await target.introspect()).model
    const { pairs } = pairWithLive(model, live, source.dialect, target.dialect, target.redactedUrl)
    return await checkLeaks({ from: o.from, to: o.to, pairs, masking })
  } finally {
    await source.close()
    await target.close()
  }
}
