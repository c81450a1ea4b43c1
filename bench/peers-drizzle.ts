/**
 * drizzle-seed (bench-only dev dependency) on issue 16's peers schema: the same tables, declared with
 * drizzle's pg-core, seeded with drizzle-seed's default generators at the same counts (org 1k, users10
 * 100k, orders 300k) into a fresh database on the same server, over node-postgres. drizzle-seed writes
 * with multi-row INSERTs; its rows differ from tdg's (its own generators), so only the counts are
 * checked, not a checksum.
 */
import { bigint, boolean, date, numeric, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core'
import { drizzle } from 'drizzle-orm/node-postgres'
import { seed } from 'drizzle-seed'
import pg from 'pg'
import type { BenchPostgres } from './support/pg.js'

const org = pgTable('org', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  name: varchar('name', { length: 100 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})
const users10 = pgTable('users10', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  orgId: bigint('org_id', { mode: 'number' }).notNull().references(() => org.id),
  uuid: uuid('uuid').notNull(),
  email: varchar('email', { length: 255 }).notNull().unique(),
  firstName: varchar('first_name', { length: 100 }).notNull(),
  lastName: varchar('last_name', { length: 100 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  birthDate: date('birth_date'),
  balance: numeric('balance', { precision: 12, scale: 2 }).notNull(),
  isActive: boolean('is_active').notNull(),
  bio: text('bio'),
})
const orders = pgTable('orders', {
  id: bigint('id', { mode: 'number' }).primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull().references(() => users10.id),
  total: numeric('total', { precision: 12, scale: 2 }).notNull(),
  status: varchar('status', { length: 20 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})

/** Seed database `db` (the peers schema already created, empty) with drizzle-seed at `counts`. */
export async function drizzleSeedPeers(pgServer: BenchPostgres, db: string, counts: { org: number; users10: number; orders: number }): Promise<void> {
  const pool = new pg.Pool({ connectionString: pgServer.url(db), max: 1 })
  try {
    const d = drizzle(pool)
    await seed(d, { org, users10, orders }, { seed: 1 }).refine(() => ({
      org: { count: counts.org },
      users10: { count: counts.users10 },
      orders: { count: counts.orders },
    }))
  } finally {
    await pool.end()
  }
  const got = (['org', 'users10', 'orders'] as const).map((t) => Number(pgServer.psql(db, `SELECT count(*) FROM ${t}`).trim()))
  if (got[0] !== counts.org || got[1] !== counts.users10 || got[2] !== counts.orders) throw new Error(`drizzle-seed wrote ${got.join('/')} rows (expected ${counts.org}/${counts.users10}/${counts.orders})`)
}
