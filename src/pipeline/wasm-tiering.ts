/**
 * Imported for its effect before a large WebAssembly module is instantiated (the Parquet encoder
 * thread's parquet-wasm, the PostgreSQL DDL parser's libpg-query): raises V8's dynamic-tiering budget
 * (default 1.8 MB of "bytes executed" per function before TurboFan recompiles it). At the default,
 * hundreds of lukewarm functions (arrow-rs's IPC reading, thrift, set-up; the parser's) are recompiled
 * on V8's background threads in every run: ~0.2–0.4 s of CPU per Parquet run, whatever its size, that
 * buys nothing back. The hot loops still tier up. The budget is read when a module is instantiated;
 * the flag is process-wide, so it also holds for the masking's small SipHash module, whose functions
 * are hot enough to tier up either way. Output is unchanged: both tiers run the same code.
 */
import v8 from 'node:v8'

/** Bytes executed by a WebAssembly function before V8 optimises it (V8's default: 1,800,000). */
export const WASM_TIERING_BUDGET = 20_000_000

try {
  v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`)
} catch {
  // An embedder that freezes V8's flags: the default budget stays (slower, same bytes).
}
