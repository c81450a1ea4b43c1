/**
 * A live database as a ProfileInput. Every read happens inside one `Adapter.readSnapshot` (read-only,
 * one point in time) opened at the first read and ended by `close()`. Dialect differences are the
 * dialect's `sampling` SQL (`SqlDialect.sampling`); the SQL here is portable.
 * - Row counts: count(*) unless the catalogue estimates at least `EXACT_COUNT_BELOW` rows, then the
 *   labelled estimate.
 * - Samples: all rows when the table holds at most `limit`; else the dialect's draw of about
 *   `limit` rows. Page-level draws (`check`: PostgreSQL SYSTEM, SQL Server) ask for `limit × OVERSAMPLE`,
 *   are counted first (too few: the dialect's row-level draw instead) and thinned to exactly `limit` here;
 *   row-level draws ask for `limit / rows` with a LIMIT.
 * - Fan-out: one GROUP BY per FK on the server (children per FK value), parents without a child by
 *   difference with the parent's count(*).
 */
import type { Adapter, SampleDraw, SnapshotReader, SnapshotScanOptions } from '../adapter/adapter.js'
import { TdgError } from '../errors.js'
import type { RowCount } from '../model/profile.js'
import type { Value } from '../model/rows.js'
import type { Table, TableRef } from '../model/schema.js'
import type { ProfileInput } from './profile-input.js'
import { countSql, drawCountSql, fanOutSql } from './profile-sql.js'
import { seededRandom } from './reservoir.js'

/** Tables the catalogue puts at or above this many rows get its estimate, not count(*). */
export const EXACT_COUNT_BELOW = 1_000_000
/** Draws ask for this much more than the limit, so a LIMIT (not the draw's luck) usually decides the size. */
export const OVERSAMPLE = 1.15
/** A checked draw with fewer than this share of the limit is redrawn (attempt 1). */
const CHECK_MIN = 0.9
/** Seed of the samplers that take one. */
const SEED = 20_120_012

/** A ProfileInput over `adapter` (which the input closes). */
export function dbProfileInput(adapter: Adapter): ProfileInput {
  const dialect = adapter.dialect
  const sampling = dialect.sampling
  let opened: Promise<SnapshotReader> | undefined
  let release: () => void = () => undefined
  let ended: Promise<unknown> = Promise.resolve()
  const counts = new Map<string, Promise<RowCount>>()
  let model: Promise<Table[]> | undefined

  const reader = (): Promise<SnapshotReader> => {
    if (opened) return opened
    const done = new Promise<void>((r) => (release = r))
    opened = new Promise<SnapshotReader>((resolve, reject) => {
      ended = adapter
        .readSnapshot(async (r) => {
          resolve(r)
          await done
        })
        .catch((e: unknown) => reject(e))
    })
    return opened
  }
  const key = (t: TableRef) => `${t.schema ?? ''}\u0000${t.name}`
  const query = async (sql: string): Promise<Value[][]> => {
    const r = await reader()
    if (!r.query) throw new TdgError('TDG_INTERNAL', `the ${dialect.id} adapter cannot run profiling queries`)
    return r.query(sql)
  }

  const rowCount = (t: TableRef): Promise<RowCount> => {
    const k = key(t)
    let c = counts.get(k)
    if (!c) {
      c = (async () => {
        const r = await reader()
        const estimate = sampling?.rowEstimate?.(t)
        if (estimate && r.query) {
          const n = Number((await r.query(estimate.sql))[0]?.[0] ?? NaN)
          if (Number.isFinite(n) && n >= EXACT_COUNT_BELOW) return { count: Math.round(n), exact: false, method: estimate.method }
        }
        return { count: await r.count(t), exact: true, method: 'count(*)' }
      })()
      counts.set(k, c)
    }
    return c
  }

  return {
    kind: 'db',
    name: adapter.redactedUrl,
    dialect: dialect.id,
    // Introspection first, on the adapter's own connection(s): SQLite has only one, and the snapshot holds it after.
    tables: () => (model ??= adapter.introspect().then((i) => i.model.tables)),
    rowCount,
    sample(table, limit) {
      let how = 'all rows'
      async function* rows() {
        const r = await reader()
        const total = await rowCount(table)
        const opts: SnapshotScanOptions = { batchSize: 10_000 }
        // Rows known to be in a checked draw: thinned to exactly `limit` here (selection sampling), so no
        // LIMIT cuts the physically last pages off (which would bias columns that follow insertion order).
        let thin: { of: number; keep: number } | undefined
        if (limit !== undefined) {
          opts.limit = limit
          if (total.count > limit) {
            const chosen = await chooseDraw(r, table, total.count, limit)
            if (chosen) {
              const { draw, got } = chosen
              opts.tableSample = draw.tableSample
              opts.where = draw.where
              how = draw.describe
              if (got !== undefined && got > limit) {
                thin = { of: got, keep: limit }
                opts.limit = undefined
                how += `, ${limit} of its ${got} rows kept at random`
              } else how += `, LIMIT ${limit}`
            } else how = `first ${limit} rows (no sampler for ${dialect.id})`
          }
        }
        let n = 0
        const random = seededRandom(SEED)
        let seen = 0
        let kept = 0
        for await (const batch of readAhead(r.scan(table, opts))) {
          if (thin) {
            const t = thin
            const rows = batch.rows.filter(() => {
              // Knuth's Algorithm S: each remaining row is kept with (needed / remaining): exactly `keep` of `of`.
              const take = kept < t.keep && random() * (t.of - seen) < t.keep - kept
              seen++
              if (take) kept++
              return take
            })
            if (rows.length > 0) yield { columns: batch.columns, rows }
            n += rows.length
            continue
          }
          n += batch.rows.length
          yield batch
        }
        if (how === 'all rows' && limit !== undefined && n >= limit && total.count > n) how = `first ${limit} rows`
      }
      return { rows: rows(), sampling: () => how }
    },
    async fanOut(child, columns, parent) {
      // One pass over the child (children per FK value, NULLs apart), parents with none by difference
      // with the parent's count: exact as long as every FK value has its parent (an enforced FK).
      const groups = await query(fanOutSql(dialect, child, columns))
      const parents = Number((await query(countSql(dialect, parent)))[0]?.[0] ?? 0)
      const counts: number[] = []
      let children = 0
      let nullChildren = 0
      for (const [n, z, m] of groups) {
        const rows = Number(n)
        const k = Number(m)
        children += rows * k
        if (Number(z) === 1) nullChildren += rows * k
        else for (let i = 0; i < k; i++) counts.push(rows)
      }
      for (let i = counts.length; i < parents; i++) counts.push(0)
      return { counts, parents: counts.length, children, nullChildren }
    },
    async close() {
      release()
      await ended.catch(() => undefined)
      await adapter.close()
    },
  }

  /** The dialect's draw for `limit` of `rows` rows; `got`: the draw's row count when it was counted first. */
  async function chooseDraw(r: SnapshotReader, table: TableRef, rows: number, limit: number): Promise<{ draw: SampleDraw; got?: number } | undefined> {
    if (!sampling) return undefined
    const exactShare = Math.min(1, limit / rows)
    let bounds: [number, number] | undefined
    if (sampling.boundsSql && r.query) {
      const b = await r.query(sampling.boundsSql(table)).catch(() => undefined)
      const lo = Number(b?.[0]?.[0])
      const hi = Number(b?.[0]?.[1])
      if (b && b[0]?.[0] !== null && Number.isFinite(lo) && Number.isFinite(hi)) bounds = [lo, hi]
    }
    const req = { rows, limit, seed: SEED, bounds }
    const first = sampling.draw(table, { ...req, share: Math.min(1, exactShare * OVERSAMPLE), attempt: 0 })
    if (!first) return undefined
    // Unchecked (row-level) draws ask for the exact share: their size is about `limit` and a LIMIT cuts at most a few rows.
    if (!first.check || !r.query) return { draw: sampling.draw(table, { ...req, share: exactShare, attempt: 0 }) ?? first }
    const got = Number((await r.query(drawCountSql(dialect, table, first)))[0]?.[0] ?? 0)
    if (got >= limit * CHECK_MIN) return { draw: first, got }
    // The second way is row-level: the exact share gives about the wanted rows.
    const second = sampling.draw(table, { ...req, share: exactShare, attempt: 1 })
    return second ? { draw: second } : { draw: first, got }
  }
}

/**
 * `src` with the next batch always requested before the current one is handed on, so the database
 * produces and sends batch k + 1 while the profiler digests batch k.
 */
export async function* readAhead<T>(src: AsyncIterable<T>): AsyncGenerator<T> {
  const it = src[Symbol.asyncIterator]()
  let next = it.next()
  let done = false
  try {
    for (;;) {
      const r = await next
      if (r.done) {
        done = true
        return
      }
      next = it.next()
      yield r.value
    }
  } finally {
    if (!done) {
      await next.catch(() => undefined)
      await it.return?.()
    }
  }
}
