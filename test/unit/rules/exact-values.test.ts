/**
 * Rule values reach the column exactly and never break its CHECKs: bigint and decimal values beyond a
 * double stay decimal text (rules → plan JSON → generator), out-of-range values and values breaking a
 * CHECK (bounds, IN, LIKE, disjunctions; in values, weights, constant) are TDG_RULES_INVALID at file:line.
 */
import { describe, expect, it } from 'vitest'
import { parseRules } from '../../../src/rules/load.js'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { rowStream } from '../../../src/generate/index.js'
import { compareDecimal, decimalText } from '../../../src/rules/exact-value.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import { isTdgError } from '../../../src/errors.js'
import type { CheckConstraint, SchemaModel } from '../../../src/model/schema.js'
import { col, int, model, table } from '../plan/model-builders.js'

const chk = (name: string, expression: string): CheckConstraint => ({ name, expression, ...analyzeCheck(expression) })

function schema(): SchemaModel {
  return model([
    table(
      't',
      [
        col('id', int()),
        col('b', int(8), { nativeType: 'bigint' }),
        col('n', { kind: 'decimal', precision: 38, scale: 10 }, { nativeType: 'numeric(38,10)' }),
        col('s', int(), { nativeType: 'integer' }),
        col('code', { kind: 'string', maxLength: 10 }, { nativeType: 'varchar(10)', nullable: true }),
      ],
      { primaryKey: { columns: ['id'] }, checks: [chk('s_range', 's BETWEEN 1 AND 99'), chk('code_shape', "code IS NULL OR code LIKE 'A%' OR code LIKE 'B%'")] },
    ),
  ])
}

async function rowsOf(rulesYaml: string, n = 4): Promise<unknown[][]> {
  const plan = buildPlan(schema(), { rows: n, seed: 1, rules: parseRules(rulesYaml, 'r.yaml') })
  // The plan is plain JSON: a round trip keeps every exact value.
  const again = JSON.parse(JSON.stringify(plan)) as typeof plan
  const out: unknown[][] = []
  for await (const batch of rowStream(again, again.steps[0]!)) out.push(...batch.rows)
  return out
}

function rulesError(yaml: string): string {
  try {
    buildPlan(schema(), { rows: 4, seed: 1, rules: parseRules(yaml, 'r.yaml') })
  } catch (e) {
    if (isTdgError(e) && e.code === 'TDG_RULES_INVALID') return e.message
    throw e
  }
  throw new Error('expected TDG_RULES_INVALID')
}

describe('exact numbers', () => {
  it('normalises decimal text and compares it exactly', () => {
    expect(decimalText('+0012.500')).toBe('12.5')
    expect(decimalText('1e3')).toBe('1000')
    expect(decimalText('-0.0')).toBe('0')
    expect(decimalText('abc')).toBeUndefined()
    expect(compareDecimal('9223372036854775807', '9223372036854775806')).toBe(1)
    expect(compareDecimal('-1.05', '-1.5')).toBe(1)
  })

  it('keeps bigint and numeric(38,10) values exact, quoted or not, through the plan and generator', async () => {
    const rows = await rowsOf(`tables:
  t:
    columns:
      b: { values: ["9223372036854775807", -9223372036854775808] }
      n: { constant: 1234567890123456789012345678.0123456789 }
      s: { values: [5] }
`)
    const bs = new Set(rows.map((r) => r[1]))
    expect([...bs].every((v) => v === '9223372036854775807' || v === '-9223372036854775808')).toBe(true)
    expect(rows.map((r) => r[2])).toEqual(Array(4).fill('1234567890123456789012345678.0123456789'))
    // Values a double holds exactly stay numbers.
    expect(rows.map((r) => r[3])).toEqual([5, 5, 5, 5])
  })

  it('refuses values out of the type range or beyond the declared scale', () => {
    expect(rulesError('tables:\n  t:\n    columns:\n      b: { values: ["9223372036854775808"] }\n')).toBe(
      'r.yaml:4: tables.t.columns.b.values[0]: t.b: 9223372036854775808 is out of the range of bigint (-9223372036854775808..9223372036854775807)',
    )
    expect(rulesError('tables:\n  t:\n    columns:\n      n: { constant: 1.00000000001 }\n')).toMatch(/more than 10 decimal places/)
    expect(rulesError('tables:\n  t:\n    columns:\n      s: { values: [2.5] }\n')).toMatch(/2\.5 is not a whole number/)
  })

  it('refuses a range bound a double cannot hold', () => {
    expect(rulesError('tables:\n  t:\n    columns:\n      b: { range: { min: 0, max: "9223372036854775807" } }\n')).toMatch(/tables\.t\.columns\.b\.range\.max: .*cannot be drawn exactly/)
  })
})

describe('rule values must keep the CHECKs', () => {
  it('values, weighted values and constants outside a BETWEEN are refused, naming the CHECK', () => {
    expect(rulesError('tables:\n  t:\n    columns:\n      s: { values: [0, 150] }\n')).toBe('r.yaml:4: tables.t.columns.s.values[0]: t.s: 0 is not allowed by its CHECK s_range (s BETWEEN 1 AND 99)')
    expect(rulesError('tables:\n  t:\n    columns:\n      s: { values: [5, 150], weights: [9, 1] }\n')).toMatch(/values\[1\]: t\.s: 150 is not allowed by its CHECK s_range/)
    expect(rulesError('tables:\n  t:\n    columns:\n      s:\n        constant: 100\n')).toBe('r.yaml:5: tables.t.columns.s.constant: t.s: 100 is not allowed by its CHECK s_range (s BETWEEN 1 AND 99)')
  })

  it('a value must fit one branch of a disjunction', async () => {
    expect(rulesError("tables:\n  t:\n    columns:\n      code: { values: ['A1', 'C1'] }\n")).toMatch(/values\[1\]: t\.code: 'C1' is not allowed by its CHECK code_shape \(\(code LIKE 'A%'\) OR \(code LIKE 'B%'\)\)/)
    const rows = await rowsOf("tables:\n  t:\n    columns:\n      code: { values: ['A1', 'B2'] }\n")
    expect(rows.every((r) => r[4] === 'A1' || r[4] === 'B2')).toBe(true)
  })
})
