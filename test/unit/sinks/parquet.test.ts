import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Value, WorkerRowEncoder } from '../../../src/model/rows.js'
import type { LogicalType, Table } from '../../../src/model/schema.js'
import { openFileTarget, type FileFormat } from '../../../src/sinks/file-target.js'
import type { ParquetOptions } from '../../../src/sinks/parquet/options.js'
import { unscaledDecimal, timestampMicros, timeMicros, epochDays, uuidBytes } from '../../../src/sinks/parquet/exact-values.js'
import { parquetRowEncoder } from '../../../src/sinks/parquet/worker-encoder.js'
import { PARQUET_ENCODED, type EncodedColumns } from '../../../src/sinks/parquet/encoded-columns.js'
import type { EncodedRowBatch, RowBatch, TypedCells } from '../../../src/model/rows.js'
import { duck, duckDiff, hyparquetDiff, query } from '../../support/parquet-compare.js'
import { batches, table, tempDir } from './helpers.js'

/** Every logical type tdg has, with the spellings that matter (sizes, unsigned, zones, precisions). */
const TYPES: Record<string, LogicalType> = {
  i1: { kind: 'integer', bytes: 1 },
  i2: { kind: 'integer', bytes: 2 },
  i3: { kind: 'integer', bytes: 3 },
  i4: { kind: 'integer', bytes: 4 },
  i8: { kind: 'integer', bytes: 8 },
  u1: { kind: 'integer', bytes: 1, unsigned: true },
  u4: { kind: 'integer', bytes: 4, unsigned: true },
  u8: { kind: 'integer', bytes: 8, unsigned: true },
  d52: { kind: 'decimal', precision: 5, scale: 2 },
  d184: { kind: 'decimal', precision: 18, scale: 4 },
  d3810: { kind: 'decimal', precision: 38, scale: 10 },
  dfree: { kind: 'decimal' },
  f4: { kind: 'float', bytes: 4 },
  f8: { kind: 'float', bytes: 8 },
  b: { kind: 'boolean' },
  s: { kind: 'string', maxLength: 40 },
  t: { kind: 'text' },
  u: { kind: 'uuid' },
  d: { kind: 'date' },
  tm: { kind: 'time' },
  tmtz: { kind: 'time', tz: true },
  ts: { kind: 'timestamp', tz: false },
  tstz: { kind: 'timestamp', tz: true },
  iv: { kind: 'interval' },
  j: { kind: 'json', binary: true },
  bin: { kind: 'binary' },
  e: { kind: 'enum', values: ['red', 'green'] },
  set: { kind: 'set', values: ['a', 'b'] },
  ai: { kind: 'array', element: { kind: 'integer', bytes: 4 } },
  at: { kind: 'array', element: { kind: 'text' } },
  ip: { kind: 'inet' },
  unk: { kind: 'unknown', native: 'ltree' },
}
const NAMES = Object.keys(TYPES)
const everything: Table = table('everything', TYPES)

/** Row `i` of the table: extremes, unicode, '' vs NULL, microseconds, offsets, Dates. */
function row(i: number): Value[] {
  const v: Record<string, Value> = {
    i1: [-128, 127, 0][i % 3] as number,
    i2: -32768 + i,
    i3: 8388607 - i,
    i4: [-2147483648, 2147483647, 7][i % 3] as number,
    i8: [-(2n ** 63n), 2n ** 63n - 1n, 42][i % 3] as Value,
    u1: 255 - (i % 256),
    u4: 4294967295 - i,
    u8: i % 2 ? 2n ** 64n - 1n : String(i),
    d52: ['-999.99', '999.99', 0.1, '12.5'][i % 4] as Value,
    d184: ['99999999999999.9999', '-0.0001', 1234567890123.5][i % 3] as Value,
    d3810: ['9999999999999999999999999999.9999999999', '-0.0000000001', '1e3'][i % 3] as Value,
    dfree: ['3.14159265358979323846264338327950288', '-1', '0.000'][i % 3] as Value,
    f4: [1.5, -0.1, 3.4e38][i % 3] as number,
    f8: [Math.PI, -1e-300, 0][i % 3] as number,
    b: i % 2 === 0,
    s: ['', 'naïve café', '客户 🎉', 'comma, "quote"\nnewline'][i % 4] as string,
    t: i % 5 === 0 ? '' : `line ${i} ünïcödé`,
    u: ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '4c83ac31-1841-4675-9d01-b31db81e7d11'][i % 3] as string,
    d: ['1970-01-01', '2024-02-29', '0001-01-01', '9999-12-31'][i % 4] as string,
    tm: ['00:00:00', '23:59:59.999999', '12:34:56.5'][i % 3] as string,
    tmtz: ['23:17:27+00', '03:53:14.123456+02', '12:00:00-05:30'][i % 3] as string,
    ts: ['2024-02-29 23:59:59.123456', '1969-12-31 23:59:59.999999', '2000-01-01 00:00:00'][i % 3] as string,
    tstz: ['2022-11-10 21:04:30+00', '2024-06-01 08:00:00.000001+02', new Date(Date.UTC(2021, 0, 2, 3, 4, 5, 678)), '1900-01-01 00:00:00-08'][i % 4] as Value,
    iv: '28 days 11:54:26',
    j: [{ key: 'beta', n: 161, tags: ['south'], nested: { ü: null } }, '{"a": [1, 2.5, "x"]}', '"just a string"'][i % 3] as Value,
    bin: [new Uint8Array([0, 1, 254, 255]), new Uint8Array([]), Buffer.from('héllo')][i % 3] as Value,
    e: i % 2 ? 'red' : 'green',
    set: ['a,b', '', 'b'][i % 3] as string,
    ai: [[1, null, 3], [], [2147483647]][i % 3] as Value,
    at: [['a b', 'c"d', ''], ['NULL', null], []][i % 3] as Value,
    ip: ['192.168.0.1', '::1'][i % 2] as string,
    unk: 'top.science',
  }
  // NULL in every column once in a while (its own row for each column).
  if (i >= 40) v[NAMES[i % NAMES.length] as string] = null
  return NAMES.map((n) => v[n] ?? null)
}
const ROWS = Array.from({ length: 120 }, (_, i) => row(i))
const FLAT_NAMES = NAMES.filter((n) => TYPES[n]?.kind !== 'array')
const flat: Table = table('flat', Object.fromEntries(FLAT_NAMES.map((n) => [n, TYPES[n] as LogicalType])))
const FLAT_ROWS = ROWS.map((r) => FLAT_NAMES.map((n) => r[NAMES.indexOf(n)] as Value))
const ENGINES = [
  { engine: 'hyparquet-writer (LIST columns)', t: everything, names: NAMES, rows: ROWS, createdBy: /^tdg$/ },
  { engine: 'parquet-wasm (flat columns)', t: flat, names: FLAT_NAMES, rows: FLAT_ROWS, createdBy: /^parquet-rs / },
]

async function write(dir: string, format: FileFormat, rows: Value[][], parquet?: ParquetOptions, t: Table = everything, batchSize = 17): Promise<void> {
  const target = openFileTarget({ dir, format, tables: [t], ...(parquet ? { parquet } : {}) })
  await target.transaction((w) => w.insert({ name: t.name }, batches(t.columns.map((c) => c.name), rows, batchSize)))
}

describe('parquet sink', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  // Each test below runs on both encoders: `everything` has LIST columns (hyparquet-writer), `flat` has
  // every other type (parquet-wasm, the default).
  for (const { engine, t, names, rows, createdBy } of ENGINES) {
    describe(engine, () => {
      it('every logical type round-trips: DuckDB and hyparquet read what the CSV of the same rows holds', async () => {
        const csvDir = join(tmp.root, 'csv')
        const pqDir = join(tmp.root, 'pq')
        await write(csvDir, 'csv', rows, undefined, t)
        await write(pqDir, 'parquet', rows, undefined, t)
        const manifest = JSON.parse(readFileSync(join(pqDir, 'manifest.json'), 'utf8'))
        expect(manifest.format).toBe('parquet')
        expect(manifest.parquet).toEqual({ compression: 'snappy', rowGroupSize: 1_000_000 })
        const file = readFileSync(join(pqDir, `001-${t.name}.parquet`))
        expect(manifest.tables).toEqual([{ table: t.name, file: `001-${t.name}.parquet`, rows: 120, columns: names, bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') }])
        const c = await duck()
        const diff = await duckDiff(c, join(csvDir, `001-${t.name}.csv`), [join(pqDir, `001-${t.name}.parquet`)], t, names)
        expect(diff).toEqual({ csvRows: 120, parquetRows: 120, onlyCsv: 0, onlyParquet: 0, columns: [] })
        const h = await hyparquetDiff(join(csvDir, `001-${t.name}.csv`), [join(pqDir, `001-${t.name}.parquet`)], t)
        expect(h).toEqual({ rows: 120, mismatches: [] })
        // The types DuckDB sees: the mapping, faithfully.
        const types = Object.fromEntries((await query(c, `DESCRIBE SELECT * FROM read_parquet('${join(pqDir, `001-${t.name}.parquet`)}')`)).map((r) => [r.column_name, r.column_type]))
        expect(types).toEqual(Object.fromEntries(Object.entries({
          i1: 'TINYINT', i2: 'SMALLINT', i3: 'INTEGER', i4: 'INTEGER', i8: 'BIGINT', u1: 'SMALLINT', u4: 'BIGINT', u8: 'DECIMAL(20,0)',
          d52: 'DECIMAL(5,2)', d184: 'DECIMAL(18,4)', d3810: 'DECIMAL(38,10)', dfree: 'VARCHAR', f4: 'FLOAT', f8: 'DOUBLE', b: 'BOOLEAN',
          s: 'VARCHAR', u: 'UUID', d: 'DATE', tm: 'TIME', tmtz: 'TIME WITH TIME ZONE', ts: 'TIMESTAMP', tstz: 'TIMESTAMP WITH TIME ZONE',
          j: 'JSON', bin: 'BLOB', e: 'VARCHAR', ai: 'INTEGER[]', at: 'VARCHAR[]', iv: 'VARCHAR', set: 'VARCHAR', ip: 'VARCHAR', unk: 'VARCHAR', t: 'VARCHAR',
        }).filter(([k]) => names.includes(k))))
        // Which encoder wrote the file (a table with a LIST column stays with hyparquet-writer).
        const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(pqDir, `001-${t.name}.parquet`)))
        expect(meta.created_by).toMatch(createdBy)
        // Spot checks that do not go through any shared parser: exact decimal and microsecond values, '' vs NULL.
        const spot = await query(c, `SELECT d3810::VARCHAR AS d, ts::VARCHAR AS ts, tstz::VARCHAR AS tstz, s, t FROM read_parquet('${join(pqDir, `001-${t.name}.parquet`)}') LIMIT 2`)
        expect(spot[0]).toEqual({ d: '9999999999999999999999999999.9999999999', ts: '2024-02-29 23:59:59.123456', tstz: '2022-11-10 21:04:30+00', s: '', t: '' })
        expect(spot[1]).toMatchObject({ d: '-0.0000000001', ts: '1969-12-31 23:59:59.999999', tstz: '2024-06-01 06:00:00.000001+00', s: 'naïve café' })
        const nulls = await query(c, `SELECT count(*) FILTER (WHERE s IS NULL) AS n, count(*) FILTER (WHERE s = '') AS e FROM read_parquet('${join(pqDir, `001-${t.name}.parquet`)}')`)
        expect(nulls[0]).toEqual({ n: String(rows.filter((r) => r[names.indexOf('s')] === null).length), e: String(rows.filter((r) => r[names.indexOf('s')] === '').length) })
      })

      it('row groups hold at most --row-group-size rows; --max-rows-per-file splits into parts listed in the manifest', async () => {
        const dir = join(tmp.root, 'parts')
        await write(dir, 'parquet', rows, { rowGroupSize: 25, maxRowsPerFile: 50 }, t)
        expect(readdirSync(dir).sort()).toEqual([1, 2, 3].map((n) => `001-${t.name}.part-000${n}.parquet`).concat('manifest.json'))
        const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
        expect(manifest.tables.map((t: { file: string; rows: number; part: number }) => [t.file, t.rows, t.part])).toEqual([
          [`001-${t.name}.part-0001.parquet`, 50, 1],
          [`001-${t.name}.part-0002.parquet`, 50, 2],
          [`001-${t.name}.part-0003.parquet`, 20, 3],
        ])
        expect(manifest.parquet).toEqual({ compression: 'snappy', rowGroupSize: 25, maxRowsPerFile: 50 })
        const groups = []
        for (const f of manifest.tables) {
          const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(dir, f.file)))
          groups.push(meta.row_groups.map((g) => Number(g.num_rows)))
          expect(new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))).toEqual(new Set(['SNAPPY']))
        }
        expect(groups).toEqual([[25, 25], [25, 25], [20]])
        // The parts together are the rows, in order.
        const csvDir = join(tmp.root, 'csv')
        await write(csvDir, 'csv', rows, undefined, t)
        const files = manifest.tables.map((t: { file: string }) => join(dir, t.file))
        expect(await hyparquetDiff(join(csvDir, `001-${t.name}.csv`), files, t)).toEqual({ rows: 120, mismatches: [] })
      })

      it('compression none and zstd (node:zlib where it has zstd, else WebAssembly) are what the column chunks say, and DuckDB reads zstd back equal', async () => {
        const none = join(tmp.root, 'none')
        await write(none, 'parquet', rows, { compression: 'none' }, t)
        const meta = await parquetMetadataAsync(await asyncBufferFromFile(join(none, `001-${t.name}.parquet`)))
        expect(new Set(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))).toEqual(new Set(['UNCOMPRESSED']))
        const zstd = join(tmp.root, 'zstd')
        await write(zstd, 'parquet', rows, { compression: 'zstd' }, t)
        const z = await parquetMetadataAsync(await asyncBufferFromFile(join(zstd, `001-${t.name}.parquet`)))
        expect(new Set(z.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec)))).toEqual(new Set(['ZSTD']))
        const c = await duck()
        expect(await query(c, `SELECT count(*)::INT AS n FROM read_parquet('${join(zstd, `001-${t.name}.parquet`)}')`)).toEqual([{ n: 120 }])
        // The same rows as the snappy file, value by value (DuckDB decompresses zstd itself).
        const snappy = join(tmp.root, 'snappy-for-zstd')
        await write(snappy, 'parquet', rows, undefined, t)
        const [d] = await query(c, `SELECT (SELECT count(*) FROM (SELECT * FROM read_parquet('${join(zstd, `001-${t.name}.parquet`)}') EXCEPT ALL SELECT * FROM read_parquet('${join(snappy, `001-${t.name}.parquet`)}')))::INT AS a, (SELECT count(*) FROM (SELECT * FROM read_parquet('${join(snappy, `001-${t.name}.parquet`)}') EXCEPT ALL SELECT * FROM read_parquet('${join(zstd, `001-${t.name}.parquet`)}')))::INT AS b`)
        expect(d).toEqual({ a: 0, b: 0 })
      })

      it('an empty table is a valid file with its schema and no row group', async () => {
        const dir = join(tmp.root, 'empty')
        await write(dir, 'parquet', [], undefined, t)
        const c = await duck()
        const cols = await query(c, `DESCRIBE SELECT * FROM read_parquet('${join(dir, `001-${t.name}.parquet`)}')`)
        expect(cols.map((r) => r.column_name)).toEqual(names)
        expect(await query(c, `SELECT count(*)::INT AS n FROM read_parquet('${join(dir, `001-${t.name}.parquet`)}')`)).toEqual([{ n: 0 }])
      })
    })
  }

  it('refuses what Parquet cannot hold exactly, naming table.column, never the value; nothing is left behind', async () => {
    const t = table('money', { id: { kind: 'integer', bytes: 4 }, amount: { kind: 'decimal', precision: 6, scale: 2 } })
    const cases: Array<[Value[][], RegExp]> = [
      [[[1, '1.25'], [2, '1.255']], /table money, column amount: Parquet cannot hold a value that is not a decimal\(6,2\) exactly/],
      [[[1, '10000.00']], /column amount: .*decimal\(6,2\)/],
      [[[2 ** 31, '1']], /table money, column id: Parquet cannot hold a value that is not a 4-byte integer/],
    ]
    for (const [rows, message] of cases) {
      const dir = join(tmp.root, 'refused')
      const err = await write(dir, 'parquet', rows, undefined, t).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'TDG_WRITE_FAILED', message: expect.stringMatching(message) })
      expect((err as Error).message).not.toMatch(/1\.255|10000|2147483648/)
      expect(existsSync(dir)).toBe(false)
      expect(readdirSync(tmp.root).filter((n) => n.includes('.tdg-'))).toEqual([])
    }
    // A NOT NULL column refuses a NULL (REQUIRED in the file) instead of writing a wrong value.
    const strict: Table = { ...t, columns: t.columns.map((c) => ({ ...c, nullable: false })) }
    const err = await write(join(tmp.root, 'strict'), 'parquet', [[1, null]], undefined, strict).catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'TDG_WRITE_FAILED', message: expect.stringMatching(/column amount: Parquet cannot hold a NULL in a NOT NULL column/) })
  })

  it('a failed run after rows were written leaves no directory and no temp directory', async () => {
    const dir = join(tmp.root, 'failed')
    const target = openFileTarget({ dir, format: 'parquet', tables: [everything], parquet: { rowGroupSize: 10 } })
    const boom = new Error('boom')
    await expect(
      target.transaction(async (w) => {
        await w.insert({ name: 'everything' }, batches(NAMES, ROWS, 30))
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(existsSync(dir)).toBe(false)
    expect(readdirSync(tmp.root)).toEqual([])
  })

  it('bad options are one-line usage errors before anything is written', () => {
    const open = (parquet: ParquetOptions) => () => openFileTarget({ dir: join(tmp.root, 'x'), format: 'parquet', tables: [everything], parquet })
    expect(open({ rowGroupSize: 0 })).toThrow(/parquet row group size must be a whole number of rows > 0, got 0/)
    expect(open({ maxRowsPerFile: 1.5 })).toThrow(/parquet max rows per file must be a whole number of rows > 0, got 1\.5/)
    expect(open({ compression: 'lz4' as never })).toThrow(/unknown parquet compression 'lz4' \(expected snappy, zstd, none\)/)
  })
})

describe('exact values', () => {
  it('decimals: unscaled at the scale, zeros past it accepted, rounding and overflow refused', () => {
    expect(unscaledDecimal('12.5', 2, 5)).toBe(1250n)
    expect(unscaledDecimal('-0.10', 1, 3)).toBe(-1n)
    expect(unscaledDecimal(0.1, 2, 5)).toBe(10n)
    expect(unscaledDecimal('1e3', 2, 6)).toBe(100000n)
    expect(unscaledDecimal('1.5e-1', 2, 3)).toBe(15n)
    expect(unscaledDecimal(12n, 3, 5)).toBe(12000n)
    expect(unscaledDecimal('12.345', 2, 5)).toBeUndefined()
    expect(unscaledDecimal('1000.00', 2, 5)).toBeUndefined()
    expect(unscaledDecimal(Number.NaN, 2, 5)).toBeUndefined()
    expect(unscaledDecimal('1.2.3', 2, 5)).toBeUndefined()
    expect(unscaledDecimal('.5', 1, 2)).toBe(5n)
    expect(unscaledDecimal('0.05', 2, 1)).toBe(5n)
    expect(unscaledDecimal('-007.10', 2, 3)).toBe(-710n)
    expect(unscaledDecimal('123.4', 2, 4)).toBeUndefined()
  })
  it('decimals given as numbers read exactly as their shortest spelling (the text of the same value)', () => {
    // Numbers take a path without text; it must agree with the text of the number everywhere.
    const numbers = [0, -0, 0.1, 0.3, 782.23, -884.98, 1e-7, 5e-324, 123456789012.34, 2 ** 53, 1e21, 0.125, 99999.995, 1 / 3, -12.5]
    let x = 7
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648
      numbers.push(Math.round(x / 7) / 100 - 1e6, x / 1e9, -x / 37)
    }
    for (const v of numbers) {
      for (const [scale, precision] of [[0, 10], [2, 12], [2, 5], [3, 18], [7, 15], [12, 38]] as const) {
        expect([v, scale, precision, unscaledDecimal(v, scale, precision)]).toEqual([v, scale, precision, unscaledDecimal(String(v), scale, precision)])
      }
    }
  })
  it('uuids in the canonical and the other spellings; anything else refused', () => {
    const bytes = Array.from(uuidBytes('4c83ac31-1841-4675-9d01-b31db81e7d11') as Uint8Array)
    expect(Buffer.from(bytes).toString('hex')).toBe('4c83ac31184146759d01b31db81e7d11')
    expect(Array.from(uuidBytes('{4C83AC31-1841-4675-9D01-B31DB81E7D11}') as Uint8Array)).toEqual(bytes)
    expect(Array.from(uuidBytes('4c83ac31184146759d01b31db81e7d11') as Uint8Array)).toEqual(bytes)
    expect(uuidBytes('4c83ac31-1841-4675-9d01-b31db81e7d1g')).toBeUndefined()
    expect(uuidBytes('4c83ac31_1841-4675-9d01-b31db81e7d11')).toBeUndefined()
  })
  it("the worker encoder parses canonical uuid text into the column's bytes and declines other spellings", () => {
    const columns = [{ name: 'u', type: { kind: 'uuid' }, nullable: true }] as unknown as Table['columns']
    const encode = parquetRowEncoder({ columns }, ['u']) as WorkerRowEncoder
    const texts = ['4c83ac31-1841-4675-9d01-b31db81e7d11', 'FFFFFFFF-0000-4000-8000-0123456789AB']
    const out = encode([[texts[0] as string], [null], [texts[1] as string]], []) as EncodedColumns
    const data = out.columns[0]?.data as Uint8Array
    expect(Buffer.from(data).toString('hex')).toBe(`${Buffer.from(uuidBytes(texts[0]) as Uint8Array).toString('hex')}${'00'.repeat(16)}${Buffer.from(uuidBytes(texts[1]) as Uint8Array).toString('hex')}`)
    expect(Array.from(out.columns[0]?.valid ?? [])).toEqual([0b101])
    // Other spellings (and non-uuids) go over plain: the writer's thread converts them, or refuses.
    for (const odd of ['{4C83AC31-1841-4675-9D01-B31DB81E7D11}', '4c83ac31184146759d01b31db81e7d11', '4c83ac31-1841-4675-9d01-b31db81e7d1g', '4c83ac31_1841-4675-9d01-b31db81e7d11']) {
      expect(encode([[texts[0] as string], [odd]], [])).toBeUndefined()
    }
    // The encoder starts clean after a declined batch.
    expect(Buffer.from((encode([[texts[1] as string]], []) as EncodedColumns).columns[0]?.data as Uint8Array).toString('hex')).toBe(Buffer.from(uuidBytes(texts[1]) as Uint8Array).toString('hex'))
  })
  it('dates, times and timestamps to the microsecond, zones applied only where the type has one', () => {
    expect(epochDays('1970-01-02')).toBe(1)
    expect(epochDays('2023-02-30')).toBeUndefined()
    expect(timestampMicros('1970-01-01 00:00:01.000001', false)).toBe(1_000_001n)
    expect(timestampMicros('1970-01-01T02:00:00+02', true)).toBe(0n)
    expect(timestampMicros('1970-01-01 02:00:00+02', false)).toBeUndefined()
    expect(timestampMicros('1970-01-01 00:00:00.0000001', false)).toBeUndefined()
    expect(timestampMicros('1970-01-01 00:00:00.1000000', false)).toBe(100_000n)
    expect(timeMicros('00:30:00+01', true)).toBe(23n * 3_600_000_000n + 1_800_000_000n)
    expect(timeMicros('24:00:00', false)).toBe(86_400_000_000n)
    expect(timeMicros('25:00:00', false)).toBeUndefined()
    // The generated spelling's fast path agrees with the general one and refuses what it must.
    expect(timestampMicros('2024-02-29 23:59:59', false)).toBe(timestampMicros('2024-02-29T23:59:59.000', false))
    expect(timestampMicros('2024-02-29 23:59:59+00', true)).toBe(BigInt(Date.UTC(2024, 1, 29, 23, 59, 59)) * 1000n)
    expect(timestampMicros('2023-02-29 00:00:00', false)).toBeUndefined()
    expect(timestampMicros('2024-01-01 10:00:00+00', false)).toBeUndefined()
    expect(epochDays('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / 86_400_000)
    expect(epochDays('1900-02-29')).toBeUndefined()
  })
})

describe('parquet-wasm dictionaries', () => {
  it('a one-column primary key or UNIQUE column is written without a dictionary; other columns keep theirs', async () => {
    const tmp = tempDir()
    try {
      const t = table('uniq', { k: { kind: 'integer', bytes: 8 }, email: { kind: 'text' }, label: { kind: 'text' } }, { primaryKey: { columns: ['k'] }, uniques: [{ columns: ['email'] }] })
      const rows: Value[][] = Array.from({ length: 300 }, (_, i) => [i + 1, `u${i}@example.com`, ['red', 'green', 'blue'][i % 3] as string])
      await write(tmp.root, 'parquet', rows, undefined, t)
      const file = join(tmp.root, '001-uniq.parquet')
      const meta = await parquetMetadataAsync(await asyncBufferFromFile(file))
      const dictionary = (c: number) => meta.row_groups.some((g) => (g.columns[c]?.meta_data?.encodings ?? []).some((e) => /DICTIONARY/.test(e)))
      expect([dictionary(0), dictionary(1), dictionary(2)]).toEqual([false, false, true])
      const c = await duck()
      expect(await query(c, `SELECT count(DISTINCT k)::INT AS k, count(DISTINCT email)::INT AS e, max(label) AS l FROM read_parquet('${file}')`)).toEqual([{ k: 300, e: 300, l: 'red' }])
    } finally {
      tmp.cleanup()
    }
  })
})

describe('keyed strings (pooled typed cells)', () => {
  it('make the same Parquet file as the strings themselves, whatever mix of keyed and plain rows a row group gets', async () => {
    const tmp = tempDir()
    try {
      const t = table('pooled', { id: { kind: 'integer', bytes: 8 }, note: { kind: 'text' } })
      const names = ['id', 'note']
      const values = ['alpha', 'beta', 'gämma', '', 'delta epsilon', 'unused']
      const key = (i: number): number | null => (i % 7 === 3 ? null : (i * 3) % 5)
      const rows: Value[][] = Array.from({ length: 100 }, (_, i) => [i, key(i) === null ? null : (values[key(i)!] as string)])
      const cells: TypedCells = { form: 'pooled', values, at: key }
      // Batches of 10 rows, groups of 25: keyed then plain (group 1), plain then keyed (2, 3), keyed only (4).
      const plainBatches = new Set([2, 5, 6])
      async function* mixed(encode: WorkerRowEncoder): AsyncGenerator<RowBatch | EncodedRowBatch> {
        for (let b = 0; b < 10; b++) {
          const part = rows.slice(10 * b, 10 * b + 10)
          if (plainBatches.has(b)) yield { columns: names, rows: part }
          else {
            const data = encode(part.map((r) => [r[0] as Value, null]), [], { start: 10 * b, columns: [undefined, cells] })
            expect(data).toBeDefined()
            yield { format: PARQUET_ENCODED, columns: names, rows: part.length, data }
          }
        }
      }
      const file = async (dir: string, encoded: boolean) => {
        const target = openFileTarget({ dir, format: 'parquet', tables: [t], parquet: { rowGroupSize: 25 } })
        const encode = parquetRowEncoder({ columns: t.columns }, names) as WorkerRowEncoder
        expect(encode.takes?.(1, cells)).toBe(true)
        await target.transaction((w) => (encoded ? w.insertEncoded!({ name: t.name }, mixed(encode)) : w.insert({ name: t.name }, batches(names, rows, 10))))
        return readFileSync(join(dir, '001-pooled.parquet'))
      }
      const plain = await file(join(tmp.root, 'plain'), false)
      const keyed = await file(join(tmp.root, 'keyed'), true)
      expect(keyed.equals(plain)).toBe(true)
      const c = await duck()
      expect(await query(c, `SELECT count(*)::INT AS n, count(note)::INT AS notes, count(DISTINCT note)::INT AS d, max(note) AS m FROM read_parquet('${join(tmp.root, 'keyed', '001-pooled.parquet')}')`)).toEqual([
        { n: 100, notes: 86, d: 5, m: 'gämma' },
      ])
    } finally {
      tmp.cleanup()
    }
  })
})
