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
  /**
   * Remove the rows the fixture wrote (children first, one transaction): by their plan-assigned keys,
   * or the whole table where the plan assigned none (it was empty before). Then restart the identity
   * counters the run moved (`Writer.syncIdentity` on the emptied tables), leaving the database as before.
   */
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
    // The tables are empty (checked): keys start at each identity's start whatever the counters say, so
    // the same seed gives the same rows (ids included) in every run.
    restartKeys: true,
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
    const { dialect } = adapter
    // Plain DELETE, children first: TRUNCATE would refuse tables that other (empty) tables reference.
    await adapter.transaction(async (w) => {
      const childrenFirst = [...plan.steps].reverse()
      for (const step of childrenFirst) {
        const range = step.keys[0]
        const where = range && step.rows > 0 ? ` WHERE ${dialect.quoteIdent(range.column)} BETWEEN ${Math.min(range.start, range.last)} AND ${Math.max(range.start, range.last)}` : ''
        await w.execute(`DELETE FROM ${dialect.qualify(step.table)}${where}`)
      }
      for (const step of childrenFirst) if (step.keys.length > 0) await w.syncIdentity(step.table)
    })
  } finally {
    await adapter.close()
  }
}
