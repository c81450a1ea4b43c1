/** The table masker as a stream stage: batches in, new batches out, any column order, originals untouched. */
import { describe, expect, it } from 'vitest'
import type { RowBatch } from '../../../src/model/rows.js'
import { compileTableMasker, maskStream } from '../../../src/mask/compile-table.js'
import { col, int, table, thrown, varchar } from '../plan/model-builders.js'
import { KEY } from './helpers.js'

const t = table('customers', [col('id', int(8)), col('email', varchar(80)), col('first_name', varchar(40)), col('notes', { kind: 'text' }, { nullable: true })], { primaryKey: { columns: ['id'] } })
const mask = {
  table: { name: 'customers' },
  columns: [
    { column: 'id', mask: { kind: 'permute' }, source: 'key', reason: 'pk' },
    { column: 'email', mask: { kind: 'fake', field: 'email', unique: true }, source: 'rule', reason: 'r' },
    { column: 'first_name', mask: { kind: 'fake', field: 'first-name' }, source: 'rule', reason: 'r' },
  ],
} as const

describe('compileTableMasker / maskStream', () => {
  it('masks every batch of a stream, leaves unlisted columns and the input batches alone', async () => {
    const m = compileTableMasker(t, { ...mask, columns: [...mask.columns] }, KEY)
    const batches: RowBatch[] = [
      { columns: ['id', 'email', 'first_name', 'notes'], rows: [[1, 'a@x.org', 'Ann', 'n1'], [2, 'b@x.org', 'Bob', null]] },
      // Another column order in a later batch: positions follow the batch.
      { columns: ['notes', 'first_name', 'email', 'id'], rows: [['n3', 'Ann', 'a@x.org', 1]] },
    ]
    const copy = JSON.parse(JSON.stringify(batches)) as RowBatch[]
    async function* src() {
      yield* batches
    }
    const out: RowBatch[] = []
    for await (const b of maskStream(src(), m)) out.push(b)
    expect(batches).toEqual(copy)
    expect(out).toHaveLength(2)
    const [r1, r2] = out[0]!.rows
    const r3 = out[1]!.rows[0]!
    expect(r1![3]).toBe('n1')
    expect(r2![3]).toBeNull()
    expect(r1![0]).not.toBe(1)
    // The same originals in another layout mask to the same values.
    expect([r3[3], r3[2], r3[1]]).toEqual([r1![0], r1![1], r1![2]])
    expect(r1![1]).not.toBe(r2![1])
  })
  it('refuses a mask naming a column the table lacks', () => {
    const e = thrown(() => compileTableMasker(t, { table: { name: 'customers' }, columns: [{ column: 'nope', mask: { kind: 'keep' }, source: 'rule', reason: '' }] }, KEY))
    expect(e.code).toBe('TDG_INTERNAL')
  })
  it('refuses fake person fields on a non-text column at compile time', () => {
    const e = thrown(() => compileTableMasker(t, { table: { name: 'customers' }, columns: [{ column: 'id', mask: { kind: 'fake', field: 'email' }, source: 'rule', reason: '' }] }, KEY))
    expect(e.code).toBe('TDG_MASK_UNSATISFIABLE')
    expect(e.message).toContain('customers.id')
  })
})

describe('row arrays reused by a reader', () => {
  it('a group and a shift do not carry one row into the next batch', () => {
    const p = table('p', [col('id', int()), col('first_name', varchar(40)), col('email', varchar(80)), col('born', { kind: 'date' })], { primaryKey: { columns: ['id'] } })
    const m = compileTableMasker(p, {
      table: { name: 'p' },
      columns: [
        { column: 'first_name', mask: { kind: 'fake', field: 'first-name' }, source: 'rule', reason: '' },
        { column: 'email', mask: { kind: 'fake', field: 'email' }, source: 'rule', reason: '' },
        { column: 'born', mask: { kind: 'shift', maxDays: 300 }, source: 'rule', reason: '' },
      ],
    }, KEY)
    const columns = ['id', 'first_name', 'email', 'born']
    const fresh = (r: Array<string | number>) => m.mask({ columns, rows: [r.slice()] }).rows[0]
    const reused: Array<string | number> = [1, 'Ann', 'ann@x.org', '2000-01-01']
    const first = m.mask({ columns, rows: [reused] }).rows[0]
    reused.splice(0, 4, 2, 'Bob', 'bob@y.org', '2000-01-01')
    const second = m.mask({ columns, rows: [reused] }).rows[0]
    expect(first).toEqual(fresh([1, 'Ann', 'ann@x.org', '2000-01-01']))
    expect(second).toEqual(fresh([2, 'Bob', 'bob@y.org', '2000-01-01']))
  })
})
