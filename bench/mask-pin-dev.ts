/**
 * Development harness (not part of `npm run bench`): a sha256 over every masked value of each
 * mask-cost case (MASK_ONLY filters by name), so a faster masker can be checked byte-identical.
 * `node dist-bench/bench/mask-pin-dev.js [N]`; also the CPU ms of one pass.
 */
import { createHash } from 'node:crypto'
import type { Value } from '../src/model/rows.js'
import { compileTableMasker } from '../src/mask/compile-table.js'
import { maskKeyOf } from '../src/mask/key.js'
import { cases } from './mask-cost.js'

const n = Number(process.argv[2] ?? 1_000_000)
const BATCH = 10_000
const key = maskKeyOf(Buffer.from('bench-mask-key-0123456789'))
const show = (v: Value) => (v === null ? '\\N' : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'object' ? JSON.stringify(v) : String(v))
for (const c of cases().filter((x) => !process.env.MASK_ONLY || x.name.includes(process.env.MASK_ONLY))) {
  const t = { name: 'bench', columns: c.columns, primaryKey: { columns: [c.columns[0]!.name] }, uniques: [], foreignKeys: [], checks: [] }
  const names = c.columns.map((x) => x.name)
  const m = compileTableMasker(t, { table: { name: 'bench' }, columns: Object.entries(c.specs).map(([col, mask]) => ({ column: col, mask, source: 'rule' as const, reason: 'pin' })) }, key)
  const h = createHash('sha256')
  let cpu = 0
  for (let s = 0; s < n; s += BATCH) {
    const rows: Value[][] = []
    for (let i = s; i < Math.min(n, s + BATCH); i++) rows.push(c.row(i))
    const c0 = process.cpuUsage()
    const out = m.mask({ columns: names, rows })
    const c1 = process.cpuUsage(c0)
    cpu += (c1.user + c1.system) / 1000
    for (const r of out.rows) h.update(`${r.map(show).join('\t')}\n`)
  }
  process.stdout.write(`${c.name.padEnd(36)} ${h.digest('hex').slice(0, 16)} ${((cpu * 1e6) / (n * (c.perRow ?? 1))).toFixed(0).padStart(6)} ns\n`)
}
