/**
 * node-postgres, loaded without the cost of its Cloudflare Workers probe on Node 20 (issue 16, start-up).
 * pg's lib/stream.js asks once, as it loads, whether it runs in a Worker: by `navigator.userAgent`, else
 * (Node 20 has no `navigator`) by constructing a fetch `Response`, which loads undici — ~40 ms of a
 * `tdg seed`. Node 21+ defines `navigator.userAgent` as `Node.js/<major>`; on Node 20 that same value is
 * defined only while pg loads and removed right after, so no other code can see it (of pg and its
 * dependencies only stream.js reads it), and pg picks Node's sockets as its probe would. Modules are
 * evaluated in import order: pg-navigator.ts defines it, then pg loads, then this module's body removes it.
 * A static import (not a `require` at run time) lets the CLI bundle carry pg in its code cache
 * (scripts/bundle-cli.mjs), which saves resolving, reading and compiling its ~30 files on every run.
 */
import { removePgNavigator } from './pg-navigator.js'
import pg from 'pg'

removePgNavigator()

/** The `pg` module (its CommonJS exports, as `import pg from 'pg'` gives them). */
export function loadPg(): typeof pg {
  return pg
}
