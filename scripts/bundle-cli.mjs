// Bundle the compiled CLI (issue 16, start-up): `node scripts/bundle-cli.mjs [from] [out]` reads
// `<from>/src/cli/main.js` (tsc's output, default dist/) and writes `<out>/main.js` plus its chunks (default
// dist/cli/), so `tdg seed` loads ~60 files instead of ~210 modules each resolved, read and compiled alone.
//
// - ESM with code splitting: every `await import()` of the CLI (a command's action, an adapter, a parser) stays
//   a chunk loaded on demand, and the packages stay external (node_modules, native addons, WebAssembly), loaded
//   where the source imports them. A single file would hoist every package import to its top.
// - `import.meta.url` of each module is replaced by the URL of its own compiled file in <from>, so paths found
//   relative to a module (worker scripts, package.json, the help cache, a codec named by module URL) are the
//   same as in the unbundled build; workers load the unbundled modules.
// - bin/tdg.js runs the bundle only while it is newer than <from>/src/cli/main.js (every `tsc -p tsconfig.json`
//   rewrites it): after a tsc-only build the unbundled modules run, never a stale bundle.
// Without esbuild (it is a dev dependency) the script says so and exits 0: the CLI then runs unbundled.
import { readFile, rm } from 'node:fs/promises'
import { relative, resolve } from 'node:path'

const [from = 'dist', out = 'dist/cli'] = process.argv.slice(2)
const outdir = resolve(out)

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  process.stderr.write('bundle-cli: esbuild is not installed; the CLI runs from the unbundled modules\n')
  process.exit(0)
}

/** Each module's `import.meta.url` → the URL of its compiled file, relative to the chunk (chunks are flat in outdir). */
const moduleUrl = {
  name: 'module-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const rel = relative(outdir, args.path).split('\\').join('/')
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'js' }
    })
  },
}

await rm(outdir, { recursive: true, force: true })
await esbuild.build({
  entryPoints: { main: resolve(from, 'src/cli/main.js') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  plugins: [moduleUrl],
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
})
