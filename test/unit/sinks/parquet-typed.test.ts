import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { createRowGenerator } from '../../../src/generate/index.js'
import { rowEncoding } from '../../../src/generate/encoded-rows.js'
import type { TypedCells, Value, WorkerRowEncoder } from '../../../src/model/rows.js'
import type { Column } from '../../../src/model/schema.js'
import { parquetRowEncoder } from '../../../src/sinks/parquet/worker-encoder.js'
import type { EncodedColumns, RawColumn, Utf8List } from '../../../src/sinks/parquet/encoded-columns.js'
import { distinctExceeds } from '../../../src/sinks/parquet/dictionary-choice.js'
import { epochDays, timestampMicros, uuidBytes } from '../../../src/sinks/parquet/exact-values.js'
import { col, model, table } from '../plan/model-builders.js'

/** Dates, timestamps with and without a zone, uuids: nullable and not, free and unique. */
const TYPED = table(
  'typed',
  [
    col('id', { kind: 'integer', bytes: 8 }, { nullable: false }),
    col('u', { kind: 'uuid' }, { nullable: false }),
    col('u_null', { kind: 'uuid' }, { nullable: true }),
    col('d', { kind: 'date' }, { nullable: true }),
    col('d_req', { kind: 'date' }, { nullable: false }),
    col('ts', { kind: 'timestamp', tz: false }, { nullable: true }),
    col('tstz', { kind: 'timestamp', tz: true }, { nullable: false }),
    col('note', { kind: 'text' }, { nullable: true }),
  ],
  { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['u'] }] },
)
const ROWS = 3000

function generator() {
  const plan = buildPlan(model([TYPED]), { rows: ROWS, seed: 7 })
  const step = plan.steps[0]!
  // Nullable columns get NULL rows (the plan is plain data, compiled below).
  for (const c of step.columns) if (['u_null', 'd', 'ts', 'note'].includes(c.column)) c.nullRate = 0.25
  return createRowGenerator(plan, step)
}

/** A var-width raw column's cells as strings (NULL as null), whether it holds the bytes or keys into `dictionary`. */
function strings(col: RawColumn, dictionary: Utf8List | undefined): Array<string | null> {
  const n = col.keyed ? col.data.length : (col.offsets as Int32Array).length - 1
  const text = (data: Uint8Array, offsets: Int32Array, k: number) => Buffer.from(data.subarray(offsets[k], offsets[k + 1])).toString('utf8')
  return Array.from({ length: n }, (_, r) => {
    if (col.valid && (col.valid[r >> 3]! & (1 << (r & 7))) === 0) return null
    if (!col.keyed) return text(col.data as Uint8Array, col.offsets as Int32Array, r)
    return text(dictionary!.data, dictionary!.offsets, col.data[r] as number)
  })
}

describe('typed cells', () => {
  it('hold exactly what the text cells spell, NULL rows included', () => {
    const g = generator()
    const forms = g.columns.map((c, j) => [c, g.typed[j]?.form])
    expect(forms).toEqual([
      ['id', undefined],
      ['u', 'uuid'],
      ['u_null', 'uuid'],
      ['d', 'epoch-days'],
      ['d_req', 'epoch-days'],
      ['ts', 'epoch-seconds'],
      ['tstz', 'epoch-seconds'],
      ['note', 'pooled'],
    ])
    let nulls = 0
    const out = new Uint8Array(16)
    for (let i = 0; i < ROWS; i++) {
      const row = g.row(i)
      g.columns.forEach((c, j) => {
        const cells = g.typed[j] as TypedCells | undefined
        if (!cells) return
        const text = row[j] as string | null
        if (text === null) nulls++
        if (cells.form === 'uuid') {
          const written = cells.into(i, out, 0)
          expect([c, i, written ? Buffer.from(out).toString('hex') : null]).toEqual([c, i, text === null ? null : Buffer.from(uuidBytes(text) as Uint8Array).toString('hex')])
        } else if (cells.form === 'pooled') {
          const k = cells.at(i)
          expect([c, i, k === null ? null : cells.values[k]]).toEqual([c, i, text])
        } else if (cells.form === 'epoch-days') {
          expect([c, i, cells.at(i)]).toEqual([c, i, text === null ? null : epochDays(text)])
        } else {
          const s = cells.at(i)
          expect([c, i, s === null ? null : BigInt(s) * 1_000_000n]).toEqual([c, i, text === null ? null : timestampMicros(text, c === 'tstz')])
        }
      })
    }
    expect(nulls).toBeGreaterThan(ROWS / 10)
  })
})

describe('pooled typed cells', () => {
  const people = (gender: boolean) =>
    table('people', [
      col('id', { kind: 'integer', bytes: 8 }),
      col('email', { kind: 'string', maxLength: 120 }),
      col('first_name', { kind: 'string', maxLength: 6 }),
      col('last_name', { kind: 'string', maxLength: 50 }, { nullable: true }),
      ...(gender ? [col('gender', { kind: 'enum', values: ['F', 'M'] })] : []),
      col('bio', { kind: 'text' }, { nullable: true }),
    ], { primaryKey: { columns: ['id'] } })
  it('name drawn names and pool strings by their list index: the list entry is the text cell (fitted to the column, NULL rows included)', () => {
    for (const gender of [false, true]) {
      const plan = buildPlan(model([people(gender)]), { rows: 2000, seed: 11 })
      const step = plan.steps[0]!
      for (const c of step.columns) if (['last_name', 'bio'].includes(c.column)) c.nullRate = 0.2
      const g = createRowGenerator(plan, step)
      const pooled = g.columns.filter((_, j) => g.typed[j]?.form === 'pooled')
      // With a gender column the first names follow it: not a draw of their own, so no index.
      expect(pooled).toEqual(gender ? ['bio'] : ['first_name', 'last_name', 'bio'])
      let nulls = 0
      for (let i = 0; i < 2000; i++) {
        const row = g.row(i)
        g.columns.forEach((c, j) => {
          const cells = g.typed[j]
          if (cells?.form !== 'pooled') return
          const k = cells.at(i)
          if (k === null) nulls++
          expect([c, i, k === null ? null : cells.values[k]]).toEqual([c, i, row[j]])
        })
      }
      expect(nulls).toBeGreaterThan(200)
    }
  })
})

describe('the worker encoder with typed cells', () => {
  it('builds the same buffers from typed cells as from the text, and the rows it declines are regenerated whole', () => {
    const g = generator()
    const columns = TYPED.columns as Column[]
    const encode = parquetRowEncoder({ columns }, g.columns) as WorkerRowEncoder
    const skip = g.typed.map((cells, c) => cells !== undefined && encode.takes?.(c, cells) === true)
    // Every typed column here is taken (tstz is zoned, so its `+00` text is what the conversion accepts;
    // note, drawn from a pool, goes as keys into it).
    expect(skip).toEqual([false, true, true, true, true, true, true, true])
    const partial = g.rowWithout(skip)
    let dictionary: Utf8List | undefined
    for (const [start, end] of [
      [0, 1000],
      [1000, 3000],
    ] as const) {
      const full: Value[][] = []
      const rows: Value[][] = []
      for (let i = start; i < end; i++) {
        full.push(g.row(i))
        rows.push(partial(i))
      }
      expect(rows.every((r) => skip.every((s, c) => !s || r[c] === null))).toBe(true)
      const text = encode(full, []) as EncodedColumns
      const typed = encode(rows, [], { start, columns: g.typed.map((cells, c) => (skip[c] ? cells : undefined)) }) as EncodedColumns
      // The pooled column arrives as keys, its dictionary with the encoder's first batch only.
      const note = typed.columns[7]!
      expect([note.keyed, note.dictionary !== undefined]).toEqual([true, start === 0])
      dictionary = note.dictionary ?? dictionary
      const cells = (col: RawColumn) => (col.offsets || col.keyed ? strings(col, dictionary) : Buffer.from(col.data.buffer, col.data.byteOffset, col.data.byteLength).toString('hex'))
      expect(typed.columns.map((col) => [cells(col), col.valid && Array.from(col.valid)])).toEqual(text.columns.map((col) => [cells(col), col.valid && Array.from(col.valid)]))
      expect(Array.from(typed.rowBytes)).toEqual(Array.from(text.rowBytes))
    }
  })
  it('a batch the encoder declines is generated again in full (the typed columns it would have read included)', () => {
    const g = generator()
    const seen: Value[][][] = []
    // Takes every typed column, then declines: the rows must come back whole.
    const declining = Object.assign((rows: Value[][]) => void seen.push(rows.map((r) => [...r])), { takes: () => true }) as WorkerRowEncoder
    const out = rowEncoding(g, declining).encode(10, 20, [])
    expect(seen[0]?.[0]?.[1]).toBeNull()
    expect('rows' in out && out.rows).toEqual(Array.from({ length: 10 }, (_, r) => g.row(10 + r)))
  })
  it('declines typed cells it cannot vouch for: NULL in a NOT NULL column, a day outside years 1–9999', () => {
    const columns = [col('d', { kind: 'date' }, { nullable: false })]
    const encode = parquetRowEncoder({ columns }, ['d']) as WorkerRowEncoder
    const cells = (v: number | null): TypedCells => ({ form: 'epoch-days', at: () => v })
    expect(encode([[null]], [], { start: 0, columns: [cells(19000)] })).toBeDefined()
    expect(encode([[null]], [], { start: 0, columns: [cells(null)] })).toBeUndefined()
    expect(encode([[null]], [], { start: 0, columns: [cells(-800000)] })).toBeUndefined()
    // A timestamp spelled with `+00` goes to a column without a zone as text (the conversion refuses it there).
    const plain = parquetRowEncoder({ columns: [col('t', { kind: 'timestamp', tz: false })] }, ['t']) as WorkerRowEncoder
    expect(plain.takes?.(0, { form: 'epoch-seconds', offset: true, at: () => 0 })).toBe(false)
    expect(plain.takes?.(0, { form: 'epoch-seconds', offset: false, at: () => 0 })).toBe(true)
  })
})

describe('dictionary choice', () => {
  it('counts distinct fixed-width values up to the limit, for every width', () => {
    for (const size of [1, 2, 4, 8, 16]) {
      const n = 1000
      const bytes = new Uint8Array(n * size)
      // 100 distinct values, each repeated ten times (a pattern in the last byte of the value and its first).
      for (let i = 0; i < n; i++) {
        bytes[i * size] = i % 100
        if (size > 1) bytes[i * size + size - 1] = (i % 100) * 2
      }
      expect([size, distinctExceeds(bytes, size, n, 99), distinctExceeds(bytes, size, n, 100)]).toEqual([size, true, false])
    }
  })
})
