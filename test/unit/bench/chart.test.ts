/** Issue 16: the bench chart reads every target form latest.json holds and draws one row per line. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chartLines, goalOf, renderRatiosSvg, type ChartInput } from '../../../bench/chart.js'
import { repoRoot } from '../../support/run-cli.js'

const line = (target: string, extra: Partial<{ info: boolean; goal: { op: '≤' | '≥'; value: number } }> = {}) => ({ workload: 'w', ratio: 1, met: true, target, ...extra })

describe('bench chart', () => {
  it('reads each target form on its ratio scale', () => {
    expect(goalOf(line('time ≤ 1.3× pgbench'))).toEqual({ op: '≤', value: 1.3 })
    expect(goalOf(line('rate ≥ 0.8× \\copy'))).toEqual({ op: '≥', value: 0.8 })
    expect(goalOf(line('≤ 400 ns/value (ratio = ns)'))).toEqual({ op: '≤', value: 400 })
    expect(goalOf(line('time < 3 s (--sample 100000)'))).toEqual({ op: '≤', value: 3 })
    expect(goalOf(line('rate ≥ 300k rows/s, RSS ≤ 200 MB'))).toEqual({ op: '≥', value: 1 })
    expect(goalOf(line('tdg − baseline ≤ 300 ms', { goal: { op: '≤', value: 1 } }))).toEqual({ op: '≤', value: 1 })
    expect(goalOf(line('none (reported)'))).toBeUndefined()
    expect(goalOf(line('≤ 120 ms', { info: true, goal: { op: '≤', value: 1 } }))).toBeUndefined()
  })

  it('draws one row per result and the peak RSS line of the committed latest.json, escaped', () => {
    const input = JSON.parse(readFileSync(`${repoRoot}bench/results/latest.json`, 'utf8')) as ChartInput
    input.results.push({ workload: 'a <b> & c', ratio: 2, target: 'time ≤ 1.2× x', met: false })
    const svg = renderRatiosSvg(input)
    const rows = chartLines(input)
    expect(rows.length).toBe(input.results.length + (input.peakRss?.runs?.length ? 1 : 0))
    expect(svg.match(/<g><title>/g)?.length).toBe(rows.length)
    expect(svg).toContain('a &lt;b&gt; &amp; c')
    expect(svg).toContain('2.00 · target ≤ 1.2 · NOT MET')
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  })
})
