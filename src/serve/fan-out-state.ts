/**
 * The state of a seed job fanned out as shard jobs (`shards: N`, fan-out.ts), kept in its row
 * (`tdg_jobs.fanout`) and changed only by a conditional update (`swapFanOut`).
 */
export interface FanOutState {
  /** N: shard jobs per phase. */
  shards: number
  /** More runs a failed shard job gets, alone (the request's `shardRetries`, default 1). */
  retries: number
  /** The plan's phases, in order (`1`, `2`, …, `finish`). */
  phases: string[]
  /** Index in `phases` of the phase whose shard jobs are queued or running. */
  phase: number
  /** Per shard (index i − 1): shard jobs queued for the current phase so far (1 + retries used). */
  tries: number[]
}
