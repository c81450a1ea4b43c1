/**
 * Big loads into an empty table that has foreign keys run with the session's `foreign_key_checks = 0`:
 * InnoDB then skips a parent lookup and lock per row. No DDL: in MySQL it would commit the transaction.
 * The variable goes back to what it was right after the table's rows (the pipeline's own deferral may
 * have switched it off around a step), and before COMMIT every foreign key of each table loaded this way
 * is verified with one set-based anti-join, so what the server did not check row by row is still
 * checked before anything is committed. A violation fails the run (the transaction rolls back) naming
 * the table and the key, never a value.
 *
 * `unique_checks = 0` is deliberately not used. Measured on MariaDB 10.11 (bench settings), turning both
 * variables off makes InnoDB's bulk insert into an empty table kick in (sorted index builds through
 * temporary files), and a 1M-row load of W2 took ~40 s instead of ~22 s; `unique_checks = 0` alone
 * changed nothing (the change buffer it would use is off by default in MariaDB ≥ 10.5 and MySQL ≥ 8.4).
 * UNIQUE indexes and the primary key are therefore checked by the server row by row as always.
 */
import { TdgError } from '../../src/errors.js'
import type { TableRef } from '../../src/model/schema.js'
import { run, type CoreConnection } from './pool.js'

/** Loads expected to bring fewer rows keep every check: the verification scans cost more than they save. */
export const FAST_LOAD_MIN_ROWS = 50_000

/** A foreign key of a loaded table: its columns and the parent's, in order. */
interface ForeignKey {
  name: string
  columns: string[]
  parentSchema: string
  parent: string
  parentColumns: string[]
}

/** What must be verified before COMMIT for one table loaded with the checks off. */
export interface FastLoaded {
  table: TableRef
  qualified: string
  foreignKeys: ForeignKey[]
}

/** What `beginFastLoad` changed: the table and the session's previous value, to put back with `endFastLoad`. */
export interface FastLoadSession {
  loaded: FastLoaded
  foreignKeyChecks: number
}

const FK_SQL = `
select k.constraint_name as name, k.column_name as col, k.referenced_table_schema as parent_schema,
  k.referenced_table_name as parent, k.referenced_column_name as parent_col
from information_schema.key_column_usage k
where k.table_schema = coalesce(?, database()) and k.table_name = ? and k.referenced_table_name is not null
order by k.constraint_name, k.ordinal_position`

/**
 * When `expectedRows` reaches FAST_LOAD_MIN_ROWS and `table` is empty and has foreign keys, read them
 * (for `verifyFastLoad`), switch `foreign_key_checks` off for the session and return what to restore;
 * otherwise undefined (nothing changed).
 */
export async function beginFastLoad(c: CoreConnection, table: TableRef, qualified: string, expectedRows: number | undefined): Promise<FastLoadSession | undefined> {
  if (expectedRows === undefined || expectedRows < FAST_LOAD_MIN_ROWS) return undefined
  const foreignKeys = groupForeignKeys(await run<FkRow[]>(c, FK_SQL, [table.schema ?? null, table.name]))
  if (foreignKeys.length === 0) return undefined
  const rows = await run<unknown[]>(c, `SELECT 1 FROM ${qualified} LIMIT 1`)
  if (rows.length > 0) return undefined
  const [prev] = await run<Array<{ f: number | string }>>(c, 'SELECT @@foreign_key_checks AS f')
  await run(c, 'SET foreign_key_checks = 0')
  return { loaded: { table, qualified, foreignKeys }, foreignKeyChecks: Number(prev?.f ?? 1) }
}

/** Put the session's `foreign_key_checks` back to what it was before `beginFastLoad`. */
export async function endFastLoad(c: CoreConnection, s: FastLoadSession): Promise<void> {
  await run(c, `SET foreign_key_checks = ${s.foreignKeyChecks ? 1 : 0}`)
}

/**
 * Verify every foreign key of `loaded` (MATCH SIMPLE, as InnoDB checks: a row with a NULL key column is
 * not checked); throws TDG_WRITE_FAILED naming the first broken one. Locking reads (`LOCK IN SHARE
 * MODE`): the parent rows stay locked until COMMIT, as the per-row checks would have kept them, and
 * rows committed meanwhile by other sessions count.
 */
export async function verifyFastLoad(c: CoreConnection, loaded: FastLoaded, q: (name: string) => string): Promise<void> {
  const shown = loaded.table.schema ? `${loaded.table.schema}.${loaded.table.name}` : loaded.table.name
  for (const fk of loaded.foreignKeys) {
    const parent = `${q(fk.parentSchema)}.${q(fk.parent)}`
    const on = fk.columns.map((col, i) => `c.${q(col)} = p.${q(fk.parentColumns[i]!)}`).join(' AND ')
    const set = fk.columns.map((col) => `c.${q(col)} IS NOT NULL`).join(' AND ')
    const orphans = await run<unknown[]>(
      c,
      `SELECT 1 FROM ${loaded.qualified} AS c LEFT JOIN ${parent} AS p ON ${on} WHERE ${set} AND p.${q(fk.parentColumns[0]!)} IS NULL LIMIT 1 LOCK IN SHARE MODE`,
    )
    if (orphans.length > 0)
      throw new TdgError('TDG_WRITE_FAILED', `rows of ${shown} break foreign key ${fk.name} (no parent row in ${fk.parent}; loaded with foreign_key_checks off); rolled back`, {
        table: loaded.table.name,
        constraint: fk.name,
      })
  }
}

interface FkRow {
  name: string
  col: string
  parent_schema: string
  parent: string
  parent_col: string
}

function groupForeignKeys(rows: FkRow[]): ForeignKey[] {
  const out = new Map<string, ForeignKey>()
  for (const r of rows) {
    let fk = out.get(r.name)
    if (!fk) out.set(r.name, (fk = { name: r.name, columns: [], parentSchema: r.parent_schema, parent: r.parent, parentColumns: [] }))
    fk.columns.push(r.col)
    fk.parentColumns.push(r.parent_col)
  }
  return [...out.values()]
}
