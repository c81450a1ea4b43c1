/**
 * Transactions and the write path. One mssql `Transaction` (one connection, BEGIN … COMMIT) carries
 * every statement of a run.
 *
 * Inserts use TDS bulk load (mssql `Table` + `request.bulk`, tedious `BulkLoad`) with CHECK_CONSTRAINTS,
 * so foreign keys and CHECKs are verified during the load and stay trusted (`is_not_trusted = 0`), and
 * KEEP_NULLS, so a NULL stays NULL instead of taking the column default. Explicit identity values are
 * kept the way bcp -E and SQL-DMO keep them: `SET IDENTITY_INSERT t ON` on the session around the load;
 * afterwards the written key range is counted back, so a server that ignored the values fails loudly.
 * The fallback (URL `?bulk=false`, or columns of types bulk load cannot carry) is multi-row INSERT
 * with typed parameters: ≤ 1000 rows and ≤ 2000 parameters per statement (the RPC limit is 2100,
 * sp_executesql takes two of them), under the same IDENTITY_INSERT.
 */
import sql, { type ConnectionPool, type Transaction } from 'mssql'
import type { InsertOptions, WriteStats, Writer } from '../../src/adapter/adapter.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import { forKeyedBatches } from '../../src/adapter/row-batches.js'
import type { RowBatch, RowStream, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { DEFAULT_SCHEMA, mssqlDialect, mssqlReseedZeroSql, quoteIdent } from './dialect.js'
import { tableNameString } from './literal.js'
import { lookupRelation, pickColumns, type Relation, type RelationColumn } from './relation.js'
import { driverType, toDriverValue } from './values.js'
import { writeFailed } from './write-error.js'
import { deleteByKeysSql, updateByKeysSql, valuesTuples, type KeyedParam } from './keyed-sql.js'
import { mssqlRowCount } from './row-count.js'

/** Parameters per INSERT/UPDATE statement: under the 2100 RPC limit with room for sp_executesql's own. */
export const PARAMS_PER_STATEMENT = 2000
/** Rows per bulk-load call: large enough to amortise the INSERT BULK round trip, bounded in memory. */
export const BULK_ROWS = 10_000

export interface WriteContext {
  pool: ConnectionPool
  /** TDS bulk load for inserts (URL `?bulk=`, default true). */
  bulk: boolean
}

/** Rows per INSERT for `width` columns: ≤ maxRowsPerInsert (1000) and ≤ PARAMS_PER_STATEMENT parameters. */
export function rowsPerStatement(width: number): number {
  const maxRows = mssqlDialect.limits.maxRowsPerInsert ?? 1000
  return Math.max(1, Math.min(maxRows, Math.floor(PARAMS_PER_STATEMENT / Math.max(1, width))))
}

/** Split a script into its `GO`-separated batches (GO alone on a line, optionally with a count). */
export function splitBatches(script: string): string[] {
  return script
    .split(/^[ \t]*GO[ \t]*\d*[ \t]*$/gim)
    .map((b) => b.trim())
    .filter((b) => b !== '')
}

/** Run `work` in one transaction: COMMIT when it resolves, ROLLBACK and rethrow when it throws. */
export async function runTransaction<T>(ctx: WriteContext, work: (w: Writer) => Promise<T>): Promise<T> {
  const tx = new sql.Transaction(ctx.pool)
  try {
    await tx.begin()
  } catch (e) {
    throw writeFailed('starting a transaction', undefined, e)
  }
  let result: T
  try {
    result = await work(new MssqlWriter(tx, ctx))
  } catch (e) {
    // A server-aborted transaction (XACT_ABORT) is already rolled back: nothing more to undo.
    await tx.rollback().catch(() => undefined)
    throw e
  }
  try {
    await tx.commit()
  } catch (e) {
    await tx.rollback().catch(() => undefined)
    throw writeFailed('committing', undefined, e)
  }
  return result
}

class MssqlWriter implements Writer {
  private readonly relations = new Map<string, Relation>()

  constructor(
    private readonly tx: Transaction,
    private readonly ctx: WriteContext,
  ) {}

  private async run(text: string, params: KeyedParam[] = []): Promise<number> {
    const req = new sql.Request(this.tx)
    params.forEach((p, k) => {
      const type = driverType(p.c)
      if (type) req.input(`p${k}`, type, toDriverValue(p.v, p.c))
      else req.input(`p${k}`, toDriverValue(p.v, p.c))
    })
    const res = await req.query(text)
    return res.rowsAffected.reduce((a, b) => a + b, 0)
  }

  /** `Adapter.rowCount` inside this transaction. */
  rowCount(table: TableRef): Promise<number> {
    return mssqlRowCount(this.tx, table)
  }

  private async relation(table: TableRef): Promise<Relation> {
    const key = `${table.schema ?? DEFAULT_SCHEMA}\u0000${table.name}`
    let rel = this.relations.get(key)
    if (!rel) {
      rel = await lookupRelation(this.tx, table)
      this.relations.set(key, rel)
    }
    return rel
  }

  private columns(rel: Relation, names: string[]): RelationColumn[] {
    const cols = pickColumns(rel, names)
    if (typeof cols === 'string') throw new TdgError('TDG_WRITE_FAILED', `table ${rel.schema}.${rel.name} has no column ${cols}`, { table: rel.name, column: cols })
    const computed = cols.find((c) => c.computed)
    if (computed) throw new TdgError('TDG_WRITE_FAILED', `column ${rel.schema}.${rel.name}.${computed.name} is computed and cannot be written`, { table: rel.name, column: computed.name })
    return cols
  }

  async execute(text: string): Promise<void> {
    this.relations.clear() // DDL may change what is cached
    try {
      for (const batch of splitBatches(text)) await new sql.Request(this.tx).batch(batch)
    } catch (e) {
      throw writeFailed('executing SQL', undefined, e)
    }
  }

  async insert(table: TableRef, rows: RowStream, opts?: InsertOptions): Promise<WriteStats> {
    const name = `${table.schema ?? DEFAULT_SCHEMA}.${table.name}`
    let failedInStream: { e: unknown } | undefined
    const it = rows[Symbol.asyncIterator]()
    const next = async (): Promise<RowBatch | undefined> => {
      try {
        const r = await it.next()
        return r.done ? undefined : r.value
      } catch (e) {
        failedInStream = { e }
        throw e
      }
    }
    let first = await next()
    while (first && first.rows.length === 0) first = await next()
    if (!first) return { rows: 0 }
    const rel = await this.relation(table)
    const names = first.columns
    const cols = this.columns(rel, names)
    const identity = cols.findIndex((c) => c.identity)
    const bulk = this.ctx.bulk && cols.every((c) => driverType(c) !== undefined)
    let identityOn = false
    try {
      if (identity >= 0) {
        await this.run(`SET IDENTITY_INSERT ${rel.qualified} ON`)
        identityOn = true
      }
      const keys = { min: Infinity, max: -Infinity }
      let count = 0
      let pending: Value[][] = []
      const chunk = bulk ? Math.max(BULK_ROWS, opts?.batchSize ?? 0) : rowsPerStatement(cols.length)
      const flush = async () => {
        if (pending.length === 0) return
        if (bulk) await this.bulkLoad(rel, cols, pending)
        else await this.insertStatement(rel, cols, pending)
        count += pending.length
        pending = []
      }
      for (let batch: RowBatch | undefined = first; batch; batch = await next()) {
        const order = reorder(batch.columns, names, name)
        for (const raw of batch.rows) {
          const row = order ? order.map((i) => raw[i] as Value) : raw
          if (identity >= 0) {
            const k = Number(row[identity])
            if (k < keys.min) keys.min = k
            if (k > keys.max) keys.max = k
          }
          pending.push(row)
          if (pending.length >= chunk) await flush()
        }
      }
      await flush()
      if (bulk && identity >= 0 && count > 0) await this.checkKeysKept(rel, cols[identity] as RelationColumn, keys, count)
      return { rows: count }
    } catch (e) {
      if (failedInStream) throw failedInStream.e
      if (isTdgError(e)) throw e
      throw writeFailed('writing rows to', name, e)
    } finally {
      if (identityOn) await this.run(`SET IDENTITY_INSERT ${rel.qualified} OFF`).catch(() => undefined)
    }
  }

  /** One INSERT BULK of `rows` with CHECK_CONSTRAINTS and KEEP_NULLS. */
  private async bulkLoad(rel: Relation, cols: RelationColumn[], rows: Value[][]): Promise<void> {
    const t = new sql.Table()
    // Set directly rather than parsed: mssql's name parser rejects `]` inside a bracketed name.
    t.name = rel.name
    t.path = rel.qualified
    t.create = false
    // tedious brackets column names itself; mssql wants any `]` in them doubled.
    for (const c of cols) t.columns.add(c.name.replace(/]/g, ']]'), driverType(c) as sql.ISqlType, { nullable: c.nullable })
    for (const row of rows) t.rows.push(cols.map((c, i) => toDriverValue(row[i], c)) as (string | number | boolean | Date | Buffer | null)[])
    await new sql.Request(this.tx).bulk(t, { checkConstraints: true, keepNulls: true })
  }

  private async insertStatement(rel: Relation, cols: RelationColumn[], rows: Value[][]): Promise<void> {
    const v = valuesTuples(cols, rows)
    await this.run(`INSERT INTO ${rel.qualified} (${cols.map((c) => quoteIdent(c.name)).join(', ')}) VALUES ${v.sql}`, v.params)
  }

  /** The identity values written must be in the table: a bulk load that generated its own fails here. */
  private async checkKeysKept(rel: Relation, col: RelationColumn, keys: { min: number; max: number }, count: number): Promise<void> {
    const req = new sql.Request(this.tx)
    req.arrayRowMode = false
    const c = quoteIdent(col.name)
    const res = await req.query<{ n: number }>(`SELECT CAST(COUNT_BIG(*) AS int) AS n FROM ${rel.qualified} WHERE ${c} BETWEEN ${keys.min} AND ${keys.max}`)
    if ((res.recordset?.[0]?.n ?? 0) < count) {
      throw new TdgError('TDG_WRITE_FAILED', `bulk load into ${rel.schema}.${rel.name} did not keep the identity values of ${col.name}`, { table: rel.name, column: col.name })
    }
  }

  async update(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    return this.byKeys(table, keyColumns, rows, 'update of', 'updating rows of', (rel, columns, v) => {
      const setCols = columns.filter((c) => !keyColumns.includes(c))
      return setCols.length === 0 ? undefined : updateByKeysSql(rel.qualified, columns, keyColumns, setCols, v)
    })
  }

  /** `Writer.deleteKeys`: one `DELETE … JOIN (VALUES …)` per ≤ 1000 rows (keyed-sql.ts). */
  async deleteKeys(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    return this.byKeys(table, keyColumns, rows, 'delete from', 'deleting rows of', (rel, columns, v) => deleteByKeysSql(rel.qualified, columns, keyColumns, v))
  }

  /**
   * The rows of `rows` as statements joined to the table on `keyColumns`: `sqlOf` renders one statement
   * for ≤ rowsPerStatement VALUES tuples (undefined: the batch needs none). Returns the rows the server
   * says it touched; errors as `forKeyedBatches` (row-batches.ts) maps them, the database's as `doing`.
   */
  private async byKeys(
    table: TableRef,
    keyColumns: string[],
    rows: RowStream,
    what: 'update of' | 'delete from',
    doing: string,
    sqlOf: (rel: Relation, columns: string[], valuesSql: string) => string | undefined,
  ): Promise<WriteStats> {
    const name = `${table.schema ?? DEFAULT_SCHEMA}.${table.name}`
    const rel = await this.relation(table)
    let count = 0
    await forKeyedBatches(
      rows,
      keyColumns,
      what,
      name,
      async (batch) => {
        const cols = this.columns(rel, batch.columns)
        const per = rowsPerStatement(cols.length)
        for (let start = 0; start < batch.rows.length; start += per) {
          const v = valuesTuples(cols, batch.rows.slice(start, start + per))
          const sql = sqlOf(rel, batch.columns, v.sql)
          if (sql === undefined) return
          count += await this.run(sql, v.params)
        }
      },
      (e) => writeFailed(doing, name, e),
    )
    return { rows: count }
  }

  async syncIdentity(table: TableRef): Promise<void> {
    const name = `${table.schema ?? DEFAULT_SCHEMA}.${table.name}`
    const rel = await this.relation(table)
    if (!rel.columns.some((c) => c.identity)) return
    try {
      // RESEED without a value only raises the identity to the max; an empty table restarts it.
      await this.run(
        `IF EXISTS (SELECT 1 FROM ${rel.qualified}) DBCC CHECKIDENT (${tableNameString(rel.qualified)}, RESEED) WITH NO_INFOMSGS ELSE ${mssqlReseedZeroSql(table)}`,
      )
    } catch (e) {
      throw writeFailed('moving the identity of', name, e)
    }
  }
}

/** Index map from a batch's column order to `names`; undefined when they already agree. */
function reorder(batchColumns: string[], names: string[], table: string): number[] | undefined {
  if (batchColumns.length === names.length && batchColumns.every((c, i) => c === names[i])) return undefined
  const idx = names.map((c) => batchColumns.indexOf(c))
  if (batchColumns.length !== names.length || idx.includes(-1)) throw new TdgError('TDG_INTERNAL', `row batches for ${table} disagree on their column list`, { table })
  return idx
}
