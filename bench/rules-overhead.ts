/**
 * Issue 5's benchmark: how much the rules engine adds to generation time. The rules fixture schema
 * (test/fixtures/postgres/rules-shop.sql) is generated twice, rows built and dropped, no database:
 * with test/fixtures/rules/custom_rules.yaml, and with tdg's built-in choices for the SAME row counts
 * (the rules' fan-out decides the order count; the plain plan is given exactly those counts).
 * Reported as time per million rows of each and the ratio; target: rules add at most 20 %.
 */
import { readFileSync } from 'node:fs'
import type { Plan } from '../src/model/plan.js'
import { buildPlan } from '../src/plan/build-plan.js'
import { loadRules } from '../src/rules/load.js'
import { ddlParser } from '../adapters/index.js'
import { generateAndDrop } from './support/tdg.js'
import { BENCH_SEED } from './support/schemas.js'
import { timed } from './support/measure.js'

export interface RulesOverhead {
  customers: number
  rows: number
  plainMs: number
  rulesMs: number
  /** rulesMs / plainMs per row; target ≤ 1.2. */
  ratio: number
}

/** Generate `customers` customers (and their fanned-out orders) with and without rules; best of `runs`. */
export async function rulesOverhead(root: string, customers: number, runs = 3): Promise<RulesOverhead> {
  const parse = await ddlParser('postgres')
  const { model } = await parse(readFileSync(`${root}/test/fixtures/postgres/rules-shop.sql`, 'utf8'))
  const rules = loadRules(`${root}/test/fixtures/rules/custom_rules.yaml`)
  const withRules = buildPlan(model, { rows: customers, rowsPerTable: { customers }, seed: BENCH_SEED, rules })
  const counts = Object.fromEntries(withRules.steps.map((s) => [s.id, s.rows]))
  const plain = buildPlan(model, { rows: customers, rowsPerTable: counts, seed: BENCH_SEED })
  const total = (p: Plan) => p.steps.reduce((n, s) => n + s.rows, 0)
  if (total(plain) !== total(withRules)) throw new Error(`row counts differ: ${total(plain)} vs ${total(withRules)}`)
  let plainMs = Infinity
  let rulesMs = Infinity
  // Alternate the two so machine load hits both alike; fresh plans each time so pools are rebuilt alike.
  for (let r = 0; r < runs; r++) {
    plainMs = Math.min(plainMs, (await timed(() => generateAndDrop(buildPlan(model, { rows: customers, rowsPerTable: counts, seed: BENCH_SEED })))).ms)
    rulesMs = Math.min(rulesMs, (await timed(() => generateAndDrop(buildPlan(model, { rows: customers, rowsPerTable: { customers }, seed: BENCH_SEED, rules })))).ms)
  }
  return { customers, rows: total(plain), plainMs, rulesMs, ratio: rulesMs / plainMs }
}
