/**
 * Loads the parquet-wasm encoder (`wasm-file.ts`, with apache-arrow and the WebAssembly module) on first
 * use: a few hundred milliseconds that only Parquet output pays, not every command that imports a sink.
 */
type WasmFileModule = typeof import('./wasm-file.js')

let loaded: WasmFileModule | undefined
let loading: Promise<void> | undefined

/** Load the encoder once; resolves when `wasmFileModule()` returns it. */
export function loadWasmEncoder(): Promise<void> {
  loading ??= import('./wasm-file.js').then((m) => {
    loaded = m
  })
  return loading
}

/** The loaded encoder module (undefined before `loadWasmEncoder` resolved). */
export function wasmFileModule(): WasmFileModule | undefined {
  return loaded
}
