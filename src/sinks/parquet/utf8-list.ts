/**
 * A list of strings as one UTF-8 buffer with offsets: the dictionary of a string column drawn from a
 * pool (arrow-var-builder.ts keys into it), encoded once per list.
 */
import type { Utf8List } from './encoded-columns.js'

const lists = new WeakMap<readonly string[], Utf8List>()

/** `values` as UTF-8 at offsets, encoded once per list (pools are shared, read-only arrays). */
export function utf8List(values: readonly string[]): Utf8List {
  let list = lists.get(values)
  if (list) return list
  const bytes = values.map((v) => Buffer.from(v, 'utf8'))
  const offsets = new Int32Array(values.length + 1)
  let at = 0
  for (let k = 0; k < bytes.length; k++) offsets[k + 1] = at += (bytes[k] as Buffer).length
  const data = new Uint8Array(at)
  at = 0
  for (const b of bytes) {
    data.set(b, at)
    at += b.length
  }
  list = { data, offsets }
  lists.set(values, list)
  return list
}

/** Whether two lists hold the same strings (the same pool, sent by two generation workers). */
export function sameList(a: Utf8List, b: Utf8List): boolean {
  if (a === b) return true
  const bytes = (x: Int32Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength)
  return a.offsets.length === b.offsets.length && Buffer.compare(bytes(a.offsets), bytes(b.offsets)) === 0 && Buffer.compare(a.data, b.data) === 0
}
