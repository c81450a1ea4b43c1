// Bundle the compiled CLI (issue 16, start-up): `node scripts/bundle-cli.mjs [from] [out]` reads
// `<from>/src/cli/main.js` (tsc's output, default dist/) and writes `<out>/main.cjs` (default dist/cli/): one
// CommonJS script that bin/tdg.js compiles with a V8 code cache (see there), so `tdg seed` neither resolves,
// reads and links ~60 ES modules nor parses and compiles their functions again on every run.
//
// - CommonJS, one file: every module of the CLI is in it, and one imported with `await import()` (a
//   command's action, an adapter, a parser) still runs only when that import runs (esbuild wraps it in a
//   lazy initialiser). The packages stay external (node_modules, native addons, WebAssembly) and are loaded
//   with `require` where the source imports them; an ES-module-only package through require(esm) (Node
//   ≥ 20.19, package.json engines). Only BUNDLED's pure-JavaScript packages are inside. Dynamic imports become `require` too: the script is compiled by
//   vm.Script, which has no loader for `import()` — the build fails if one is left.
// - Line 1 is `// tdg-build <uuid>`, new at every build: the code cache is keyed by it (bin/tdg.js).
// - `import.meta.url` of each module is replaced by the URL of its own compiled file in <from>, so paths found
//   relative to a module (worker scripts, package.json, the help cache, a codec named by module URL) are the
//   same as in the unbundled build; workers load the unbundled modules.
// - bin/tdg.js runs the bundle only while it is newer than <from>/src/cli/main.js (every `tsc -p tsconfig.json`
//   rewrites it): after a tsc-only build the unbundled modules run, never a stale bundle.
// Without esbuild (it is a dev dependency) the script says so and exits 0: the CLI then runs unbundled.
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'

const [from = 'dist', out = 'dist/cli'] = process.argv.slice(2)
const outdir = resolve(out)

let esbuild
try {
  esbuild = await import('esbuild')
} catch {
  process.stderr.write('bundle-cli: esbuild is not installed; the CLI runs from the unbundled modules\n')
  process.exit(0)
}

/** Each module's `import.meta.url` → the URL of its compiled file, relative to the bundle's directory. */
const moduleUrl = {
  name: 'module-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const rel = relative(outdir, args.path).split('\\').join('/')
      return { contents: text.replaceAll('import.meta.url', `__tdgModuleUrl(${JSON.stringify(rel)})`), loader: 'js' }
    })
  },
}

/**
 * Packages bundled (so their code is in the code cache too): pure JavaScript that `tdg seed` loads on every
 * run. Every other package stays external. Faker's other locales are loaded on demand from node_modules
 * (`generate/locales.ts`): each locale module is a faker instance of its own, so the two copies of faker's
 * code never meet.
 */
const BUNDLED = new Set([
  'commander',
  'ts-pattern',
  '@faker-js/faker/locale/en',
  '@faker-js/faker/locale/base',
  // node-postgres and what it requires as it loads (pg-cloudflare and pg-native, required only when used, stay
  // external): ~30 files resolved, read and compiled on every PostgreSQL run otherwise (adapters/postgres/pg-module.ts).
  'pg',
  'pg-pool',
  'pg-protocol',
  'pg-types',
  'pg-connection-string',
  'pgpass',
  'split2',
  'pg-int8',
  'postgres-array',
  'postgres-bytea',
  'postgres-date',
  'postgres-interval',
  'xtend/mutable',
  'pg-copy-streams',
])

/** Bare specifiers outside BUNDLED stay `require`s; relative imports inside a bundled package are bundled. */
const externals = {
  name: 'externals',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || BUNDLED.has(args.path)) return undefined
      return { path: args.path, external: true }
    })
  },
}

await rm(outdir, { recursive: true, force: true })
const result = await esbuild.build({
  entryPoints: { main: resolve(from, 'src/cli/main.js') },
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // `import(x)` → `Promise.resolve().then(() => require(x))`: vm.Script cannot import (see above).
  supported: { 'dynamic-import': false },
  banner: {
    js: [
      `// tdg-build ${randomUUID()}`,
      // ES modules are strict; esbuild's own "use strict" comes after this banner, too late to count.
      "'use strict';",
      // The module's own `require` (the bundle's, at the top): a module may shadow the name.
      "var __tdgModuleUrl = (rel) => require('node:url').pathToFileURL(require('node:path').join(__dirname, rel)).href;",
      // Every `import(x)` became `require(x)`; an import takes a file URL (a writer's encoder module, named
      // by its module URL), which require would not find: it gets the file's path.
      "var require = ((r) => Object.assign((id) => r(typeof id === 'string' && id.startsWith('file:') ? r('node:url').fileURLToPath(id) : id), r))(require);",
    ].join('\n'),
  },
  plugins: [externals, moduleUrl],
  legalComments: 'none',
  // Whitespace and comments out (names kept, for --debug's stacks): half the text to read and hash at every
  // start, and ASCII only (esbuild escapes the rest), so Node reads it into a one-byte string, not UTF-16.
  minifyWhitespace: true,
  charset: 'ascii',
  logLevel: 'warning',
  write: false,
})
const bundle = result.outputFiles.find((f) => f.path === join(outdir, 'main.cjs'))
if (!bundle || result.outputFiles.length !== 1) throw new Error(`bundle-cli: expected one file, main.cjs; esbuild wrote ${result.outputFiles.map((f) => f.path).join(', ')}`)
if (/\bimport\s*\(/.test(bundle.text)) throw new Error('bundle-cli: an import() is left in main.cjs (vm.Script cannot run it)')
await mkdir(outdir, { recursive: true })
// An ES-module-only package comes back from require(esm) as its module namespace. esbuild's interop reads
// an import from a `"type": "module"` file in Node's CommonJS mode — default = the whole required value —
// so `(await import('ora')).default` was the namespace, not the function ("ora is not a function" on a
// terminal). A namespace already is what an ES import of that package gives: it is passed through as is.
const TO_ESM = 'var __toESM='
if (bundle.text.split(TO_ESM).length !== 2) throw new Error(`bundle-cli: expected esbuild's ${TO_ESM} helper exactly once in main.cjs`)
const text = bundle.text.replace(
  TO_ESM,
  `var __toESM=(mod,isNodeMode,target)=>mod!=null&&mod[Symbol.toStringTag]==="Module"?mod:__toESMCommonJS(mod,isNodeMode,target);var __toESMCommonJS=`,
)
await writeFile(bundle.path, text)
