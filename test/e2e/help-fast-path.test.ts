/**
 * Issue 16 (start-up): bin/tdg.js (CommonJS, node:fs only) answers `--version` and piped `--help` itself,
 * from the help text the full CLI rendered for this build (dist/src/cli/help-cache.json, written by
 * src/cli/fast-path.ts under the key bin/tdg.js computes). The text must be the full CLI's, a cache of
 * another build must be ignored, and anything else must go to the full CLI — the bundle dist/cli/main.cjs
 * while it is newer than tsc's dist/src/cli/main.js, else the unbundled modules. The bundle runs with a V8
 * code cache (dist/cli/main.cjs.<shape>.v8-cache) that must never run the code of another build.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/run-cli.js'

const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, CI: 'true' } })

describe('tdg --help / --version fast path', () => {
  it('prints the same help as the full CLI, and the version', () => {
    const full = node(['--input-type=module', '-e', `import { main } from '${repoRoot}dist/src/cli/main.js'; process.exitCode = await main(['node', 'tdg', '--help'])`])
    expect(full.status).toBe(0)
    expect(full.stdout).toMatch(/^Usage: tdg \[options\] \[command\]\n/)
    // The first run may render it (no cache of this build yet); the second is answered from the cache.
    for (let i = 0; i < 2; i++) {
      const r = node([`${repoRoot}bin/tdg.js`, '--help'])
      expect(r.status).toBe(0)
      expect(r.stdout).toBe(full.stdout)
    }
    const cache = JSON.parse(readFileSync(join(repoRoot, 'dist/src/cli/help-cache.json'), 'utf8')) as { text: string }
    expect(cache.text).toBe(full.stdout)
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version
    expect(node([`${repoRoot}bin/tdg.js`, '-V']).stdout).toBe(`${version}\n`)
  })

  describe('in a copy of the launcher', () => {
    // bin/tdg.js with its package.json, a package.json beside bin/, and stand-ins for the two CLI entries
    // and for fast-path.js (with the one module it imports) in dist/.
    const root = mkdtempSync(join(tmpdir(), 'tdg-fast-path-'))
    const cli = join(root, 'dist', 'src', 'cli')
    const bundle = join(root, 'dist', 'cli')
    for (const dir of [join(root, 'bin'), cli, bundle, join(root, 'dist', 'src', 'audit')]) mkdirSync(dir, { recursive: true })
    copyFileSync(join(repoRoot, 'bin/tdg.js'), join(root, 'bin', 'tdg.js'))
    copyFileSync(join(repoRoot, 'bin/package.json'), join(root, 'bin', 'package.json'))
    copyFileSync(join(repoRoot, 'dist/src/cli/fast-path.js'), join(cli, 'fast-path.js'))
    copyFileSync(join(repoRoot, 'dist/src/audit/package-version.js'), join(root, 'dist', 'src', 'audit', 'package-version.js'))
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '9.8.7', type: 'module' }))
    const entry = (file: string, name: string, at: Date) => {
      // The bundle is one CommonJS script (scripts/bundle-cli.mjs), its first line the build's id.
      const body = `async function main() { process.stdout.write('${name}\\n'); return 0 }`
      writeFileSync(file, file.endsWith('.cjs') ? `// tdg-build ${name.replace(/\W/g, '')}\nexports.main = ${body}\n` : `export ${body}\n`)
      utimesSync(file, at, at)
    }
    const built = new Date(Date.now() - 60_000)
    entry(join(cli, 'main.js'), 'FULL CLI (tsc)', built)
    entry(join(bundle, 'main.cjs'), 'FULL CLI (bundle)', new Date(built.getTime() + 1000))
    const run = (...args: string[]) => node([join(root, 'bin', 'tdg.js'), ...args]).stdout
    const store = (text: string) => node(['--input-type=module', '-e', `import { writeHelpCache } from '${join(cli, 'fast-path.js')}'; writeHelpCache(${JSON.stringify(text)})`])
    afterAll(() => rmSync(root, { recursive: true, force: true }))

    it('answers --help from a cache of this build only, and leaves everything else to the full CLI', () => {
      expect(run('--help')).toBe('FULL CLI (bundle)\n') // no cache yet
      expect(store('HELP OF THIS BUILD\n').status).toBe(0)
      expect(run('--help')).toBe('HELP OF THIS BUILD\n')
      expect(run('-h')).toBe('HELP OF THIS BUILD\n')
      expect(run('--version')).toBe('9.8.7\n')
      expect(run('-V')).toBe('9.8.7\n')
      for (const args of [['seed', '--help'], ['--help', '--debug'], [], ['seed']]) expect(run(...args)).toBe('FULL CLI (bundle)\n')
      // A new tsc build (main.js rewritten after the bundle): the cache belongs to another build, and the
      // stale bundle is not run.
      entry(join(cli, 'main.js'), 'FULL CLI (tsc)', new Date(built.getTime() + 2000))
      expect(run('--help')).toBe('FULL CLI (tsc)\n')
      expect(run('seed')).toBe('FULL CLI (tsc)\n')
      // Bundled again: the bundle runs, and the cache is still of the build before.
      entry(join(bundle, 'main.cjs'), 'FULL CLI (bundle)', new Date(built.getTime() + 3000))
      expect(run('--help')).toBe('FULL CLI (bundle)\n')
      // No bundle at all: tsc's modules.
      rmSync(join(bundle, 'main.cjs'))
      expect(run('seed')).toBe('FULL CLI (tsc)\n')
    })

    it('runs the bundle with a code cache of this very file only', () => {
      const file = join(bundle, 'main.cjs')
      const cache = `${file}.seed.v8-cache`
      const at = new Date(built.getTime() + 4000)
      entry(file, 'BUNDLE ONE', at)
      expect(run('seed')).toBe('BUNDLE ONE\n')
      const first = readFileSync(cache)
      expect(first.toString('latin1').split('\n')[0]).toMatch(/^tdg-code-cache BUNDLEONE /)
      expect(run('seed')).toBe('BUNDLE ONE\n')
      expect(readFileSync(cache).equals(first)).toBe(true) // a usable cache is kept
      // Another shape of run has a cache of its own.
      expect(run('generate', '--db', 'sqlite:x.db', '--help')).toBe('BUNDLE ONE\n')
      expect(readFileSync(`${file}.generate-help.sqlite.v8-cache`, 'latin1')).toMatch(/^tdg-code-cache BUNDLEONE /)
      // Another build of the same length and time: V8 alone would take the cache (it checks the length of
      // the source, not its text) and run the old code; the build id in the key keeps it out.
      entry(file, 'BUNDLE TWO', at)
      expect(run('seed')).toBe('BUNDLE TWO\n')
      expect(readFileSync(cache, 'latin1')).toMatch(/^tdg-code-cache BUNDLETWO /)
      // A damaged cache is not used (and is replaced).
      writeFileSync(cache, 'garbage')
      expect(run('seed')).toBe('BUNDLE TWO\n')
      expect(readFileSync(cache, 'latin1')).toMatch(/^tdg-code-cache BUNDLETWO /)
    })
  })
})
