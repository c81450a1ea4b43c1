import { describe, expect, it } from 'vitest'
import { analyzeCheck, unparsedDisjunctions } from '../../../src/adapter/check-shape.js'

const shapes = (sql: string) => analyzeCheck(sql).parsed

describe('analyzeCheck', () => {
  it('reads PostgreSQL catalog text with casts, = ANY (ARRAY[…]) and redundant parentheses', () => {
    const r = analyzeCheck(
      "CHECK (((price >= (0)::numeric) AND ((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))))",
    )
    expect(r).toEqual({
      parsed: [
        { kind: 'compare', column: 'price', op: '>=', value: 0 },
        { kind: 'in', column: 'status', values: ['a', 'b'] },
      ],
      fullyParsed: true,
    })
  })

  it('reads the catalog spellings of BETWEEN, LIKE, length, bpchar arrays and negative numbers', () => {
    expect(shapes('CHECK (((stock >= 0) AND (stock <= 1000)))')).toEqual([
      { kind: 'compare', column: 'stock', op: '>=', value: 0 },
      { kind: 'compare', column: 'stock', op: '<=', value: 1000 },
    ])
    expect(shapes("CHECK (((code ~~ 'P-%'::text) AND (length(code) <= 10)))")).toEqual([
      { kind: 'like', column: 'code', pattern: 'P-%' },
      { kind: 'length', column: 'code', op: '<=', value: 10 },
    ])
    expect(shapes("CHECK ((legacy_code !~~ 'X%'::text))")).toEqual([{ kind: 'like', column: 'legacy_code', pattern: 'X%', negated: true }])
    expect(shapes("CHECK ((country = ANY (ARRAY['US'::bpchar, 'CA'::bpchar])))")).toEqual([{ kind: 'in', column: 'country', values: ['US', 'CA'] }])
    expect(shapes("(x > '-1'::integer)")).toEqual([{ kind: 'compare', column: 'x', op: '>', value: -1 }])
    expect(shapes("(((VALUE)::text = ANY ((ARRAY['YES'::character varying, 'NO'::character varying])::text[])))")).toEqual([
      { kind: 'in', column: 'VALUE', values: ['YES', 'NO'] },
    ])
    expect(shapes("c = ANY ('{a,\"b c\"}'::text[])")).toEqual([{ kind: 'in', column: 'c', values: ['a', 'b c'] }])
    expect(shapes('CHECK ((a > 0)) NOT VALID')).toEqual([{ kind: 'compare', column: 'a', op: '>', value: 0 }])
  })

  it('reads each shape in hand-written spelling', () => {
    expect(shapes("status IN ('a', 'b', 3)")).toEqual([{ kind: 'in', column: 'status', values: ['a', 'b', 3] }])
    expect(shapes('price BETWEEN 1.5 AND 10 AND qty > 0')).toEqual([
      { kind: 'between', column: 'price', min: 1.5, max: 10 },
      { kind: 'compare', column: 'qty', op: '>', value: 0 },
    ])
    expect(shapes("code LIKE 'A%'")).toEqual([{ kind: 'like', column: 'code', pattern: 'A%' }])
    expect(shapes("code NOT LIKE 'A%'")).toEqual([{ kind: 'like', column: 'code', pattern: 'A%', negated: true }])
    expect(shapes("NOT (code LIKE 'A%')")).toEqual([{ kind: 'like', column: 'code', pattern: 'A%', negated: true }])
    expect(shapes('char_length(name) >= 2')).toEqual([{ kind: 'length', column: 'name', op: '>=', value: 2 }])
    expect(shapes('end_date > start_date')).toEqual([{ kind: 'columns', left: 'end_date', op: '>', right: 'start_date' }])
    expect(shapes('email IS NOT NULL')).toEqual([{ kind: 'not-null', column: 'email' }])
    expect(shapes("a != 'x'")).toEqual([{ kind: 'compare', column: 'a', op: '<>', value: 'x' }])
    expect(shapes("d >= '2020-01-01'::date")).toEqual([{ kind: 'compare', column: 'd', op: '>=', value: '2020-01-01' }])
    expect(shapes('CAST(x AS integer) < 7')).toEqual([{ kind: 'compare', column: 'x', op: '<', value: 7 }])
  })

  it('flips the operator when the constant is on the left', () => {
    expect(shapes('0 < qty')).toEqual([{ kind: 'compare', column: 'qty', op: '>', value: 0 }])
    expect(shapes('10 >= qty')).toEqual([{ kind: 'compare', column: 'qty', op: '<=', value: 10 }])
    expect(shapes('3 = length(code)')).toEqual([{ kind: 'length', column: 'code', op: '=', value: 3 }])
  })

  it('unquotes identifiers and strings of every dialect', () => {
    expect(shapes('"a""b" = \'it\'\'s\'')).toEqual([{ kind: 'compare', column: 'a"b', op: '=', value: "it's" }])
    expect(shapes('`x``y` in (_utf8mb4\'a\',_utf8mb4\'b\')')).toEqual([{ kind: 'in', column: 'x`y', values: ['a', 'b'] }])
    expect(shapes("([a]]b]>=(-5))")).toEqual([{ kind: 'compare', column: 'a]b', op: '>=', value: -5 }])
    expect(shapes("(len([code])=(3))")).toEqual([{ kind: 'length', column: 'code', op: '=', value: 3 }])
    expect(shapes("[status]=N'open'")).toEqual([{ kind: 'compare', column: 'status', op: '=', value: 'open' }])
    expect(shapes("x = E'a\\'b'")).toEqual([{ kind: 'compare', column: 'x', op: '=', value: "a'b" }])
    expect(shapes('t.col > 1')).toEqual([{ kind: 'compare', column: 'col', op: '>', value: 1 }])
  })

  it('leaves unknown conjuncts out and reports fullyParsed=false', () => {
    expect(analyzeCheck("status IN ('a') OR x ~ 'y'")).toEqual({ parsed: [], fullyParsed: false })
    expect(analyzeCheck("lower(email) = email AND x > 1")).toEqual({
      parsed: [{ kind: 'compare', column: 'x', op: '>', value: 1 }],
      fullyParsed: false,
    })
    expect(analyzeCheck('a NOT IN (1, 2)').fullyParsed).toBe(false)
    expect(analyzeCheck('a = b').fullyParsed).toBe(false)
    expect(analyzeCheck('length(a) <> 3').fullyParsed).toBe(false)
    expect(analyzeCheck('a > now()').fullyParsed).toBe(false)
    expect(analyzeCheck("a IN ('x', NULL)").fullyParsed).toBe(false)
    expect(analyzeCheck("code ILIKE 'a%'").fullyParsed).toBe(false)
    expect(analyzeCheck("a = 'unterminated").fullyParsed).toBe(false)
    expect(analyzeCheck('').fullyParsed).toBe(false)
  })
})

describe('analyzeCheck: NULL-tolerant disjunctions', () => {
  it('reads `c IS NULL OR <shape on c>` as the shape, in either order and any parenthesisation', () => {
    for (const e of ['shipped_at IS NULL OR shipped_at >= ordered_at', '((shipped_at IS NULL) OR (shipped_at >= ordered_at))', '(shipped_at >= ordered_at) OR shipped_at IS NULL']) {
      expect(analyzeCheck(e)).toEqual({ parsed: [{ kind: 'columns', left: 'shipped_at', op: '>=', right: 'ordered_at' }], fullyParsed: true })
    }
    expect(analyzeCheck('(x IS NULL OR x IN (1, 2)) AND y > 0').parsed).toEqual([
      { kind: 'in', column: 'x', values: [1, 2] },
      { kind: 'compare', column: 'y', op: '>', value: 0 },
    ])
  })

  it('reads other disjunctions of understood shapes as `or` (IS NULL disjuncts left out)', () => {
    const c = (column: string, op: '<' | '>' | '>=' | '<=' | '=', value: number | string) => ({ kind: 'compare', column, op, value })
    expect(analyzeCheck('a > 1 OR b < 2')).toEqual({ parsed: [{ kind: 'or', branches: [[c('a', '>', 1)], [c('b', '<', 2)]] }], fullyParsed: true })
    expect(analyzeCheck('a IS NULL OR b > 1')).toEqual({ parsed: [{ kind: 'or', branches: [[c('b', '>', 1)]] }], fullyParsed: true })
    expect(analyzeCheck('a IS NULL OR a > 1 OR a < -1')).toEqual({ parsed: [{ kind: 'or', branches: [[c('a', '>', 1)], [c('a', '<', -1)]] }], fullyParsed: true })
    // NULL-or-LIKE-or-LIKE, the case.
    expect(analyzeCheck("x IS NULL OR x LIKE '%a%' OR x LIKE '%b%'").parsed).toEqual([
      { kind: 'or', branches: [[{ kind: 'like', column: 'x', pattern: '%a%' }], [{ kind: 'like', column: 'x', pattern: '%b%' }]] },
    ])
    // range-or-range: BETWEEN spelt as the two compares PostgreSQL's catalog prints, so DDL and live agree.
    const range = [[c('n', '>=', 1), c('n', '<=', 10)], [c('n', '>=', 20), c('n', '<=', 30)]]
    expect(analyzeCheck('n BETWEEN 1 AND 10 OR n BETWEEN 20 AND 30').parsed).toEqual([{ kind: 'or', branches: range }])
    expect(analyzeCheck('((n >= 1) AND (n <= 10)) OR ((n >= 20) AND (n <= 30))').parsed).toEqual([{ kind: 'or', branches: range }])
  })

  it('merges IN-or-IN (and = chains) on one column into one IN list', () => {
    expect(analyzeCheck("s IN ('a', 'b') OR s IN ('c') OR s = 'a'").parsed).toEqual([{ kind: 'in', column: 's', values: ['a', 'b', 'c'] }])
    expect(analyzeCheck("s IS NULL OR s IN ('a') OR s IN ('b')").parsed).toEqual([{ kind: 'in', column: 's', values: ['a', 'b'] }])
  })

  it('reads upper(c)/lower(c) against a constant already in that case as c itself', () => {
    expect(analyzeCheck("[PersonType] IS NULL OR upper([PersonType])='GC' OR upper([PersonType])='SP'").parsed).toEqual([{ kind: 'in', column: 'PersonType', values: ['GC', 'SP'] }])
    expect(analyzeCheck("lower(code) IN ('x', 'y')").parsed).toEqual([{ kind: 'in', column: 'code', values: ['x', 'y'] }])
    expect(analyzeCheck("upper(code) = 'x'").fullyParsed).toBe(false)
  })

  it('leaves a disjunction with a branch it does not understand unparsed, and names its identifiers', () => {
    expect(analyzeCheck("x IS NULL OR x ~ '^a' OR x LIKE 'b%'")).toEqual({ parsed: [], fullyParsed: false })
    expect(analyzeCheck('a IS NULL OR b IS NULL')).toEqual({ parsed: [], fullyParsed: false })
    expect(unparsedDisjunctions('y > 0 AND (x IS NULL OR f(x) = 2)')).toEqual([['x']])
    expect(unparsedDisjunctions("x IS NULL OR x LIKE '%a%'")).toEqual([])
    expect(unparsedDisjunctions('mod(qty, 7) <> 3')).toEqual([])
  })
})
