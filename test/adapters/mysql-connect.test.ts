/**
 * Connecting to MariaDB: a good URL works (mysql:// and mariadb://); wrong password, unknown database,
 * refused port and unknown host fail with ONE line of TDG_CONNECT_FAILED that names the redacted URL and
 * never the password.
 */
import { describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { isTdgError } from '../../src/errors.js'
import { freePort } from '../support/postgres-server.js'
import { mysqlAdminUrl, mysqlAvailable, mysqlMissingReason } from '../support/databases.js'

const available = mysqlAvailable()
if (!available) console.warn(`[mysql-connect] skipped: ${mysqlMissingReason()}`)

async function connectError(url: string) {
  try {
    const a = await connect(url)
    await a.close()
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error(`expected ${url} to fail`)
}

describe.skipIf(!available)('MySQL connect', () => {
  const admin = () => new URL(mysqlAdminUrl())

  it('connects with mysql:// and mariadb:// and reports the redacted URL', async () => {
    for (const scheme of ['mysql:', 'mariadb:']) {
      const u = admin()
      u.protocol = scheme
      const a = await connect(u.toString())
      try {
        expect(a.dialect.id).toBe('mysql')
        expect(a.redactedUrl).toContain(':***@')
        expect(a.redactedUrl).not.toContain(decodeURIComponent(u.password))
        const { model } = await a.introspect()
        expect(model.dialect).toBe('mysql')
      } finally {
        await a.close()
      }
    }
  })

  it('wrong password → TDG_CONNECT_FAILED, access denied, password never shown', async () => {
    const u = admin()
    u.password = 'definitely-wrong-pw'
    const e = await connectError(u.toString())
    expect(e.code).toBe('TDG_CONNECT_FAILED')
    expect(e.message).toMatch(/^cannot connect to mysql:\/\/tdg:\*\*\*@127\.0\.0\.1:\d+\/mysql: Access denied for user 'tdg'/)
    expect(e.message).not.toContain('definitely-wrong-pw')
    expect(e.message.split('\n')).toHaveLength(1)
  })

  it('unknown database → TDG_CONNECT_FAILED naming it', async () => {
    const u = admin()
    u.pathname = '/no_such_db_here'
    const e = await connectError(u.toString())
    expect(e.code).toBe('TDG_CONNECT_FAILED')
    expect(e.message).toMatch(/Unknown database 'no_such_db_here'/)
  })

  it('refused port and unknown host → TDG_CONNECT_FAILED with a short reason', async () => {
    const port = await freePort()
    const refused = await connectError(`mysql://app:s3cret-pw@127.0.0.1:${port}/shop`)
    expect(refused.message).toBe(`cannot connect to mysql://app:***@127.0.0.1:${port}/shop: connection refused`)
    const unknown = await connectError('mysql://app:s3cret-pw@nonexistent.invalid:3306/shop?connect_timeout=3')
    expect(unknown.message).toMatch(/^cannot connect to mysql:\/\/app:\*\*\*@nonexistent\.invalid:3306\/shop\?connect_timeout=3: host not found/)
  })

  it('a URL without a database or with an unknown option → TDG_URL_INVALID before connecting', async () => {
    expect(await connectError('mysql://app:s3cret-pw@127.0.0.1:3306/')).toMatchObject({ code: 'TDG_URL_INVALID' })
    expect(await connectError('mariadb://app:s3cret-pw@127.0.0.1:3306/shop?ssl=sometimes')).toMatchObject({ code: 'TDG_URL_INVALID', message: expect.stringContaining("unknown ssl mode 'sometimes'") })
  })
})
