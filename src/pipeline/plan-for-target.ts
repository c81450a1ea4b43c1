import type { Plan } from '../model/plan.js'
import type { SchemaModel, TableRef } from '../model/schema.js'
import { buildPlan, type PlanOptions } from '../plan/build-plan.js'

/** Reads the highest key already used in a column of the target (`Adapter.keyFloor`). */
export type KeyFloorReader = (table: TableRef, column: string) => Promise<number | undefined>

/**
 * Build the plan for writing into a target that may already hold rows: a first plan finds the key
 * columns, the target says how far each is used, and the final plan starts its keys after that.
 * Without `keyFloor` (files, freshly created tables) it is just `buildPlan`.
 */
export async function planForTarget(model: SchemaModel, opts: PlanOptions, keyFloor?: KeyFloorReader): Promise<Plan> {
  const first = buildPlan(model, opts)
  if (!keyFloor) return first
  const identityStart: Record<string, number> = { ...opts.identityStart }
  for (const step of first.steps) {
    for (const c of step.columns) {
      if (c.generator.kind !== 'identity' || c.omit) continue
      const floor = await keyFloor(step.table, c.column)
      if (floor !== undefined && !(step.id in identityStart)) identityStart[step.id] = floor
    }
  }
  return Object.keys(identityStart).length === 0 ? first : buildPlan(model, { ...opts, identityStart })
}
