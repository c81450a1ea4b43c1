/**
 * W4 (issue 11): a 1M-row, 10-column table cloned PostgreSQL → PostgreSQL with 4 masked columns (first
 * and last name and email fake-by-hash, phone scrambled), against the unmasked copy the database's own
 * tools make: `psql -c "\copy (select …) to stdout" | psql -c "\copy w4 from stdin"`. Same server, same
 * rows, same empty target table; the target's counts are compared afterwards.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BenchPostgres } from './support/pg.js'
import { PG_BIN } from './support/pg.js'
import { load1, rate, timed } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { cloneWithMasking } from '../src/compose/clone-masked.js'

const TABLE = `CREATE TABLE w4 (
  id bigint PRIMARY KEY,
  first_name varchar(40) NOT NULL,
  last_name varchar(40) NOT NULL,
  email varchar(120) NOT NULL UNIQUE,
  phone varchar(24),
  city varchar(60) NOT NULL,
  created_at timestamptz NOT NULL,
  balance numeric(12,2) NOT NULL,
  status varchar(12) NOT NULL,
  visits integer NOT NULL
)`

const FILL = (rows: number) => `INSERT INTO w4
  SELECT i, 'First' || (i % 5000), 'Last' || (i % 20000), 'user' || i || '@example.com', '+1 555 ' || lpad((i % 10000000)::text, 7, '0'),
         'City ' || (i % 900), timestamptz '2020-01-01' + (i % 1000000) * interval '1 minute', (i % 100000) / 100.0,
         (array['new','active','closed'])[1 + i % 3], i % 1000
    FROM generate_series(1, ${rows}) i`

const RULES = `tables:
  w4:
    columns:
      first_name: { mask: { fake: first-name } }
      last_name: { mask: { fake: last-name } }
      email: { mask: { fake: email } }
      phone: { mask: scramble }
`

/** W4: tdg clone with 4 maskers vs psql \\copy | psql \\copy, unmasked. */
export async function w4Clone(pg: BenchPostgres, rows: number, work: string, log: (m: string) => void): Promise<BenchResult> {
  pg.freshDb('w4_src')
  pg.psql('w4_src', TABLE)
  pg.psql('w4_src', FILL(rows))
  pg.psql('w4_src', 'VACUUM ANALYZE w4')
  for (const db of ['w4_tdg', 'w4_copy']) {
    pg.freshDb(db)
    pg.psql(db, TABLE)
  }
  const rules = join(work, 'w4-masking.yaml')
  writeFileSync(rules, RULES)
  pg.psql('postgres', 'CHECKPOINT')
  const load = load1()
  log(`W4: tdg clone ${rows} rows, 4 masked columns (load ${load})`)
  process.env.TDG_MASK_KEY ??= 'bench-w4-masking-key-0123456789'
  const t = await timed(() => cloneWithMasking({ from: pg.url('w4_src'), to: pg.url('w4_tdg'), rulesFile: rules, allowUnmapped: true, batchSize: 10_000 }))
  pg.psql('postgres', 'CHECKPOINT')
  log(`W4: psql \\copy (select …) to stdout | psql \\copy from stdin (load ${load1()})`)
  const u = new URL(pg.url('w4_src'))
  const env = { ...process.env, PGHOST: u.hostname, PGPORT: u.port, PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password) }
  const b = await timed(() => {
    const cmd = `${PG_BIN}/psql -X -q -d w4_src -c "\\copy (select * from w4) to stdout" | ${PG_BIN}/psql -X -q -v ON_ERROR_STOP=1 -d w4_copy -c "\\copy w4 from stdin"`
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', cmd], { env, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`psql copy pipeline failed: ${r.stderr}`)
  })
  const n = [pg.psql('w4_tdg', 'SELECT count(*) FROM w4').trim(), pg.psql('w4_copy', 'SELECT count(*) FROM w4').trim()]
  if (n[0] !== String(rows) || n[1] !== String(rows)) throw new Error(`W4 row counts differ: tdg ${n[0]}, psql ${n[1]}`)
  const changed = pg.psql('w4_tdg', `SELECT count(*) FROM w4 WHERE email LIKE 'user%@example.com'`).trim()
  const ratio = rate(rows, t.ms) / rate(rows, b.ms)
  return {
    workload: 'W4 clone PG→PG, 4 masked cols',
    rows,
    tdg: { ms: t.ms, rowsPerSec: rate(rows, t.ms) },
    baseline: { name: 'psql \\copy to | \\copy from (unmasked)', ms: b.ms, rowsPerSec: rate(rows, b.ms) },
    ratio,
    target: 'rate ≥ 0.7× psql copy',
    met: ratio >= 0.7,
    load,
    note: `counts equal; ${changed} emails left unmasked (must be 0); includes connect, introspect, PII sampling`,
  }
}
