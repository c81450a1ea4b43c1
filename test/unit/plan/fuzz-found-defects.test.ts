/**
 * Planner defects the schema fuzzer and the bad-input corpus found (issue 9), each at the planner's depth:
 * decimals wider than 15 digits under a CHECK bound, `x IS NULL OR x BETWEEN …` as PostgreSQL's catalog
 * prints it, FKs that reference a cycle-cut FK, and enum columns under a CHECK naming no label.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { fixupBatches, generateBatches } from '../../../src/generate/index.js'
import { targetPlanOptions } from '../../../src/pipeline/plan-for-target.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import type { CheckConstraint, LogicalType, SchemaModel } from '../../../src/model/schema.js'
import type { Value } from '../../../src/model/rows.js'
import { col, fk, int, model, table, varchar, thrown } from './model-builders.js'

const sqlCheck = (expression: string): CheckConstraint => ({ expression, ...analyzeCheck(expression) })

/** Every generated value of `column` in the first step holding it. */
function valuesOf(m: SchemaModel, rows: number, column: string, tableName = m.tables[0]!.name): Value[] {
  const plan = buildPlan(m, { rows, seed: 11 })
  const step = plan.steps.find((s) => s.table.name === tableName)!
  const out: Value[] = []
  for (const b of generateBatches(plan, step, { batchSize: 500 })) {
    const j = b.columns.indexOf(column)
    for (const r of b.rows) out.push(r[j]!)
  }
  return out
}

describe('decimals beyond 15 significant digits', () => {
  const dec = (precision: number, scale: number): LogicalType => ({ kind: 'decimal', precision, scale })
  const one = (type: LogicalType, expression: string) => model([table('t', [col('id', int(), { identity: { kind: 'always' } }), col('x', type)], { primaryKey: { columns: ['id'] }, checks: [sqlCheck(expression)] })])

  it('decimal(18,13) CHECK (x >= 100) is planned (values ≥ 100 that fit the type), not refused', () => {
    const values = valuesOf(one(dec(18, 13), 'x >= 100'), 200, 'x')
    expect(values.length).toBe(200)
    for (const v of values) {
      const n = Number(v)
      expect(n).toBeGreaterThanOrEqual(100)
      expect(n).toBeLessThan(100000) // 18 - 13 = 5 integer digits
      expect(String(v).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(13)
    }
  })

  it('keeps every fractional digit that fits, and the bound needs: decimal(18,13) BETWEEN 1000 AND 2000', () => {
    const values = valuesOf(one(dec(18, 13), 'x BETWEEN 1000 AND 2000'), 100, 'x').map(Number)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1000)
    expect(Math.max(...values)).toBeLessThanOrEqual(2000)
    expect(values.some((v) => !Number.isInteger(v))).toBe(true)
  })

  it('decimal(38,10) without bounds still gets fractional digits; a double CHECK (x >= 1e12) is planned', () => {
    const wide = valuesOf(one(dec(38, 10), 'x > 0'), 50, 'x').map(String)
    expect(wide.some((v) => (v.split('.')[1]?.length ?? 0) > 2)).toBe(true)
    const big = valuesOf(one({ kind: 'float', bytes: 8 }, 'x >= 1000000000000'), 50, 'x').map(Number)
    for (const v of big) expect(v).toBeGreaterThanOrEqual(1e12)
  })
})

describe('IS NULL OR a conjunction (PostgreSQL catalog forms)', () => {
  it('x IS NULL OR (x >= a AND x <= b) and its char_length form keep the branch for non-NULL values', () => {
    const m = model([
      table('t', [col('id', int(), { identity: { kind: 'always' } }), col('q', { kind: 'decimal', precision: 4, scale: 2 }, { nullable: true }), col('s', { kind: 'text' }, { nullable: true })], {
        primaryKey: { columns: ['id'] },
        checks: [sqlCheck('((q IS NULL) OR ((q >= (48)::numeric) AND (q <= (83)::numeric)))'), sqlCheck('((s IS NULL) OR ((char_length(s) >= 5) AND (char_length(s) <= 40)))')],
      }),
    ])
    const q = valuesOf(m, 300, 'q')
    const s = valuesOf(m, 300, 's')
    expect(q.filter((v) => v !== null).length).toBeGreaterThan(200)
    for (const v of q) if (v !== null) expect(Number(v) >= 48 && Number(v) <= 83, String(v)).toBe(true)
    for (const v of s) if (v !== null) expect(String(v).length >= 5 && String(v).length <= 40, String(v)).toBe(true)
  })
})

describe('FKs that reference a cycle-cut FK', () => {
  // sqlite-21: a.b_ref (UNIQUE, nullable) → b.id and b.a_ref (nullable) → a.b_ref.
  const cycle = (bRefNotNull = false) =>
    model(
      [
        table('a', [col('id', int()), col('b_ref', int(), { nullable: true })], { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['b_ref'] }], foreignKeys: [fk(['b_ref'], 'b', ['id'])] }),
        table('b', [col('id', int()), col('a_ref', int(), { nullable: !bRefNotNull })], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['a_ref'], 'a', ['b_ref'])] }),
      ],
      'sqlite',
    )

  it('cuts the link no other FK reads from (b.a_ref), so a.b_ref holds its value when b refers to it', () => {
    const plan = buildPlan(cycle(), { rows: 5, seed: 1 })
    expect(plan.fixups.map((f) => `${f.step}(${f.columns.join(',')})`)).toEqual(['b(a_ref)'])
    expect(plan.steps.map((s) => s.id)).toEqual(['b', 'a'])
  })

  it('when the only nullable link is read by another FK, that FK is cut too and fixed up after it', () => {
    // c(x) → a(b_ref): a's only cuttable link is a.b_ref (b.a_ref is NOT NULL now).
    const m = cycle(true)
    m.tables.push(table('c', [col('id', int()), col('x', int(), { nullable: true })], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['x'], 'a', ['b_ref'])] }))
    m.tables[1]!.foreignKeys = [fk(['a_ref'], 'a', ['id'])]
    const plan = buildPlan(m, { rows: 5, seed: 1 })
    expect(plan.fixups.map((f) => `${f.step}(${f.columns.join(',')})`)).toEqual(['a(b_ref)', 'c(x)'])
  })

  it('a NOT NULL FK reading a cut FK waits for COMMIT (deferred) instead of copying a NULL', () => {
    const m = cycle(true)
    m.tables[1]!.foreignKeys = [fk(['a_ref'], 'a', ['id'])]
    m.tables.push(table('c', [col('id', int()), col('x', int())], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['x'], 'a', ['b_ref'])] }))
    const plan = buildPlan(m, { rows: 5, seed: 1 })
    expect(plan.fixups.map((f) => f.step)).toEqual(['a'])
    expect(plan.deferred.map((d) => `${d.step}(${d.columns.join(',')})`)).toEqual(['c(x)'])
    expect(plan.deferred[0]!.forced).toBe(true)
  })
})

describe('cycles whose cut a self-reference reads, deferred whole (PlanOptions.deferCycles, SQLite: sqlite-20261206)', () => {
  // p.lim (UNIQUE, nullable) → q.code; q.p_id (NOT NULL) → p.id; p.self (NOT NULL) → p.lim, so a row of p
  // may reference its own final lim, which a cut would write NULL and set by UPDATE.
  const m = () =>
    model(
      [
        table('p', [col('id', int()), col('lim', varchar(16), { nullable: true }), col('self', varchar(16))], {
          primaryKey: { columns: ['id'] },
          uniques: [{ columns: ['lim'] }],
          foreignKeys: [fk(['lim'], 'q', ['code']), fk(['self'], 'p', ['lim'])],
        }),
        table('q', [col('code', varchar(16)), col('p_id', int())], { primaryKey: { columns: ['code'] }, uniques: [{ columns: ['p_id'] }], foreignKeys: [fk(['p_id'], 'p', ['id'])] }),
      ],
      'sqlite',
    )
  const column = (plan: ReturnType<typeof buildPlan>, step: string, c: string): Value[] => {
    const s = plan.steps.find((x) => x.id === step)!
    return [...generateBatches(plan, s, { batchSize: 7 })].flatMap((b) => b.rows.map((r) => r[b.columns.indexOf(c)]!))
  }

  it('defers the link a cut would take (forced, nullable): no fixups, same order, lim written whole at insert', () => {
    const cutPlan = buildPlan(m(), { rows: 20, seed: 3 })
    expect(cutPlan.fixups.map((f) => `${f.step}(${f.columns.join(',')})`)).toEqual(['p(lim)'])
    const plan = buildPlan(m(), { rows: 20, seed: 3, deferCycles: true })
    expect(plan.fixups).toEqual([])
    expect(plan.steps.map((s) => s.id)).toEqual(cutPlan.steps.map((s) => s.id))
    const cycleLinks = plan.deferred.filter((d) => !d.sameRow)
    expect(cycleLinks.map((d) => `${d.step}(${d.columns.join(',')}) forced=${d.forced} nullable=${d.nullable}`)).toEqual(['p(lim) forced=true nullable=true'])
    // At insert, lim holds what the cut plan's fixup UPDATE would have set; nothing is left NULL by a cut.
    const lims = column(plan, 'p', 'lim')
    expect(lims).toEqual([...fixupValues(cutPlan)])
    const codes = new Set(column(plan, 'q', 'code'))
    for (const v of lims) if (v !== null) expect(codes.has(v), String(v)).toBe(true)
    const present = new Set<Value>(lims.filter((v) => v !== null))
    for (const v of column(plan, 'p', 'self')) expect(present.has(v), `self ${String(v)}`).toBe(true)
  })

  it('a cycle whose cut columns no self-reference reads is still cut (a deferred SQLite load scans children per parent row)', () => {
    const plain = m()
    plain.tables[0]!.foreignKeys = [fk(['lim'], 'q', ['code'])]
    plain.tables[0]!.columns = plain.tables[0]!.columns.filter((c) => c.name !== 'self')
    const plan = buildPlan(plain, { rows: 20, seed: 3, deferCycles: true })
    expect(plan.fixups.map((f) => `${f.step}(${f.columns.join(',')})`)).toEqual(['p(lim)'])
    expect(plan.deferred).toEqual([])
  })

  it('targetPlanOptions asks for it only where the dialect defers every FK, and never for a shard', () => {
    const base = { rows: 5, seed: 1 }
    expect(targetPlanOptions(base, { defersAllForeignKeys: true }).deferCycles).toBe(true)
    expect(targetPlanOptions(base, { defersAllForeignKeys: true }, true).deferCycles).toBeUndefined()
    expect(targetPlanOptions(base, {}).deferCycles).toBeUndefined()
    expect(targetPlanOptions({ ...base, deferCycles: false }, { defersAllForeignKeys: true }).deferCycles).toBe(false)
  })

  /** The values the cut plan's fixup sets, row by row (NULL where the null share leaves the row). */
  function* fixupValues(plan: ReturnType<typeof buildPlan>): Generator<Value> {
    const f = plan.fixups[0]!
    const rows = [...fixupBatches(plan, f, { batchSize: 7 })].flatMap((b) => b.rows)
    const ids = column(plan, 'p', 'id')
    const byId = new Map(rows.map((r) => [r[0], r[1]]))
    for (const id of ids) yield byId.get(id) ?? null
  }
})

describe('NOT NULL FKs to a parent column tdg leaves NULL', () => {
  it('refuses (exit 4, naming both columns) instead of copying NULLs; a nullable FK just gets NULL', () => {
    const m = (childNullable: boolean) =>
      model([
        table('p', [col('id', int()), col('u', { kind: 'unknown', native: 'frob' }, { nullable: true })], { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['u'] }] }),
        table('c', [col('id', int()), col('pu', { kind: 'unknown', native: 'frob' }, { nullable: childNullable })], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['pu'], 'p', ['u'])] }),
      ])
    const e = thrown(() => buildPlan(m(false), { rows: 5, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toMatch(/^c\.pu is a NOT NULL foreign key to p\.u, which tdg leaves NULL/)
    expect(valuesOf(m(true), 5, 'pu', 'c')).toEqual([null, null, null, null, null])
  })
})

describe('enum columns under a CHECK', () => {
  const mood: LogicalType = { kind: 'enum', name: 'mood', values: ['happy', 'sad', 'meh'] }
  const t = (expression: string, nullable = false) =>
    model([table('t', [col('id', int()), col('m', mood, { nullable }), col('n', varchar(5), { nullable: true })], { primaryKey: { columns: ['id'] }, checks: [sqlCheck(expression)] })])

  it('refuses a NOT NULL enum column whose CHECK names no label (exit 4, naming the column)', () => {
    const e = thrown(() => buildPlan(t("m = 'angry'"), { rows: 5, seed: 1 }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.exitCode).toBe(4)
    expect(e.message).toBe('no label of enum mood (happy, sad, meh) passes the CHECKs of t.m')
  })

  it('writes NULL with a note when the column is nullable', () => {
    const plan = buildPlan(t("m = 'angry'", true), { rows: 5, seed: 1 })
    expect(plan.steps[0]!.columns.find((c) => c.column === 'm')!.generator).toEqual({ kind: 'null' })
    expect(plan.issues.some((i) => i.code === 'GENERATOR_DEGRADED' && i.column === 'm' && /left NULL/.test(i.message))).toBe(true)
  })

  it('keeps only labels an IN list or = allows', () => {
    expect(new Set(valuesOf(t("m IN ('sad', 'angry', 'meh')"), 100, 'm'))).toEqual(new Set(['sad', 'meh']))
    expect(new Set(valuesOf(t("m = 'sad'"), 20, 'm'))).toEqual(new Set(['sad']))
  })
})

describe('CHECKs that exclude strings (`<>`, NOT LIKE) hold for every kind of string value', () => {
  const cols = [
    col('id', int(), { identity: { kind: 'always' } }),
    col('username', varchar(40)),
    col('nick', varchar(20)),
    col('token', varchar(36)),
    col('external_uuid', varchar(36)),
    col('code', varchar(8)),
  ]
  const m = model([
    table('u', cols, {
      primaryKey: { columns: ['id'] },
      uniques: [{ columns: ['username'] }, { columns: ['token'] }, { columns: ['code'] }, { columns: ['external_uuid'] }],
      checks: [
        sqlCheck("username NOT LIKE '%a%' AND username <> 'admin'"),
        sqlCheck("nick <> 'root' AND nick NOT LIKE '%e%'"),
        sqlCheck("token NOT LIKE '%0%'"),
        sqlCheck("external_uuid NOT LIKE 'a%'"),
        sqlCheck("code LIKE 'C%' AND code NOT LIKE '%1%'"),
      ],
    }),
  ])
  it('unique, random, LIKE and uuid-shaped values avoid them; unique ones stay unique; no degraded note', () => {
    const plan = buildPlan(m, { rows: 3000, seed: 11 })
    expect(plan.issues.map((i) => i.message).join('\n')).not.toMatch(/not guaranteed|only guaranteed/)
    for (const [column, bad] of [['username', /a/i], ['nick', /e/i], ['token', /0/], ['code', /1/], ['external_uuid', /^a/]] as const) {
      const values = valuesOf(m, 3000, column).map(String)
      expect(values.filter((v) => bad.test(v)), column).toEqual([])
      if (column !== 'nick') expect(new Set(values).size, column).toBe(3000)
    }
    expect(valuesOf(m, 3000, 'code').every((v) => String(v).startsWith('C'))).toBe(true)
    expect(plan.steps[0]!.columns.find((c) => c.column === 'external_uuid')!.generator.kind).toBe('uuid')
  })
  it('a CHECK nothing tdg generates can pass fails the run (TDG_PLAN_UNSATISFIABLE), never writes a value', () => {
    const none = model([table('u', [col('x', varchar(10))], { checks: [sqlCheck("x NOT LIKE '%'")] })])
    expect(thrown(() => valuesOf(none, 5, 'x'))).toMatchObject({ code: 'TDG_PLAN_UNSATISFIABLE', message: expect.stringMatching(/u\.x passes its CHECK \(NOT LIKE '%'\)/) })
  })
})

describe('a CHECK between two columns of one composite UNIQUE', () => {
  it('derives one from the other and rests the key on the other (was: "not guaranteed", violated)', () => {
    const d = (name: string) => col(name, { kind: 'date' }, { nullable: true })
    const m = model([table('t', [col('id', int()), d('a'), d('b')], { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['a', 'b'] }], checks: [sqlCheck('a <= b')] })])
    const plan = buildPlan(m, { rows: 500, seed: 11 })
    expect(plan.issues).toEqual([])
    const a = valuesOf(m, 500, 'a').map(String)
    const b = valuesOf(m, 500, 'b').map(String)
    expect(a.every((x, i) => x <= b[i]!)).toBe(true)
    expect(new Set(a.map((x, i) => `${x}|${b[i]}`)).size).toBe(500)
  })
})

describe('CHECK between two keys (fuzz sqlite-20261207)', () => {
  const keys = (expression: string, extra: string[] = []) =>
    model([
      table('t', [col('key', int()), col('id', int(), { nullable: true }), col('a', int()), col('b', int())], {
        primaryKey: { columns: ['key'] },
        uniques: [{ columns: ['id'] }, { columns: ['a'] }, { columns: ['b'] }],
        checks: [expression, ...extra].map(sqlCheck),
      }),
    ])
  const rows = (m: SchemaModel, n: number) => {
    const plan = buildPlan(m, { rows: n, seed: 5 })
    return { plan, values: (c: string) => valuesOf(m, n, c).map(Number) }
  }

  it('key < id with both unique: id is derived exactly, unique, and the CHECK holds on every row', () => {
    const { plan, values } = rows(keys('key < id'), 300)
    const id = plan.steps[0]!.columns.find((c) => c.column === 'id')!
    expect(id.generator).toMatchObject({ kind: 'relative', from: 'key', exact: true })
    const [k, v] = [values('key'), values('id')]
    expect(new Set(v).size).toBe(300)
    k.forEach((x, i) => expect(v[i]!).toBeGreaterThan(x))
  })

  it('a <= b between two UNIQUE integers: b stays unique and >= a', () => {
    const { values } = rows(keys('a <= b'), 300)
    const [a, b] = [values('a'), values('b')]
    expect(new Set(b).size).toBe(300)
    a.forEach((x, i) => expect(b[i]!).toBeGreaterThanOrEqual(x))
  })

  it('a gap the key range cannot keep inside the column refuses the run with a plan error, no row value in it', () => {
    const e = thrown(() => rows(keys('key < id', ['id > 100000']), 50).values('id'))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toMatch(/t\.id is kept > key/)
  })
})
