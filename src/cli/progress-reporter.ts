import ora, { type Ora } from 'ora'
import type { ProgressEvent, ProgressListener } from '../pipeline/progress.js'

/**
 * Progress on stderr: an ora spinner per table with rows written and rows/s on a TTY, one plain line
 * per finished table otherwise, nothing with `quiet`.
 */
export function progressReporter(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): ProgressListener {
  const stream = opts.stream ?? process.stderr
  if (opts.quiet) return () => undefined
  const tty = stream.isTTY === true && process.env.CI !== 'true'
  let spinner: Ora | undefined
  let stepStart = 0
  let lastDraw = 0
  return (e: ProgressEvent) => {
    switch (e.kind) {
      case 'step-start':
        stepStart = performance.now()
        if (tty) spinner = ora({ text: `${e.step}: 0 / ${fmt(e.rows)} rows`, stream }).start()
        break
      case 'step-rows': {
        const now = performance.now()
        if (!spinner || now - lastDraw < 100) break
        lastDraw = now
        spinner.text = `${e.step}: ${fmt(e.written)} / ${fmt(e.rows)} rows, ${fmt(rate(e.written, now - stepStart))} rows/s`
        break
      }
      case 'step-done': {
        const line = `${e.step}: ${fmt(e.rows)} rows in ${seconds(e.ms)}, ${fmt(rate(e.rows, e.ms))} rows/s`
        if (spinner) spinner.succeed(line)
        else stream.write(`${line}\n`)
        spinner = undefined
        break
      }
      case 'fixup':
        stream.write(`${e.step}: set ${e.columns.join(', ')} on ${fmt(e.rows)} rows (cycle fixup)\n`)
        break
      default:
        break
    }
  }
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US')
}

export function rate(rows: number, ms: number): number {
  return ms > 0 ? (rows * 1000) / ms : 0
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}
