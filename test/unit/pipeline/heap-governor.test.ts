import v8 from 'node:v8'
import { describe, expect, it } from 'vitest'
import { heapGovernor } from '../../../src/pipeline/heap-governor.js'

const used = () => v8.getHeapStatistics().used_heap_size
const MB = 1024 * 1024

describe('heapGovernor', () => {
  it('collects garbage left in the old generation once the heap in use passed its floor, so a long run keeps its heap near its live set', () => {
    const govern = heapGovernor()
    // ~150 MB that survives long enough to be promoted, then becomes garbage nobody collects on its own.
    let junk: Array<{ i: number; s: string }> | null = Array.from({ length: 1_500_000 }, (_, i) => ({ i, s: `value-${i}` }))
    expect(junk.length).toBe(1_500_000)
    const before = used()
    expect(before).toBeGreaterThan(120 * MB)
    junk = null
    govern()
    const after = used()
    expect(after).toBeLessThan(before - 80 * MB)
  })
})
