import { createHash } from 'node:crypto'

/** How a run ended. */
export type RunOutcome = 'ok' | 'failed' | 'interrupted'

/** One table of a run: rows written (or masked) and, per column, the generator or masker that made it. */
export interface AuditTable {
  table: string
  rows: number
  /** column → `faker:email`, `fk`, `copy`, `mask:fake full-name`, … (names only, never values). */
  columns?: Record<string, string>
}

/** A file a run read, by path and content hash (config, rules, schema). */
export interface AuditFile {
  path: string
  /** sha256 of the file's bytes; absent when it could not be read. */
  sha256?: string
}

/**
 * What a run did, as written to the audit log. Secrets never appear: URLs carry `***` for passwords,
 * key files are named by path only, option values are redacted (see `redact-options.ts`).
 */
export interface AuditRun {
  /** ULID of the run. */
  id: string
  origin: 'cli' | 'api' | 'schedule'
  /** The OS user (or, later, the API token's name). */
  actor: string
  host: string
  version: string
  command: string
  /** The arguments as given, redacted (`--db postgres://app:***@h/db`). */
  argv: string[]
  /** The parsed options, redacted. */
  options: Record<string, unknown>
  files: { config?: AuditFile; rules?: AuditFile; schema?: AuditFile }
  seed?: string
  source?: string
  target?: string
  tables: AuditTable[]
  /** Total rows written; absent for commands that write none. */
  rows?: number
  startedAt: string
  finishedAt: string
  durationMs: number
  outcome: RunOutcome
  errorCode?: string
}

/** A stored audit record: the run, its place in the chain and the hash of the record before it. */
export interface AuditRecord extends AuditRun {
  v: 1
  seq: number
  prevHash: string
}

/** The previous hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * Canonical JSON: keys sorted at every depth, no whitespace, `undefined` members left out. The same value
 * always gives the same text, so its hash is the record's identity.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    )
  }
  return value
}

/** sha256 (hex) of `text`. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

/** The hash of a record: sha256 of its canonical JSON. */
export function recordHash(record: AuditRecord): string {
  return sha256(canonicalJson(record))
}
