#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (prepare) or `npm run build`.
// `--version` and (piped) `--help` are answered by fast-path.js without loading the CLI (start-up).
import module from 'node:module'
import { fastPath } from '../dist/src/cli/fast-path.js'

// Node ≥ 22.1 caches compiled code between runs; Node 20 has no such cache.
module.enableCompileCache?.()

if (!fastPath(process.argv)) {
  const { main } = await import('../dist/src/cli/main.js')
  process.exitCode = await main(process.argv)
}
