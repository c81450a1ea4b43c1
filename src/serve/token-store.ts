import { createHash, randomBytes } from 'node:crypto'
import type { Knex } from 'knex'
import { TdgError } from '../errors.js'
import { ulid } from '../state/ulid.js'

const TOKENS = 'tdg_api_tokens'

/** Every scope a token can carry. */
export const SCOPES = ['jobs:read', 'jobs:write', 'audit:read'] as const
export type Scope = (typeof SCOPES)[number]

/** A token as listed (never the token itself: only its hash is stored). */
export interface TokenInfo {
  name: string
  scopes: Scope[]
  createdAt: string
  lastUsedAt?: string
  revokedAt?: string
}

/** The prefix of every token: recognisable in a secret scanner and in a leaked log line. */
const PREFIX = 'tdg_'

/** sha256 (hex) of a token: what the store keeps. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** `jobs:read,audit:read` → the scopes; TDG_USAGE naming an unknown one. */
export function parseScopes(text: string): Scope[] {
  const scopes = text.split(',').map((s) => s.trim()).filter(Boolean)
  if (scopes.length === 0) throw new TdgError('TDG_USAGE', `--scopes needs at least one of ${SCOPES.join(', ')}`)
  for (const s of scopes) if (!(SCOPES as readonly string[]).includes(s)) throw new TdgError('TDG_USAGE', `unknown scope '${s}' (scopes: ${SCOPES.join(', ')})`, { scope: s })
  return [...new Set(scopes)] as Scope[]
}

/**
 * Create a token named `name` with `scopes`: 32 random bytes (base64url) after `tdg_`. Returns the token,
 * the only time it exists outside the caller. TDG_USAGE when the name is taken.
 */
export async function createToken(db: Knex, name: string, scopes: Scope[]): Promise<string> {
  if (!/^[\w.@-]{1,100}$/.test(name)) throw new TdgError('TDG_USAGE', `token name '${name.slice(0, 100)}' must be 1–100 letters, digits, '.', '_', '@' or '-'`)
  if (await db(TOKENS).where('name', name).first()) throw new TdgError('TDG_USAGE', `a token named '${name}' exists already (tdg token list; revoke it or pick another name)`, { name })
  const token = PREFIX + randomBytes(32).toString('base64url')
  await db(TOKENS).insert({ id: ulid(), name, token_hash: tokenHash(token), scopes: scopes.join(','), created_at: new Date().toISOString() })
  return token
}

/** Every token, oldest first. */
export async function listTokens(db: Knex): Promise<TokenInfo[]> {
  const rows = (await db(TOKENS).orderBy('id').select()) as Array<{ name: string; scopes: string; created_at: string; last_used_at: string | null; revoked_at: string | null }>
  return rows.map((r) => ({
    name: r.name,
    scopes: r.scopes.split(',') as Scope[],
    createdAt: r.created_at,
    ...(r.last_used_at ? { lastUsedAt: r.last_used_at } : {}),
    ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
  }))
}

/** Revoke token `name` (kept, marked revoked); TDG_USAGE when there is none. */
export async function revokeToken(db: Knex, name: string): Promise<void> {
  const n = await db(TOKENS).where('name', name).whereNull('revoked_at').update({ revoked_at: new Date().toISOString() })
  if (n === 0) throw new TdgError('TDG_USAGE', `no active token named '${name}' (tdg token list)`, { name })
}

/** The holder of a bearer token: its name and scopes; undefined for an unknown or revoked token. */
export async function findToken(db: Knex, token: string): Promise<{ name: string; scopes: Scope[] } | undefined> {
  const hash = tokenHash(token)
  const row = (await db(TOKENS).where('token_hash', hash).whereNull('revoked_at').first('name', 'scopes', 'last_used_at')) as { name: string; scopes: string; last_used_at: string | null } | undefined
  if (!row) return undefined
  // `tdg token list` shows when a token was last used; to the minute is enough, so a busy token writes once a minute, not per request.
  const now = new Date().toISOString()
  if (!row.last_used_at || row.last_used_at.slice(0, 16) !== now.slice(0, 16)) await db(TOKENS).where('token_hash', hash).update({ last_used_at: now })
  return { name: row.name, scopes: row.scopes.split(',') as Scope[] }
}
