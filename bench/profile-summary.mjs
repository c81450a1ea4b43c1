// Summarise a .cpuprofile (node --cpu-prof): self time per function and per file, top N.
// Usage: node bench/profile-summary.mjs file.cpuprofile [N]
import { readFileSync } from 'node:fs'
const [file, n = '25'] = process.argv.slice(2)
const prof = JSON.parse(readFileSync(file, 'utf8'))
const byId = new Map(prof.nodes.map((x) => [x.id, x]))
const self = new Map()
const dt = prof.timeDeltas
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0))
const fn = new Map(), files = new Map()
let total = 0
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame
  const url = cf.url.replace(/^.*\/(node_modules\/[^/]+|dist-bench\/)/, '$1')
  const k = `${cf.functionName || '(anon)'} ${url}:${cf.lineNumber + 1}`
  fn.set(k, (fn.get(k) ?? 0) + us)
  files.set(url || cf.functionName, (files.get(url || cf.functionName) ?? 0) + us)
  total += us
}
const top = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(n)).map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms ${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`).join('\n')
console.log(`total ${(total / 1000).toFixed(0)} ms\n-- functions\n${top(fn)}\n-- files\n${top(files)}`)
