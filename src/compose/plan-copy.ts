/**
 * `tdg plan --from URL [--subset …]`: the dry run of a clone — per table the rows it would copy (after the
 * subset), the masker of every column and why, the order, cycle fixups and deferrals — read in one
 * snapshot of the source; nothing is written and no key is needed.
 */
import { connect } from '../../adapters/index.js'
import type { MaskPlan, PiiFinding } from '../model/mask.js'
import type { Plan } from '../model/plan.js'
import { buildCopyPlan, type CopyTable } from '../plan/copy-plan.js'
import { tableKey } from '../plan/insert-order.js'
import { TdgError } from '../errors.js'
import { prepareMasking } from './prepare-masking.js'
import { subsetForClone } from './clone-subset.js'
import type { CloneSubset } from './clone-database.js'

export interface PlanCopyOptions {
  from: string
  rulesFile?: string
  maskSensitive?: boolean
  subset?: string[]
  withChildren?: boolean
  sampleRows?: number
}

export interface CopyPlanResult {
  plan: Plan
  masks: MaskPlan
  /** Flagged columns no masker covers: `clone` would refuse them (without `--allow-unmapped`). */
  unmapped: PiiFinding[]
  subsetCounts?: CloneSubset['counts']
  subsetLines?: string[]
  consistency: string
}

/** Plan a copy of `from`. */
export async function planCopy(o: PlanCopyOptions): Promise<CopyPlanResult> {
  const source = await connect(o.from)
  try {
    const model = (await source.introspect()).model
    if (model.tables.length === 0) throw new TdgError('TDG_USAGE', `${source.redactedUrl} has no tables to clone`)
    const masking = await prepareMasking({
      source,
      model,
      ...(o.rulesFile ? { rulesFile: o.rulesFile } : {}),
      maskSensitive: o.maskSensitive === true,
      allowUnmapped: true,
      noKey: true,
      ...(o.sampleRows ? { sampleRows: o.sampleRows } : {}),
    })
    return await source.readSnapshot(async (reader) => {
      const subset = o.subset && o.subset.length > 0 ? await subsetForClone(model, reader, o.subset, o.withChildren === true) : undefined
      const masks = new Map(masking.masks.tables.map((t) => [tableKey(t.table), t]))
      const copies: CopyTable[] = []
      for (const t of model.tables) {
        const key = tableKey(t)
        const kept = subset?.keep.get(key)
        const columns = t.columns.filter((c) => !c.generated).map((c) => c.name)
        const masked = new Map((masks.get(key)?.columns ?? []).map((c) => [c.column, { kind: c.mask.kind, reason: c.reason }]))
        copies.push({ table: t, rows: kept ? kept.count : await reader.count(t), columns, masked })
      }
      const plan = buildCopyPlan(model, copies)
      plan.issues.unshift(...masking.notes)
      return { plan, masks: masking.masks, unmapped: masking.unmapped, ...(subset ? { subsetCounts: subset.counts, subsetLines: subset.lines } : {}), consistency: reader.isolation }
    })
  } finally {
    await source.close()
  }
}
