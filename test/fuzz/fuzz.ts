/**
 * The fuzz loop of one dialect: fast-check draws schemas and run parameters, each becomes a property
 * run (`runOne`, or the T-SQL parse check for SQL Server); a violation shrinks and is saved as a
 * fixture under test/fuzz/failures/. Bounded by a run count and/or a time budget.
 */
import fc from 'fast-check'
import { schemaArb } from './arbitrary.js'
import type { Servers } from './db.js'
import { saveFailure } from './fixtures.js'
import { checkMssql } from './mssql-check.js'
import type { PendingFeature } from './pending.js'
import { renderSchema } from './render.js'
import { runOne, type Outcome, type RunParams } from './property.js'
import type { FSchema, FuzzDialect } from './schema.js'

export interface FuzzOptions {
  dialect: FuzzDialect
  servers: Servers
  /** fast-check seed of this campaign (printed, so a failure is reproducible). */
  seed: number
  /** Stop after this many schemas (default: unbounded, use `timeLimitMs`). */
  runs?: number
  timeLimitMs?: number
  pending: ReadonlySet<PendingFeature>
  /** Share of runs through the built CLI rather than the API (default 0.25). */
  cliShare?: number
  /** Where fixtures go (default test/fuzz/failures); null: do not save. */
  saveDir?: string | null
  log?: (line: string) => void
  /** Time shrinking a violation may take (default 90 s). */
  shrinkMs?: number
}

export interface FuzzReport {
  dialect: FuzzDialect
  seed: number
  /** Schemas run before the first violation (or all of them). */
  schemas: number
  seeded: number
  refused: Record<string, number>
  /** Shrink steps tried after a violation. */
  shrinks: number
  violation?: { schema: FSchema; params: RunParams; problems: string[]; command: string; fixture?: string }
}

/** Parameters of one run: rows per table, tdg seed, CLI or API. */
function paramsArb(cliShare: number): fc.Arbitrary<RunParams> {
  const cliEvery = Math.max(1, Math.round(1 / Math.max(cliShare, 0.001)))
  return fc.record({
    rows: fc.integer({ min: 1, max: 30 }),
    seed: fc.nat({ max: 1_000_000 }),
    // Shrinks toward the API (0), the faster path.
    cli: fc.nat({ max: cliEvery - 1 }).map((n) => cliShare > 0 && n === cliEvery - 1),
  })
}

/** Fuzz one dialect until the run count or the time budget is used up, or a violation is found (and shrunk). */
export async function fuzzDialect(o: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { dialect: o.dialect, seed: o.seed, schemas: 0, seeded: 0, refused: {}, shrinks: 0 }
  let failing = false
  let last: { outcome: Outcome; schema: FSchema; params: RunParams } | undefined
  let shrinkUntil = Infinity
  const property = fc.asyncProperty(schemaArb(o.dialect, { pending: o.pending }), paramsArb(o.cliShare ?? 0.25), async (schema, params) => {
    // Shrinking costs a database per step: past its budget, candidates count as passing, which ends it.
    if (failing && Date.now() > shrinkUntil) return true
    if (process.env.TDG_FUZZ_VERBOSE) o.log?.(`-- run ${JSON.stringify(params)}\n${renderSchema(schema)}`)
    const outcome = o.dialect === 'mssql' ? await checkMssql(schema, params) : await runOne(schema, params, o.servers)
    if (process.env.TDG_FUZZ_VERBOSE) o.log?.(`-- outcome ${JSON.stringify(outcome)}`)
    if (failing) report.shrinks++
    else report.schemas++
    if (outcome.kind === 'violation') {
      if (!failing) shrinkUntil = Date.now() + (o.shrinkMs ?? 90_000)
      failing = true
      last = { outcome, schema, params }
      return false
    }
    if (!failing) {
      if (outcome.kind === 'seeded') report.seeded++
      else report.refused[outcome.known] = (report.refused[outcome.known] ?? 0) + 1
    }
    return true
  })
  const result = await fc.check(property, {
    seed: o.seed,
    numRuns: o.runs ?? 1_000_000,
    ...(o.timeLimitMs ? { interruptAfterTimeLimit: o.timeLimitMs, markInterruptAsFailure: false } : {}),
    endOnFailure: false,
  })
  if (result.failed && result.counterexample) {
    const [schema, params] = result.counterexample
    // Re-run the smallest counterexample so its problems (not a shrink attempt's) are reported.
    const outcome = o.dialect === 'mssql' ? await checkMssql(schema, params) : await runOne(schema, params, o.servers)
    const final = outcome.kind === 'violation' ? { outcome, schema, params } : last
    if (final && final.outcome.kind === 'violation') {
      report.violation = { schema: final.schema, params: final.params, problems: final.outcome.problems, command: final.outcome.command }
      if (o.saveDir !== null) report.violation.fixture = saveFailure(final.schema, final.params, final.outcome.problems, o.seed, o.saveDir)
    }
  }
  o.log?.(summaryLine(report))
  return report
}

/** `fuzz: <dialect> N schemas, V violations` (+ seed and refusals). */
export function summaryLine(r: FuzzReport): string {
  const refused = Object.entries(r.refused).map(([k, n]) => `${k}: ${n}`).join(', ')
  return `fuzz: ${r.dialect} ${r.schemas} schemas, ${r.violation ? 1 : 0} violations (seed ${r.seed}; seeded ${r.seeded}${refused ? `; known refusals ${refused}` : ''}${r.violation ? `; ${r.shrinks} shrink steps` : ''})`
}
