/**
 * Keeps a long run's memory flat in its row count. A load's live set is small and constant (the plan,
 * the value pools, one batch in flight: ~30 MB for W2), but everything else it allocates is garbage,
 * and V8 sizes the old generation by its own heuristics: after each full collection it lets the heap
 * grow to up to ~4× what survived, more the longer and busier the run, so the peak RSS of a 10M-row
 * load ended ~35 % above a 1M-row one's. There is no runtime setting for that limit
 * (`--max-old-space-size` is fixed when the process starts, and a hard limit would abort runs whose
 * live set is legitimately large), so between batches the governor asks for a full collection itself
 * whenever the heap in use has doubled since the last one (and is past a floor): the heap stays within
 * ~2× the live set at a cost of one collection per doubling (a few ms each on a small live set).
 */
import v8 from 'node:v8'
import vm from 'node:vm'

/** Below this much heap in use the governor never collects: V8's own young-generation work suffices. */
const FLOOR_BYTES = 48 * 1024 * 1024

let collect: (() => void) | undefined | null

/**
 * V8's `gc()`, made available at run time: `--expose-gc` takes effect for contexts created after it is
 * set, so a fresh context hands the function out. Null where the engine refuses (then the governor is
 * a no-op and V8's heuristics stand).
 */
function fullCollection(): (() => void) | null {
  if (collect !== undefined) return collect
  try {
    v8.setFlagsFromString('--expose-gc')
    const fn = vm.runInNewContext('gc') as unknown
    collect = typeof fn === 'function' ? (fn as () => void) : null
  } catch {
    collect = null
  }
  return collect
}

/**
 * A check to call between batches of a run: cheap (one heap-statistics read), and it collects only when
 * the heap in use passed twice what the previous collection left (at least `FLOOR_BYTES`).
 */
export function heapGovernor(): () => void {
  let limit = FLOOR_BYTES
  return () => {
    if (v8.getHeapStatistics().used_heap_size < limit) return
    const gc = fullCollection()
    if (!gc) {
      limit = Number.POSITIVE_INFINITY
      return
    }
    gc()
    limit = Math.max(FLOOR_BYTES, 2 * v8.getHeapStatistics().used_heap_size)
  }
}
