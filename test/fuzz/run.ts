/**
 * `npm run fuzz -- --runs N [--seed S] [--dialect d[,d]] [--minutes M] [--pending a,b|all] [--cli-share x]`
 *
 * Runs N schemas per dialect (postgres, mysql, sqlite, mssql; default all that are available), keeps
 * going after a violation (each one is shrunk and saved under test/fuzz/failures/) with the next seed,
 * and exits 1 when any violation was found. Servers: TDG_TEST_POSTGRES_URL / TDG_TEST_MYSQL_URL, else
 * throwaway servers from the installed binaries (as the test suite does). Run the build first: the
 * CLI share of the runs uses `node bin/tdg.js`.
 */
import { parseArgs } from 'node:util'
import { fuzzDialect, summaryLine, type FuzzReport } from './fuzz.js'
import { parsePending, PENDING_FEATURES } from './pending.js'
import type { FuzzDialect } from './schema.js'
import { renderSchema } from './render.js'
import type { Servers } from './db.js'
import { findPostgresBinDir, startLocalPostgres } from '../support/postgres-server.js'
import { findMariadbBinaries, startLocalMariadb } from '../support/mariadb-server.js'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100' },
    seed: { type: 'string' },
    dialect: { type: 'string', default: 'postgres,mysql,sqlite,mssql' },
    minutes: { type: 'string' },
    pending: { type: 'string', default: process.env.TDG_FUZZ_PENDING ?? '' },
    'cli-share': { type: 'string', default: '0.25' },
    'no-save': { type: 'boolean', default: false },
  },
})

async function main(): Promise<number> {
  const runs = Number(values.runs)
  const seed = values.seed !== undefined ? Number(values.seed) : Number(process.env.TDG_FUZZ_SEED ?? Date.now() % 1_000_000_007)
  const dialects = (values.dialect ?? '').split(',').map((s) => s.trim()) as FuzzDialect[]
  const pending = parsePending(values.pending)
  const stops: Array<() => void> = []
  const servers: Servers = { postgres: process.env.TDG_TEST_POSTGRES_URL ?? null, mysql: process.env.TDG_TEST_MYSQL_URL ?? null }
  process.once('SIGINT', () => {
    for (const s of stops) s()
    process.exit(130)
  })
  try {
    if (dialects.includes('postgres') && !servers.postgres) {
      const bin = findPostgresBinDir()
      if (bin) {
        const s = await startLocalPostgres(bin)
        stops.push(s.stop)
        servers.postgres = s.url
      }
    }
    if (dialects.includes('mysql') && !servers.mysql) {
      const bins = findMariadbBinaries()
      if (bins) {
        const s = await startLocalMariadb(bins)
        stops.push(s.stop)
        servers.mysql = s.url
      }
    }
    console.log(`fuzz: seed ${seed} (TDG_FUZZ_SEED/--seed to repeat); pending shapes on: ${[...pending].join(', ') || 'none'} (of ${Object.keys(PENDING_FEATURES).join(', ')})`)
    const reports: FuzzReport[] = []
    for (const d of dialects) {
      if ((d === 'postgres' && !servers.postgres) || (d === 'mysql' && !servers.mysql)) {
        console.log(`fuzz: ${d} skipped: no server`)
        continue
      }
      let left = runs
      let s = seed
      const deadline = values.minutes ? Date.now() + Number(values.minutes) * 60_000 : undefined
      while (left > 0 && (deadline === undefined || Date.now() < deadline)) {
        const r = await fuzzDialect({
          dialect: d, servers, seed: s, runs: left, pending, cliShare: Number(values['cli-share']),
          ...(deadline ? { timeLimitMs: deadline - Date.now() } : {}),
          ...(values['no-save'] ? { saveDir: null } : {}),
          log: (l) => console.log(l),
        })
        reports.push(r)
        if (r.violation) {
          console.log(`  violation (${r.violation.params.cli ? 'CLI' : 'API'}): ${r.violation.problems.join('\n    ')}`)
          if (r.violation.fixture) console.log(`  saved: ${r.violation.fixture}`)
          else console.log(renderSchema(r.violation.schema), JSON.stringify(r.violation.params))
        }
        left -= r.schemas
        s++
        if (!r.violation) break
      }
    }
    const total = (d: string) => reports.filter((r) => r.dialect === d)
    console.log('\nfuzz summary:')
    for (const d of dialects) {
      const rs = total(d)
      if (rs.length === 0) continue
      console.log(`fuzz: ${d} ${rs.reduce((n, r) => n + r.schemas, 0)} schemas, ${rs.filter((r) => r.violation).length} violations`)
    }
    void summaryLine
    return reports.some((r) => r.violation) ? 1 : 0
  } finally {
    for (const s of stops) s()
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e)
    process.exit(70)
  },
)
