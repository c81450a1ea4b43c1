/**
 * `PlanOptions.rowOffset`: rows already in a table use up its unique domains (capacity, caps) and unique
 * picks count past them, except FK picks (a child picks among this run's new parents) and plan keys.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { capacity, type Assignment, type Unit } from '../../../src/plan/uniqueness.js'
import type { FkEdge } from '../../../src/plan/fk-graph.js'
import type { Plan } from '../../../src/model/plan.js'
import { compiledStep } from '../../../src/generate/index.js'
import { parseRules } from '../../../src/rules/load.js'
import { check, col, fk, int, model, table, varchar } from './model-builders.js'

const step = (p: Plan, id: string) => p.steps.find((s) => s.id === id)!
const colPlan = (p: Plan, t: string, c: string) => step(p, t).columns.find((x) => x.column === c)!

const unit = (id: string, size: number, extra: Partial<Unit> = {}): Unit => ({ id, columns: [id], size, inherent: false, free: true, ...extra })
const noRows = () => 0

describe('capacity counts the rows already there', () => {
  it('a unique domain of 100 values with 80 rows present holds 20 more, and none past it', () => {
    const a: Assignment = { kind: 'row', unit: unit('code', 100), constraint: ['code'] }
    expect(capacity(a, noRows)).toBe(100)
    expect(capacity(a, noRows, 80)).toBe(20)
    expect(capacity(a, noRows, 100)).toBe(0)
    expect(capacity(a, noRows, 150)).toBe(0)
  })

  it('a mixed-radix composite without FKs counts them against the product of its digits', () => {
    const a: Assignment = { kind: 'radix', units: [unit('region', 4), unit('seq', 10)], constraint: ['region', 'seq'] }
    expect(capacity(a, noRows, 15)).toBe(25)
  })

  it('ignores them where the tuple holds this run\'s new parents (FK units) or a plan key', () => {
    const edge = { parent: 'users', self: false } as FkEdge
    const rows = (t: string) => (t === 'users' ? 30 : 0)
    const oneToOne: Assignment = { kind: 'row', unit: unit('fk:u', 0, { fk: edge }), constraint: ['user_id'] }
    const composite: Assignment = { kind: 'radix', units: [unit('fk:u', 0, { fk: edge }), unit('flag', 2)], constraint: ['user_id', 'flag'] }
    const key: Assignment = { kind: 'row', unit: unit('id', 1000, { key: true }), constraint: ['id'] }
    expect(capacity(oneToOne, rows, 30)).toBe(30)
    expect(capacity(composite, rows, 60)).toBe(60)
    expect(capacity(key, rows, 500)).toBe(1000)
  })
})

const accounts = () =>
  model([
    table(
      'accounts',
      [
        col('id', int(), { identity: { kind: 'by-default' } }),
        col('email', varchar(120)),
        col('code', int()),
        col('region', { kind: 'enum', values: ['n', 's', 'e', 'w'] }),
        col('seq', int(2)),
        col('ref', { kind: 'uuid' }),
      ],
      {
        primaryKey: { columns: ['id'] },
        uniques: [{ columns: ['email'] }, { columns: ['code'] }, { columns: ['region', 'seq'] }, { columns: ['ref'] }],
        checks: [check('c', { kind: 'between', column: 'code', min: 1, max: 100 })],
      },
    ),
    table('profiles', [col('account_id', int()), col('nick', varchar(40))], { uniques: [{ columns: ['account_id'] }], foreignKeys: [fk(['account_id'], 'accounts', ['id'])] }),
    table('grants', [col('account_id', int()), col('flag', { kind: 'boolean' })], { primaryKey: { columns: ['account_id', 'flag'] }, foreignKeys: [fk(['account_id'], 'accounts', ['id'])] }),
  ])

describe('buildPlan with rowOffset', () => {
  it('caps a unique domain at what the rows already there leave, and says so', () => {
    const p = buildPlan(accounts(), { rows: 50, seed: 1, rowOffset: { accounts: 80 } })
    expect(step(p, 'accounts').rows).toBe(20)
    expect(step(p, 'accounts').rowOffset).toBe(80)
    const issue = p.issues.find((i) => i.code === 'ROWS_CAPPED' && i.table === 'accounts')
    expect(issue?.message).toBe('accounts: 50 rows requested, capped at 20: UNIQUE (code) has only 100 distinct values and 80 rows are already there')
  })

  it('puts the offset on unique value picks, not on FK picks nor the key', () => {
    const p = buildPlan(accounts(), { rows: 20, seed: 1, rowOffset: { accounts: 40, profiles: 40, grants: 80 }, identityStart: { accounts: 40 } })
    expect(colPlan(p, 'accounts', 'id').pick).toEqual({ kind: 'row' })
    expect(colPlan(p, 'accounts', 'email').pick).toEqual({ kind: 'row', offset: 40 })
    expect(colPlan(p, 'accounts', 'region').pick).toEqual({ kind: 'digit', below: 1, radix: 4, offset: 40 })
    expect(colPlan(p, 'accounts', 'seq').pick).toEqual({ kind: 'digit', below: 4, offset: 40 })
    expect(colPlan(p, 'accounts', 'ref').pick).toEqual({ kind: 'row', offset: 40 })
    expect(colPlan(p, 'profiles', 'account_id').pick).toEqual({ kind: 'row' })
    // (FK, flag): every tuple holds a new account, so the composite neither counts nor shifts the old rows.
    expect(colPlan(p, 'grants', 'account_id').pick).toEqual({ kind: 'digit', below: 1, radix: 20 })
    expect(colPlan(p, 'grants', 'flag').pick).toEqual({ kind: 'digit', below: 20 })
    expect(step(p, 'grants').rows).toBe(20)
  })

  it('gives the appended rows unique values the first run (same seed) never produced', () => {
    const first = buildPlan(accounts(), { rows: 40, seed: 7 })
    const appended = buildPlan(accounts(), { rows: 20, seed: 7, rowOffset: { accounts: 40 }, identityStart: { accounts: 40 } })
    const values = (p: Plan, n: number, cols: string[]) => {
      const cs = cols.map((c) => compiledStep(p, 'accounts').column(c))
      return Array.from({ length: n }, (_, i) => JSON.stringify(cs.map((c) => c.value(i))))
    }
    for (const cols of [['email'], ['code'], ['region', 'seq'], ['ref']]) {
      const old = new Set(values(first, 40, cols))
      const added = values(appended, 20, cols)
      expect(new Set(added).size, cols.join()).toBe(20)
      expect(added.filter((v) => old.has(v)), cols.join()).toEqual([])
    }
    // Without the offset the same seed repeats them: what the offset is for.
    const again = values(buildPlan(accounts(), { rows: 20, seed: 7 }), 20, ['email'])
    expect(again.every((v) => new Set(values(first, 40, ['email'])).has(v))).toBe(true)
    // The 1:1 child still points at this run's parents, row by row.
    const child = compiledStep(appended, 'profiles').column('account_id')
    expect(Array.from({ length: 20 }, (_, i) => child.parentIndex!(i))).toEqual(Array.from({ length: 20 }, (_, i) => i))
    expect(child.value(0)).toBe(41)
  })

  it('rule columns too: a sequence continues after the rows there, a unique regex takes new values', () => {
    const rules = parseRules('tables:\n  accounts:\n    columns:\n      code: { sequence: { start: 1 } }\n      email: { regex: "[a-h][0-9]", unique: true }\n', 'rules.yaml')
    const first = buildPlan(accounts(), { rows: 40, seed: 7, rules })
    const appended = buildPlan(accounts(), { rows: 20, seed: 7, rules, rowOffset: { accounts: 40 } })
    const code = (p: Plan, i: number) => compiledStep(p, 'accounts').column('code').value(i)
    expect([code(first, 0), code(first, 39)]).toEqual([1, 40])
    expect([code(appended, 0), code(appended, 19)]).toEqual([41, 60])
    const codes = (p: Plan, n: number) => Array.from({ length: n }, (_, i) => compiledStep(p, 'accounts').column('email').value(i))
    const old = new Set(codes(first, 40))
    const added = codes(appended, 20)
    expect(new Set(added).size).toBe(20)
    expect(added.filter((v) => old.has(v))).toEqual([])
  })

  it('without rows already there the plan is the one planned without the option', () => {
    expect(buildPlan(accounts(), { rows: 20, seed: 1, rowOffset: {} })).toEqual(buildPlan(accounts(), { rows: 20, seed: 1 }))
    expect(buildPlan(accounts(), { rows: 20, seed: 1, rowOffset: { accounts: 0 } })).toEqual(buildPlan(accounts(), { rows: 20, seed: 1 }))
  })
})
