import { planOfDdl } from '../support/tdg.js'
import { W2_POSTGRES } from '../support/schemas.js'
import { generateBatches } from '../../src/generate/index.js'
const N = Number(process.argv[2])
const plan = await planOfDdl('postgres', W2_POSTGRES, N)
let n = 0
for (const b of generateBatches(plan, plan.steps[0]!)) {
  n += b.rows.length
  if (n % 2_000_000 === 0) { (globalThis as any).gc(); const m = process.memoryUsage(); console.log(n, 'heapUsed', (m.heapUsed / 1e6).toFixed(0), 'rss', (m.rss / 1e6).toFixed(0), 'ext', (m.external / 1e6).toFixed(0), 'ab', (m.arrayBuffers/1e6).toFixed(0)) }
}
