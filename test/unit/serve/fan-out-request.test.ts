/**
 * A seed job with `shards: N` (src/serve/fan-out.ts): what each shard job is asked to do, and what is
 * refused before anything is queued (run-job.ts `checkJobAllowed`). The fan-out itself runs end to end in
 * test/e2e/workers-fan-out.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { isTdgError } from '../../../src/errors.js'
import { isFanOutRequest, shardRequest } from '../../../src/serve/fan-out.js'
import { jobRequestSchema, type SeedJobRequest } from '../../../src/serve/job-schema.js'
import { checkJobAllowed } from '../../../src/serve/run-job.js'

const allow = { db: ['sqlite:*'] }
const base: SeedJobRequest = { kind: 'seed', db: 'sqlite:/tmp/x.db', rows: 10, seed: 1, now: '2026-01-01' }

function refusal(req: SeedJobRequest): string {
  try {
    checkJobAllowed(req, allow)
  } catch (e) {
    if (isTdgError(e)) return `${e.code}: ${e.message}`
    throw e
  }
  return 'accepted'
}

describe('fan-out requests', () => {
  it('a shard job carries the parent options, one shard and one phase, without the fan-out keys', () => {
    const parent = { ...base, shards: 4, shardRetries: 2 }
    expect(isFanOutRequest(parent)).toBe(true)
    expect(isFanOutRequest(base)).toBe(false)
    const child = shardRequest(parent, 3, '2')
    expect(child).toEqual({ ...base, shard: '3/4', phase: '2' })
    expect(isFanOutRequest(child)).toBe(false)
    expect(jobRequestSchema.safeParse(child).success).toBe(true)
    expect(refusal(child)).toBe('accepted')
  })

  it('refuses what a sharded seed cannot do, one line each, naming the key', () => {
    expect(refusal({ ...base, shards: 2 })).toBe('accepted')
    expect(refusal({ ...base, seed: undefined, shards: 2 })).toBe('TDG_USAGE: shards needs seed: every shard must plan with the same seed and time')
    expect(refusal({ ...base, now: undefined, seed: undefined, shards: 2 })).toBe('TDG_USAGE: shards needs seed and now: every shard must plan with the same seed and time')
    expect(refusal({ ...base, shards: 2, truncate: true })).toMatch(/^TDG_USAGE: shards cannot be combined with truncate/)
    expect(refusal({ ...base, shards: 2, shard: '1/2', phase: '1' })).toBe('TDG_USAGE: a seed job takes shards (fan out) or shard (one shard), not both')
    expect(refusal({ ...base, shardRetries: 1 })).toBe('TDG_USAGE: shardRetries needs shards')
    expect(refusal({ ...base, shard: '1/2' })).toMatch(/^TDG_USAGE: shard needs phase/)
    expect(refusal({ ...base, phase: '1' })).toBe('TDG_USAGE: phase needs shard')
    expect(refusal({ ...base, shard: '3/2', phase: '1' })).toMatch(/^TDG_USAGE: .*the shard index must be between 1 and 2/)
    expect(jobRequestSchema.safeParse({ ...base, shards: 0 }).success).toBe(false)
    expect(jobRequestSchema.safeParse({ ...base, shard: 'two' }).success).toBe(false)
  })
})
