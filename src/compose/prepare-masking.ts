/**
 * Everything masking needs before rows move, shared by `clone`, `mask`, `leak-check` and `plan --from`:
 * PII detection on the source (names + sampled values), the rules' `mask:` keys, the MaskPlan, the drift
 * guard (flagged columns without a masker), and the key. Refusals happen here, before anything is written.
 */
import type { Adapter } from '../adapter/adapter.js'
import type { MaskPlan, PiiFinding, TableMask } from '../model/mask.js'
import type { SchemaModel, Table } from '../model/schema.js'
import type { MaskKey, TableMasker } from '../mask/masker.js'
import type { RuleSet } from '../rules/schema.js'
import { planMasks } from '../mask/plan-masks.js'
import { loadMaskKey } from '../mask/key.js'
import { compileTableMasker, loadMaskLocales } from '../mask/compile-table.js'
import { detectPii } from '../mask/pii/detect.js'
import { loadRules } from '../rules/load.js'
import { tableKey } from '../plan/insert-order.js'
import { TdgError, type Issue } from '../errors.js'
import { generatorForRule } from './mask-generator.js'

/** Options of `prepareMasking`. */
export interface MaskingInput {
  source: Adapter
  model: SchemaModel
  /** Rules file with `mask:` keys (`--rules`). */
  rulesFile?: string
  /** Rules given in code (API); wins over `rulesFile`. */
  rules?: RuleSet
  /** `--mask-sensitive`: mask flagged columns without a rule by the detected masker. */
  maskSensitive?: boolean
  /** `--allow-unmapped`: copy flagged columns without a masker (said loudly) instead of refusing. */
  allowUnmapped?: boolean
  /** `--key-file`; else `TDG_MASK_KEY`. */
  keyFile?: string
  env?: NodeJS.ProcessEnv
  /** Rows sampled per table for detection; default 1000. */
  sampleRows?: number
  /** Skip the key (e.g. `plan --from`, which masks nothing). */
  noKey?: boolean
  /**
   * Table keys (`tableKey`) whose columns PII detection samples and the drift guard holds to (`tdg export
   * --tables`); default every table. Rules and FK inheritance still see the whole model.
   */
  detectTables?: string[]
}

export interface Masking {
  masks: MaskPlan
  findings: PiiFinding[]
  /** Flagged columns left unmasked (only with `allowUnmapped`). */
  unmapped: PiiFinding[]
  /** Columns the rules keep on purpose (`mask: keep`), `tableKey\u0000column`. */
  kept: Set<string>
  key?: MaskKey
  notes: Issue[]
  /** One table's compiled maskers (needs the key). */
  compile(table: Table, mask: TableMask): TableMasker
}

/** Detect, plan, guard and load the key. Throws TDG_PII_UNMAPPED, TDG_MASK_KEY_MISSING, TDG_RULES_INVALID, TDG_MASK_UNSATISFIABLE. */
export async function prepareMasking(input: MaskingInput): Promise<Masking> {
  const rules = input.rules ?? (input.rulesFile ? loadRules(input.rulesFile) : undefined)
  const sampleRows = input.sampleRows ?? 1000
  const only = input.detectTables ? new Set(input.detectTables) : undefined
  const detected = only ? { ...input.model, tables: input.model.tables.filter((t) => only.has(tableKey(t))) } : input.model
  const { findings } = await detectPii(detected, (t) => input.source.sample(t, { limit: sampleRows }), { sampleRows })
  const { plan, unmapped, kept } = planMasks(input.model, {
    ...(rules ? { rules } : {}),
    findings,
    maskSensitive: input.maskSensitive === true,
    generatorFor: (t, c, rule, path) => generatorForRule(input.model, t, c, rule, path, rules),
  })
  await loadMaskLocales(plan.tables)
  const notes: Issue[] = []
  if (unmapped.length > 0) {
    const names = unmapped.map((f) => `${tableKey(f.table)}.${f.column} (${f.category} ${f.confidence.toFixed(2)})`)
    const list = `${names.slice(0, 8).join(', ')}${names.length > 8 ? `, … (${names.length} in all)` : ''}`
    if (!input.allowUnmapped)
      throw new TdgError('TDG_PII_UNMAPPED', `${unmapped.length} column${unmapped.length > 1 ? 's' : ''} PII detection flags ${unmapped.length > 1 ? 'have' : 'has'} no masking rule: ${list}; add mask rules (tdg scan-pii writes them), pass --mask-sensitive, or --allow-unmapped to copy them as they are`)
    notes.push({ code: 'MASK_NOTE', message: `--allow-unmapped: copying ${unmapped.length} flagged column${unmapped.length > 1 ? 's' : ''} UNMASKED: ${list}` })
  }
  const needsKey = plan.tables.some((t) => t.columns.some((c) => !['keep', 'null', 'constant', 'redact'].includes(c.mask.kind)))
  const key = needsKey && !input.noKey ? await loadMaskKey({ ...(input.keyFile ? { keyFile: input.keyFile } : {}), env: input.env ?? process.env }) : undefined
  return {
    masks: plan,
    findings,
    unmapped,
    kept,
    ...(key ? { key } : {}),
    notes,
    compile(table, mask) {
      const k = key ?? { bytes: new Uint8Array(32), fingerprint: 'none' }
      if (!key && needsKey) throw new TdgError('TDG_MASK_KEY_MISSING', 'masking needs a key: set TDG_MASK_KEY or pass --key-file')
      return compileTableMasker(table, mask, k)
    },
  }
}
