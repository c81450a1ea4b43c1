/**
 * connect() failures against a real server: each is TDG_CONNECT_FAILED, one line, naming the redacted
 * URL and the reason — and the password appears nowhere in the error's message or JSON.
 */
import { describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { isTdgError, type TdgError } from '../../src/errors.js'
import { postgresAdminUrl, postgresAvailable, postgresMissingReason } from '../support/databases.js'
import { freePort } from '../support/postgres-server.js'

const available = postgresAvailable()
if (!available) console.warn(`[postgres-connect] skipped: ${postgresMissingReason()}`)

/** A password that cannot be the real one, easy to spot if it leaks. */
const WRONG_PASSWORD = 'Wr0ng-P4ss-leak-canary'

async function connectError(url: string): Promise<TdgError> {
  try {
    const adapter = await connect(url)
    await adapter.close()
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error(`connect(${url.replace(/:[^:@/]*@/, ':***@')}) unexpectedly succeeded`)
}

function expectCleanError(err: TdgError, secret: string, reason: RegExp): void {
  expect(err.code).toBe('TDG_CONNECT_FAILED')
  expect(err.message).toMatch(/^cannot connect to postgres:\/\/[^ ]*: /)
  expect(err.message).toMatch(reason)
  expect(err.message).not.toContain('\n')
  expect(err.message).not.toContain(secret)
  expect(JSON.stringify(err)).not.toContain(secret)
  expect(JSON.stringify({ message: err.message, details: err.details, code: err.code })).not.toContain(secret)
  expect(err.cause).toBeDefined()
}

describe.skipIf(!available)('postgres connect errors', () => {
  const admin = available ? new URL(postgresAdminUrl()) : new URL('postgres://x@localhost/x')
  const realPassword = decodeURIComponent(admin.password)

  it('connects with the right settings', async () => {
    const adapter = await connect(admin.toString())
    expect(adapter.redactedUrl).not.toContain(realPassword || '\u0000')
    await adapter.close()
  })

  it('wrong password → "password authentication failed"', async (ctx) => {
    const u = new URL(admin)
    u.password = WRONG_PASSWORD
    let err: TdgError
    try {
      err = await connectError(u.toString())
    } catch (e) {
      // A server with trust auth on TCP accepts any password: nothing to test there.
      if (String(e).includes('unexpectedly succeeded')) return ctx.skip('server does not check passwords (trust auth)')
      throw e
    }
    expectCleanError(err, WRONG_PASSWORD, /password authentication failed for user "/)
    expect(err.message).toContain(':***@')
  })

  it('missing database → database "…" does not exist', async () => {
    const u = new URL(admin)
    u.pathname = '/tdg_no_such_db'
    const err = await connectError(u.toString())
    expectCleanError(err, realPassword || '\u0000', /database "tdg_no_such_db" does not exist$/)
  })

  it('refused port → connection refused', async () => {
    const u = new URL(admin)
    u.hostname = '127.0.0.1'
    u.port = String(await freePort())
    u.password = WRONG_PASSWORD
    const err = await connectError(u.toString())
    expectCleanError(err, WRONG_PASSWORD, /: connection refused$/)
  })

  it('unknown host → host not found', async () => {
    const u = new URL(admin)
    u.hostname = 'nonexistent.invalid'
    u.password = WRONG_PASSWORD
    const err = await connectError(u.toString())
    expectCleanError(err, WRONG_PASSWORD, /: host not found/)
    expect(err.message).toContain('nonexistent.invalid')
  })

  it('a malformed URL is TDG_URL_INVALID without the password', async () => {
    await expect(connect(`postgres://app:${WRONG_PASSWORD}@localhost:notaport/db`)).rejects.toSatisfy(
      (e: unknown) => isTdgError(e) && e.code === 'TDG_URL_INVALID' && !e.message.includes(WRONG_PASSWORD),
    )
  })
})
