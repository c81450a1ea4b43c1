/**
 * `tdg generate --format parquet` as a user runs it: the schemas with every construct of PostgreSQL and
 * MySQL (arrays, enums, json, uuid, bytea, inet, interval, timetz, numeric, unsigned, SET, YEAR,
 * DATETIME(6)) are written as CSV and as Parquet with the same seed, and every table's Parquet file is
 * read back by DuckDB and by hyparquet and equals the CSV value by value.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet'
import { afterAll, describe, expect, it } from 'vitest'
import { loadSchema } from '../../src/compose/load-schema.js'
import type { Table } from '../../src/model/schema.js'
import { duck, duckDiff, hyparquetDiff, query } from '../support/parquet-compare.js'
import { runCli } from '../support/run-cli.js'
import { TestDataGenerator } from '../../src/index.js'

const root = mkdtempSync(join(tmpdir(), 'tdg-parquet-e2e-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface ManifestLine {
  table: string
  file: string
  rows: number
  columns: string[]
  part?: number
}
const manifestOf = (dir: string): { tables: ManifestLine[]; parquet?: unknown } => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
const gen = (schema: string, out: string, ...extra: string[]) =>
  runCli(['generate', '--schema', schema, '--rows', '300', '--seed', '11', '--now', '2026-01-01', '--output', out, '-q', ...extra], { timeoutMs: 120_000 })

function tableOf(tables: Table[], label: string): Table {
  const t = tables.find((x) => (x.schema ? `${x.schema}.${x.name}` : x.name) === label) ?? tables.find((x) => x.name === label)
  if (!t) throw new Error(`no table ${label}`)
  return t
}

describe('tdg generate --format parquet', () => {
  for (const schema of ['test/fixtures/postgres/everything.sql', 'test/fixtures/mysql/everything.sql']) {
    it(`${schema}: every table's Parquet equals the CSV of the same seed (DuckDB and hyparquet)`, async () => {
      const name = schema.split('/')[2] as string
      const csvDir = join(root, `${name}-csv`)
      const pqDir = join(root, `${name}-pq`)
      const [a, b] = await Promise.all([gen(schema, csvDir, '--format', 'csv'), gen(schema, pqDir, '--format', 'parquet')])
      expect(a.code, a.stderr).toBe(0)
      expect(b.code, b.stderr).toBe(0)
      const { model } = await loadSchema({ kind: 'file', path: schema })
      const csv = manifestOf(csvDir).tables
      const pq = manifestOf(pqDir).tables
      expect(pq.map((l) => [l.table, l.rows, l.columns])).toEqual(csv.map((l) => [l.table, l.rows, l.columns]))
      expect(pq.every((l) => l.file.endsWith('.parquet'))).toBe(true)
      const c = await duck()
      let cells = 0
      for (const [i, line] of pq.entries()) {
        const t = tableOf(model.tables, line.table)
        const csvFile = join(csvDir, (csv[i] as ManifestLine).file)
        const files = [join(pqDir, line.file)]
        expect({ table: line.table, ...(await duckDiff(c, csvFile, files, t, line.columns)) }).toEqual({ table: line.table, csvRows: line.rows, parquetRows: line.rows, onlyCsv: 0, onlyParquet: 0, columns: [] })
        expect({ table: line.table, ...(await hyparquetDiff(csvFile, files, t)) }).toEqual({ table: line.table, rows: line.rows, mismatches: [] })
        cells += line.rows * line.columns.length
      }
      expect(cells).toBeGreaterThan(5000)
    }, 180_000)
  }

  it('fixups (rows that close a nullable FK cycle) go to fixups/<table>.parquet and equal the CSV fixups', async () => {
    const schema = 'test/fixtures/postgres/hard.sql'
    const csvDir = join(root, 'hard-csv')
    const pqDir = join(root, 'hard-pq')
    const [a, b] = await Promise.all([gen(schema, csvDir, '--format', 'csv'), gen(schema, pqDir, '--format', 'parquet')])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    const { model } = await loadSchema({ kind: 'file', path: schema })
    const fix = (dir: string) => (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { fixups: Array<ManifestLine & { keyColumns: string[] }> }).fixups
    const csv = fix(csvDir)
    const pq = fix(pqDir)
    expect(pq.length).toBeGreaterThan(0)
    expect(pq.map((l) => [l.table, l.file.replace(/\.parquet$/, ''), l.rows, l.columns, l.keyColumns])).toEqual(csv.map((l) => [l.table, l.file.replace(/\.csv$/, ''), l.rows, l.columns, l.keyColumns]))
    const c = await duck()
    for (const [i, line] of pq.entries()) {
      const t = tableOf(model.tables, line.table)
      const csvFile = join(csvDir, (csv[i] as ManifestLine).file)
      expect(await duckDiff(c, csvFile, [join(pqDir, line.file)], t, line.columns)).toEqual({ csvRows: line.rows, parquetRows: line.rows, onlyCsv: 0, onlyParquet: 0, columns: [] })
      expect(await hyparquetDiff(csvFile, [join(pqDir, line.file)], t)).toEqual({ rows: line.rows, mismatches: [] })
    }
  }, 180_000)

  it('--max-rows-per-file parts and --row-group-size row groups; the parts hold the rows of one file', async () => {
    const schema = 'test/fixtures/postgres/everything.sql'
    const one = join(root, 'one')
    const parts = join(root, 'parts')
    const [a, b] = await Promise.all([gen(schema, one, '--format', 'parquet'), gen(schema, parts, '--format', 'parquet', '--max-rows-per-file', '120', '--row-group-size', '50', '--compression', 'none')])
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    const m = manifestOf(parts)
    expect(m.parquet).toEqual({ compression: 'none', rowGroupSize: 50, maxRowsPerFile: 120 })
    const customers = m.tables.filter((l) => l.table === 'public.customers')
    expect(customers.map((l) => [l.file, l.rows, l.part])).toEqual([
      ['001-customers.part-0001.parquet', 120, 1],
      ['001-customers.part-0002.parquet', 120, 2],
      ['001-customers.part-0003.parquet', 60, 3],
    ])
    expect(readdirSync(parts).filter((f) => f.startsWith('001-')).sort()).toEqual(customers.map((l) => l.file))
    const groups: number[][] = []
    for (const l of customers) {
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(parts, l.file)))
      groups.push(meta.row_groups.map((g) => Number(g.num_rows)))
      expect(new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))).toEqual(new Set(['UNCOMPRESSED']))
    }
    expect(groups).toEqual([[50, 50, 20], [50, 50, 20], [50, 10]])
    const c = await duck()
    const glob = join(parts, '001-customers.part-*.parquet')
    const [d] = await query(
      c,
      `SELECT (SELECT count(*) FROM read_parquet('${glob}'))::INT AS n,
              (SELECT count(*) FROM (SELECT * FROM read_parquet('${glob}') EXCEPT ALL SELECT * FROM read_parquet('${join(one, '001-customers.parquet')}')))::INT AS diff`,
    )
    expect(d).toEqual({ n: 300, diff: 0 })
  }, 180_000)

  it('generator.export writes Parquet with the same options (programmatic API)', async () => {
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    await g.generate({ rows: 250, seed: 5 })
    const dir = join(root, 'api')
    await g.export({ format: 'parquet', destination: dir, parquet: { maxRowsPerFile: 100, rowGroupSize: 40, compression: 'none' } })
    const m = manifestOf(dir)
    expect(m.parquet).toEqual({ compression: 'none', rowGroupSize: 40, maxRowsPerFile: 100 })
    const first = m.tables[0] as ManifestLine
    const parts = m.tables.filter((l) => l.table === first.table)
    expect(parts.map((l) => l.rows)).toEqual([100, 100, 50])
    const c = await duck()
    const [r] = await query(c, `SELECT count(*)::INT AS n FROM read_parquet([${parts.map((l) => `'${join(dir, l.file)}'`).join(', ')}])`)
    expect(r).toEqual({ n: 250 })
  }, 60_000)

  it('a bad value for an option is one line, exit 2, and no output directory', async () => {
    const out = join(root, 'bad')
    for (const [args, message] of [
      [['--format', 'parquet', '--compression', 'lz4'], /TDG_USAGE: .*'lz4'.*snappy, zstd, none/],
      [['--format', 'parquet', '--row-group-size', '0'], /TDG_USAGE: .*'0' is not a number of rows for --row-group-size/],
      [['--format', 'csv', '--max-rows-per-file', '10'], /TDG_USAGE: --max-rows-per-file applies to --format parquet only/],
    ] as Array<[string[], RegExp]>) {
      const r = await gen('test/fixtures/postgres/everything.sql', out, ...args)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
      expect(existsSync(out)).toBe(false)
    }
  }, 60_000)
})
