import { ddlParser } from '../../adapters/index.js'
import { buildPlan } from '../../src/plan/build-plan.js'
import { generateBatches } from '../../src/generate/index.js'
import { W2_POSTGRES, W1_POSTGRES } from '../../bench/support/schemas.js'
for (const ddl of [W1_POSTGRES, W2_POSTGRES]) {
const parse = await ddlParser('postgres')
const intro = await parse(ddl)
const plan = buildPlan(intro.model, { rows: 1_000_000, seed: 42 })
for (const c of plan.steps[0]!.columns) console.log(c.column, JSON.stringify(c.generator).slice(0, 150), c.nullRate)
let t = performance.now(); let n = 0
for (const b of generateBatches(plan, plan.steps[0]!, {})) { n += b.rows.length; if (n === 10000) console.log(b.rows[0], b.rows[1]) }
console.log(n, ((performance.now() - t) / 1000).toFixed(2), 's')
}
