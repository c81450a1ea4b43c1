import type { Ora } from 'ora'
import type { ProgressEvent, ProgressListener } from '../pipeline/progress.js'

/** A progress listener that can be stopped: `stop()` clears a live line (before an interrupt message). */
export interface ProgressReporter extends ProgressListener {
  stop(): void
}

/** Options of `progressReporter`. */
export interface ProgressOptions {
  /** No output at all. */
  quiet?: boolean
  /** Default process.stderr. */
  stream?: NodeJS.WriteStream
  /** Plain lines even on a terminal (e.g. rows go to the same terminal through stdout). */
  plain?: boolean
  /**
   * Plain mode: a line per running table at most this often. Default 5000 ms; the environment variable
   * `TDG_PROGRESS_INTERVAL_MS` overrides it (meant for tests).
   */
  intervalMs?: number
}

/**
 * Progress on stderr, in one of two modes:
 * - live, on a TTY that reports a width (and not under `CI=true`): an ora spinner per running table,
 *   its text cut to the terminal's width so it never wraps; a finished table leaves a `✔` line. ora's
 *   `discardStdin` is off: with it stdin goes to raw mode and Ctrl-C never becomes SIGINT.
 * - plain, on a pipe, a file, or a terminal of width 0 (`script`, some CI shells): while a table runs,
 *   `table: 620,000 / 1,000,000 rows (62 %), 85,000 rows/s, ETA 4 s` every ~5 s; one line when it is done.
 * ora (and its dependencies) is imported only in live mode: a pipe or `--quiet` never loads it.
 */
export async function progressReporter(opts: ProgressOptions = {}): Promise<ProgressReporter> {
  const stream = opts.stream ?? process.stderr
  if (opts.quiet) return Object.assign(() => undefined, { stop: () => undefined })
  const live = opts.plain !== true && stream.isTTY === true && (stream.columns ?? 0) > 0 && process.env.CI !== 'true'
  const envInterval = Number(process.env.TDG_PROGRESS_INTERVAL_MS)
  const interval = opts.intervalMs ?? (envInterval > 0 ? envInterval : 5000)
  const ora = live ? (await import('ora')).default : undefined
  let stepStart = 0
  let lastLine = 0
  let text = ''
  let spinner: Ora | undefined

  // Cut to the width (less the spinner and its space) so a line never wraps, which ora cannot redraw.
  const fit = (line: string) => {
    const width = Math.max(10, (stream.columns || 80) - 3)
    return line.length > width ? `${line.slice(0, width - 1)}…` : line
  }
  const draw = () => {
    if (spinner) spinner.text = fit(text)
    else if (ora) spinner = ora({ stream, text: fit(text), discardStdin: false, isEnabled: true }).start()
  }
  const clear = () => {
    spinner?.stop()
    spinner = undefined
  }

  const listener = (e: ProgressEvent): void => {
    switch (e.kind) {
      case 'step-start':
        stepStart = performance.now()
        lastLine = stepStart
        text = `${e.step}: 0 / ${fmt(e.rows)} rows`
        if (live) draw()
        break
      case 'step-rows': {
        const now = performance.now()
        text = runningLine(e.step, e.written, e.rows, rate(e.written, now - stepStart))
        if (live) draw()
        if (!live && now - lastLine >= interval && e.written < e.rows) {
          lastLine = now
          stream.write(`${text}\n`)
        }
        break
      }
      case 'step-done': {
        const line = `${e.step}: ${fmt(e.rows)} rows in ${seconds(e.ms)}, ${fmt(rate(e.rows, e.ms))} rows/s`
        if (live && spinner) {
          spinner.stopAndPersist({ symbol: '✔', text: line })
          spinner = undefined
        } else stream.write(`${line}\n`)
        break
      }
      case 'fixup':
        clear()
        stream.write(`${e.step}: set ${e.columns.join(', ')} on ${fmt(e.rows)} rows (cycle fixup)\n`)
        break
      default:
        break
    }
  }
  return Object.assign(listener, { stop: clear })
}

/** `orders: 620,000 / 1,000,000 rows (62 %), 85,000 rows/s, ETA 5 s`: a table being written. */
function runningLine(step: string, written: number, rows: number, rowsPerSec: number): string {
  const pct = rows > 0 ? Math.floor((written * 100) / rows) : 100
  const eta = rowsPerSec > 0 && written < rows ? `, ETA ${duration((rows - written) / rowsPerSec)}` : ''
  return `${step}: ${fmt(written)} / ${fmt(rows)} rows (${pct} %), ${fmt(rowsPerSec)} rows/s${eta}`
}

/** `n` rounded, with thousands separated by commas (`1,234,567`), as `toLocaleString('en-US')` writes it. */
export function fmt(n: number): string {
  // Not toLocaleString: its first call initializes ICU, ~15 ms of every `tdg seed`'s summary.
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

export function rate(rows: number, ms: number): number {
  return ms > 0 ? (rows * 1000) / ms : 0
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`
}

/** `42 s`, `3 min 5 s`, `1 h 2 min`: an ETA, rounded up to whole seconds. */
export function duration(sec: number): string {
  const s = Math.max(1, Math.ceil(sec))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
}
