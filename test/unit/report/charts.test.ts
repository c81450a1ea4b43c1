/** Histogram masses rebuilt from quantiles, and pages for edge-case profiles (empty, constant, boolean, long-tailed fan-out). */
import { describe, expect, it } from 'vitest'
import type { Profile } from '../../../src/model/profile.js'
import { fidelity, renderReport } from '../../../src/report/index.js'
import { histogramBins } from '../../../src/report/html/charts.js'
import { column, fanOut, normal, rng, summary } from '../../support/profile-fixtures.js'

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

describe('histogramBins', () => {
  it('spreads all of each side over the bins when nothing is clipped, one bin per integer for small integer ranges', () => {
    const u = rng(9)
    const a = summary(Array.from({ length: 2000 }, () => Math.floor(-Math.log(1 - u()) * 3)))
    const b = summary(Array.from({ length: 2000 }, () => Math.floor(-Math.log(1 - u()) * 4)))
    const bins = histogramBins(a, b)
    expect(bins.clipped).toBe(false)
    expect(sum(bins.source)).toBeCloseTo(1, 9)
    expect(sum(bins.target)).toBeCloseTo(1, 9)
    expect(bins.edges.every((e) => Math.abs(e - Math.round(e)) === 0.5)).toBe(true)
    // The smaller mean puts more mass on 0.
    expect(bins.source[0]!).toBeGreaterThan(bins.target[0]!)
  })

  it('cuts long tails to the 1st–99th percentile range', () => {
    const u = rng(4)
    const values = Array.from({ length: 3000 }, () => Math.exp(normal(u)))
    values.push(1e6)
    const s = summary(values)
    const bins = histogramBins(s, s)
    expect(bins.clipped).toBe(true)
    expect(bins.edges[bins.edges.length - 1]).toBe(s.quantiles[99])
    expect(sum(bins.source)).toBeGreaterThan(0.97)
  })

  it('holds a constant column in one bin', () => {
    const s = summary([7, 7, 7])
    const bins = histogramBins(s, s)
    expect(bins.source).toEqual([1])
  })
})

describe('edge-case profiles', () => {
  function profile(rows: number, cols: ReturnType<typeof column>[], perParent: number[] = [1]): Profile {
    return {
      version: 1,
      source: { kind: 'csv', name: 'edge.csv' },
      createdAt: '2026-12-05T12:00:00Z',
      keepValues: false,
      tables: [
        { name: 'parent', rows: { count: 0, exact: true, method: 'all 0 lines' }, sampled: 0, sampling: 'all rows', columns: [], fanOut: [], orderedPairs: [], conditionalNulls: [] },
        { name: 't', rows: { count: rows, exact: true, method: 'count(*)' }, sampled: rows, sampling: 'all rows', columns: cols, fanOut: [fanOut(['p'], 'parent', perParent)], orderedPairs: [], conditionalNulls: [] },
      ],
    }
  }

  it('renders an empty table, a constant column, booleans, an all-NULL column and a long-tailed fan-out', () => {
    const s = profile(4, [column('flag', 'boolean', [true, false, true, null]), column('k', 'integer', [5, 5, 5, 5]), column('gone', 'text', [null, null, null, null])], [...Array(40).fill(1), 0, 2, 900])
    const t = profile(40, [column('flag', 'boolean', Array.from({ length: 40 }, (_, i) => (i % 4 === 3 ? null : i % 2 === 0))), column('k', 'integer', Array(40).fill(5)), column('gone', 'text', Array(40).fill(null))], [0, 1, 1, 2, 1, 0, 1, 3])
    t.tables[0]!.rows.count = 3
    const r = fidelity(s, t)
    expect(r.tables[0]!.rows.ratio).toBeNull()
    expect(r.tables[0]!.rowRatio.pass).toBe(false)
    const flag = r.tables[1]!.columns.find((c) => c.name === 'flag')!
    expect(flag.measures.map((m) => [m.measure, m.value])).toEqual([['tvd', 0], ['null-share', 0]])
    expect(r.tables[1]!.columns.find((c) => c.name === 'k')!.score).toBe(1)
    const html = renderReport(r, s, t)
    expect(html.match(/data-chart="column"/g)).toHaveLength(3)
    expect(html).toContain('×∞')
    expect(html).toContain('axis cut at')
    expect(html).not.toMatch(/NaN|Infinity|undefined/)
  })
})
