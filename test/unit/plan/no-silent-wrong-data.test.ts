/**
 * The planner refuses (TDG_PLAN_UNSATISFIABLE / TDG_TABLE_NOT_FOUND) or caps with a note instead of
 * planning rows that break the schema: NOT NULL columns of types tdg cannot generate, CHECKs naming
 * missing columns, keys outside their CHECK or type range, FKs to tables that do not exist, unknown
 * tables in per-table counts, and disjunctions (one branch kept, or refused unless a rule covers them).
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { rulesFromObject } from '../../../src/rules/load.js'
import type { CheckConstraint, Column } from '../../../src/model/schema.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import { check, col, fk, int, model, table, varchar, thrown } from './model-builders.js'

const sqlCheck = (expression: string, name?: string): CheckConstraint => ({ ...(name ? { name } : {}), expression, ...analyzeCheck(expression) })
const unknown = (native: string): Column['type'] => ({ kind: 'unknown', native })

describe('NOT NULL columns tdg cannot generate', () => {
  const t = (extra: Partial<Column> = {}) => table('t', [col('id', int()), col('x', unknown('frobnicate'), extra)], { primaryKey: { columns: ['id'] } })

  it('refuses a NOT NULL column of an unknown type, naming table.column and the type', () => {
    const e = thrown(() => buildPlan(model([t()]), { rows: 5, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.exitCode).toBe(4)
    expect(e.message).toMatch(/^t\.x is NOT NULL of type 'unknown'/)
  })

  it('leaves it to a DEFAULT, writes NULL when nullable, and lets a rule cover it', () => {
    const withDefault = buildPlan(model([t({ default: { kind: 'expression', sql: 'f()' } })]), { rows: 5, seed: 1 })
    expect(withDefault.steps[0]!.columns[1]).toMatchObject({ column: 'x', omit: 'default' })
    const nullable = buildPlan(model([t({ nullable: true })]), { rows: 5, seed: 1 })
    expect(nullable.steps[0]!.columns[1]!.generator).toEqual({ kind: 'null' })
    const rules = rulesFromObject({ tables: { t: { columns: { x: { constant: '(1,a)' } } } } })
    const ruled = buildPlan(model([t()]), { rows: 5, seed: 1, rules })
    expect(ruled.steps[0]!.columns[1]!.generator).toEqual({ kind: 'constant', value: '(1,a)' })
  })

  it('refuses a CHECK that names a column the table does not have', () => {
    const m = model([table('t', [col('id', int())], { checks: [sqlCheck('nosuch > 0', 't_chk')] })])
    const e = thrown(() => buildPlan(m, { rows: 5, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toBe("CHECK t_chk on t names column 'nosuch', which t does not have")
  })
})

describe('keys respect their CHECK and type range', () => {
  const keyed = (type = int(2), checks: CheckConstraint[] = [sqlCheck('id BETWEEN 1 AND 3')], extra: Partial<Column> = {}) =>
    model([table('k', [col('id', type, extra), col('name', varchar(10))], { primaryKey: { columns: ['id'] }, checks })])

  it('caps the count at the values the CHECK allows, with a note', () => {
    const p = buildPlan(keyed(), { rows: 5, seed: 1 })
    expect(p.steps[0]!.rows).toBe(3)
    expect(p.steps[0]!.keys).toEqual([{ column: 'id', start: 1, step: 1, last: 3 }])
    expect(p.issues).toContainEqual(expect.objectContaining({ code: 'ROWS_CAPPED', message: 'k: 5 rows requested, capped at 3: key id has only 3 values within its type and CHECKs' }))
  })

  it('starts at the CHECK lower bound, after existing keys, and caps to 0 when the range is used up', () => {
    const p = buildPlan(keyed(int(4), [sqlCheck('id >= 100 AND id < 103')], { identity: { kind: 'always' } }), { rows: 5, seed: 1 })
    expect(p.steps[0]!.keys).toEqual([{ column: 'id', start: 100, step: 1, last: 102 }])
    const after = buildPlan(keyed(), { rows: 5, seed: 1, identityStart: { k: 3 } })
    expect(after.steps[0]!.rows).toBe(0)
    expect(after.issues.find((i) => i.code === 'ROWS_CAPPED')?.message).toMatch(/no values left/)
  })

  it('caps a key at its type range (smallint: 32767)', () => {
    const p = buildPlan(keyed(int(2), []), { rows: 40_000, seed: 1 })
    expect(p.steps[0]!.rows).toBe(32_767)
  })

  it('takes distinct values from an IN list on a key', () => {
    const p = buildPlan(keyed(int(4), [sqlCheck('id IN (7, 9)')], { identity: { kind: 'serial' } }), { rows: 5, seed: 1 })
    expect(p.steps[0]!.rows).toBe(2)
    expect(p.steps[0]!.columns[0]).toMatchObject({ generator: { kind: 'choice', values: [7, 9] }, pick: { kind: 'row' } })
  })
})

describe('foreign keys to a table that is not in the schema', () => {
  const child = (nullable: boolean) => model([table('c', [col('id', int()), col('p', int(), { nullable })], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['p'], 'nosuch', ['id'])] })], 'sqlite')

  it('refuses NOT NULL ones, naming the FK', () => {
    const e = thrown(() => buildPlan(child(false), { rows: 5, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toBe('foreign key c(p) references nosuch, which is not in the schema: its NOT NULL values would point nowhere')
  })

  it('writes NULL into nullable ones, with a note', () => {
    const p = buildPlan(child(true), { rows: 5, seed: 1 })
    expect(p.steps[0]!.columns[1]!.generator).toEqual({ kind: 'null' })
    expect(p.issues).toContainEqual(expect.objectContaining({ code: 'FK_UNRESOLVED', table: 'c', column: 'p' }))
  })
})

describe('unknown tables in per-table counts', () => {
  const m = model([table('a', [col('id', int())], { primaryKey: { columns: ['id'] } }), table('b', [col('id', int())], { primaryKey: { columns: ['id'] } })])

  it('refuses rowsPerTable and tables naming no table', () => {
    const e = thrown(() => buildPlan(m, { rows: 5, seed: 1, rowsPerTable: { nosuch: 5 } }))
    expect(e.code).toBe('TDG_TABLE_NOT_FOUND')
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe("rows per table: table 'nosuch' is not in the schema")
    expect(thrown(() => buildPlan(m, { rows: 5, seed: 1, tables: ['nosuch'] })).message).toBe("tables: table 'nosuch' is not in the schema")
  })

  it('matches names case-insensitively', () => {
    const p = buildPlan(m, { rows: 5, seed: 1, rowsPerTable: { B: 2 } })
    expect(p.steps.find((s) => s.id === 'b')!.rows).toBe(2)
  })
})

describe('disjunctions', () => {
  const t = (...checks: CheckConstraint[]) => model([table('d', [col('id', int()), col('x', varchar(20), { nullable: true }), col('n', int())], { primaryKey: { columns: ['id'] }, checks })])

  it('generates by the first branch that the other CHECKs leave satisfiable, with a note', () => {
    const p = buildPlan(t(sqlCheck("x IS NULL OR x LIKE '%a%' OR x LIKE '%b%'", 'x_chk'), sqlCheck('n > 50', 'n_min'), sqlCheck('n < 10 OR n BETWEEN 60 AND 70', 'n_chk')), { rows: 5, seed: 1 })
    const cols = p.steps[0]!.columns
    expect(cols[1]!.generator).toMatchObject({ kind: 'like', pattern: '%a%' })
    expect(cols[2]!.generator).toMatchObject({ kind: 'number', min: 60, max: 70 })
    expect(p.issues.map((i) => i.message)).toContain('CHECK n_chk on d: a disjunction: values are generated by its branch 2 of 2 (n >= 60 AND n <= 70)')
  })

  it('refuses a disjunction it does not understand, unless a rule covers its columns', () => {
    const m = t(sqlCheck("x IS NULL OR x ~ '^a' OR x LIKE 'b%'", 'x_re'))
    const e = thrown(() => buildPlan(m, { rows: 5, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toBe('CHECK x_re on d is a disjunction tdg cannot satisfy by construction: give d.x a rule')
    const rules = rulesFromObject({ tables: { d: { columns: { x: { values: ['apple', 'bee'] } } } } })
    expect(buildPlan(m, { rows: 5, seed: 1, rules }).steps[0]!.columns[1]!.generator).toMatchObject({ kind: 'weighted' })
  })

  it('refuses any other CHECK it does not understand, naming it and the column to give a rule', () => {
    expect(() => buildPlan(t(sqlCheck('mod(n, 7) <> 3', 'n_mod')), { rows: 5, seed: 1 })).toThrow(
      'CHECK n_mod on d is not understood, so tdg cannot keep it by construction: give d.n a rule',
    )
  })
})

it('check() builder shapes still plan (sanity)', () => {
  const p = buildPlan(model([table('s', [col('id', int()), col('v', int())], { primaryKey: { columns: ['id'] }, checks: [check('v_pos', { kind: 'compare', column: 'v', op: '>', value: 0 })] })]), { rows: 3, seed: 1 })
  expect(p.steps[0]!.rows).toBe(3)
})
