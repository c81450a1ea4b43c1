import { knownSecrets, redactOptions } from '../audit/redact-options.js'
import type { Job } from './job-schema.js'
import type { StoredJob } from './job-store.js'

/** A stored job as the API shows it: database URLs without their passwords, secret-named options `***`. */
export function jobView(j: StoredJob): Job {
  const { summary, ...progress } = j.progress
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    params: redactOptions(j.request as Record<string, unknown>, knownSecrets()),
    createdBy: j.createdBy,
    createdAt: j.createdAt,
    ...(j.startedAt ? { startedAt: j.startedAt } : {}),
    ...(j.finishedAt ? { finishedAt: j.finishedAt } : {}),
    ...(j.runId ? { runId: j.runId } : {}),
    progress,
    ...(summary ? { summary } : {}),
    ...(j.error ? { error: j.error } : {}),
    ...(j.parentId ? { parentId: j.parentId } : {}),
    ...(j.fanout ? { fanout: { shards: j.fanout.shards, phases: j.fanout.phases, phase: j.fanout.phases[j.fanout.phase]!, tries: j.fanout.tries } } : {}),
  }
}
