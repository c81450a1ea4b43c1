/**
 * The Parquet encoder thread (`encode-group.ts`): answers each `{ id, req }` with the encoded group, or
 * the error's name and message (parquet-wasm's messages name types and sizes, not values).
 */
import { parentPort } from 'node:worker_threads'
import { encodeIpcGroup, type EncodeRequest } from './encode-ipc.js'
import { detachEarly } from '../../pipeline/detach-early.js'

// This thread transfers buffers (detach-early.ts).
detachEarly()

const port = parentPort!
port.on('message', ({ id, req }: { id: number; req: EncodeRequest }) => {
  try {
    const group = encodeIpcGroup(req)
    port.postMessage({ id, group }, [group.bytes.buffer as ArrayBuffer])
  } catch (e) {
    port.postMessage({ id, error: `${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? String(e)}` })
  }
})
