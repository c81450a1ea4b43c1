/**
 * CI mode of the schema fuzzer: as many random schemas as fit in a time budget (default 180 s in all,
 * TDG_FUZZ_BUDGET_S to change), split over PostgreSQL, MariaDB and SQLite (seeded for real) and SQL
 * Server (rendered and parsed only: no server here). The seed is printed; TDG_FUZZ_SEED repeats a run
 * (default: the UTC date, so one day's CI runs agree). TDG_FUZZ_PENDING=a,b|all switches pending shapes
 * on (test/fuzz/pending.ts). A violation is shrunk and saved under test/fuzz/failures/.
 */
import { describe, expect, inject, it } from 'vitest'
import '../support/provided-context.js'
import { fuzzDialect } from './fuzz.js'
import { parsePending } from './pending.js'
import type { FuzzDialect } from './schema.js'

const budgetMs = Number(process.env.TDG_FUZZ_BUDGET_S ?? 180) * 1000
const today = new Date().toISOString().slice(0, 10).replace(/-/g, '')
const seed = Number(process.env.TDG_FUZZ_SEED ?? today)
const pending = parsePending(process.env.TDG_FUZZ_PENDING)
/** Share of the budget per dialect: the live ones cost a database each, SQL Server only a parse. */
const SHARES: Record<FuzzDialect, number> = { postgres: 0.32, mysql: 0.32, sqlite: 0.28, mssql: 0.08 }

describe('schema fuzzer', () => {
  const servers = { postgres: inject('postgresUrl'), mysql: inject('mysqlUrl') }
  console.log(`fuzz: seed ${seed} (TDG_FUZZ_SEED=${seed} repeats it); budget ${budgetMs / 1000}s; pending on: ${[...pending].join(', ') || 'none'}`)
  for (const dialect of Object.keys(SHARES) as FuzzDialect[]) {
    const available = dialect === 'postgres' ? servers.postgres !== null : dialect === 'mysql' ? servers.mysql !== null : true
    const timeLimitMs = Math.round(budgetMs * SHARES[dialect])
    it.skipIf(!available)(`${dialect}: random schemas seed and validate`, { timeout: timeLimitMs + 240_000 }, async () => {
      const report = await fuzzDialect({ dialect, servers, seed, timeLimitMs, pending, log: (l) => console.log(l) })
      const v = report.violation
      expect(v, v ? `${v.problems.join('\n')}\nreproduce: ${v.command}\nfixture: ${v.fixture}` : '').toBeUndefined()
      expect(report.schemas).toBeGreaterThan(0)
    })
  }
})
