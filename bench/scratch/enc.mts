import { planOfDdl } from '../support/tdg.js'
import { W2_POSTGRES } from '../support/schemas.js'
import { generateBatches } from '../../src/generate/index.js'
import { copyChunks } from '../../adapters/postgres/copy-text.js'
const plan = await planOfDdl('postgres', W2_POSTGRES, 100000)
const rows: any[][] = []
for (const b of generateBatches(plan, plan.steps[0]!)) rows.push(...b.rows)
const json = new Array(10).fill(false)
const NE = /[\\\n\r\t]/
function esc(s: string) { return NE.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => '\\' + c) : s }
function fieldOf(v: any) { return typeof v === 'string' ? esc(v) : typeof v === 'number' ? String(v) : v === null ? '\\N' : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v) }
async function* src() { for (let i = 0; i < 10; i++) for (let k = 0; k < rows.length; k += 10000) yield rows.slice(k, k + 10000) }
function perField() {
  let buf = Buffer.allocUnsafe(1 << 20); let off = 0; let bytes = 0
  for (let i = 0; i < 10; i++) for (const row of rows) {
    if (off + 4096 > buf.length) { bytes += off; buf = Buffer.allocUnsafe(1 << 20); off = 0 }
    for (let c = 0; c < 10; c++) { const f = fieldOf(row[c]); off += buf.utf8Write(f, off); buf[off++] = c === 9 ? 10 : 9 }
  }
  return bytes + off
}
function perFieldLatin() {
  let buf = Buffer.allocUnsafe(1 << 20); let off = 0; let bytes = 0
  for (let i = 0; i < 10; i++) for (const row of rows) {
    if (off + 4096 > buf.length) { bytes += off; buf = Buffer.allocUnsafe(1 << 20); off = 0 }
    for (let c = 0; c < 10; c++) { const f = fieldOf(row[c]); 
      const n = f.length
      if (n < 64) { let ok = true; for (let j = 0; j < n; j++) { const ch = f.charCodeAt(j); if (ch > 127) { ok = false; break } buf[off + j] = ch } if (ok) off += n; else off += buf.utf8Write(f, off) }
      else off += buf.utf8Write(f, off)
      buf[off++] = c === 9 ? 10 : 9 }
  }
  return bytes + off
}
function perRowJoin() {
  let buf = Buffer.allocUnsafe(1 << 20); let off = 0; let bytes = 0
  for (let i = 0; i < 10; i++) for (const row of rows) {
    let line = fieldOf(row[0]); for (let c = 1; c < 10; c++) line += '\t' + fieldOf(row[c]); line += '\n'
    if (off + line.length * 3 > buf.length) { bytes += off; buf = Buffer.allocUnsafe(1 << 20); off = 0 }
    off += buf.utf8Write(line, off)
  }
  return bytes + off
}
for (let rep = 0; rep < 1; rep++) {
  for (const [name, fn] of [['current', async () => { let n = 0; for await (const c of copyChunks(src(), json, () => {})) n += c.length; return n }], ['perField', perField], ['perFieldLatin', perFieldLatin], ['perRow', perRowJoin]] as const) {
    const c0 = process.cpuUsage(); const t0 = performance.now()
    const n = await (fn as any)()
    const c = process.cpuUsage(c0)
    console.log(name.padEnd(14), 'wall', (performance.now() - t0).toFixed(0), 'cpu', ((c.user + c.system) / 1000).toFixed(0), 'bytes', n)
  }
}
