import type { Adapter } from '../adapter/adapter.js'
import type { Plan } from '../model/plan.js'
import { isTdgError, TdgError } from '../errors.js'
import { connect } from '../../adapters/index.js'
import { seedDatabase } from '../compose/seed-database.js'
import { GenerationResult, type RowObject } from './generation-result.js'
import { loadRules, rulesFromObject } from '../rules/load.js'
import type { RulesFile } from '../rules/schema.js'

export interface FixtureOptions {
  /** Test database URL (its tables must start empty: cleanup empties them). */
  db: string
  /** DDL file; its tables are created first when they do not exist yet. */
  schema?: string
  seed?: number | string
  /** Rows per table (`{ customers: 5 }`: only those tables and the parents they need), or one count for all. */
  rows: Record<string, number> | number
  /** Rows of parent tables added because a table in `rows` needs them; default 3. */
  parentRows?: number
  /** Rules: a YAML/JSON file path or a rules object (see the README's rules section). */
  rules?: string | RulesFile
}

export interface Fixtures {
  /** The rows written, as objects, by table name (and by `schema.name`). Final values: cycle fixups applied. */
  rows: Record<string, RowObject[]>
  plan: Plan
  seed: Plan['seed']
  /** Empty the fixture's tables again (children first, one transaction). */
  cleanup(): Promise<void>
}

/**
 * Seed a small, deterministic data set for a test and hand back its rows. The tables involved must be
 * empty before (checked: TDG_USAGE otherwise), so `cleanup()` can empty them without touching anyone
 * else's data. Same options and seed → same rows, in every run.
 */
export async function tdgFixtures(opts: FixtureOptions): Promise<Fixtures> {
  const counts = typeof opts.rows === 'number' ? undefined : opts.rows
  const { plan } = await seedDatabase({
    db: opts.db,
    ...(opts.schema ? { schemaFile: opts.schema } : {}),
    create: opts.schema !== undefined,
    plan: {
      rows: typeof opts.rows === 'number' ? opts.rows : (opts.parentRows ?? 3),
      seed: opts.seed ?? 1,
      ...(opts.rules ? { rules: typeof opts.rules === 'string' ? loadRules(opts.rules) : rulesFromObject(opts.rules) } : {}),
      ...(counts ? { rowsPerTable: counts, tables: Object.keys(counts) } : {}),
    },
    beforeWrite: mustBeEmpty,
  })
  const result = new GenerationResult(plan)
  const rows: Record<string, RowObject[]> = {}
  for (const step of plan.steps) rows[step.id] = rows[step.table.name] = result.rows(step.id)
  return { rows, plan, seed: plan.seed, cleanup: () => emptyTables(opts.db, plan) }
}

/** Refuse to write into tables that hold rows: cleanup would delete someone else's data. */
async function mustBeEmpty(plan: Plan, target: Adapter): Promise<void> {
  for (const step of plan.steps) {
    try {
      for await (const batch of target.sample(step.table, { limit: 1 })) {
        if (batch.rows.length > 0) throw new TdgError('TDG_USAGE', `tdgFixtures needs empty tables, and ${step.id} already holds rows`, { table: step.id })
      }
    } catch (e) {
      // A table the schema file is about to create is empty by definition.
      if (!(isTdgError(e) && e.code === 'TDG_TABLE_NOT_FOUND')) throw e
    }
  }
}

async function emptyTables(db: string, plan: Plan): Promise<void> {
  const adapter = await connect(db)
  try {
    // Plain DELETE, children first: TRUNCATE would refuse tables that other (empty) tables reference.
    await adapter.transaction(async (w) => {
      for (const step of [...plan.steps].reverse()) await w.execute(`DELETE FROM ${adapter.dialect.qualify(step.table)}`)
    })
  } finally {
    await adapter.close()
  }
}
