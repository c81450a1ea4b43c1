import pg from 'pg'

/** The first key of tdg's job locks ('tdg' + 1), so they never meet another application's two-key advisory locks. */
const LOCK_SPACE = 0x74646701

/** A job's run lock, held by this process until `release`. */
export interface JobLock {
  /** Fires when the lock's connection broke: the lock is gone, another process may take the job. */
  lost: AbortSignal
  release(): Promise<void>
}

/**
 * Take job `jobId`'s run lock: a PostgreSQL session advisory lock on a connection of its own, held for the
 * whole run. PostgreSQL releases it when the session ends — `release`, or the death of this process
 * (`kill -9` closes its sockets) — so a free lock on a `running` job means its worker is gone. Undefined
 * when another session holds it. Keys are (LOCK_SPACE, hashtext(jobId)): two jobs whose hashes collide
 * only wait for each other, never run together.
 */
export async function takeJobLock(url: string, jobId: string): Promise<JobLock | undefined> {
  const client = new pg.Client({ connectionString: url, application_name: 'tdg job lock' })
  const lost = new AbortController()
  let released = false
  // A broken connection must not crash the process: it only means the lock is gone.
  client.on('error', () => lost.abort())
  client.on('end', () => {
    if (!released) lost.abort()
  })
  await client.connect()
  try {
    const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS ok', [LOCK_SPACE, jobId])
    if (r.rows[0]?.ok) {
      return {
        lost: lost.signal,
        release: async () => {
          released = true
          await client.end().catch(() => undefined)
        },
      }
    }
  } catch (e) {
    released = true
    await client.end().catch(() => undefined)
    throw e
  }
  released = true
  await client.end().catch(() => undefined)
  return undefined
}
