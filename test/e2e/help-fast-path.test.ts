/**
 * Issue 16 (start-up): bin/tdg.js answers `--version` and piped `--help` through dist/src/cli/fast-path.js,
 * from the help text the full CLI rendered for this build. The text must be the full CLI's, a cache of
 * another build must be ignored, and anything else must go to the full CLI.
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

  describe('in a copy of the compiled module', () => {
    // dist/src/cli/fast-path.js and the one module it imports, with package.json three levels up and a
    // commands/ directory beside it.
    const root = mkdtempSync(join(tmpdir(), 'tdg-fast-path-'))
    const cli = join(root, 'dist', 'src', 'cli')
    mkdirSync(join(cli, 'commands'), { recursive: true })
    mkdirSync(join(root, 'dist', 'src', 'audit'))
    copyFileSync(join(repoRoot, 'dist/src/cli/fast-path.js'), join(cli, 'fast-path.js'))
    copyFileSync(join(repoRoot, 'dist/src/audit/package-version.js'), join(root, 'dist', 'src', 'audit', 'package-version.js'))
    writeFileSync(join(cli, 'commands', 'seed.js'), '')
    writeFileSync(join(root, 'package.json'), JSON.stringify({ version: '9.8.7', type: 'module' }))
    const launcher = join(root, 'tdg.js')
    writeFileSync(launcher, "import { fastPath } from './dist/src/cli/fast-path.js'\nif (!fastPath(process.argv)) process.stdout.write('FULL CLI\\n')\n")
    const run = (...args: string[]) => node([launcher, ...args]).stdout
    const store = (text: string) => node(['--input-type=module', '-e', `import { writeHelpCache } from '${join(cli, 'fast-path.js')}'; writeHelpCache(${JSON.stringify(text)})`])
    afterAll(() => rmSync(root, { recursive: true, force: true }))

    it('answers --help from a cache of this build only, and leaves everything else to the full CLI', () => {
      expect(run('--help')).toBe('FULL CLI\n') // no cache yet
      expect(store('HELP OF THIS BUILD\n').status).toBe(0)
      expect(run('--help')).toBe('HELP OF THIS BUILD\n')
      expect(run('-h')).toBe('HELP OF THIS BUILD\n')
      expect(run('--version')).toBe('9.8.7\n')
      for (const args of [['seed', '--help'], ['--help', '--debug'], [], ['seed']]) expect(run(...args)).toBe('FULL CLI\n')
      // A rebuilt command module: the cache belongs to another build.
      const later = new Date(Date.now() + 5000)
      utimesSync(join(cli, 'commands', 'seed.js'), later, later)
      expect(run('--help')).toBe('FULL CLI\n')
    })
  })
})
