import { isTdgError } from '../errors.js'
import type { SeedResult } from '../compose/seed-database.js'
import type { AuditRun } from '../audit/audit-record.js'
import { planTables } from '../audit/describe-run.js'
import { fileDigest, osActor, osHost, recordRun } from '../audit/record-run.js'
import { knownSecrets, redactValue } from '../audit/redact-options.js'
import { parseStateLocation } from '../state/state-location.js'
import { ulid } from '../state/ulid.js'
import { packageVersion } from '../audit/package-version.js'

/** Where an API run is recorded (see `TestDataGeneratorOptions.audit`). */
export interface ApiAudit {
  state?: string | true
  log?: string
}

/**
 * Run `seed` and record it in the audit (origin `api`, command `seed`), whatever its outcome; the result
 * or error of `seed` is returned or thrown unchanged. A record that cannot be written is a process warning.
 */
export async function auditedSeed(audit: ApiAudit, what: { db: string; schema?: string; rules?: string; configState?: string }, seed: () => Promise<SeedResult>): Promise<SeedResult> {
  const started = Date.now()
  let result: SeedResult | undefined
  let error: unknown
  try {
    result = await seed()
    return result
  } catch (e) {
    error = e
    throw e
  } finally {
    const secrets = knownSecrets()
    const finished = Date.now()
    const tables = result ? planTables(result.plan, result.summary) : []
    const run: AuditRun = {
      id: ulid(),
      origin: 'api',
      actor: osActor(),
      host: osHost(),
      version: packageVersion(),
      command: 'seed',
      argv: [],
      options: { db: redactValue(what.db, secrets) },
      files: { ...(what.schema ? { schema: fileDigest(what.schema)! } : {}), ...(what.rules ? { rules: fileDigest(what.rules)! } : {}) },
      ...(result ? { seed: String(result.summary.seed) } : {}),
      target: redactValue(what.db, secrets),
      tables,
      ...(result ? { rows: result.summary.rows } : {}),
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - started,
      outcome: result ? 'ok' : isTdgError(error) && error.code === 'TDG_INTERRUPTED' ? 'interrupted' : 'failed',
      ...(result ? {} : { errorCode: isTdgError(error) ? error.code : 'TDG_INTERNAL' }),
    }
    const state = audit.state === undefined ? undefined : parseStateLocation(audit.state === true ? (process.env.TDG_STATE_URL ?? what.configState) : audit.state)
    for (const line of await recordRun(run, { ...(state ? { state } : {}), ...(audit.log ? { log: audit.log } : {}) })) process.emitWarning(line.replace(/^tdg: warning: /, '').trim(), 'TdgAuditWarning')
  }
}
