/**
 * Development harness (not part of `npm run bench`): W4's masking alone, as the worker runs it — COPY-text
 * batches of the W4 rows through `textBatchMasker` with W4's maskers, no database. Prints CPU per row and
 * an md5 of every masked byte (the output must not change when the code gets faster).
 * `node dist-bench/bench/w4-mask-dev.js [rows] [passes]`; env W4_COLS=phone,email…: only those maskers (a stage's).
 */
import { createHash } from 'node:crypto'
import type { Column, Table } from '../src/model/schema.js'
import type { TableMask } from '../src/model/mask.js'
import type { TextScanBatch } from '../src/adapter/adapter.js'
import { compileTableMasker } from '../src/mask/compile-table.js'
import { maskKeyOf } from '../src/mask/key.js'
import { textBatchMasker, type TextSplice } from '../src/mask/mask-text.js'
import type { MaskCarry } from '../src/mask/masker.js'
import { maskStages } from '../src/mask/mask-stages.js'
import { pgCopyCodec, PG_COPY_TEXT } from '../adapters/postgres/copy-text.js'

const N = Number(process.argv[2] ?? 1_000_000)
const PASSES = Number(process.argv[3] ?? 2)
const BATCH = 10_000
const col = (name: string, type: Column['type'], nullable = false): Column => ({ name, nativeType: type.kind, type, nullable })
const s = (n: number): Column['type'] => ({ kind: 'string', maxLength: n })
const table: Table = {
  name: 'w4',
  columns: [
    col('id', { kind: 'integer', bytes: 8 }),
    col('first_name', s(40)),
    col('last_name', s(40)),
    col('email', s(120)),
    col('phone', s(24), true),
    col('city', s(60)),
    col('created_at', { kind: 'timestamp', tz: true }),
    col('balance', { kind: 'decimal', precision: 12, scale: 2 }),
    col('status', s(12)),
    col('visits', { kind: 'integer', bytes: 4 }),
  ],
  primaryKey: { columns: ['id'] },
  uniques: [{ columns: ['email'] }],
  foreignKeys: [],
  checks: [],
}
const mask: TableMask = {
  table: { name: 'w4' },
  columns: [
    { column: 'first_name', mask: { kind: 'fake', field: 'first-name' }, source: 'rule', reason: 'dev' },
    { column: 'last_name', mask: { kind: 'fake', field: 'last-name' }, source: 'rule', reason: 'dev' },
    { column: 'email', mask: { kind: 'fake', field: 'email', unique: true }, source: 'rule', reason: 'dev' },
    { column: 'phone', mask: { kind: 'scramble' }, source: 'rule', reason: 'dev' },
  ].filter((c) => !process.env.W4_COLS || process.env.W4_COLS.split(',').includes(c.column)) as TableMask['columns'],
}
const key = maskKeyOf(Buffer.from('bench-w4-masking-key-0123456789'))
const columns = table.columns.map((c) => c.name)
const t0 = Date.UTC(2020, 0, 1)
function batchBytes(from: number, to: number): Buffer {
  const lines: string[] = []
  for (let i = from; i < to; i++) {
    const ts = new Date(t0 + (i % 1_000_000) * 60_000).toISOString().replace('T', ' ').replace('.000Z', '+00')
    lines.push(`${i}\tFirst${i % 5000}\tLast${i % 20000}\tuser${i}@example.com\t+1 555 ${String(i % 10_000_000).padStart(7, '0')}\tCity ${i % 900}\t${ts}\t${((i % 100000) / 100).toFixed(2)}\t${['new', 'active', 'closed'][i % 3]}\t${i % 1000}\n`)
  }
  return Buffer.from(lines.join(''))
}
const batches: Array<{ bytes: Buffer; rows: number }> = []
for (let i = 1; i <= N; i += BATCH) batches.push({ bytes: batchBytes(i, Math.min(N + 1, i + BATCH)), rows: Math.min(N + 1, i + BATCH) - i })
const parse = columns.map(() => (t: string) => t)
// W4_STAGES=1: the stages the worker threads run (mask-stages.ts), one after the other, CPU per stage.
const staged = process.env.W4_STAGES === '1'
for (let pass = 0; pass < PASSES; pass++) {
  const stages = staged
    ? maskStages(compileTableMasker(table, mask, key)).map((r) => textBatchMasker(compileTableMasker(r.table, r.mask, key, { expectedRows: N, ...(r.writes ? { writes: r.writes } : {}) }), new Set()))
    : [textBatchMasker(compileTableMasker(table, mask, key, { expectedRows: N }), new Set())]
  const stageMs = stages.map(() => 0)
  // The anchors a stage records go to the next one, as between the worker threads.
  let made: MaskCarry['made']
  // And a stage's replacements (unspliced) go to the next one (TextSplice), unless W4_SPLICE=each (alt: every other pass).
  let pending: TextSplice['made']
  const defer = process.env.W4_SPLICE === 'alt' ? pass % 2 === 0 : process.env.W4_SPLICE !== 'each'
  const m = (b: TextScanBatch) =>
    stages.reduce((x, s, i) => {
      const t = process.cpuUsage()
      const carry: MaskCarry | undefined = staged ? { ...(i > 0 && made ? { given: made } : {}), record: i < stages.length - 1 } : undefined
      const splice: TextSplice | undefined = staged && defer ? { ...(i > 0 && pending ? { given: pending } : {}), defer: i < stages.length - 1 } : undefined
      const y = s(x, carry, splice)
      made = carry?.made
      pending = splice?.made
      const d = process.cpuUsage(t)
      stageMs[i] = stageMs[i]! + (d.user + d.system) / 1000
      return y
    }, b)
  const md5 = createHash('md5')
  const c0 = process.cpuUsage()
  const w0 = performance.now()
  let bytes = 0
  for (const b of batches) {
    const out = m({ format: PG_COPY_TEXT, columns, bytes: b.bytes, rows: b.rows, codec: pgCopyCodec, parse })
    bytes += out.bytes.length
    md5.update(out.bytes)
  }
  const c = process.cpuUsage(c0)
  const wall = performance.now() - w0
  process.stdout.write(`pass ${pass}${staged ? (defer ? ' deferred' : ' each') : ''}: cpu ${((c.user + c.system) / 1000).toFixed(0)} ms (${(((c.user + c.system) * 1000) / N).toFixed(0)} ns/row), wall ${wall.toFixed(0)} ms, stages ${stageMs.map((x) => x.toFixed(0)).join('+')} ms, ${bytes} bytes, md5 ${md5.digest('hex')}\n`)
}
