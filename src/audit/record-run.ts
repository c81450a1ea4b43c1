import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { hostname, userInfo } from 'node:os'
import { redactText } from '../adapter/redact-url.js'
import { openStateStore } from '../state/state-store.js'
import { describeState, type StateLocation } from '../state/state-location.js'
import { appendAudit } from './audit-store.js'
import { appendAuditSqlite } from './audit-store-sqlite.js'
import { canonicalJson, GENESIS_HASH, recordHash, sha256, type AuditFile, type AuditRecord, type AuditRun } from './audit-record.js'

/** Where a run's record goes: the state store (undefined: not there) and/or a JSONL file. */
export interface AuditDestinations {
  state?: StateLocation
  log?: string
}

/**
 * Write `run` to the state store and/or the JSONL log. Never throws: each destination that cannot be
 * written gives one line for stderr (the run's own outcome stands). Returns those lines.
 */
export async function recordRun(run: AuditRun, to: AuditDestinations): Promise<string[]> {
  const problems: string[] = []
  if (to.state) {
    let db
    try {
      // A SQLite store that is there and current is written without knex (audit-store-sqlite.ts).
      const written = to.state.kind === 'sqlite' ? await appendAuditSqlite(to.state.file, run) : undefined
      if (!written) {
        db = await openStateStore(to.state)
        await appendAudit(db, run)
      }
    } catch (e) {
      problems.push(`tdg: warning: the audit record of this run could not be written to ${describeState(to.state)}: ${reason(e)}\n`)
    } finally {
      await db?.destroy().catch(() => undefined)
    }
  }
  if (to.log) {
    try {
      appendLog(to.log, run)
    } catch (e) {
      problems.push(`tdg: warning: the audit record of this run could not be appended to ${to.log}: ${reason(e)}\n`)
    }
  }
  return problems
}

/**
 * Append `run` to a JSONL audit log as one line: the record chained to the file's own last line (its seq
 * plus one, its hash) and `hash`, the sha256 of the record's canonical JSON. `tdg audit verify --log FILE`
 * checks such a file.
 */
export function appendLog(file: string, run: AuditRun): AuditRecord {
  let seq = 0
  let prevHash = GENESIS_HASH
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trimEnd()
    const lastLine = text.slice(text.lastIndexOf('\n') + 1)
    if (lastLine) {
      const last = JSON.parse(lastLine) as { seq?: number; hash?: string }
      seq = last.seq ?? 0
      prevHash = last.hash ?? GENESIS_HASH
    }
  } else mkdirSync(dirname(file), { recursive: true })
  const record: AuditRecord = { v: 1, ...run, seq: seq + 1, prevHash }
  appendFileSync(file, `${canonicalJson({ ...record, hash: recordHash(record) })}\n`, { mode: 0o600 })
  return record
}

/** One short reason: the error's first line, URLs redacted. */
function reason(e: unknown): string {
  const err = e as { code?: string; message?: string }
  const msg = (err.message ?? String(e)).split('\n')[0]!.trim()
  return redactText(err.code && !msg.includes(err.code) ? `${err.code}: ${msg}` : msg).slice(0, 300)
}

/** The OS user running tdg (`USER` when the account has no passwd entry). */
export function osActor(): string {
  try {
    return userInfo().username
  } catch {
    return process.env.USER ?? process.env.LOGNAME ?? 'unknown'
  }
}

/** This machine's host name. */
export function osHost(): string {
  return hostname()
}

/** `{ path, sha256 }` of a file the run read; no hash when it cannot be read (stdin, missing). */
export function fileDigest(path: string | undefined): AuditFile | undefined {
  if (path === undefined) return undefined
  if (path === '-') return { path: '<stdin>' }
  try {
    return { path, sha256: sha256(readFileSync(path)) }
  } catch {
    return { path }
  }
}
