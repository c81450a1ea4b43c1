/**
 * `tdg --help` and `tdg --version` without loading the CLI (issue 16, start-up): bin/tdg.js asks this
 * module first, and it imports nothing but node:fs, so the answer costs a Node.js process and two small
 * file reads instead of commander and ~45 modules.
 *
 * `--version` prints package.json's version, as commander does. `--help` prints the help text the full
 * CLI rendered last time, from `help-cache.json` next to this file, when
 *   - stdout is not a terminal (tests, scripts, pipes: commander then wraps at 80 columns, so the text is
 *     the same every time; in a terminal commander wraps at its width and the full CLI answers), and
 *   - the cache was written by this build: its key is the version and the modification times of the
 *     compiled CLI modules (this directory and commands/), which every `tsc` build rewrites.
 * Otherwise the full CLI answers (main.ts), and writes the cache for the next run (`writeHelpCache`); a
 * cache that cannot be written (a read-only install) only means the slow path every time.
 */
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { packageVersion } from '../audit/package-version.js'

const HELP_FLAGS = ['--help', '-h']
const VERSION_FLAGS = ['--version', '-V']
const EXIT_EPIPE = 141

const here = new URL('./', import.meta.url)
const cacheFile = new URL('help-cache.json', here)

interface HelpCache {
  key: string
  text: string
}

/** The build this help text belongs to: the version and the compiled CLI modules' modification times. */
function buildKey(): string {
  let newest = 0
  let count = 0
  for (const dir of [here, new URL('commands/', here)]) {
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.js')) continue
      newest = Math.max(newest, statSync(new URL(name, dir)).mtimeMs)
      count++
    }
  }
  return `${packageVersion()}:${count}:${newest}`
}

/** The cached help text when it belongs to this build, else undefined. */
function cachedHelp(): string | undefined {
  try {
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as HelpCache
    return cache.key === buildKey() ? cache.text : undefined
  } catch {
    return undefined
  }
}

/** True when `args` (argv without node and script) asks for the top-level help the cache holds. */
export function isHelpRequest(args: string[]): boolean {
  return args.length === 1 && HELP_FLAGS.includes(args[0]!) && !process.stdout.isTTY
}

function write(text: string): void {
  // `tdg --help | head -1`: the reader went away; exit as the full CLI does (141, silent).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    process.exitCode = e.code === 'EPIPE' ? EXIT_EPIPE : 1
  })
  process.stdout.write(text)
}

/**
 * Answer `argv` (as process.argv) here when it is exactly `--version`/`-V`, or `--help`/`-h` with a
 * current cache and stdout not a terminal. Returns true when answered (exit code 0 unless stdout failed).
 */
export function fastPath(argv: string[]): boolean {
  const args = argv.slice(2)
  if (args.length === 1 && VERSION_FLAGS.includes(args[0]!)) {
    write(`${packageVersion()}\n`)
    return true
  }
  if (!isHelpRequest(args)) return false
  const text = cachedHelp()
  if (text === undefined) return false
  write(text)
  return true
}

/** Store `text` as the help of this build (atomically: concurrent runs each rename a whole file); never throws. */
export function writeHelpCache(text: string): void {
  try {
    const cache: HelpCache = { key: buildKey(), text }
    const tmp = new URL(`help-cache.json.${process.pid}.tmp`, here)
    writeFileSync(tmp, JSON.stringify(cache))
    renameSync(tmp, cacheFile)
  } catch {
    // A read-only install: the full CLI answers --help every time.
  }
}
