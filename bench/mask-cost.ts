/**
 * Issue 11's per-masker cost: ns per value of each masker kind, through `TableMasker.mask` on batches
 * of 10 000 rows (the batch copy included), ~1M distinct originals each, no database. Timed in
 * process CPU time (user + system), best of five passes, so load from other processes does not count;
 * batches built one at a time outside the timed calls (a clone streams: no 1M prebuilt rows live).
 * Goals: ≤ 300 ns/value for `hash`, ≤ 1 µs/value for fake-by-hash. Also the person group (first, last,
 * full name, email: one fake person per row) per value, and a W4-like row (4 masked columns of 10).
 *
 * `npm run bench -- --only mask` (part of the full run), or alone after `tsc -p bench/tsconfig.json`:
 * `node dist-bench/bench/mask-cost.js [N]`.
 */
import { fileURLToPath } from 'node:url'
import v8 from 'node:v8'
import vm from 'node:vm'
import type { MaskSpec } from '../src/model/mask.js'
import type { Value } from '../src/model/rows.js'
import type { Column, LogicalType, Table } from '../src/model/schema.js'
import { compileTableMasker } from '../src/mask/compile-table.js'
import { maskKeyOf } from '../src/mask/key.js'
import type { BenchResult } from './support/report.js'
import { load1 } from './support/measure.js'

const BATCH = 10_000
/**
 * Timed passes per case, the best kept: a pass that met a collection of the previous one's garbage or a busy core is
 * not the masker's cost. Five, not three: with three, one full run measured hash base64 at 345 ns where the same
 * code measured 196–245 in the runs around it (the host's neighbours move CPU time too).
 */
const PASSES = 5
const key = maskKeyOf(Buffer.from('bench-mask-key-0123456789'))

const column = (name: string, type: LogicalType, nullable = true): Column => ({ name, nativeType: type.kind, type, nullable })
const table = (columns: Column[]): Table => ({ name: 'bench', columns, primaryKey: { columns: [columns[0]!.name] }, uniques: [], foreignKeys: [], checks: [] })

export interface Case {
  name: string
  goalNs?: number
  columns: Column[]
  specs: Record<string, MaskSpec>
  row: (i: number) => Value[]
  /** Masked values per row (ns are per value). */
  perRow?: number
}

const text = (n?: number): LogicalType => (n === undefined ? { kind: 'text' } : { kind: 'string', maxLength: n })
const day0 = Date.UTC(2020, 0, 1)
const iso = (i: number) => new Date(day0 + (i % 2000) * 86_400_000 + (i % 86_400) * 1000).toISOString()

export function cases(): Case[] {
  const one = (name: string, type: LogicalType, spec: MaskSpec, value: (i: number) => Value, goalNs?: number): Case => ({
    name,
    ...(goalNs !== undefined ? { goalNs } : {}),
    columns: [column('id', { kind: 'integer', bytes: 8 }, false), column('v', type)],
    specs: { v: spec },
    row: (i) => [i, value(i)],
  })
  const email = (i: number) => `customer.${i}@example.com`
  return [
    one('keep (batch copy only)', text(100), { kind: 'keep' }, email),
    one('hash hex', text(64), { kind: 'hash', encoding: 'hex' }, email, 300),
    one('hash base64', text(64), { kind: 'hash', encoding: 'base64' }, email, 300),
    one('redact', text(64), { kind: 'redact' }, email),
    one('scramble text', text(64), { kind: 'scramble' }, email),
    one('scramble card (Luhn)', text(24), { kind: 'scramble' }, (i) => `4${String(i).padStart(14, '0')}7`),
    one('permute int8 (number)', { kind: 'integer', bytes: 8 }, { kind: 'permute' }, (i) => i + 1),
    one('permute int8 (bigint)', { kind: 'integer', bytes: 8 }, { kind: 'permute' }, (i) => 9_000_000_000_000_000_000n + BigInt(i)),
    one('fake email', text(100), { kind: 'fake', field: 'email' }, email, 1000),
    one('fake email unique', text(100), { kind: 'fake', field: 'email', unique: true }, email, 1000),
    one('fake company', text(100), { kind: 'fake', field: 'company' }, (i) => `Company ${i}`, 1000),
    one('fake phone', text(30), { kind: 'fake', field: 'phone' }, (i) => `+1 555 ${i}`, 1000),
    one('fake city (place)', text(60), { kind: 'fake', field: 'city' }, (i) => `City ${i}`, 1000),
    one('shift timestamp', { kind: 'timestamp', tz: true }, { kind: 'shift', maxDays: 90 }, iso),
    one('noise decimal', { kind: 'decimal', precision: 12, scale: 2 }, { kind: 'noise', percent: 10 }, (i) => ((i * 7919) % 100000) / 100),
    one('generalize round', { kind: 'decimal', precision: 12, scale: 2 }, { kind: 'generalize', how: { round: 10 } }, (i) => ((i * 7919) % 100000) / 100),
    one('shuffle (window 1000)', text(100), { kind: 'shuffle' }, email),
    one('generate like', text(20), { kind: 'generate', generator: { kind: 'like', pattern: 'C-______', minLength: 8, maxLength: 8 } }, email),
    {
      name: 'fake person group (4 cols)',
      goalNs: 1000,
      perRow: 4,
      columns: [column('id', { kind: 'integer', bytes: 8 }, false), column('first', text(50)), column('last', text(50)), column('full', text(100)), column('email', text(100))],
      specs: { first: { kind: 'fake', field: 'first-name' }, last: { kind: 'fake', field: 'last-name' }, full: { kind: 'fake', field: 'full-name' }, email: { kind: 'fake', field: 'email' } },
      row: (i) => [i, `F${i % 3000}`, `L${i % 7000}`, `F${i % 3000} L${i % 7000}`, email(i)],
    },
    {
      name: 'W4-like row: 4 of 10 cols masked',
      perRow: 4,
      columns: [
        column('id', { kind: 'integer', bytes: 8 }, false),
        column('email', text(100)),
        column('first', text(50)),
        column('last', text(50)),
        column('phone', text(30)),
        column('created_at', { kind: 'timestamp', tz: true }),
        column('balance', { kind: 'decimal', precision: 12, scale: 2 }),
        column('active', { kind: 'boolean' }),
        column('uid', { kind: 'uuid' }),
        column('bio', { kind: 'text' }),
      ],
      specs: { id: { kind: 'permute' }, email: { kind: 'fake', field: 'email', unique: true }, first: { kind: 'fake', field: 'first-name' }, phone: { kind: 'scramble' } },
      row: (i) => [i + 1, email(i), `F${i % 3000}`, `L${i % 7000}`, `+1 555 ${String(i).padStart(7, '0')}`, iso(i), (i % 10000) / 100, i % 2 === 0, '3f2a9c1e-0b7d-4e21-9a55-6c0d2e1f7b88', 'bio'],
    },
  ]
}

/**
 * The batch's text cells as a clone hands them to the maskers: cut from one string decoded per batch (the
 * text path's decodeAscii; node-postgres likewise slices its decoded buffer), so each is flat. The template
 * literals that build them are concatenations, which V8 keeps as rope strings a masker would flatten on first
 * read: an allocation per value that no real run pays.
 */
function asRead(rows: Value[][]): Value[][] {
  const texts: string[] = []
  for (const row of rows) for (const v of row) if (typeof v === 'string') texts.push(v)
  const whole = texts.join('')
  let at = 0
  return rows.map((row) =>
    row.map((v) => {
      if (typeof v !== 'string') return v
      const cut = whole.slice(at, at + v.length)
      at += v.length
      return cut
    }),
  )
}

/** V8's `gc()` at run time (as src/pipeline/heap-governor.ts gets it); undefined where refused. */
const fullGc = ((): (() => void) | undefined => {
  try {
    v8.setFlagsFromString('--expose-gc')
    const fn = vm.runInNewContext('gc') as unknown
    return typeof fn === 'function' ? (fn as () => void) : undefined
  } catch {
    return undefined
  }
})()

/** ns per masked value of each case over `n` rows (each batch built untimed just before its call; best of PASSES passes). */
export async function maskCost(n: number, log: (msg: string) => void = () => {}): Promise<BenchResult[]> {
  const out: BenchResult[] = []
  // MASK_ONLY=text: only the cases whose name contains it (profiling one masker).
  for (const c of cases().filter((x) => !process.env.MASK_ONLY || x.name.includes(process.env.MASK_ONLY))) {
    const t = table(c.columns)
    const names = c.columns.map((x) => x.name)
    // One batch at a time, built before its timed call and dropped after it: a clone streams, holding a
    // few batches, where 1M prebuilt rows (~200 MB live) would make every collection the maskers cause
    // trace them (100–700 ns/value of harness cost in 'fake email unique').
    const batch = (s: number) => {
      const rows: Value[][] = []
      for (let i = s; i < Math.min(n, s + BATCH); i++) rows.push(c.row(i))
      return { columns: names, rows: asRead(rows) }
    }
    const load = load1()
    let best = Infinity
    for (let pass = 0; pass < PASSES; pass++) {
      // A fresh masker per pass: unique guards start empty, pools are built before the clock starts.
      // The row count as a hint, as clone passes its planned rows (unique guards sized once, not grown).
      const m = compileTableMasker(t, { table: { name: 'bench' }, columns: Object.entries(c.specs).map(([col, mask]) => ({ column: col, mask, source: 'rule', reason: 'bench' })) }, key, { expectedRows: n })
      m.mask({ columns: names, rows: [c.row(n + 1)] })
      // A full collection before the clock: the previous case's garbage is not this one's to collect.
      fullGc?.()
      // CPU time of this process, not wall time: the machine is shared, and a busy neighbour would
      // otherwise inflate every figure by its own share of the cores. Only the mask calls are timed.
      let us = 0
      let sink = 0
      for (let s = 0; s < n; s += BATCH) {
        const b = batch(s)
        const c0 = process.cpuUsage()
        sink += m.mask(b).rows.length
        const c1 = process.cpuUsage(c0)
        us += c1.user + c1.system
      }
      const ms = us / 1000
      if (sink !== n) throw new Error(`mask ${c.name}: ${sink} rows out of ${n}`)
      best = Math.min(best, ms)
    }
    const values = n * (c.perRow ?? 1)
    const ns = (best * 1e6) / values
    log(`mask: ${c.name}: ${ns.toFixed(0)} ns/value`)
    out.push({
      workload: `mask ${c.name}`,
      rows: n,
      tdg: { ms: best, rowsPerSec: Math.round((n / best) * 1000) },
      ratio: Math.round(ns),
      target: c.goalNs !== undefined ? `≤ ${c.goalNs} ns/value (ratio = ns)` : 'ns/value (ratio = ns)',
      met: c.goalNs === undefined || ns <= c.goalNs,
      ...(c.goalNs === undefined ? { info: true } : {}),
      load,
    })
  }
  return out
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1_000_000)
  const rows = await maskCost(n, (m) => process.stderr.write(`${m}\n`))
  for (const r of rows) process.stdout.write(`${r.workload.padEnd(40)} ${String(r.ratio).padStart(6)} ns/value  ${r.target}${r.info ? '' : r.met ? '  met' : '  NOT MET'}\n`)
}
