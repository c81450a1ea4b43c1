/**
 * Issue 16's peers schema (org 1k → users10 100k → orders 300k, PKs, FKs, UNIQUE email): `tdg seed`
 * with its fast load (indexes built and foreign keys re-added after the rows, the default), the same with
 * `fastLoad: false`, and psql `\copy` of the identical rows (tdg's CSV exporter, same plan and seed) into
 * the same constrained schema, one `\copy` per table in FK order. The three loaded databases are compared
 * by checksum. Then drizzle-seed (peers-drizzle.ts) seeds the same schema at the same counts on the same
 * server: tdg's rate against its rate (target ≥ 8×).
 */
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { connect } from '../adapters/index.js'
import { seedDatabase } from '../src/compose/seed-database.js'
import { generateFiles } from '../src/compose/generate-files.js'
import { targetModel } from '../src/compose/target-model.js'
import { planForTarget, readerOf } from '../src/pipeline/plan-for-target.js'
import type { BenchPostgres } from './support/pg.js'
import { load1, rate, timed } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { BENCH_SEED } from './support/schemas.js'
import { drizzleSeedPeers } from './peers-drizzle.js'

export const PEERS_POSTGRES = `
create table org (id bigint primary key, name varchar(100) not null, created_at timestamptz not null);
create table users10 (id bigint primary key, org_id bigint not null references org(id), uuid uuid not null,
  email varchar(255) not null unique, first_name varchar(100) not null, last_name varchar(100) not null,
  created_at timestamptz not null, birth_date date, balance numeric(12,2) not null, is_active boolean not null, bio text);
create table orders (id bigint primary key, user_id bigint not null references users10(id),
  total numeric(12,2) not null, status varchar(20) not null, created_at timestamptz not null);`

const COUNTS = { org: 1_000, users10: 100_000, orders: 300_000 }
const TOTAL = COUNTS.org + COUNTS.users10 + COUNTS.orders
const PLAN = { rows: 100, rowsPerTable: COUNTS, seed: BENCH_SEED }

const checksum = (pg: BenchPostgres, db: string) =>
  ['org', 'users10', 'orders'].map((t) => pg.psql(db, `SELECT count(*) || ':' || sum(hashtext(x::text)::bigint) FROM ${t} x`).trim()).join(' ')

/** tdg seed (fast load on and off) against psql \copy of the same rows, on the peers schema. */
export async function peers(pg: BenchPostgres, work: string, log: (m: string) => void): Promise<BenchResult[]> {
  for (const db of ['peers_fast', 'peers_slow', 'peers_copy', 'peers_drizzle']) {
    pg.freshDb(db)
    pg.psql(db, PEERS_POSTGRES)
  }
  const dir = join(work, 'peers-csv')
  log('peers: exporting the baseline CSVs with tdg (not timed)')
  const adapter = await connect(pg.url('peers_copy'))
  try {
    const target = await targetModel(adapter, undefined, false)
    const plan = await planForTarget(target.model, PLAN, readerOf(adapter))
    await generateFiles({ model: target.model, plan, output: dir, format: 'csv' })
  } finally {
    await adapter.close()
  }
  const csv = (t: string) => join(dir, readdirSync(dir).find((n) => n.endsWith(`-${t}.csv`)) ?? `${t}.csv`)
  const runs: Array<{ name: string; ms: number; load: number }> = []
  for (const [db, fastLoad] of [['peers_fast', true], ['peers_slow', false]] as const) {
    pg.psql('postgres', 'CHECKPOINT')
    const load = load1()
    log(`peers: tdg seed ${TOTAL} rows, fast load ${fastLoad ? 'on' : 'off'} (load ${load})`)
    const t = await timed(() => seedDatabase({ db: pg.url(db), plan: PLAN, fastLoad }))
    runs.push({ name: db, ms: t.ms, load })
  }
  pg.psql('postgres', 'CHECKPOINT')
  const copyLoad = load1()
  log(`peers: psql \\copy (load ${copyLoad})`)
  const b = await timed(() => pg.psql('peers_copy', ...['org', 'users10', 'orders'].map((t) => `\\copy ${t} FROM '${csv(t)}' WITH (FORMAT csv, HEADER)`)))
  const sums = ['peers_fast', 'peers_slow', 'peers_copy'].map((db) => checksum(pg, db))
  if (new Set(sums).size !== 1 || !sums[0]!.startsWith(`${COUNTS.org}:`)) throw new Error(`peers: loaded tables differ (checksums ${sums.join(' vs ')})`)
  rmSync(dir, { recursive: true, force: true })
  pg.psql('postgres', 'CHECKPOINT')
  const drizzleLoad = load1()
  log(`peers: drizzle-seed ${TOTAL} rows (load ${drizzleLoad})`)
  const dz = await timed(() => drizzleSeedPeers(pg, 'peers_drizzle', COUNTS))
  const lines: BenchResult[] = runs.map((r, i) => {
    const ratio = rate(TOTAL, r.ms) / rate(TOTAL, b.ms)
    return {
      workload: i === 0 ? 'peers org/users10/orders (PG)' : 'peers, --no-fast-load (info)',
      rows: TOTAL,
      tdg: { ms: r.ms, rowsPerSec: rate(TOTAL, r.ms) },
      baseline: { name: 'psql \\copy csv ×3', ms: b.ms, rowsPerSec: rate(TOTAL, b.ms) },
      ratio,
      target: 'rate ≥ 1.5× \\copy',
      met: ratio >= 1.5,
      ...(i === 0 ? {} : { info: true }),
      load: r.load,
      note: `${i === 0 ? 'indexes built and FKs re-added after the rows' : 'every index and FK in place during the load'}; \\copy load ${copyLoad}; identical rows verified (count:sum(hashtext(row)) per table)`,
    }
  })
  const fast = runs[0]!
  const vsDrizzle = rate(TOTAL, fast.ms) / rate(TOTAL, dz.ms)
  lines.push({
    workload: 'peers vs drizzle-seed (PG)',
    rows: TOTAL,
    tdg: { ms: fast.ms, rowsPerSec: rate(TOTAL, fast.ms) },
    baseline: { name: 'drizzle-seed 0.3 (node-postgres)', ms: dz.ms, rowsPerSec: rate(TOTAL, dz.ms) },
    ratio: vsDrizzle,
    target: 'rate ≥ 8× drizzle-seed',
    met: vsDrizzle >= 8,
    load: fast.load,
    note: `the same schema, counts and server; drizzle-seed's own generators and multi-row INSERTs (its rows differ: counts checked, not checksums); drizzle-seed load ${drizzleLoad}`,
  })
  return lines
}
