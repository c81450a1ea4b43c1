/**
 * Batches whose bytes are the only view of their ArrayBuffer, which their producer no longer touches: a
 * consumer may transfer such a buffer to a worker thread (detaching it) instead of copying it into a
 * fresh one. The producer marks the buffer when it yields the batch (`soleBuffer`); the first consumer
 * to claim it (`claimSole`) owns it. A buffer not marked (a view of Node's shared pool, a socket's
 * chunk, bytes another batch also views) is never handed out: its consumer copies.
 *
 * Such buffers are best SharedArrayBuffers (`sharedBytes`): V8 counts an ArrayBuffer's bytes as its
 * isolate's external memory until a GC sweeps it (or a transfer detaches it), and a thread that moves a
 * few hundred megabytes through fresh ArrayBuffers runs a full GC every ten or twenty of them (the main
 * thread of W4's clone: ~25 a run); shared backing stores are not attributed to an isolate. The receiver
 * of a shared batch owns it as it would own a transferred one: the sender keeps no view.
 */
const sole = new WeakSet<ArrayBufferLike>()

/** Mark `bytes`' ArrayBuffer as the batch's alone (the caller keeps no view of it); returns `bytes`. */
export function soleBuffer<T extends Uint8Array>(bytes: T): T {
  sole.add(bytes.buffer)
  return bytes
}

/** `bytes`' ArrayBuffer when it was marked `soleBuffer` and not claimed yet (now the caller's), else undefined. */
export function claimSole(bytes: Uint8Array): ArrayBufferLike | undefined {
  const ab = bytes.buffer
  return sole.delete(ab) ? ab : undefined
}

/** `n` bytes (uninitialised content: zeroed) over a fresh SharedArrayBuffer, for a batch handed between threads. */
export function sharedBytes(n: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(n))
}

/** The buffers of `list` to transfer with a message: the ArrayBuffers (a SharedArrayBuffer is shared, never transferred). */
export function transferable(list: ReadonlyArray<ArrayBufferLike>): ArrayBuffer[] {
  return list.filter((b): b is ArrayBuffer => !(b instanceof SharedArrayBuffer))
}
