/**
 * `readSnapshot` for SQL Server: one transaction on one pooled connection (an mssql `Transaction`).
 * When the database has `ALLOW_SNAPSHOT_ISOLATION ON` (`sys.databases.snapshot_isolation_state = 1`) the
 * transaction runs at SNAPSHOT isolation: every read sees the database as of the first read of data
 * (row versions, no locks held against writers). Otherwise it runs at READ COMMITTED and says so
 * (`consistent: false`): REPEATABLE READ was rejected because it holds shared locks on every row read
 * until the end (stalling production writers for the whole copy) and still lets new rows appear in
 * tables read later, so it would not make the copy consistent either. Scans stream as in read.ts.
 * The SQL text is built by the pure functions below, unit-tested without a server.
 */
import sql, { type ConnectionPool, type Transaction } from 'mssql'
import type { SnapshotReader, SnapshotScanOptions } from '../../src/adapter/adapter.js'
import { CONNECTION_LOST } from '../../src/adapter/connection-lost.js'
import { snapshotClauses, whereClause, type SnapshotClauses } from '../../src/adapter/snapshot-clauses.js'
import { SnapshotGate } from '../../src/adapter/snapshot-gate.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { DEFAULT_SCHEMA, mssqlDialect, quoteIdent } from './dialect.js'
import { streamQuery } from './read.js'
import { lookupRelation } from './relation.js'

/** Whether the current database allows SNAPSHOT transactions (1 = ON). */
export const MSSQL_SNAPSHOT_STATE_SQL = 'SELECT snapshot_isolation_state AS state FROM sys.databases WHERE database_id = DB_ID()'

export interface MssqlIsolationChoice {
  level: 'SNAPSHOT' | 'READ COMMITTED'
  isolation: string
  consistent: boolean
}

/** The isolation for a `snapshot_isolation_state` (0 OFF, 1 ON, 2 turning off, 3 turning on). */
export function chooseMssqlIsolation(state: number | undefined): MssqlIsolationChoice {
  if (state === 1) return { level: 'SNAPSHOT', isolation: 'one snapshot (SNAPSHOT isolation)', consistent: true }
  return {
    level: 'READ COMMITTED',
    isolation: 'READ COMMITTED, not one snapshot: ALLOW_SNAPSHOT_ISOLATION is off on this database (ALTER DATABASE … SET ALLOW_SNAPSHOT_ISOLATION ON gives one), so rows changed during the copy may be read half old, half new',
    consistent: false,
  }
}

/** The scan's SELECT: `SELECT [TOP (n)] cols FROM t [WHERE (…)] [ORDER BY …]`. */
export function mssqlSnapshotSelect(qualified: string, columns: string[], clauses: SnapshotClauses, tableSample?: string): string {
  const top = clauses.limit !== undefined ? `TOP (${clauses.limit}) ` : ''
  return `SELECT ${top}${columns.map(quoteIdent).join(', ')} FROM ${qualified}${tableSample !== undefined ? ` ${tableSample}` : ''}${clauses.where}${clauses.orderBy}`
}

/** count(*) with the caller's condition; COUNT_BIG so tables past 2^31 rows count. */
export function mssqlSnapshotCount(qualified: string, where: string | undefined): string {
  return `SELECT COUNT_BIG(*) AS n FROM ${qualified}${whereClause(where)}`
}

/** Run `work` with a SnapshotReader over one SNAPSHOT (else READ COMMITTED) transaction; rolled back at the end. */
export async function readSnapshot<T>(pool: ConnectionPool, work: (r: SnapshotReader) => Promise<T>): Promise<T> {
  let choice: MssqlIsolationChoice
  const tx = new sql.Transaction(pool)
  try {
    const res = await pool.request().query<{ state: number }>(MSSQL_SNAPSHOT_STATE_SQL)
    choice = chooseMssqlIsolation(res.recordset[0]?.state)
    await tx.begin(choice.level === 'SNAPSHOT' ? sql.ISOLATION_LEVEL.SNAPSHOT : sql.ISOLATION_LEVEL.READ_COMMITTED)
  } catch (e) {
    throw snapshotFailed('opening a read snapshot', e)
  }
  const reader = new MssqlSnapshot(tx, choice)
  try {
    return await work(reader)
  } finally {
    reader.gate.close()
    await tx.rollback().catch(() => undefined)
  }
}

class MssqlSnapshot implements SnapshotReader {
  readonly isolation: string
  readonly consistent: boolean
  readonly gate = new SnapshotGate()

  constructor(
    private readonly tx: Transaction,
    choice: MssqlIsolationChoice,
  ) {
    this.isolation = choice.isolation
    this.consistent = choice.consistent
  }

  scan(table: TableRef, opts: SnapshotScanOptions = {}): AsyncIterable<RowBatch> {
    return this.read(table, opts)
  }

  async count(table: TableRef, where?: string): Promise<number> {
    this.gate.enter(table)
    try {
      const rel = await lookupRelation(this.tx, table)
      const res = await new sql.Request(this.tx).query<{ n: string | number }>(mssqlSnapshotCount(rel.qualified, where))
      return Number(res.recordset[0]?.n ?? 0)
    } catch (e) {
      if (isTdgError(e)) throw e
      throw snapshotFailed(`reading ${name(table)}`, e, table.name)
    } finally {
      this.gate.leave()
    }
  }

  /** One statement in the transaction, rows as arrays. */
  async query(text: string): Promise<Value[][]> {
    this.gate.enter({ name: '(query)' })
    try {
      const req = new sql.Request(this.tx)
      req.arrayRowMode = true
      const res = await req.query(text)
      return (res.recordset ?? []) as unknown as Value[][]
    } catch (e) {
      throw snapshotFailed('a profiling query', e)
    } finally {
      this.gate.leave()
    }
  }

  private async *read(table: TableRef, opts: SnapshotScanOptions): AsyncGenerator<RowBatch> {
    this.gate.enter(table)
    try {
      let rel
      try {
        rel = await lookupRelation(this.tx, table)
      } catch (e) {
        if (isTdgError(e)) throw e
        throw snapshotFailed(`reading ${name(table)}`, e, table.name)
      }
      const columns = opts.columns ?? rel.columns.map((c) => c.name)
      const clauses = snapshotClauses(quoteIdent, `${rel.schema}.${rel.name}`, rel.columns.map((c) => c.name), columns, opts, (s) => mssqlDialect.literal(s, { kind: 'text' }))
      if (clauses.limit === 0) return
      const types = columns.map((n) => rel.columns.find((c) => c.name === n)?.typeName ?? '')
      const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 5000))
      yield* streamQuery(new sql.Request(this.tx), mssqlSnapshotSelect(rel.qualified, columns, clauses, opts.tableSample), columns, types, batchSize, (e) => snapshotFailed(`reading ${name(table)}`, e, table.name))
    } finally {
      this.gate.leave()
    }
  }
}

function name(table: TableRef): string {
  return `${table.schema ?? DEFAULT_SCHEMA}.${table.name}`
}

/** tedious/mssql codes for a connection that is gone. */
const LOST_CODES = new Set(['ESOCKET', 'ECONNCLOSED', 'ECONNRESET', 'EPIPE'])

/** TDG_READ_FAILED: a lost connection in tdg's words, else the server's message (it names objects, not values). */
export function snapshotFailed(what: string, e: unknown, table?: string): TdgError {
  const code = (e as { code?: unknown } | null)?.code
  const reason = typeof code === 'string' && LOST_CODES.has(code) ? CONNECTION_LOST : e instanceof Error ? e.message : String(e)
  return new TdgError('TDG_READ_FAILED', `${what} failed: ${reason}`, table !== undefined ? { table } : {}, { cause: e })
}
