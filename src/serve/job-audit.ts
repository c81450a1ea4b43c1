import type { Knex } from 'knex'
import type { AuditRun } from '../audit/audit-record.js'
import { appendAudit } from '../audit/audit-store.js'
import { fileDigest, osHost } from '../audit/record-run.js'
import { knownSecrets, redactOptions, redactValue } from '../audit/redact-options.js'
import { packageVersion } from '../audit/package-version.js'
import { isTdgError } from '../errors.js'
import type { JobRequest } from './job-schema.js'
import type { JobResult } from './run-job.js'

/**
 * The audit record of one job's run (origin `api`, or `schedule` for a job created by `schedule:<name>`;
 * actor the token's or schedule's name, command the job's kind),
 * appended to the server's state store. Options and URLs are redacted as the CLI's are.
 */
export async function auditJob(
  db: Knex,
  job: { runId: string; request: JobRequest; createdBy: string },
  started: number,
  outcome: { result?: JobResult; error?: unknown; cancelled?: boolean },
): Promise<void> {
  const secrets = knownSecrets()
  const req = job.request
  const finished = Date.now()
  const { result, error } = outcome
  const tables = result ? result.tables : []
  const target = req.kind === 'seed' || req.kind === 'mask' ? req.db : req.kind === 'clone' ? req.to : req.output
  const source = req.kind === 'generate' ? (req.schema ?? req.db) : req.kind === 'export' || req.kind === 'profile' ? req.db : req.kind === 'clone' ? req.from : req.kind === 'seed' ? req.schema : undefined
  const run: AuditRun = {
    id: job.runId,
    origin: job.createdBy.startsWith('schedule:') ? 'schedule' : 'api',
    actor: job.createdBy,
    host: osHost(),
    version: packageVersion(),
    command: req.kind,
    argv: [],
    options: redactOptions(req as Record<string, unknown>, secrets),
    files: { ...('schema' in req && req.schema ? { schema: fileDigest(req.schema)! } : {}), ...('rules' in req && req.rules ? { rules: fileDigest(req.rules)! } : {}) },
    ...(result?.seed !== undefined ? { seed: String(result.seed) } : {}),
    ...(source ? { source: redactValue(source, secrets) } : {}),
    target: redactValue(target, secrets),
    tables,
    ...(result ? { rows: result.written.rows } : {}),
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    outcome: result ? 'ok' : outcome.cancelled || (isTdgError(error) && error.code === 'TDG_INTERRUPTED') ? 'interrupted' : 'failed',
    ...(result ? {} : { errorCode: isTdgError(error) ? error.code : 'TDG_INTERNAL' }),
  }
  await appendAudit(db, run)
}
