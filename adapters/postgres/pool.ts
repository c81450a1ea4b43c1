/**
 * The adapter's connections: a pg.Pool (node-postgres's own pool; knex is not loaded, its start-up cost
 * 100+ ms of `tdg seed`, issue 16). Cursors and COPY need the driver's own connection object, and a
 * transaction must stay on one connection from BEGIN to COMMIT: `acquire` hands one out.
 */
import type pg from 'pg'
import { loadPg } from './pg-module.js'

export interface RawPool {
  /** Borrow one connection; give it back with `release`. */
  acquire(): Promise<pg.ClientBase>
  /** Give `client` back; a connection that broke (lost, ended) is dropped, not reused. */
  release(client: pg.ClientBase): Promise<void>
  /** The rows of one statement (`$1`… parameters) on a borrowed connection. */
  query<T>(sql: string, params: unknown[]): Promise<T[]>
  /** Close every connection. */
  end(): Promise<void>
}

/** A RawPool of at most `max` connections with the client settings `config` (opened on demand). */
export function rawPool(config: pg.PoolConfig, max = 10): RawPool {
  const pool = new (loadPg().Pool)({ ...config, max })
  // An idle connection the server closes emits 'error' on the pool; pg.Pool drops it, the next acquire
  // opens a new one. Without a listener the event would end the process.
  pool.on('error', () => undefined)
  let ended: Promise<void> | undefined
  return {
    acquire: () => pool.connect(),
    release: async (client) => (client as pg.PoolClient).release(),
    query: async <T>(sql: string, params: unknown[]) => (await pool.query(sql, params)).rows as T[],
    // Idempotent, as close() may be called more than once (pg.Pool.end throws the second time).
    end: () => (ended ??= pool.end()),
  }
}
