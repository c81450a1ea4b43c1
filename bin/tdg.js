#!/usr/bin/env node
// The launcher (CommonJS, see bin/package.json: a CommonJS entry starts as fast as `node -e 0`, an ES module
// does not). It answers `--version`, and `--help` into a pipe, itself from files, loading nothing else; any
// other run starts the CLI: the bundle dist/cli/main.cjs (scripts/bundle-cli.mjs) while it is newer than
// tsc's dist/src/cli/main.js, else the unbundled modules (a tsc-only build never runs a stale bundle).
// The bundle is compiled with a V8 code cache (Node 20 has no module.enableCompileCache): see runBundle.
// The help text is the one the full CLI rendered last for this build (src/cli/fast-path.ts writes it, under
// the same key as helpKey here). See docs/architecture.md, start-up.
'use strict'
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs')
const { dirname, join } = require('node:path')

const DIST = join(__dirname, '..', 'dist')
const PACKAGE_JSON = join(__dirname, '..', 'package.json')
const cliMain = join(DIST, 'src', 'cli', 'main.js')
const bundleMain = join(DIST, 'cli', 'main.cjs')
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

/** The code cache's first line: the build (line 1 of the bundle), the file, and Node's version and platform. */
function cacheKey(file, source) {
  const build = /^\/\/ tdg-build (\S+)/.exec(source)
  if (!build) return undefined
  const { mtimeMs, size } = statSync(file)
  return `tdg-code-cache ${build[1]} ${mtimeMs} ${size} ${process.version} ${process.arch}`
}

/**
 * What a run looks like to the cache, as a file-name part: the command (the first argument that is not an
 * option, when it looks like a command name), whether it asks for help, and the URL schemes among the
 * arguments (`seed` into SQLite compiles other functions than into PostgreSQL): `seed.sqlite`, `seed-help`.
 */
function runShape(args) {
  const command = args.find((a) => !a.startsWith('-'))
  const help = args.some((a) => a === '--help' || a === '-h') ? '-help' : ''
  const schemes = [...new Set(args.map((a) => /^([a-z][a-z0-9+]*):/i.exec(a)?.[1]?.toLowerCase()).filter(Boolean))].sort()
  return [(command !== undefined && /^[a-z][a-z-]*$/.test(command) ? command : 'tdg') + help, ...schemes.map((x) => x.replace(/[^a-z0-9]/g, '_'))].join('.')
}

/**
 * Loads the bundle (`file`, one CommonJS script) through vm.Script with a V8 code cache,
 * `<file>.<shape>.v8-cache`: the bytecode of the functions the first successful run of this shape (runShape)
 * compiled, so this run parses and compiles only what that one did not (~150 ms less CPU for `tdg seed` on
 * this machine). One cache per shape: V8 deserializes a whole cache, and one holding every command's code
 * would cost each run the others'. The cache is used only under its key (cacheKey: the bundle's build id,
 * new at every build, its mtime and size, Node's version and platform; V8 checks its own version and flags
 * too and rejects a mismatch), so it never runs other code than the file's. With no usable cache, `save`
 * writes it after a successful run, atomically (concurrent runs each rename a whole file); a directory that
 * cannot be written (a read-only install) only means no cache.
 */
function runBundle(file) {
  const vm = require('node:vm')
  const Module = require('node:module')
  const source = readFileSync(file, 'utf8')
  const key = cacheKey(file, source)
  const cacheFile = `${file}.${runShape(process.argv.slice(2))}.v8-cache`
  let cachedData
  try {
    const cache = readFileSync(cacheFile)
    const end = cache.indexOf(10)
    if (key !== undefined && end > 0 && cache.toString('latin1', 0, end) === key) cachedData = cache.subarray(end + 1)
  } catch {
    // No cache yet.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) })
  const mod = { exports: {} }
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, dirname(file))
  const save = () => {
    if (key === undefined || (cachedData !== undefined && script.cachedDataRejected !== true)) return
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`
      writeFileSync(tmp, Buffer.concat([Buffer.from(`${key}\n`, 'latin1'), script.createCachedData()]))
      renameSync(tmp, cacheFile)
    } catch {
      // Read-only: every run compiles.
    }
  }
  return { main: mod.exports.main, save }
}

if (!fastPath(process.argv.slice(2))) {
  const bundled = mtime(bundleMain)
  if (bundled > 0 && bundled >= mtime(cliMain)) {
    const { main, save } = runBundle(bundleMain)
    main(process.argv).then((code) => {
      process.exitCode = code
      if (code === 0) save()
    })
  } else {
    // Node ≥ 22.1 caches compiled code between runs; Node 20 has no such cache.
    require('node:module').enableCompileCache?.()
    import(require('node:url').pathToFileURL(cliMain).href).then(async ({ main }) => {
      process.exitCode = await main(process.argv)
    })
  }
}
