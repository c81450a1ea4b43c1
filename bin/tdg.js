#!/usr/bin/env node
// The launcher (CommonJS, see bin/package.json: a CommonJS entry starts as fast as `node -e 0`, an ES module
// does not). It answers `--version`, and `--help` into a pipe, itself from files, loading nothing else; any
// other run imports the CLI: the bundle dist/cli/main.js (scripts/bundle-cli.mjs) while it is newer than
// tsc's dist/src/cli/main.js, else the unbundled modules (a tsc-only build never runs a stale bundle).
// The help text is the one the full CLI rendered last for this build (src/cli/fast-path.ts writes it, under
// the same key as helpKey here). See docs/architecture.md, start-up.
'use strict'
const { readFileSync, statSync } = require('node:fs')
const { join } = require('node:path')

const DIST = join(__dirname, '..', 'dist')
const PACKAGE_JSON = join(__dirname, '..', 'package.json')
const cliMain = join(DIST, 'src', 'cli', 'main.js')
const bundleMain = join(DIST, 'cli', 'main.js')
const EXIT_EPIPE = 141

const mtime = (file) => {
  try {
    return statSync(file).mtimeMs
  } catch {
    return 0
  }
}

function version() {
  try {
    return JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')).version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** The build a help text belongs to: as helpCacheKey() in src/cli/fast-path.ts. */
const helpKey = () => `${version()}:${mtime(cliMain)}:${mtime(bundleMain)}`

/** The cached help text of this build, or undefined. */
function cachedHelp() {
  try {
    const cache = JSON.parse(readFileSync(join(DIST, 'src', 'cli', 'help-cache.json'), 'utf8'))
    return cache.key === helpKey() ? cache.text : undefined
  } catch {
    return undefined
  }
}

function write(text) {
  // `tdg --help | head -1`: the reader went away; exit as the full CLI does (141, silent).
  process.stdout.on('error', (e) => {
    process.exitCode = e.code === 'EPIPE' ? EXIT_EPIPE : 1
  })
  process.stdout.write(text)
}

/** Answers `args` here when it is exactly -V/--version, or -h/--help into a pipe with a cached text. */
function fastPath(args) {
  if (args.length !== 1) return false
  if (args[0] === '--version' || args[0] === '-V') {
    write(`${version()}\n`)
    return true
  }
  // In a terminal commander wraps the help at its width: the full CLI answers there.
  if ((args[0] !== '--help' && args[0] !== '-h') || process.stdout.isTTY) return false
  const text = cachedHelp()
  if (text === undefined) return false
  write(text)
  return true
}

if (!fastPath(process.argv.slice(2))) {
  // Node ≥ 22.1 caches compiled code between runs; Node 20 has no such cache.
  require('node:module').enableCompileCache?.()
  const bundled = mtime(bundleMain)
  const entry = bundled > 0 && bundled >= mtime(cliMain) ? bundleMain : cliMain
  import(require('node:url').pathToFileURL(entry).href).then(async ({ main }) => {
    process.exitCode = await main(process.argv)
  })
}
