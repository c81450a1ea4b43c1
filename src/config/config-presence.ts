/**
 * Whether cosmiconfig could find a tdg config at all, decided from directory listings (issue 16, start-up):
 * loading cosmiconfig and its meta-config search (parse-json, @babel/code-frame) cost ~40 ms of every run,
 * and most runs have no config. `mayHaveConfig` answers false only when none of the files cosmiconfig 9
 * reads with `searchStrategy: 'project'` exists; anything it is unsure of (a `.config/` entry, a
 * package.json that does not parse or has a `tdg` or `cosmiconfig` key, an unreadable directory) is true,
 * and cosmiconfig then searches as before — so the answer never hides a config.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/** Names cosmiconfig tries in each directory for module `tdg` (its getDefaultSearchPlaces), package.json aside. */
const RC = /^(\.tdgrc(\.(json|ya?ml|js|ts|cjs|mjs))?|tdg\.config\.(js|ts|cjs|mjs))$/
/** Entries of `.config/` cosmiconfig reads: `tdgrc*` (search places) and `config.*` (its meta config). */
const DOT_CONFIG = /^(tdgrc|config)(\.|$)/

/**
 * False when no tdg config can be found searching up from `from` (default: the working directory) to the
 * nearest directory with a package.json or package.yaml, nor a cosmiconfig meta config in the working
 * directory; true otherwise (then ask cosmiconfig).
 */
export function mayHaveConfig(from?: string): boolean {
  try {
    const cwd = process.cwd()
    // The meta config (cosmiconfig's metaSearchPlaces): only in the working directory.
    if (hasConfigIn(cwd, 'cosmiconfig') === true) return true
    for (let dir = resolve(from ?? cwd); ; ) {
      const found = hasConfigIn(dir, 'tdg')
      if (found !== false) return true
      if (isProjectRoot(dir)) return false
      const parent = dirname(dir)
      if (parent === dir) return false
      dir = parent
    }
  } catch {
    return true
  }
}

/** True when `dir` holds a config file, a `.config/` entry cosmiconfig reads, or package.json with `key`. */
function hasConfigIn(dir: string, key: string): boolean {
  const names = readdirSync(dir)
  if (names.some((n) => RC.test(n)) || names.includes('package.yaml')) return true
  if (names.includes('.config') && readdirSync(join(dir, '.config')).some((n) => DOT_CONFIG.test(n))) return true
  if (!names.includes('package.json')) return false
  const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  return typeof pkg !== 'object' || pkg === null || Object.hasOwn(pkg, key)
}

function isProjectRoot(dir: string): boolean {
  const names = readdirSync(dir)
  return names.includes('package.json') || names.includes('package.yaml')
}
