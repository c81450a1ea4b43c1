/**
 * One property run: create the schema on a fresh database through the raw driver, run `tdg seed`
 * (the programmatic API, or the built CLI), then judge the outcome: a seeded database must pass the
 * independent validator and hold the plan's row counts; a refusal is fine only when it is a known one.
 */
import { seedDatabase } from '../../src/index.js'
import { isTdgError } from '../../src/errors.js'
import type { Plan } from '../../src/model/plan.js'
import { runCli } from '../support/run-cli.js'
import { freshDb, type LiveDialect, type Servers } from './db.js'
import { schemaStatements } from './render.js'
import { traitsOf, type FSchema } from './schema.js'
import { totalRows, validate } from './validate.js'

export interface RunParams {
  rows: number
  seed: number
  /** Run the built CLI (`node bin/tdg.js seed …`) instead of the API. */
  cli: boolean
}

export type Outcome =
  | { kind: 'seeded'; rows: number }
  /** A documented refusal the fuzzer accepts (see KNOWN_REFUSALS). */
  | { kind: 'refused'; known: string; message: string }
  | { kind: 'violation'; problems: string[]; command: string }

/**
 * Refusals (exit 4) that count as valid outcomes, each only when the schema really has the feature the
 * message names. Everything else tdg refuses is a violation.
 */
export const KNOWN_REFUSALS = {
  'unknown-not-null': 'TDG_PLAN_UNSATISFIABLE naming table.column of a NOT NULL column of a type tdg cannot generate, without a default',
  'check-disjunction': 'TDG_PLAN_UNSATISFIABLE naming a CHECK tdg does not understand (a disjunction), when no rule covers the column',
  'check-on-key': 'TDG_PLAN_UNSATISFIABLE naming a key column whose CHECK leaves too few values for the rows asked',
} as const

/** The command a user would type to reproduce a run (URL as given to tdg). */
export function commandLine(url: string, p: RunParams): string {
  return `tdg seed --db '${url}' --rows ${p.rows} --seed ${p.seed}`
}

export function knownRefusal(schema: FSchema, code: string, message: string): string | undefined {
  if (code !== 'TDG_PLAN_UNSATISFIABLE') return undefined
  const tr = traitsOf(schema)
  if (tr.unknownNotNull.some((tc) => message.includes(tc.slice(tc.lastIndexOf('.') + 1)) && message.includes(tc.slice(0, tc.lastIndexOf('.'))))) return 'unknown-not-null'
  if (tr.opaqueChecks.length > 0 && /check/i.test(message) && tr.opaqueChecks.some((t) => message.includes(t))) return 'check-disjunction'
  if (tr.keyChecks.some((t) => message.includes(t))) return 'check-on-key'
  return undefined
}

/** Planned rows per table name; a capped step must say why (ROWS_CAPPED). */
function expectedCounts(plan: Plan, problems: string[]): Record<string, number> {
  for (const s of plan.steps)
    if (s.rows < s.requestedRows && !plan.issues.some((i) => i.code === 'ROWS_CAPPED' && i.message.startsWith(`${s.id}:`)))
      problems.push(`${s.id}: capped at ${s.rows} of ${s.requestedRows} rows without a ROWS_CAPPED note`)
  return Object.fromEntries(plan.steps.map((s) => [s.table.name, s.rows]))
}

/** Run tdg against the created database; returns the plan or the error (code, message). */
async function runTdg(url: string, p: RunParams): Promise<{ plan: Plan } | { code: string; exit: number; message: string }> {
  if (!p.cli) {
    try {
      const { plan } = await seedDatabase({ db: url, plan: { rows: p.rows, seed: p.seed } })
      return { plan }
    } catch (e) {
      if (isTdgError(e)) return { code: e.code, exit: e.exitCode, message: e.message }
      return { code: 'CRASH', exit: 70, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) }
    }
  }
  const args = ['--db', url, '--rows', String(p.rows), '--seed', String(p.seed)]
  // The plan first (on the still-empty database it is the plan the seed run makes), then the seed run.
  const planned = await runCli(['plan', ...args, '--json'], { timeoutMs: 120_000 })
  const r = planned.code === 0 ? await runCli(['seed', ...args, '--quiet'], { timeoutMs: 120_000 }) : planned
  if (r.code === 0) return { plan: JSON.parse(planned.stdout) as Plan }
  const m = /tdg: error (TDG_[A-Z_]+): (.*)/.exec(r.stderr)
  return { code: m?.[1] ?? 'CRASH', exit: r.code ?? -1, message: m?.[2] ?? r.stderr.slice(0, 2000) }
}

/** Create, seed, validate; the database is dropped afterwards. */
export async function runOne(schema: FSchema, p: RunParams, servers: Servers): Promise<Outcome> {
  const db = await freshDb(schema.dialect as LiveDialect, servers)
  const command = commandLine(db.url, p)
  try {
    for (const stmt of schemaStatements(schema)) {
      try {
        await db.exec(stmt)
      } catch (e) {
        // The fuzzer's own DDL was rejected: a fuzzer bug, reported as such (not a tdg defect).
        return { kind: 'violation', problems: [`FUZZER: DDL rejected by the server: ${e instanceof Error ? e.message : String(e)}\n${stmt}`], command }
      }
    }
    const result = await runTdg(db.url, p)
    if ('code' in result) {
      const known = result.exit === 4 ? knownRefusal(schema, result.code, result.message) : undefined
      if (!known) return { kind: 'violation', problems: [`tdg failed: exit ${result.exit} ${result.code}: ${result.message}`], command }
      const left = await totalRows(db, schema)
      if (left > 0) return { kind: 'violation', problems: [`refused (${result.code}) but ${left} row(s) were written`], command }
      return { kind: 'refused', known, message: result.message }
    }
    const problems: string[] = []
    const expected = expectedCounts(result.plan, problems)
    problems.push(...(await validate(db, schema, expected)))
    if (problems.length > 0) return { kind: 'violation', problems, command }
    return { kind: 'seeded', rows: Object.values(expected).reduce((a, b) => a + b, 0) }
  } finally {
    await db.dispose()
  }
}
