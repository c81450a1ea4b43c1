import { describe, expect, it } from 'vitest'
import { duration, progressReporter } from '../../../src/cli/progress-reporter.js'

/** A stderr stand-in that records what is written; `columns` and `isTTY` as a terminal reports them. */
function sink(isTTY: boolean, columns: number | undefined): NodeJS.WriteStream & { text: string } {
  const s = {
    isTTY,
    columns,
    text: '',
    write(t: string) {
      s.text += t
      return true
    },
    // What a TTY stream's cursor methods write (ora draws with them).
    cursorTo(x: number) {
      return s.write(`\x1b[${x + 1}G`)
    },
    moveCursor(_dx: number, dy: number) {
      return s.write(`\x1b[${Math.abs(dy)}${dy < 0 ? 'A' : 'B'}`)
    },
    clearLine() {
      return s.write('\x1b[K')
    },
  }
  return s as unknown as NodeJS.WriteStream & { text: string }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('progress reporter', () => {
  for (const columns of [0, undefined]) {
    it(`a terminal of width ${String(columns)} gets plain lines, never cursor codes`, async () => {
      const s = sink(true, columns)
      const p = await progressReporter({ stream: s, intervalMs: 20 })
      p({ kind: 'step-start', step: 'orders', rows: 100 })
      await sleep(30)
      p({ kind: 'step-rows', step: 'orders', written: 40, rows: 100 })
      p({ kind: 'step-done', step: 'orders', rows: 100, ms: 50 })
      p.stop()
      expect(s.text).not.toContain('\x1b')
      expect(s.text).not.toContain('\r')
      expect(s.text.split('\n')[0]).toMatch(/^orders: 40 \/ 100 rows \(40 %\), [\d,]+ rows\/s, ETA \d+ s$/)
      expect(s.text).toMatch(/orders: 100 rows in 0\.05 s, 2,000 rows\/s\n$/)
    })
  }

  it('plain mode prints a running line only once per interval', async () => {
    const s = sink(false, undefined)
    const p = await progressReporter({ stream: s, intervalMs: 40 })
    p({ kind: 'step-start', step: 't', rows: 1000 })
    for (let i = 1; i <= 10; i++) p({ kind: 'step-rows', step: 't', written: i * 10, rows: 1000 })
    expect(s.text).toBe('')
    await sleep(50)
    p({ kind: 'step-rows', step: 't', written: 200, rows: 1000 })
    p({ kind: 'step-rows', step: 't', written: 210, rows: 1000 })
    expect(s.text.trim().split('\n')).toHaveLength(1)
  })

  it('a live terminal draws an ora spinner line cut to its width, leaves a ✔ line per table and clears on stop', async () => {
    const s = sink(true, 30)
    const ci = process.env.CI
    delete process.env.CI // under CI=true a terminal gets plain lines too
    const p = await progressReporter({ stream: s })
    if (ci !== undefined) process.env.CI = ci
    p({ kind: 'step-start', step: 'a_rather_long_table_name', rows: 1_000_000 })
    p({ kind: 'step-rows', step: 'a_rather_long_table_name', written: 1000, rows: 1_000_000 })
    p({ kind: 'step-done', step: 'a_rather_long_table_name', rows: 1_000_000, ms: 2000 })
    p({ kind: 'step-start', step: 'b', rows: 10 })
    p.stop()
    const pieces = s.text.split(/\x1b\[[0-9;?]*[A-Za-z]|\r|\n/).filter(Boolean)
    expect(pieces.some((x) => x.includes('a_rather_long'))).toBe(true)
    // Spinner lines never wrap; the persisted ✔ line is whole.
    for (const x of pieces.filter((x) => !x.startsWith('✔'))) expect(x.length).toBeLessThanOrEqual(29)
    expect(pieces).toContain('✔ a_rather_long_table_name: 1,000,000 rows in 2.00 s, 500,000 rows/s')
    // After stop the running line of 'b' is erased: the stream ends with an erase-line.
    expect(s.text.replace(/\x1b\[\?25[hl]/g, '')).toMatch(/\x1b\[K$/)
  })

  it('quiet writes nothing', async () => {
    const s = sink(false, undefined)
    const p = await progressReporter({ stream: s, quiet: true })
    p({ kind: 'step-start', step: 't', rows: 1 })
    p({ kind: 'step-done', step: 't', rows: 1, ms: 1 })
    expect(s.text).toBe('')
  })

  it('ETA reads as seconds, minutes, hours', () => {
    expect(duration(0.2)).toBe('1 s')
    expect(duration(59.5)).toBe('1 min 0 s')
    expect(duration(185)).toBe('3 min 5 s')
    expect(duration(3720)).toBe('1 h 2 min')
  })
})
