import type { Knex } from 'knex'
import { canonicalJson, GENESIS_HASH, recordHash, type AuditRecord, type AuditRun } from './audit-record.js'
import { sleep } from '../state/state-store.js'

const EVENTS = 'tdg_audit_events'

/** The newest record of a chain, as stored (its seq may come back as text from PostgreSQL's bigint). */
export interface ChainEnd {
  seq: number | string
  hash: string
}

/** The SQL reading a chain's end (`ChainEnd`, or no row for an empty chain): the same on every store. */
export const CHAIN_END_SQL = `SELECT seq, hash FROM ${EVENTS} ORDER BY seq DESC LIMIT 1`

/**
 * The record `run` becomes after `last` (its seq plus one, its hash; the genesis hash for the first) and
 * the rows it adds, table by table in insert order: the run, its tables, the chained event. One definition
 * for both writers: knex (`appendAudit`) and SQLite's direct path (audit-store-sqlite.ts).
 */
export function auditRows(run: AuditRun, last: ChainEnd | undefined): { record: AuditRecord; rows: Array<{ table: string; rows: Array<Record<string, unknown>> }> } {
  const record: AuditRecord = { v: 1, ...run, seq: Number(last?.seq ?? 0) + 1, prevHash: last?.hash ?? GENESIS_HASH }
  const runRow = {
    id: run.id,
    origin: run.origin,
    command: run.command,
    actor: run.actor,
    host: run.host,
    version: run.version,
    started_at: run.startedAt,
    finished_at: run.finishedAt,
    duration_ms: run.durationMs,
    outcome: run.outcome,
    error_code: run.errorCode ?? null,
    seed: run.seed ?? null,
    source: run.source ?? null,
    target: run.target ?? null,
    rows: run.rows ?? null,
  }
  const tableRows = run.tables.map((t, i) => ({ run_id: run.id, position: i, table_name: t.table, rows: t.rows, columns: t.columns ? canonicalJson(t.columns) : null }))
  const event = { seq: record.seq, id: run.id, run_id: run.id, at: run.startedAt, kind: 'run', record: canonicalJson(record), prev_hash: record.prevHash, hash: recordHash(record) }
  return {
    record,
    rows: [
      { table: 'tdg_runs', rows: [runRow] },
      ...(tableRows.length > 0 ? [{ table: 'tdg_run_tables', rows: tableRows }] : []),
      { table: EVENTS, rows: [event] },
    ],
  }
}

/**
 * Append `run` to the audit chain of the store: in one transaction, read the last record's seq and
 * hash, write the run, its tables and the record `seq + 1` carrying that hash. Two writers racing for
 * the same seq: the second fails on the primary key (or SQLite's lock) and tries again on the new end.
 * Returns the record as stored.
 */
export async function appendAudit(db: Knex, run: AuditRun): Promise<AuditRecord> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (trx) => {
        const last = (await trx(EVENTS).orderBy('seq', 'desc').first('seq', 'hash')) as ChainEnd | undefined
        const { record, rows } = auditRows(run, last)
        for (const r of rows) await trx(r.table).insert(r.rows)
        return record
      })
    } catch (e) {
      if (attempt >= 20 || !isContention(e)) throw e
      await sleep(5 + Math.random() * 20 * (attempt + 1))
    }
  }
}

/** A lost race for the chain's end: duplicate key, SQLite busy/locked, a deadlock. */
export function isContention(e: unknown): boolean {
  const err = e as { code?: string; errno?: number }
  return err.code === '23505' || err.code === '40001' || err.code === '40P01' || err.errno === 1062 || err.errno === 1213 || /^SQLITE_(BUSY|LOCKED|CONSTRAINT_PRIMARYKEY|CONSTRAINT_UNIQUE)/.test(err.code ?? '')
}

/** The newest `limit` records, newest first. */
export async function listAudit(db: Knex, limit: number): Promise<AuditRecord[]> {
  const rows = (await db(EVENTS).orderBy('seq', 'desc').limit(limit).select('record')) as Array<{ record: string }>
  return rows.map((r) => JSON.parse(r.record) as AuditRecord)
}

/** The record of run `id` (a whole ULID, or a unique prefix of one); undefined when none, 'ambiguous' for a prefix of several. */
export async function findAudit(db: Knex, id: string): Promise<AuditRecord | 'ambiguous' | undefined> {
  const rows = (await db(EVENTS).where('id', 'like', `${id.toUpperCase().replace(/[%_]/g, '')}%`).orderBy('seq').limit(2).select('record')) as Array<{ record: string }>
  if (rows.length > 1) return 'ambiguous'
  return rows[0] ? (JSON.parse(rows[0].record) as AuditRecord) : undefined
}

/** The result of checking the chain. */
export interface ChainCheck {
  records: number
  /** The last record's hash: keep it elsewhere to detect a truncated tail later. */
  head: string
  /** The first record that does not hold, and why. */
  bad?: { seq: number; id: string; reason: string }
}

/** One stored record as read back: its text and the hash stored beside it. */
export interface StoredRecord {
  seq: number
  id: string
  text: string
  hash: string
  prevHash: string
}

/** Read every record of the store, in chain order. */
export async function readChain(db: Knex): Promise<StoredRecord[]> {
  const rows = (await db(EVENTS).orderBy('seq').select('seq', 'id', 'record', 'hash', 'prev_hash')) as Array<{ seq: number | string; id: string; record: string; hash: string; prev_hash: string }>
  return rows.map((r) => ({ seq: Number(r.seq), id: r.id, text: r.record, hash: r.hash, prevHash: r.prev_hash }))
}

/**
 * Check a chain: seqs 1, 2, 3 … without a gap; each record's text parses, names its own seq and id,
 * hashes to the hash stored beside it, and carries the previous record's hash. An edited record fails
 * its own hash (or, re-hashed, the next record's link); a deleted one leaves a gap and a broken link.
 * A deleted *last* record cannot be seen from the chain alone: compare `head` with a copy kept elsewhere.
 */
export function checkChain(records: StoredRecord[]): ChainCheck {
  let prev = GENESIS_HASH
  for (const [i, r] of records.entries()) {
    const bad = (reason: string): ChainCheck => ({ records: records.length, head: prev, bad: { seq: r.seq, id: r.id, reason } })
    if (r.seq !== i + 1) return bad(i === 0 ? `the chain starts at record ${r.seq}, not 1: earlier records were deleted` : `record ${i + 1} is missing (deleted) before this one`)
    let parsed: AuditRecord
    try {
      parsed = JSON.parse(r.text) as AuditRecord
    } catch {
      return bad('its text is not JSON (edited)')
    }
    if (canonicalJson(parsed) !== r.text || recordHash(parsed) !== r.hash) return bad('its content does not match its hash (edited)')
    if (parsed.seq !== r.seq || parsed.id !== r.id) return bad('its id or position does not match its content (edited)')
    if (parsed.prevHash !== prev || r.prevHash !== prev) return bad('it does not carry the hash of the record before it (that record was edited or deleted)')
    prev = r.hash
  }
  return { records: records.length, head: prev }
}
