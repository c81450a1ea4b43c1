/** The distances behind fidelity: TVD with missing categories and `other`, null share and fan-out relative errors, row ratios. */
import { describe, expect, it } from 'vitest'
import { fanOutMedianError, measure, nullShareError, rowRatioError, tvd } from '../../../src/report/measures.js'

const cats = (values: Array<[string | number | boolean, number]>, other = 0) => ({ values: values.map(([value, share]) => ({ value, share })), other })

describe('tvd', () => {
  it('is 0 for equal shares (in any order) and 1 for disjoint lists', () => {
    expect(tvd(cats([['a', 0.6], ['b', 0.4]]), cats([['b', 0.4], ['a', 0.6]])).value).toBe(0)
    expect(tvd(cats([['a', 1]]), cats([['b', 1]])).value).toBe(1)
  })

  it('counts a category missing on one side with share 0', () => {
    // ½ (|0.5 − 0.5| + |0.3 − 0.5| + |0.2 − 0|) = 0.2
    const d = tvd(cats([['new', 0.5], ['shipped', 0.3], ['returned', 0.2]]), cats([['new', 0.5], ['shipped', 0.5]]))
    expect(d.value).toBeCloseTo(0.2, 12)
    expect(d.approximate).toBe(false)
  })

  it('compares values by their text (1 and "1", true and "true" are one value)', () => {
    expect(tvd(cats([[1, 0.5], [true, 0.5]]), cats([['1', 0.5], ['true', 0.5]])).value).toBe(0)
  })

  it("compares each side's `other` share as one bucket and says the result is approximate", () => {
    // ½ (|0.7 − 0.6| + |0.2 − 0.2| + |0.1 − 0.2|) = 0.1
    const d = tvd(cats([['x', 0.7], ['y', 0.2]], 0.1), cats([['x', 0.6], ['y', 0.2]], 0.2))
    expect(d.value).toBeCloseTo(0.1, 12)
    expect(d.approximate).toBe(true)
  })
})

describe('nullShareError', () => {
  it('is relative to the source share from 5 % up', () => {
    expect(nullShareError(0.2, 0.22)).toBeCloseTo(0.1, 12)
    expect(nullShareError(0.5, 0.25)).toBeCloseTo(0.5, 12)
  })
  it('measures against 5 % for shares near 0 (no division by zero, noise stays small)', () => {
    expect(nullShareError(0, 0)).toBe(0)
    expect(nullShareError(0, 0.004)).toBeCloseTo(0.08, 12)
    expect(nullShareError(0.01, 0.02)).toBeCloseTo(0.2, 12)
    expect(nullShareError(0, 1)).toBe(20)
  })
})

describe('fanOutMedianError', () => {
  it('is |t − s| / s, with a median below one child counted as one', () => {
    expect(fanOutMedianError(4, 4.4)).toBeCloseTo(0.1, 12)
    expect(fanOutMedianError(10, 8)).toBeCloseTo(0.2, 12)
    expect(fanOutMedianError(0, 0)).toBe(0)
    expect(fanOutMedianError(0, 1)).toBe(1)
    expect(fanOutMedianError(0.5, 0.6)).toBeCloseTo(0.1, 12)
  })
})

describe('rowRatioError', () => {
  it('is the deviation of target/source from the scale, 0 within one row', () => {
    expect(rowRatioError(830, 8300, 10)).toBe(0)
    expect(rowRatioError(5, 51, 10)).toBe(0)
    expect(rowRatioError(100, 1100, 10)).toBeCloseTo(0.1, 12)
    expect(rowRatioError(0, 0, 10)).toBe(0)
    expect(rowRatioError(0, 5, 10)).toBe(1)
  })
})

describe('measure', () => {
  it('passes at the threshold, fails above, scores 1 − min(1, value)', () => {
    expect(measure('ks', 0.1)).toMatchObject({ pass: true, score: 0.9, threshold: 0.1 })
    expect(measure('tvd', 0.1000001)).toMatchObject({ pass: false })
    expect(measure('null-share', 3)).toMatchObject({ pass: false, score: 0, value: 3 })
    expect(measure('row-ratio', 0.02)).toMatchObject({ pass: false, threshold: 0.01 })
  })
})
