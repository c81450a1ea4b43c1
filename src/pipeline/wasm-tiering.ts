/**
 * Raises V8's dynamic-tiering budget for WebAssembly (default 1.8 MB of "bytes executed" per function
 * before TurboFan recompiles it) while a large module is instantiated: parquet-wasm on the Parquet encoder
 * thread, libpg-query for PostgreSQL DDL. At the default, hundreds of lukewarm functions (arrow-rs's IPC
 * reading, thrift, set-up; the parser's) are recompiled on V8's background threads in every run: ~0.2–0.4 s
 * of CPU per Parquet run, whatever its size, that buys nothing back. The hot loops still tier up.
 *
 * An instance takes its functions' budgets when it is made, so the flag is restored right after: V8's
 * flags are process-wide and part of what a code cache is checked against, and the CLI's V8 code cache
 * (bin/tdg.js), saved at the end of a run, would otherwise be rejected by every next run. Only on the V8
 * whose default it restores (Node.js 20's 11.x); elsewhere nothing changes. Output is unchanged either
 * way: both tiers run the same code.
 */
import v8 from 'node:v8'

/** Bytes executed by a WebAssembly function before V8 optimises it, while instantiating. */
export const WASM_TIERING_BUDGET = 20_000_000
/** V8 11's default, restored after. */
const DEFAULT_BUDGET = 1_800_000

const applies = /^11\./.test(process.versions.v8)

/** `instantiate()` (sync or async) with the raised budget; the default is back once it settles. */
export function withWasmTieringBudget<T>(instantiate: () => T): T {
  if (!applies) return instantiate()
  const set = (n: number) => {
    try {
      v8.setFlagsFromString(`--wasm-tiering-budget=${n}`)
    } catch {
      // An embedder that freezes V8's flags: the default budget stays (slower, same bytes).
    }
  }
  set(WASM_TIERING_BUDGET)
  let result: T
  try {
    result = instantiate()
  } catch (e) {
    set(DEFAULT_BUDGET)
    throw e
  }
  if (result instanceof Promise) return result.finally(() => set(DEFAULT_BUDGET)) as T
  set(DEFAULT_BUDGET)
  return result
}
