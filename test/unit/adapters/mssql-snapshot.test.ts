/**
 * SQL Server's readSnapshot cannot run here (no server): the isolation it picks and the SQL it sends are
 * pure functions, tested as rendered text.
 */
import { describe, expect, it } from 'vitest'
import { MSSQL_SNAPSHOT_STATE_SQL, chooseMssqlIsolation, mssqlSnapshotCount, mssqlSnapshotSelect, snapshotFailed } from '../../../adapters/mssql/snapshot.js'
import { snapshotClauses } from '../../../src/adapter/snapshot-clauses.js'
import { mssqlDialect, quoteIdent } from '../../../adapters/mssql/dialect.js'

describe('SQL Server readSnapshot SQL', () => {
  it('uses SNAPSHOT only when ALLOW_SNAPSHOT_ISOLATION is ON, else READ COMMITTED and says so', () => {
    expect(MSSQL_SNAPSHOT_STATE_SQL).toMatch(/snapshot_isolation_state .* sys\.databases WHERE database_id = DB_ID\(\)/)
    expect(chooseMssqlIsolation(1)).toMatchObject({ level: 'SNAPSHOT', consistent: true })
    for (const state of [0, 2, 3, undefined]) {
      const c = chooseMssqlIsolation(state)
      expect(c).toMatchObject({ level: 'READ COMMITTED', consistent: false })
      expect(c.isolation).toMatch(/READ COMMITTED.*ALLOW_SNAPSHOT_ISOLATION is off/)
    }
  })

  it('renders TOP, the condition in parentheses, ORDER BY of bracketed names', () => {
    const clauses = snapshotClauses(quoteIdent, 'dbo.orders', ['id', 'cust id', 'total'], ['id', 'cust id'], { where: "total > 10 OR [cust id] = 'x' -- note", orderBy: ['cust id', 'id'], limit: 25.7 })
    expect(mssqlSnapshotSelect('[dbo].[orders]', ['id', 'cust id'], clauses)).toBe(
      "SELECT TOP (25) [id], [cust id] FROM [dbo].[orders] WHERE (total > 10 OR [cust id] = 'x' -- note\n) ORDER BY [cust id], [id]",
    )
    expect(mssqlSnapshotSelect('[dbo].[t]', ['a'], snapshotClauses(quoteIdent, 'dbo.t', ['a'], ['a'], {}))).toBe('SELECT [a] FROM [dbo].[t]')
    const keyed = snapshotClauses(quoteIdent, 'dbo.t', ['a', 'b'], ['a'], { keyIn: { column: 'b', values: ["x'y", 'z'], numeric: false }, where: 'a > 1' }, (s) => mssqlDialect.literal(s, { kind: 'text' }))
    expect(mssqlSnapshotSelect('[dbo].[t]', ['a'], keyed)).toBe("SELECT [a] FROM [dbo].[t] WHERE (a > 1\n) AND [b] IN (N'x''y', N'z')")
    const ints = snapshotClauses(quoteIdent, 'dbo.t', ['a'], ['a'], { keyIn: { column: 'a', values: ['1', '-2'], numeric: true } })
    expect(ints.where).toBe(' WHERE [a] IN (1, -2)')
    expect(() => snapshotClauses(quoteIdent, 'dbo.t', ['a'], ['a'], { keyIn: { column: 'a', values: ['1; DROP TABLE t'], numeric: true } })).toThrow(/not an integer/)
    expect(mssqlSnapshotCount('[dbo].[t]', 'a = 1')).toBe('SELECT COUNT_BIG(*) AS n FROM [dbo].[t] WHERE (a = 1\n)')
    expect(mssqlSnapshotCount('[dbo].[t]', '  ')).toBe('SELECT COUNT_BIG(*) AS n FROM [dbo].[t]')
  })

  it('refuses unknown columns (select or order) and words a lost connection without the driver text', () => {
    expect(() => snapshotClauses(quoteIdent, 'dbo.t', ['a'], ['a'], { orderBy: ['b'] })).toThrow(/table dbo\.t has no column b/)
    const lost = snapshotFailed('reading dbo.t', Object.assign(new Error('Connection lost - read ECONNRESET'), { code: 'ESOCKET' }), 't')
    expect(lost.code).toBe('TDG_READ_FAILED')
    expect(lost.message).toBe('reading dbo.t failed: connection to the database was lost')
  })
})
