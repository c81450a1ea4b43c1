import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import type { Plan } from '../../../src/model/plan.js'
import { check, col, fk, int, model, table, usersTable, varchar, thrown } from './model-builders.js'

const order = (p: Plan) => p.steps.map((s) => s.id)
const step = (p: Plan, id: string) => p.steps.find((s) => s.id === id)!
const colPlan = (p: Plan, t: string, c: string) => step(p, t).columns.find((x) => x.column === c)!

const shop = () =>
  model([
    table('order_items', [col('order_id', int()), col('line_no', int(2)), col('product_id', int())], {
      primaryKey: { columns: ['order_id', 'line_no'] },
      foreignKeys: [fk(['order_id'], 'orders', ['id']), fk(['product_id'], 'products', ['id'])],
    }),
    table('orders', [col('id', int(), { identity: { kind: 'always' } }), col('customer_id', int())], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['customer_id'], 'customers', ['id'])],
    }),
    table('products', [col('id', int(), { identity: { kind: 'always' } }), col('name', varchar(80))], { primaryKey: { columns: ['id'] } }),
    table('customers', [col('id', int(), { identity: { kind: 'always' } }), col('email', varchar(120))], { primaryKey: { columns: ['id'] } }),
  ])

describe('buildPlan: order and counts', () => {
  it('puts parents first, breaking ties by name', () => {
    expect(order(buildPlan(shop(), { rows: 10, seed: 1 }))).toEqual(['customers', 'orders', 'products', 'order_items'])
  })

  it('applies --rows everywhere and per-table overrides', () => {
    const p = buildPlan(shop(), { rows: 10, rowsPerTable: { orders: 50, order_items: 200 }, seed: 1 })
    expect(p.steps.map((s) => [s.id, s.rows])).toEqual([
      ['customers', 10],
      ['orders', 50],
      ['products', 10],
      ['order_items', 200],
    ])
  })

  it('composite PK (fk, n): FK is the fast digit, so children spread evenly over parents', () => {
    const p = buildPlan(shop(), { rows: 10, rowsPerTable: { orders: 50, order_items: 200 }, seed: 1 })
    expect(colPlan(p, 'order_items', 'order_id').pick).toEqual({ kind: 'digit', below: 1, radix: 50 })
    expect(colPlan(p, 'order_items', 'line_no').pick).toEqual({ kind: 'digit', below: 50 })
    expect(colPlan(p, 'order_items', 'product_id').pick).toEqual({ kind: 'random' })
  })

  it('is plain JSON and records generator, pick and reason per column', () => {
    const p = buildPlan(shop(), { rows: 10, seed: 'abc' })
    expect(JSON.parse(JSON.stringify(p))).toEqual(p)
    expect(p.version).toBe(1)
    expect(p.seed).toBe('abc')
    expect(colPlan(p, 'orders', 'customer_id')).toMatchObject({
      generator: { kind: 'fk', parentStep: 'customers', parentColumn: 'id', parentRows: 10 },
      reason: expect.stringContaining('customers.id'),
    })
    expect(colPlan(p, 'customers', 'email').generator).toMatchObject({ kind: 'faker', semantic: 'email', maxLength: 120 })
  })

  it('starts identity keys after identityStart and reports key ranges', () => {
    const p = buildPlan(shop(), { rows: 10, identityStart: { customers: 41 }, seed: 1 })
    expect(colPlan(p, 'customers', 'id').generator).toEqual({ kind: 'identity', start: 42, step: 1, max: 2147483647 })
    expect(step(p, 'customers').keys).toEqual([{ column: 'id', start: 42, step: 1, last: 51 }])
    expect(colPlan(p, 'orders', 'id').generator).toMatchObject({ kind: 'identity', start: 1, step: 1 })
  })

  it('adds parents that NOT NULL FKs need when only some tables are asked for', () => {
    const p = buildPlan(shop(), { rows: 5, tables: ['orders'], seed: 1 })
    expect(order(p)).toEqual(['customers', 'orders'])
    expect(p.issues).toContainEqual(expect.objectContaining({ code: 'TABLE_ADDED', table: 'customers' }))
    expect(thrown(() => buildPlan(shop(), { rows: 5, tables: ['nope'], seed: 1 })).code).toBe('TDG_TABLE_NOT_FOUND')
  })

  it('rejects negative or fractional counts', () => {
    expect(thrown(() => buildPlan(shop(), { rows: -1, seed: 1 })).code).toBe('TDG_USAGE')
    expect(thrown(() => buildPlan(shop(), { rows: 1, rowsPerTable: { orders: 1.5 }, seed: 1 })).code).toBe('TDG_USAGE')
  })

  it('fails with TDG_PLAN_UNSATISFIABLE when a NOT NULL FK parent gets 0 rows', () => {
    const e = thrown(() => buildPlan(shop(), { rows: 10, rowsPerTable: { customers: 0 }, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toMatch(/orders needs rows of customers/)
  })
})

describe('buildPlan: caps', () => {
  const capped = (p: Plan, t: string) => p.issues.find((i) => i.code === 'ROWS_CAPPED' && i.table === t)

  it('caps a 1:1 child at its parent count, transitively', () => {
    const m = model([
      usersTable(),
      table('profiles', [col('user_id', int(8))], { primaryKey: { columns: ['user_id'] }, foreignKeys: [fk(['user_id'], 'users', ['id'])] }),
      table('profile_extras', [col('profile_id', int(8))], { uniques: [{ columns: ['profile_id'] }], foreignKeys: [fk(['profile_id'], 'profiles', ['user_id'])] }),
    ])
    const p = buildPlan(m, { rows: 100, rowsPerTable: { users: 30 }, seed: 1 })
    expect(step(p, 'profiles').rows).toBe(30)
    expect(step(p, 'profile_extras').rows).toBe(30)
    expect(capped(p, 'profiles')!.message).toMatch(/100 rows requested, capped at 30: 1:1 FK \(user_id\) → users/)
    expect(colPlan(p, 'profiles', 'user_id').pick).toEqual({ kind: 'row' })
  })

  it('caps unique enum, boolean, small integer ranges and varchar(1) at their value counts', () => {
    const m = model([
      table('e', [col('k', { kind: 'enum', values: ['a', 'b', 'c'] })], { uniques: [{ columns: ['k'] }] }),
      table('b', [col('flag', { kind: 'boolean' })], { primaryKey: { columns: ['flag'] } }),
      table('t', [col('n', int(1))], { uniques: [{ columns: ['n'] }] }),
      table('u', [col('n', int(1, true))], { uniques: [{ columns: ['n'] }] }),
      table('r', [col('n', int())], { uniques: [{ columns: ['n'] }], checks: [check('c', { kind: 'between', column: 'n', min: 1, max: 10 })] }),
      table('v', [col('c', varchar(1))], { uniques: [{ columns: ['c'] }] }),
      table('combo', [col('k', { kind: 'enum', values: ['x', 'y'] }), col('flag', { kind: 'boolean' })], { uniques: [{ columns: ['k', 'flag'] }] }),
    ])
    const p = buildPlan(m, { rows: 1000, seed: 1 })
    expect(p.steps.map((s) => [s.id, s.rows])).toEqual([
      ['b', 2],
      ['combo', 4],
      ['e', 3],
      ['r', 10],
      ['t', 256],
      ['u', 256],
      ['v', 36],
    ])
    expect(capped(p, 'e')!.message).toMatch(/UNIQUE \(k\) has only 3 distinct values/)
  })

  it('rejects CHECKs that leave no value', () => {
    const m = model([table('x', [col('n', int())], { checks: [check('c', { kind: 'compare', column: 'n', op: '>', value: 5 }, { kind: 'compare', column: 'n', op: '<', value: 3 })] })])
    expect(thrown(() => buildPlan(m, { rows: 1, seed: 1 })).code).toBe('TDG_PLAN_UNSATISFIABLE')
  })
})

describe('buildPlan: cycles', () => {
  const cyc = (opts: { nullable?: boolean; deferrable?: boolean; third?: boolean }) =>
    model([
      table('a', [col('id', int()), col('b_id', int(), { nullable: opts.nullable === true })], {
        primaryKey: { columns: ['id'] },
        foreignKeys: [fk(['b_id'], 'b', ['id'], { name: 'a_b', deferrable: opts.deferrable === true })],
      }),
      table('b', [col('id', int()), col('c_id', int())], {
        primaryKey: { columns: ['id'] },
        foreignKeys: [fk(['c_id'], opts.third ? 'c' : 'a', ['id'], { name: 'b_c', deferrable: opts.deferrable === true })],
      }),
      ...(opts.third ? [table('c', [col('id', int()), col('a_id', int())], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['a_id'], 'a', ['id'], { name: 'c_a' })] })] : []),
    ])

  it('cuts a cycle at its nullable FK: NULL now, a fixup later', () => {
    const p = buildPlan(cyc({ nullable: true }), { rows: 5, seed: 1 })
    expect(order(p)).toEqual(['a', 'b'])
    expect(p.fixups).toEqual([expect.objectContaining({ step: 'a', group: 'a_b', columns: ['b_id'], keyColumns: ['id'], parent: { name: 'b' } })])
    expect(colPlan(p, 'a', 'b_id').generator).toMatchObject({ kind: 'fk', fixup: true })
    expect(p.deferred).toEqual([])
  })

  it('defers a NOT NULL cycle whose links are DEFERRABLE', () => {
    const p = buildPlan(cyc({ deferrable: true }), { rows: 5, seed: 1 })
    expect(p.fixups).toEqual([])
    expect(p.deferred.map((d) => [d.step, d.constraint, d.columns])).toEqual([
      ['a', 'a_b', ['b_id']],
      ['b', 'b_c', ['c_id']],
    ])
  })

  it('defers one NOT NULL, non-deferrable link per cycle by force, naming the cycle through it', () => {
    const p = buildPlan(cyc({ third: true }), { rows: 5, seed: 1 })
    expect(p.fixups).toEqual([])
    expect(p.deferred).toEqual([
      { step: 'a', table: { name: 'a' }, constraint: 'a_b', columns: ['b_id'], parent: { name: 'b' }, parentColumns: ['id'], forced: true, cycle: ['a', 'b', 'c', 'a'], siblings: [], outsideReferences: [] },
    ])
    // a goes in first, pointing at b rows written later; the rest is parents first; the FK is no fixup.
    expect(order(p)).toEqual(['a', 'c', 'b'])
    expect(colPlan(p, 'a', 'b_id').generator).toMatchObject({ kind: 'fk', parentStep: 'b', nullable: false })
    expect(colPlan(p, 'a', 'b_id').generator).not.toHaveProperty('fixup')
    expect(p.steps.map((s) => s.rows)).toEqual([5, 5, 5])
  })

  it('cuts nullable links first, then defers declared DEFERRABLE ones, and forces only what is left', () => {
    const both = model([
      ...cyc({ nullable: true }).tables,
      table('x', [col('id', int()), col('y_id', int())], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['y_id'], 'y', ['id'], { name: 'x_y', deferrable: true })] }),
      table('y', [col('id', int()), col('x_id', int()), col('a_id', int())], {
        primaryKey: { columns: ['id'] },
        foreignKeys: [fk(['x_id'], 'x', ['id'], { name: 'y_x' }), fk(['a_id'], 'a', ['id'], { name: 'y_a' })],
      }),
    ])
    const p = buildPlan(both, { rows: 5, seed: 1 })
    expect(p.fixups.map((f) => f.group)).toEqual(['a_b'])
    expect(p.deferred.map((d) => [d.constraint, d.forced ?? false])).toEqual([['x_y', false]])
  })

  it('a forced link lists the other FKs of its table (for dialects that switch all its checks off)', () => {
    const m = model([
      table('o', [col('id', int())], { primaryKey: { columns: ['id'] } }),
      table('p', [col('id', int()), col('q_id', int()), col('o_id', int())], {
        primaryKey: { columns: ['id'] },
        foreignKeys: [fk(['q_id'], 'q', ['id'], { name: 'p_q' }), fk(['o_id'], 'o', ['id'], { name: 'p_o' })],
      }),
      table('q', [col('id', int()), col('p_id', int())], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['p_id'], 'p', ['id'], { name: 'q_p' })] }),
    ])
    const [d] = buildPlan(m, { rows: 5, seed: 1 }).deferred
    expect(d).toMatchObject({ step: 'p', constraint: 'p_q', forced: true, cycle: ['p', 'q', 'p'] })
    expect(d!.siblings).toEqual([{ constraint: 'p_o', table: { name: 'p' }, columns: ['o_id'], parent: { name: 'o' }, parentColumns: ['id'] }])
    // With only p and q planned, o is outside; nothing outside points in. Planning p alone pulls q in.
    const sub = buildPlan(m, { rows: 5, seed: 1, tables: ['p'] })
    expect(sub.steps.map((s) => s.id).sort()).toEqual(['o', 'p', 'q'])
    const withOutside = model([...m.tables, table('r', [col('id', int()), col('q_id', int())], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['q_id'], 'q', ['id'], { name: 'r_q' })] })])
    expect(buildPlan(withOutside, { rows: 5, seed: 1, tables: ['p'] }).deferred[0]!.outsideReferences).toEqual([
      { constraint: 'r_q', table: { name: 'r' }, columns: ['q_id'], parent: { name: 'q' }, parentColumns: ['id'] },
    ])
  })

  it('self-FK: nullable points back with row 0 NULL; NOT NULL lets row 0 point to itself', () => {
    const m = (nullable: boolean) =>
      model([table('n', [col('id', int()), col('parent_id', int(), { nullable })], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['parent_id'], 'n', ['id'])] })])
    expect(colPlan(buildPlan(m(true), { rows: 5, seed: 1 }), 'n', 'parent_id').generator).toMatchObject({ kind: 'fk', self: true, nullable: true })
    expect(colPlan(buildPlan(m(false), { rows: 5, seed: 1 }), 'n', 'parent_id').generator).toMatchObject({ kind: 'fk', self: true, nullable: false })
  })
})

describe('buildPlan: columns', () => {
  it('reports unparsed CHECKs, omits generated columns, keeps unknown types to defaults', () => {
    const m = model([
      table(
        't',
        [
          col('id', int()),
          col('g', int(), { generated: { expression: 'id * 2', stored: true } }),
          col('geo', { kind: 'unknown', native: 'geometry' }, { default: { kind: 'expression', sql: "'POINT(0 0)'" } }),
        ],
        { primaryKey: { columns: ['id'] }, checks: [{ expression: 'f(1) > 0', parsed: [], fullyParsed: false }] },
      ),
    ])
    // A CHECK naming no column does not depend on the rows: noted, not refused.
    const p = buildPlan(m, { rows: 5, seed: 1 })
    expect(p.issues.map((i) => i.code).sort()).toEqual(['CHECK_UNPARSED', 'TYPE_UNKNOWN'])
    expect(colPlan(p, 't', 'g').omit).toBe('generated')
    expect(colPlan(p, 't', 'geo').omit).toBe('default')
  })

  it('makes updated_at relative to created_at by name, and end ≥ start by CHECK', () => {
    const m = model([
      table('t', [
        col('created_at', { kind: 'timestamp', tz: false }),
        col('updated_at', { kind: 'timestamp', tz: false }),
        col('valid_from', { kind: 'date' }),
        col('valid_to', { kind: 'date' }),
      ], { checks: [check('c', { kind: 'columns', left: 'valid_from', op: '<', right: 'valid_to' })] }),
    ])
    const p = buildPlan(m, { rows: 5, seed: 1 })
    expect(colPlan(p, 't', 'updated_at').generator).toMatchObject({ kind: 'relative', from: 'created_at', op: '>=' })
    expect(colPlan(p, 't', 'valid_to').generator).toMatchObject({ kind: 'relative', from: 'valid_from', op: '>' })
  })

  it('gives nullable columns a null share, but never key, unique or NOT NULL-checked ones', () => {
    const p = buildPlan(model([usersTable()]), { rows: 5, seed: 1, nullRate: 0.25 })
    expect(colPlan(p, 'users', 'bio').nullRate).toBe(0.25)
    expect(colPlan(p, 'users', 'email').nullRate).toBe(0)
    expect(colPlan(p, 'users', 'email').unique).toBe(true)
  })
})
