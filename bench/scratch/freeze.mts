import { startBenchPostgres } from '../support/pg.js'
import { tdgExportCsv } from '../support/tdg.js'
import { timed, load1 } from '../support/measure.js'
import { readdirSync } from 'node:fs'
const pg = await startBenchPostgres()
try {
  const N = 1_000_000
  const pk = 'CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))'
  pg.freshDb('csvsrc'); pg.psql('csvsrc', pk)
  await tdgExportCsv(pg.url('csvsrc'), N, '/tmp/w1csv')
  const csv = '/tmp/w1csv/' + readdirSync('/tmp/w1csv').find((f) => f.endsWith('.csv'))
  for (let rep = 0; rep < 2; rep++) for (const freeze of [false, true]) {
    pg.freshDb('b'); pg.psql('b', pk); pg.psql('postgres', 'CHECKPOINT')
    const t = await timed(() => pg.psql('b', 'BEGIN', 'TRUNCATE pgbench_accounts', `\\copy pgbench_accounts FROM '${csv}' WITH (FORMAT csv, HEADER${freeze ? ', FREEZE' : ''})`, 'COMMIT')); console.log('freeze', freeze, t.ms.toFixed(0), 'load', load1())
  }
} finally { pg.stop() }
