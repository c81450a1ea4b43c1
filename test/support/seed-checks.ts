/**
 * Shared steps of the seed e2e tests: the plan's expected counts (from `tdg plan --json`, the same
 * planner the seed run uses), and the database-side checks that constraints are really enforced.
 */
import { expect } from 'vitest'
import Database from 'better-sqlite3'
import type { Plan } from '../../src/model/plan.js'
import { runCli } from './run-cli.js'
import { withPg } from './table-state.js'

/** `tdg plan --json` for the same inputs a seed run gets. */
export async function planJson(args: string[]): Promise<Plan> {
  const r = await runCli(['plan', ...args, '--json'], { timeoutMs: 60_000 })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as Plan
}

/**
 * Planned rows per step id; every step whose count was capped must have a ROWS_CAPPED issue that
 * names it (a cap is fine only when the plan says why).
 */
export function plannedCounts(plan: Plan): Record<string, number> {
  for (const s of plan.steps)
    if (s.rows < s.requestedRows) expect(plan.issues.some((i) => i.code === 'ROWS_CAPPED' && i.message.startsWith(`${s.id}:`)), `cap of ${s.id} explained`).toBe(true)
  return Object.fromEntries(plan.steps.map((s) => [s.id, s.rows]))
}

/**
 * PostgreSQL enforces every constraint itself: none is NOT VALID, no trigger (FK triggers included) is
 * disabled, and `session_replication_role` is the default.
 */
export async function expectPgConstraintsEnforced(url: string): Promise<void> {
  await withPg(url, async (c) => {
    const notValid = await c.query(`select conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace where not convalidated and n.nspname not in ('pg_catalog', 'information_schema')`)
    expect(notValid.rows).toEqual([])
    const disabled = await c.query(`select tgname from pg_trigger t join pg_class r on r.oid = t.tgrelid join pg_namespace n on n.oid = r.relnamespace where t.tgenabled = 'D' and n.nspname not in ('pg_catalog', 'information_schema')`)
    expect(disabled.rows).toEqual([])
  })
}

/** SQLite: `PRAGMA foreign_key_check` is empty and `integrity_check` says ok (CHECK/UNIQUE/NOT NULL included). */
export function expectSqliteConsistent(file: string): void {
  const db = new Database(file, { readonly: true })
  try {
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
    expect(db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok'])
    // integrity_check covers CHECK constraints from SQLite 3.37 on; quick_check says the same cheaply.
    expect(db.prepare('PRAGMA quick_check').pluck().all()).toEqual(['ok'])
  } finally {
    db.close()
  }
}

/** Row counts per SQLite table. */
export function sqliteCounts(file: string, tables: string[]): Record<string, number> {
  const db = new Database(file, { readonly: true })
  try {
    return Object.fromEntries(tables.map((t) => [t, Number(db.prepare(`select count(*) from "${t.replace(/"/g, '""')}"`).pluck().get())]))
  } finally {
    db.close()
  }
}

/**
 * Plain application INSERTs without an id, on a fresh connection, each returning the new key: it must
 * be above every key already in the table (the sequence moved past the written keys).
 */
export async function expectPgAppInserts(url: string, inserts: Array<{ table: string; key: string; sql: string }>): Promise<void> {
  await withPg(url, async (c) => {
    for (const ins of inserts) {
      const before = await c.query<{ m: string | null }>(`select max(${ins.key})::text as m from ${ins.table}`)
      const r = await c.query<{ id: string }>(`${ins.sql} returning ${ins.key}::text as id`)
      expect(Number(r.rows[0]!.id), ins.table).toBeGreaterThan(Number(before.rows[0]!.m ?? 0))
    }
  })
}

/** The SQLite version of `expectPgAppInserts` (rowid/AUTOINCREMENT tables). */
export function expectSqliteAppInserts(file: string, inserts: Array<{ table: string; key: string; sql: string }>): void {
  const db = new Database(file)
  try {
    db.pragma('foreign_keys = ON')
    for (const ins of inserts) {
      const before = Number(db.prepare(`select coalesce(max(${ins.key}), 0) from ${ins.table}`).pluck().get())
      const info = db.prepare(ins.sql).run()
      expect(info.changes, ins.table).toBe(1)
      expect(Number(info.lastInsertRowid), ins.table).toBeGreaterThan(before)
    }
  } finally {
    db.close()
  }
}
