import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePostgresDdl } from '../../../src/ddl/postgres/parse.js'
import { postgresDialect } from '../../../adapters/postgres/dialect.js'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { generateBatches, fixupBatches } from '../../../src/generate/row-generator.js'
import { missingPhase, parseShard, parseShardCount, shardPhases, shardPlanLines, shardRange, shardSelection } from '../../../src/plan/shard.js'
import { isTdgError } from '../../../src/errors.js'
import type { Plan } from '../../../src/model/plan.js'

const model = (await parsePostgresDdl(readFileSync('test/fixtures/shard-postgres.sql', 'utf8'), { file: 'shard-postgres.sql', dialect: postgresDialect })).model
const plan = (rows = 37): Plan => buildPlan(model, { rows, seed: 5, now: 1_767_225_600 })

function usage(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (isTdgError(e) && e.code === 'TDG_USAGE') return e.message
    throw e
  }
  throw new Error('no error')
}

describe('parseShard', () => {
  it('reads i/N with 1 ≤ i ≤ N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 })
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 })
  })
  it('says what is wrong, naming the value', () => {
    expect(usage(() => parseShard('3/2'))).toMatch(/'3\/2'.*between 1 and 2/)
    expect(usage(() => parseShard('0/2'))).toMatch(/'0\/2'.*between 1 and 2/)
    expect(usage(() => parseShard('1/0'))).toMatch(/at least 1/)
    expect(usage(() => parseShard('x'))).toMatch(/'x' is not i\/N/)
    expect(usage(() => parseShard('1.5/2'))).toMatch(/not i\/N/)
    expect(usage(() => parseShardCount('0'))).toMatch(/shard count/)
    expect(parseShardCount('4')).toBe(4)
  })
})

describe('shardRange', () => {
  it('covers [0, rows) exactly once, in contiguous slices differing by at most one row', () => {
    for (const rows of [0, 1, 2, 7, 100, 1001])
      for (const count of [1, 2, 3, 4, 7]) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(rows, { index: i + 1, count }))
        expect(ranges[0]!.start).toBe(0)
        expect(ranges[count - 1]!.end).toBe(rows)
        for (let i = 1; i < count; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end)
        const sizes = ranges.map((r) => r.end - r.start)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
      }
  })
})

describe('shardPhases', () => {
  it('puts each step one phase after its deepest inline parent, cut FKs and self-references aside, then finish', () => {
    const phases = shardPhases(plan())
    expect(phases.map((p) => p.name)).toEqual(['1', '2', '3', 'finish'])
    expect(phases[0]!.steps.sort()).toEqual(['public.dept', 'public.region'])
    expect(phases[1]!.steps.sort()).toEqual(['public.customer', 'public.emp'])
    expect(phases[2]!.steps).toEqual(['public.order_line'])
    expect(phases[3]!.steps).toEqual([])
  })

  it('refuses a NOT NULL cycle (rows that must share one transaction), naming it', async () => {
    const cyclic = (await parsePostgresDdl(
      'CREATE TABLE a (id int PRIMARY KEY, b_id int NOT NULL); CREATE TABLE b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES a (id)); ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id) DEFERRABLE;',
      { file: 'c.sql', dialect: postgresDialect },
    )).model
    expect(usage(() => shardPhases(buildPlan(cyclic, { rows: 3, seed: 1, now: 0 })))).toMatch(/NOT NULL cycle public\.a → public\.b → public\.a/)
  })
})

describe('shardSelection', () => {
  it('gives the union of the shards exactly the rows of one run, each row once', () => {
    const p = plan()
    for (const count of [1, 2, 3, 4]) {
      const phases = shardPhases(p)
      for (const step of p.steps) {
        const phase = phases.find((ph) => ph.steps.includes(step.id))!
        const union: unknown[] = []
        for (let index = 1; index <= count; index++) {
          const r = shardSelection(p, { index, count }, phase.name).steps[step.id]!
          for (const b of generateBatches(p, step, { ...r, batchSize: 5 })) union.push(...b.rows)
          // No other phase writes the step.
          for (const other of phases) if (other !== phase) expect(shardSelection(p, { index, count }, other.name).steps[step.id]).toBeUndefined()
        }
        expect(union).toEqual([...generateBatches(p, step)].flatMap((b) => b.rows))
      }
      const fixed: unknown[] = []
      for (let index = 1; index <= count; index++) {
        const sel = shardSelection(p, { index, count }, 'finish')
        expect(sel.syncIdentity).toBe(index === 1)
        expect(Object.keys(sel.steps)).toEqual([])
        for (const [i, r] of Object.entries(sel.fixups)) for (const b of fixupBatches(p, p.fixups[Number(i)]!, r)) fixed.push(...b.rows)
      }
      expect(fixed).toEqual(p.fixups.flatMap((f) => [...fixupBatches(p, f)].flatMap((b) => b.rows)))
      expect(fixed.length).toBeGreaterThan(0)
    }
  })

  it('writes a self-referencing step whole in one shard (its rows point to earlier rows)', () => {
    const p = plan()
    const owners = [1, 2, 3].map((index) => shardSelection(p, { index, count: 3 }, '2').steps['public.customer']!)
    expect(owners.filter((r) => r.end > r.start)).toEqual([{ start: 0, end: 37 }])
    expect(shardSelection(p, { index: 2, count: 3 }, '2').steps['public.emp']).toEqual({ start: 12, end: 24 })
  })

  it('names the phases when --phase is wrong or missing', () => {
    expect(usage(() => shardSelection(plan(), { index: 1, count: 2 }, '9'))).toMatch(/--phase '9' is not a phase of this plan; its phases are 1, 2, 3, finish/)
    expect(missingPhase(plan()).message).toMatch(/--shard needs --phase: this plan has 4 phases \(1, 2, 3, finish\)/)
  })

  it('lists every phase with each shard’s row ranges for tdg plan --shard N', () => {
    const lines = shardPlanLines(plan(10), 2)
    expect(lines).toContain('  phase 1:')
    expect(lines).toContain('    1/2: public.emp rows 0–4; public.customer rows 0–9 (whole: self-reference)')
    expect(lines).toContain('    2/2: public.emp rows 5–9')
    expect(lines).toContain('    1/2: public.dept rows 0–4; public.region rows 0–4')
    expect(lines).toContain('    2/2: fixup public.dept.head_id rows 5–9')
  })
})
