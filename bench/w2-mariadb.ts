/**
 * W2 into MariaDB (`--only w2my`): the 10-column users table seeded by tdg through `seedDatabase` (what
 * `tdg seed` runs) on both write paths — LOAD DATA LOCAL INFILE fed by a stream (the default) and the
 * multi-row INSERT fallback (`?local_infile=false`) — against the `mariadb` client's LOAD DATA LOCAL
 * INFILE of a CSV that tdg's CSV exporter wrote from the same plan and seed (not timed).
 *
 * The CSV is PostgreSQL-flavoured (NULL = empty unquoted field, booleans `true`/`false`, zoned timestamps
 * `… +00`), so the baseline statement maps those the way a user would: `NULLIF(@v, '')` for the nullable
 * columns, `@v = 'true'` for the boolean, the `+00` suffix cut (session time zone UTC, as tdg's sessions).
 * LOAD DATA and the baseline run in alternating rounds (best of each counts; every round is in the note).
 * The tables are compared by row count and a checksum over every column, so all sides provably loaded
 * identical rows. Each figure's note also has the CPU seconds of tdg's process and of mariadbd.
 */
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { startBenchMariadb, type BenchMariadb } from './support/mariadb.js'
import { load1, rate, timed } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { W2_MARIADB } from './support/schemas.js'
import { tdgExportCsv, tdgSeed } from './support/tdg.js'

const COLUMNS = ['id', 'external_id', 'email', 'first_name', 'last_name', 'created_at', 'birth_date', 'balance', 'is_active', 'bio']

/** count:sum(crc32(row)) over every column, NULLs marked so that NULL and '' differ. */
const CHECKSUM_SQL =
  'SELECT CONCAT(COUNT(*), \':\', SUM(CRC32(CONCAT_WS(\'|\', ' +
  COLUMNS.map((c) => `IFNULL(${c}, '<null>')`).join(', ') +
  ')))) FROM users'

/**
 * The baseline: what a MariaDB user types to load tdg's CSV. The CSV has no backslash escapes (ESCAPED BY
 * ''); a created_at that is not `+00` would load wrong and fail the checksum rather than pass silently.
 */
function baselineSql(csv: string): string {
  const targets = ['id', 'external_id', 'email', 'first_name', 'last_name', '@created_at', '@birth_date', 'balance', '@is_active', '@bio']
  return (
    "SET time_zone = '+00:00'; " +
    `LOAD DATA LOCAL INFILE '${csv.replace(/'/g, "''")}' INTO TABLE users CHARACTER SET utf8mb4 ` +
    "FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES " +
    `(${targets.join(', ')}) SET created_at = LEFT(@created_at, CHAR_LENGTH(@created_at) - 3), ` +
    "birth_date = NULLIF(@birth_date, ''), is_active = (@is_active = 'true'), bio = NULLIF(@bio, ''); " +
    'SHOW COUNT(*) WARNINGS'
  )
}

/** Rounds of the LOAD DATA comparison (tdg and the baseline alternate; the best of each counts). */
const ROUNDS = 2

const best = <T extends { ms: number }>(runs: T[]): T => runs.reduce((a, r) => (r.ms < a.ms ? r : a))
const rounds = (runs: Array<{ ms: number; load: number }>) => runs.map((r) => `${(r.ms / 1000).toFixed(2)} s (load ${r.load})`).join(', ')

/** `fn` timed, with the CPU seconds it cost this process (tdg runs in-process) and the server. */
async function cpuTimed<T>(my: BenchMariadb, fn: () => T | Promise<T>): Promise<{ ms: number; value: T; node: string; server: string }> {
  const c0 = process.cpuUsage()
  const s0 = my.serverCpuMs()
  const t = await timed(fn)
  const c = process.cpuUsage(c0)
  const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  return { ...t, node: sec((c.user + c.system) / 1000), server: sec(my.serverCpuMs() - s0) }
}

/** The only CSV file the exporter wrote into `dir`. */
function csvIn(dir: string): string {
  const f = readdirSync(dir).find((n) => n.endsWith('.csv'))
  if (!f) throw new Error(`no CSV written in ${dir}`)
  return join(dir, f)
}

function result(path: string, rows: number, t: { ms: number }, b: { ms: number }, load: number, note: string, target?: number): BenchResult {
  const ratio = rate(rows, t.ms) / rate(rows, b.ms)
  return {
    workload: `W2 users (MariaDB, ${path})`,
    rows,
    tdg: { ms: t.ms, rowsPerSec: rate(rows, t.ms) },
    baseline: { name: 'mariadb LOAD DATA LOCAL csv', ms: b.ms, rowsPerSec: rate(rows, b.ms) },
    ratio,
    target: target !== undefined ? `rate ≥ ${target}× LOAD DATA csv` : 'none (reported)',
    met: target !== undefined ? ratio >= target : true,
    ...(target === undefined ? { info: true } : {}),
    load,
    note,
  }
}

/** Run W2 against a MariaDB server started here (and stopped at the end); two result lines. */
export async function w2Mariadb(rows: number, work: string, log: (msg: string) => void): Promise<{ results: BenchResult[]; version: string }> {
  log(`W2 mariadb: starting MariaDB (load ${load1()})`)
  const my: BenchMariadb = await startBenchMariadb()
  try {
    for (const db of ['w2_tdg_load', 'w2_tdg_insert', 'w2_csv']) {
      my.freshDb(db)
      my.client(db, W2_MARIADB)
    }
    const dir = join(work, 'w2-mariadb-csv')
    log('W2 mariadb: exporting the baseline CSV with tdg (not timed)')
    await tdgExportCsv(my.url('w2_csv'), rows, dir)
    const csv = csvIn(dir)

    // tdg (LOAD DATA path) and the baseline alternate, ROUNDS times each on fresh tables; the best time of
    // each side counts (the machine is shared: a round that met other work says little about either).
    const tdgRuns: Array<Awaited<ReturnType<typeof cpuTimed>> & { load: number }> = []
    const baseRuns: Array<Awaited<ReturnType<typeof cpuTimed>> & { load: number }> = []
    let sumLoad = ''
    let sumCsv = ''
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        for (const db of ['w2_tdg_load', 'w2_csv']) {
          my.freshDb(db)
          my.client(db, W2_MARIADB)
        }
      }
      await my.quiesce()
      const loadL = load1()
      log(`W2 mariadb: round ${round}: tdg seed ${rows} rows, LOAD DATA path (load ${loadL})`)
      tdgRuns.push({ ...(await cpuTimed(my, () => tdgSeed(my.url('w2_tdg_load'), rows))), load: loadL })

      await my.quiesce()
      const loadB = load1()
      log(`W2 mariadb: round ${round}: mariadb client LOAD DATA LOCAL INFILE of the CSV (load ${loadB})`)
      const b = await cpuTimed(my, () => my.client('w2_csv', baselineSql(csv)))
      const warnings = Number(String(b.value).trim().split('\n').pop())
      if (warnings !== 0) throw new Error(`W2 mariadb: the baseline LOAD DATA raised ${warnings} warning(s)`)
      baseRuns.push({ ...b, load: loadB })
      sumLoad = my.client('w2_tdg_load', CHECKSUM_SQL).trim()
      sumCsv = my.client('w2_csv', CHECKSUM_SQL).trim()
      if (sumLoad !== sumCsv) throw new Error(`W2 mariadb: loaded tables differ (count:checksum LOAD DATA ${sumLoad}, csv ${sumCsv})`)
    }
    my.client('mysql', 'DROP DATABASE w2_tdg_load') // room in the buffer pool for the next load
    const tLoad = best(tdgRuns)
    const b = best(baseRuns)

    await my.quiesce()
    const loadI = load1()
    log(`W2 mariadb: tdg seed ${rows} rows, INSERT fallback (?local_infile=false) (load ${loadI})`)
    const tIns = await cpuTimed(my, () => tdgSeed(my.url('w2_tdg_insert', 'local_infile=false'), rows))
    const sumIns = my.client('w2_tdg_insert', CHECKSUM_SQL).trim()

    if (!sumCsv.startsWith(`${rows}:`) || sumLoad !== sumCsv || sumIns !== sumCsv) {
      throw new Error(`W2 mariadb: loaded tables differ (count:checksum LOAD DATA ${sumLoad}, INSERT ${sumIns}, csv ${sumCsv})`)
    }
    rmSync(dir, { recursive: true, force: true })
    const same = `identical rows verified: count:sum(crc32(row)) ${sumCsv} on all three tables`
    return {
      version: my.serverVersion,
      results: [
        result('LOAD DATA', rows, tLoad, b, tLoad.load, `${same}; best of ${ROUNDS} alternating rounds, tdg ${rounds(tdgRuns)}, baseline ${rounds(baseRuns)}; cpu of the best: tdg node ${tLoad.node} + mariadbd ${tLoad.server}, baseline mariadbd ${b.server} (load ${b.load})`, 0.8),
        result('INSERT fallback', rows, tIns, b, loadI, `multi-row INSERT (?local_infile=false), one run, vs the best baseline; cpu: tdg node ${tIns.node} + mariadbd ${tIns.server}`),
      ],
    }
  } finally {
    my.stop()
    log('W2 mariadb: server stopped')
  }
}
