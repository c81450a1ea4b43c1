/**
 * Raw pg clients borrowed from knex's pool: cursors and COPY need the driver's own connection object,
 * and a transaction must stay on one connection from BEGIN to COMMIT.
 */
import type { Knex } from 'knex'
import type pg from 'pg'

export interface RawPool {
  /** Borrow one connection; give it back with `release`. */
  acquire(): Promise<pg.ClientBase>
  release(client: pg.ClientBase): Promise<void>
}

/** A RawPool over a knex instance (client 'pg'). */
export function rawPool(db: Knex): RawPool {
  // knex.client is typed loosely; these two methods are its documented pool hooks.
  const client = db.client as unknown as {
    acquireConnection(): Promise<pg.ClientBase>
    releaseConnection(c: pg.ClientBase): Promise<void>
  }
  return {
    acquire: () => client.acquireConnection(),
    release: (c) => client.releaseConnection(c),
  }
}
