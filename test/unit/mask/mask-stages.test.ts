/**
 * Two masking stages in a row (two worker threads for a big table): the maskers split only where no
 * stage reads what the other masks, and the stages together write exactly the bytes one masker writes,
 * across batches (the unique guard) and with fixup columns written NULL. The last test runs the real
 * worker threads of the compiled build.
 */
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { TextScanBatch } from '../../../src/adapter/adapter.js'
import type { TableMask } from '../../../src/model/mask.js'
import { compileTableMasker } from '../../../src/mask/compile-table.js'
import { maskStages } from '../../../src/mask/mask-stages.js'
import { textBatchMasker, type TextSplice } from '../../../src/mask/mask-text.js'
import type { MaskCarry } from '../../../src/mask/masker.js'
import { copyField, pgCopyCodec } from '../../../adapters/postgres/copy-text.js'
import { col, int, table, varchar } from '../plan/model-builders.js'
import { KEY } from './helpers.js'

const columns = ['id', 'email', 'first_name', 'last_name', 'phone', 'born', 'joined', 'parent_id']
const t = table(
  'people',
  [
    col('id', int(8)),
    col('email', varchar(80), { nullable: true }),
    col('first_name', varchar(40)),
    col('last_name', varchar(40)),
    col('phone', varchar(24), { nullable: true }),
    col('born', { kind: 'date' }),
    col('joined', { kind: 'date' }),
    col('parent_id', int(8), { nullable: true }),
  ],
  { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['email'] }] },
)
const rule = (column: string, mask: TableMask['columns'][number]['mask']) => ({ column, mask, source: 'rule' as const, reason: 'r' })
const W4: TableMask = {
  table: { name: 'people' },
  columns: [rule('first_name', { kind: 'fake', field: 'first-name' }), rule('last_name', { kind: 'fake', field: 'last-name' }), rule('email', { kind: 'fake', field: 'email', unique: true }), rule('phone', { kind: 'scramble' })],
}
const stageColumns = (m: TableMask) => maskStages(compileTableMasker(t, m, KEY)).map((r) => r.writes ?? r.mask.columns.map((c) => c.column))

const rows = Array.from({ length: 3000 }, (_, i) => [i + 1, i % 13 === 0 ? null : `user${i % 2900}@example.org`, 'Ann', `Lee ${i % 7}`, i % 5 === 0 ? null : `+1 555 ${String(i).padStart(7, '0')}`, '1990-01-02', '2020-03-04', i > 0 ? i : null])
const parse = columns.map(() => (s: string) => s)
const batch = (from: number, to: number): TextScanBatch => ({
  format: pgCopyCodec.format,
  columns,
  bytes: Buffer.from(rows.slice(from, to).map((r) => r.map((v) => copyField(v)).join('\t') + '\n').join(''), 'utf8'),
  rows: to - from,
  codec: pgCopyCodec,
  parse,
})

describe('maskStages', () => {
  it("splits W4's maskers: the names (made from the email original) and the phone first, the email second; an address group stays one stage", () => {
    expect(stageColumns(W4).map((s) => s.sort())).toEqual([['first_name', 'last_name', 'phone'], ['email']])
    // The names' stage compiles the email member too (the anchor), without writing it.
    expect(maskStages(compileTableMasker(t, W4, KEY))[0]!.mask.columns.map((c) => c.column).sort()).toEqual(['email', 'first_name', 'last_name', 'phone'])
    expect(stageColumns({ ...W4, columns: W4.columns.slice(0, 3) })).toEqual([['first_name', 'last_name'], ['email']])
    // An address group is one unit (its anchor is every member's original): one stage.
    const address: TableMask = { table: { name: 'people' }, columns: [rule('first_name', { kind: 'fake', field: 'city' }), rule('last_name', { kind: 'fake', field: 'street' })] }
    expect(stageColumns(address).map((s) => s.sort())).toEqual([['first_name', 'last_name']])
  })

  it('keeps a shift with the masked column it reads (by) in one stage', () => {
    const m: TableMask = { table: { name: 'people' }, columns: [rule('born', { kind: 'shift', maxDays: 30 }), rule('joined', { kind: 'shift', maxDays: 30, by: ['born'] }), rule('phone', { kind: 'scramble' })] }
    const stages = stageColumns(m)
    expect(stages.find((s) => s.includes('joined'))).toContain('born')
  })

  it('the stages in a row write the bytes one masker writes, across batches, NULLs of fixup columns included', () => {
    const nulled = new Set(['parent_id', 'phone'])
    const one = textBatchMasker(compileTableMasker(t, W4, KEY), nulled)
    const recipes = maskStages(compileTableMasker(t, W4, KEY))
    expect(recipes).toHaveLength(2)
    const stages = recipes.map((r, i) => textBatchMasker(compileTableMasker(r.table, r.mask, KEY, r.writes ? { writes: r.writes } : {}), i === recipes.length - 1 ? nulled : new Set()))
    for (const [from, to] of [[0, 1000], [1000, 2000], [2000, 3000]] as const) {
      const expected = Buffer.from(one(batch(from, to)).bytes)
      const got = stages.reduce((b, s) => s(b), batch(from, to))
      expect(Buffer.from(got.bytes).equals(expected)).toBe(true)
    }
  })

  it('a first stage that hands its replacements on unspliced (TextSplice) leaves the bytes as they came, and the last splices the same bytes', () => {
    // phone: written by the first stage and NULLed by the last (its own replacement wins).
    const nulled = new Set(['parent_id', 'phone'])
    const one = textBatchMasker(compileTableMasker(t, W4, KEY), nulled)
    const recipes = maskStages(compileTableMasker(t, W4, KEY))
    const [first, second] = recipes.map((r, i) => textBatchMasker(compileTableMasker(r.table, r.mask, KEY, r.writes ? { writes: r.writes } : {}), i === recipes.length - 1 ? nulled : new Set()))
    for (const [from, to] of [[0, 1000], [1000, 2000], [2000, 3000]] as const) {
      const expected = Buffer.from(one(batch(from, to)).bytes)
      const carry: MaskCarry = { record: true }
      const splice: TextSplice = { defer: true }
      const input = batch(from, to)
      const mid = first!(input, carry, splice)
      expect(mid.bytes).toBe(input.bytes)
      expect(splice.made!.fields.length).toBeGreaterThan(0)
      const got = second!(mid, { given: carry.made! }, { given: splice.made! })
      expect(Buffer.from(got.bytes).equals(expected)).toBe(true)
    }
  })

  it('the second stage reuses the anchors the first hands on (same bytes), and only when their tiers begin with its own', () => {
    const one = textBatchMasker(compileTableMasker(t, W4, KEY))
    const recipes = maskStages(compileTableMasker(t, W4, KEY))
    const [first, second] = recipes.map((r) => textBatchMasker(compileTableMasker(r.table, r.mask, KEY, r.writes ? { writes: r.writes } : {})))
    for (const [from, to] of [[0, 1000], [1000, 2000], [2000, 3000]] as const) {
      const expected = Buffer.from(one(batch(from, to)).bytes)
      const carry: MaskCarry = { record: true }
      const mid = first!(batch(from, to), carry)
      expect(carry.made).toHaveLength(1)
      expect(carry.made![0]!.tiers).toEqual([['email'], ['first_name', 'last_name']])
      expect(Buffer.from(second!(mid, { given: carry.made! }).bytes).equals(expected)).toBe(true)
    }
    // Anchors of other tiers are ignored; the right tiers are used (wrong words: other emails).
    const mid = first!(batch(0, 1000))
    const expected = Buffer.from(one(batch(0, 1000)).bytes)
    const junk = (tiers: string[][]) => ({ given: [{ group: 'person:en', tiers, words: new Uint32Array(3000).fill(1) }] })
    const again = () => maskStages(compileTableMasker(t, W4, KEY)).map((r) => textBatchMasker(compileTableMasker(r.table, r.mask, KEY, r.writes ? { writes: r.writes } : {})))[1]!
    expect(Buffer.from(again()(mid, junk([['first_name', 'last_name']])).bytes).equals(expected)).toBe(true)
    expect(Buffer.from(again()(mid, junk([['email'], ['first_name', 'last_name']])).bytes).equals(expected)).toBe(false)
  })

  const built = new URL('../../../dist/src/mask/mask-text-worker.js', import.meta.url)
  it.skipIf(!existsSync(built))('the worker threads of the build write the same bytes (needs `npx tsc -p tsconfig.json`)', async () => {
    const { maskTextInWorkers } = (await import(built.href)) as typeof import('../../../src/mask/mask-text-worker.js')
    const { compileTableMasker: compileBuilt } = (await import(new URL('../../../dist/src/mask/compile-table.js', import.meta.url).href)) as typeof import('../../../src/mask/compile-table.js')
    const { pgCopyCodec: builtCodec } = (await import(new URL('../../../dist/adapters/postgres/copy-text.js', import.meta.url).href)) as typeof import('../../../adapters/postgres/copy-text.js')
    const nulled = new Set(['parent_id'])
    const one = textBatchMasker(compileTableMasker(t, W4, KEY), nulled)
    const expected = [[0, 1000], [1000, 2000], [2000, 3000]].map(([a, b]) => Buffer.from(one(batch(a!, b!)).bytes))
    async function* batches() {
      for (const [a, b] of [[0, 1000], [1000, 2000], [2000, 3000]]) yield { ...batch(a!, b!), codec: builtCodec }
    }
    const got: Buffer[] = []
    for await (const b of maskTextInWorkers(batches(), compileBuilt(t, W4, KEY), nulled)) got.push(Buffer.from(b.bytes))
    expect(got).toHaveLength(3)
    got.forEach((g, i) => expect(g.equals(expected[i]!)).toBe(true))
  })
})
