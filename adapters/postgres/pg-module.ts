/**
 * node-postgres, loaded without the cost of its Cloudflare Workers probe on Node 20 (issue 16, start-up).
 * pg's lib/stream.js asks once, as it loads, whether it runs in a Worker: by `navigator.userAgent`, else
 * (Node 20 has no `navigator`) by constructing a fetch `Response`, which loads undici — ~40 ms of a
 * `tdg seed`. Node 21+ defines `navigator.userAgent` as `Node.js/<major>`; on Node 20 that same value is
 * defined only for the synchronous `require` of pg and removed right after, so no other code can see it
 * (of pg and its dependencies only stream.js reads it), and pg picks Node's sockets as its probe would.
 * The ESM entry of pg wraps this same CommonJS module: `import pg from 'pg'` elsewhere gets this instance.
 */
import { createRequire } from 'node:module'
import type pg from 'pg'

let loaded: typeof pg | undefined

/** The `pg` module (its CommonJS exports, as `import pg from 'pg'` gives them). */
export function loadPg(): typeof pg {
  if (loaded) return loaded
  const require = createRequire(import.meta.url)
  const define = (globalThis as { navigator?: unknown }).navigator === undefined && !Object.hasOwn(globalThis, 'navigator')
  if (define) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node.split('.')[0]}` }, configurable: true, writable: true })
  try {
    loaded = require('pg') as typeof pg
  } finally {
    if (define) delete (globalThis as { navigator?: unknown }).navigator
  }
  return loaded
}
