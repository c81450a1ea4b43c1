import type { Adapter } from '../adapter/adapter.js'
import type { Introspection } from '../model/introspection.js'
import { connect } from '../../adapters/index.js'
import { isTdgError, TdgError } from '../errors.js'

/** A seed's target, connected, with the reading of its live schema already under way. */
export interface OpenedTarget {
  adapter: Adapter
  /** `adapter.introspect()`, started when the target was opened (unless told not to); its failure is met where it is awaited. */
  introspection?: Promise<Introspection>
}

/**
 * Connect to `db` (creating a missing SQLite file when `create`) and start reading its schema at once.
 * The CLI's `seed` opens its target this way before it loads the planner and the generators, so the
 * catalog query's round trips and the server's planning of it (tens of milliseconds on a new session)
 * overlap that loading instead of following it. `introspect` false: connect only (the caller brings its
 * model). A SQLite file that does not exist: TDG_CONNECT_FAILED saying how to create it.
 */
export async function openTarget(db: string, create: boolean, introspect = true): Promise<OpenedTarget> {
  const adapter = await connect(db, { create }).catch((e: unknown) => {
    throw missingDatabaseHint(e)
  })
  if (!introspect) return { adapter }
  const introspection = adapter.introspect()
  introspection.catch(() => undefined)
  return { adapter, introspection }
}

/**
 * Release a target opened for a run that ended before `seedDatabase` took it over (a usage error found
 * after opening): closed, or discarded when the run failed (a SQLite file that `create` made goes).
 */
export async function releaseTarget(opened: Promise<OpenedTarget>, ok: boolean): Promise<void> {
  const target = await opened.catch(() => undefined)
  if (!target) return
  await target.introspection?.catch(() => undefined)
  await (ok || !target.adapter.discard ? target.adapter.close() : target.adapter.discard()).catch(() => undefined)
}

/** A SQLite file that does not exist: say how to create it, from the API and from the CLI alike. */
function missingDatabaseHint(e: unknown): unknown {
  if (!isTdgError(e) || e.code !== 'TDG_CONNECT_FAILED' || e.details.missing !== true) return e
  return new TdgError('TDG_CONNECT_FAILED', `${String(e.details.url)} does not exist; pass --create (API: create: true) to create it`, e.details, { cause: e })
}
