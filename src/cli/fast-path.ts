/**
 * The help cache behind `tdg --help` without loading the CLI (issue 16, start-up). bin/tdg.js (CommonJS,
 * loading nothing but node:fs) answers `--version` from package.json and `--help` from `help-cache.json`
 * next to this file, when
 *   - stdout is not a terminal (tests, scripts, pipes: commander then wraps at 80 columns, so the text is
 *     the same every time; in a terminal commander wraps at its width and the full CLI answers), and
 *   - the cache was written by this build: its key (`helpCacheKey`) is the version and the modification
 *     times of tsc's `dist/src/cli/main.js` and the bundle's `dist/cli/main.cjs`, which every build rewrites.
 * Otherwise the full CLI answers (main.ts) and writes the cache for the next run (`writeHelpCache`); a
 * cache that cannot be written (a read-only install) only means the slow path every time.
 * bin/tdg.js computes the same key: change both together.
 */
import { renameSync, statSync, writeFileSync } from 'node:fs'
import { packageVersion } from '../audit/package-version.js'

const HELP_FLAGS = ['--help', '-h']

// This directory of tsc's output (also inside the bundle: scripts/bundle-cli.mjs keeps each module's own URL).
const here = new URL('./', import.meta.url)
const cacheFile = new URL('help-cache.json', here)

interface HelpCache {
  key: string
  text: string
}

const mtime = (file: URL): number => {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

/** The build a help text belongs to: the version, tsc's main.js and the bundle's main.cjs modification times. */
export function helpCacheKey(): string {
  return `${packageVersion()}:${mtime(new URL('main.js', here))}:${mtime(new URL('../../cli/main.cjs', here))}`
}

/** True when `args` (argv without node and script) asks for the top-level help the cache holds. */
export function isHelpRequest(args: string[]): boolean {
  return args.length === 1 && HELP_FLAGS.includes(args[0]!) && !process.stdout.isTTY
}

/** Store `text` as the help of this build (atomically: concurrent runs each rename a whole file); never throws. */
export function writeHelpCache(text: string): void {
  try {
    const cache: HelpCache = { key: helpCacheKey(), text }
    const tmp = new URL(`help-cache.json.${process.pid}.tmp`, here)
    writeFileSync(tmp, JSON.stringify(cache))
    renameSync(tmp, cacheFile)
  } catch {
    // A read-only install: the full CLI answers --help every time.
  }
}
