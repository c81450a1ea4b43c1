import { startBenchPostgres } from '../support/pg.js'
import { tdgExportCsv, tdgSeed } from '../support/tdg.js'
import { timed, load1 } from '../support/measure.js'
import { readdirSync } from 'node:fs'
const pg = await startBenchPostgres()
try {
  const N = 1_000_000
  const pk = 'CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84))'
  const nopk = 'CREATE TABLE pgbench_accounts (aid int, bid int, abalance int, filler char(84))'
  pg.freshDb('csvsrc'); pg.psql('csvsrc', pk)
  await tdgExportCsv(pg.url('csvsrc'), N, '/tmp/w1csv')
  const csv = '/tmp/w1csv/' + readdirSync('/tmp/w1csv').find((f) => f.endsWith('.csv'))
  for (const [name, ddl] of [['pk', pk], ['nopk', nopk]]) {
    pg.freshDb('a'); pg.psql('a', ddl); pg.psql('postgres', 'CHECKPOINT')
    let t = await timed(() => tdgSeed(pg.url('a'), N)); console.log(name, 'tdg', t.ms.toFixed(0), 'load', load1())
    pg.freshDb('b'); pg.psql('b', ddl); pg.psql('postgres', 'CHECKPOINT')
    t = await timed(() => pg.psql('b', `\\copy pgbench_accounts FROM '${csv}' WITH (FORMAT csv, HEADER)`)); console.log(name, '\\copy', t.ms.toFixed(0), 'load', load1())
  }
  pg.freshDb('c'); pg.psql('postgres', 'CHECKPOINT')
  const t = await timed(() => pg.pgbench('c', ['-i', '-I', 'dtg', '-s', '10', '-q'])); console.log('pgbench', t.ms.toFixed(0), 'load', load1())
} finally { pg.stop() }
