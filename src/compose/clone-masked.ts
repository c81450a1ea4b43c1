/**
 * `tdg clone` as the CLI and API run it: `cloneDatabase` with masking prepared on the source (detection,
 * rules, drift guard, key), the subset decided in the snapshot, and `--verify` (the leak check) after
 * COMMIT.
 */
import type { SnapshotReader } from '../adapter/adapter.js'
import type { MaskPlan } from '../model/mask.js'
import type { Plan } from '../model/plan.js'
import type { SchemaModel } from '../model/schema.js'
import type { ProgressListener } from '../pipeline/progress.js'
import { TdgError, type Issue } from '../errors.js'
import type { LeakReport } from '../leak/leak-check.js'
import { cloneDatabase, type CloneResult, type CloneSubset } from './clone-database.js'
import { prepareMasking, type Masking } from './prepare-masking.js'
import { subsetForClone } from './clone-subset.js'
import { checkLeaks } from './check-leaks.js'

export interface CloneMaskedOptions {
  from: string
  to: string
  rulesFile?: string
  keyFile?: string
  maskSensitive?: boolean
  allowUnmapped?: boolean
  /** `--subset` specs (`customers:5%`, `customers:limit 100`, `orders:where …`). */
  subset?: string[]
  withChildren?: boolean
  createSchema?: boolean
  truncate?: boolean
  /** Bulk-load strategy for empty tables (see `InsertOptions.fastLoad`); default true, false for `--no-fast-load`. */
  fastLoad?: boolean
  verify?: boolean
  sampleRows?: number
  batchSize?: number
  signal?: AbortSignal
  onProgress?: ProgressListener
  beforeWrite?: (plan: Plan, notes: Issue[], consistency: string, masks: MaskPlan) => void | Promise<void>
}

export interface CloneMaskedResult extends CloneResult {
  masks: MaskPlan
  /** Fingerprint of the masking key (never the key); absent when nothing needed one. */
  keyFingerprint?: string
  /** The subset's counts per table, when `subset` was given. */
  subsetCounts?: CloneSubset['counts']
  leaks?: LeakReport
}

/** Clone with masking (and subset, and verification). */
export async function cloneWithMasking(o: CloneMaskedOptions): Promise<CloneMaskedResult> {
  let masking: Masking | undefined
  let subset: CloneSubset | undefined
  const specs = o.subset ?? []
  const result = await cloneDatabase({
    from: o.from,
    to: o.to,
    createSchema: o.createSchema === true,
    truncate: o.truncate === true,
    ...(o.fastLoad === false ? { fastLoad: false } : {}),
    ...(o.batchSize ? { batchSize: o.batchSize } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    prepareMasks: async (source, model) => {
      masking = await prepareMasking({
        source,
        model,
        ...(o.rulesFile ? { rulesFile: o.rulesFile } : {}),
        ...(o.keyFile ? { keyFile: o.keyFile } : {}),
        maskSensitive: o.maskSensitive === true,
        allowUnmapped: o.allowUnmapped === true,
        ...(o.sampleRows ? { sampleRows: o.sampleRows } : {}),
      })
      return { masks: masking.masks, compile: (t, tm) => masking!.compile(t, tm), notes: masking.notes }
    },
    ...(specs.length > 0
      ? {
          subset: async (model: SchemaModel, reader: SnapshotReader) => {
            subset = await subsetForClone(model, reader, specs, o.withChildren === true)
            return subset
          },
        }
      : {}),
    beforeWrite: (plan, notes, consistency) => o.beforeWrite?.(plan, notes, consistency, masking!.masks),
  })
  const leaks = o.verify ? await checkLeaks({ from: o.from, to: o.to, pairs: result.pairs, masking: masking! }) : undefined
  return {
    ...result,
    masks: masking!.masks,
    ...(masking!.key ? { keyFingerprint: masking!.key.fingerprint } : {}),
    ...(subset ? { subsetCounts: subset.counts } : {}),
    ...(leaks ? { leaks } : {}),
  }
}

const qualified = (t: { schema?: string; name: string }): string => `${t.schema ? `${t.schema}.` : ''}${t.name}`

/**
 * The source table a target table of this clone was copied from (qualified names), for audit lines that
 * name the source's columns; a name that is no target of the clone comes back unchanged.
 */
export function sourceTableOf(result: Pick<CloneMaskedResult, 'pairs'>): (target: string) => string {
  return (target) => {
    const pair = result.pairs.find((p) => qualified(p.target) === target)
    return pair ? qualified(pair.source) : target
  }
}

/**
 * The TDG_LEAK_FOUND error of a verified clone in which original values survived, naming the columns
 * (never a value); undefined when the check found none or did not run. The copy is committed either way:
 * `advice` says what to do next (the CLI's and a job's differ).
 */
export function leakFoundError(result: Pick<CloneMaskedResult, 'leaks'>, prefix: string, advice = ''): TdgError | undefined {
  const leaks = result.leaks
  if (!leaks || leaks.survivors === 0) return undefined
  const columns = leaks.columns.filter((c) => c.verdict === 'survived').map((c) => `${c.table}.${c.column}`)
  return new TdgError('TDG_LEAK_FOUND', `${prefix}: ${leaks.survivors} original value${leaks.survivors > 1 ? 's' : ''} survived in the target (${columns.join(', ')}); the copy is committed${advice}`)
}
