/**
 * What a database holds, computed by the database itself (not by tdg): per-table row counts and
 * checksums, for "exactly as before" and "identical contents" assertions in e2e tests. Also thin
 * wrappers over the psql / sqlite3 command-line clients, so fixtures load without tdg.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'

/** Rows and a content checksum of one table. */
export interface TableState {
  rows: number
  checksum: string
}

/** `schema.table` (PostgreSQL) or `table` (SQLite) → its state. */
export type DbState = Record<string, TableState>

/** Run `work` with a short-lived PostgreSQL connection. */
export async function withPg<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Quote a PostgreSQL identifier. */
export const pgIdent = (name: string) => `"${name.replace(/"/g, '""')}"`

/** User tables of a PostgreSQL database as `schema.name`, sorted. */
export async function pgTables(url: string): Promise<string[]> {
  return withPg(url, async (c) => {
    const r = await c.query<{ t: string }>(
      `select n.nspname || '.' || c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
        order by 1`,
    )
    return r.rows.map((x) => x.t)
  })
}

/**
 * Row count and md5 of every user table, computed in SQL: md5 over the rows' text forms in a fixed
 * order (the row text itself, so it does not depend on physical order or on the table having a PK).
 */
export async function pgState(url: string): Promise<DbState> {
  const tables = await pgTables(url)
  return withPg(url, async (c) => {
    const out: DbState = {}
    for (const t of tables) {
      const dot = t.indexOf('.')
      const rel = `${pgIdent(t.slice(0, dot))}.${pgIdent(t.slice(dot + 1))}`
      const r = await c.query<{ n: string; h: string | null }>(`select count(*)::text as n, md5(string_agg(x::text, E'\\n' order by x::text collate "C")) as h from ${rel} x`)
      out[t] = { rows: Number(r.rows[0]!.n), checksum: r.rows[0]!.h ?? '' }
    }
    return out
  })
}

/** Row counts of every user table. */
export function counts(state: DbState): Record<string, number> {
  return Object.fromEntries(Object.entries(state).map(([t, s]) => [t, s.rows]))
}

/** User tables of a SQLite file (no sqlite_% tables), sorted. */
export function sqliteTables(file: string): string[] {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>).map((r) => r.name)
  } finally {
    db.close()
  }
}

/**
 * Row count and sha256 of every user table of a SQLite file: all rows read ordered by every column
 * (PK first where there is one, which makes the order total), serialised with their storage classes.
 */
export function sqliteState(file: string): DbState {
  const db = new Database(file, { readonly: true })
  try {
    db.defaultSafeIntegers(true)
    const out: DbState = {}
    const names = (db.prepare("select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' order by name").all() as Array<{ name: string }>).map((r) => r.name)
    for (const t of names) {
      const q = `"${t.replace(/"/g, '""')}"`
      const cols = db.prepare(`select name, pk from pragma_table_info(?) order by case when pk > 0 then pk else 1000 + cid end`).all(t) as Array<{ name: string }>
      const order = cols.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(', ')
      const hash = createHash('sha256')
      let rows = 0
      for (const row of db.prepare(`select * from ${q} order by ${order}`).raw().iterate() as Iterable<unknown[]>) {
        hash.update(JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Buffer ? `x'${v.toString('hex')}'` : v)))
        hash.update('\n')
        rows++
      }
      out[t] = { rows, checksum: hash.digest('hex') }
    }
    return out
  } finally {
    db.close()
  }
}

/** Run a SQL file (or text on stdin) through psql with ON_ERROR_STOP; throws with psql's stderr on failure. */
export function psql(url: string, input: { file: string } | { sql: string }, extra: string[] = []): string {
  const args = [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...extra, ...('file' in input ? ['-f', input.file] : [])]
  const r = spawnSync('psql', args, { encoding: 'utf8', input: 'sql' in input ? input.sql : undefined, maxBuffer: 1 << 28 })
  if (r.status !== 0) throw new Error(`psql failed (${r.status ?? r.signal}): ${r.stderr.slice(0, 2000)}`)
  return r.stdout
}

/** Run SQL text through the sqlite3 shell with -bail; throws with its stderr on failure. */
export function sqlite3(file: string, sql: string): string {
  const r = spawnSync('sqlite3', ['-bail', file], { encoding: 'utf8', input: sql, maxBuffer: 1 << 28 })
  if (r.status !== 0) throw new Error(`sqlite3 failed (${r.status ?? r.signal}): ${r.stderr.slice(0, 2000)}`)
  return r.stdout
}

/** True when the named command-line client is on PATH. */
export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0
}
