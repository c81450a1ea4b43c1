/**
 * SQL export in T-SQL: BEGIN TRANSACTION/COMMIT with XACT_ABORT, SET IDENTITY_INSERT around runs that
 * write identity columns, DBCC CHECKIDENT after them, N'…' literals and ≤ 1000 rows per INSERT.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import type { Value } from '../../../src/model/rows.js'
import type { Table } from '../../../src/model/schema.js'
import { openFileTarget } from '../../../src/sinks/file-target.js'
import { batches, tempDir } from './helpers.js'

const orders: Table = {
  schema: 'Sales',
  name: 'Order]s',
  columns: [
    { name: 'id', nativeType: 'int', type: { kind: 'integer', bytes: 4 }, nullable: false, identity: { kind: 'always', start: 1, increment: 1 } },
    { name: 'note', nativeType: 'nvarchar(20)', type: { kind: 'string', maxLength: 20 }, nullable: true },
    { name: 'paid', nativeType: 'bit', type: { kind: 'boolean' }, nullable: false },
  ],
  primaryKey: { columns: ['id'] },
  uniques: [],
  foreignKeys: [],
  checks: [],
}
const tags: Table = {
  schema: 'dbo',
  name: 'tags',
  columns: [{ name: 'tag', nativeType: 'nvarchar(10)', type: { kind: 'string', maxLength: 10 }, nullable: false }],
  uniques: [],
  foreignKeys: [],
  checks: [],
}

describe('T-SQL export', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  it('wraps identity inserts in SET IDENTITY_INSERT and reseeds after them', async () => {
    const dir = join(tmp.root, 'out')
    const rows: Value[][] = [[1, "O'Brien", true], [2, null, false]]
    await openFileTarget({ dir, format: 'sql', dialect: mssqlDialect, tables: [orders, tags] }).transaction(async (w) => {
      await w.insert({ schema: 'Sales', name: 'Order]s' }, batches(['id', 'note', 'paid'], rows, 1))
      await w.syncIdentity({ schema: 'Sales', name: 'Order]s' })
      await w.insert({ name: 'tags' }, batches(['tag'], [['ü']], 1))
      await w.syncIdentity({ name: 'tags' })
    })
    expect(readFileSync(join(dir, '000-pre.sql'), 'utf8')).toBe('SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n')
    expect(readFileSync(join(dir, '001-Sales.Order]s.sql'), 'utf8')).toBe(
      [
        'SET IDENTITY_INSERT [Sales].[Order]]s] ON;',
        'INSERT INTO [Sales].[Order]]s] ([id], [note], [paid]) VALUES',
        "(1, N'O''Brien', 1),",
        '(2, NULL, 0);',
        'SET IDENTITY_INSERT [Sales].[Order]]s] OFF;',
        "DBCC CHECKIDENT ('[Sales].[Order]]s]', RESEED) WITH NO_INFOMSGS;",
        '',
      ].join('\n'),
    )
    // No identity column, no IDENTITY_INSERT and no reseed.
    expect(readFileSync(join(dir, '002-tags.sql'), 'utf8')).toBe("INSERT INTO [dbo].[tags] ([tag]) VALUES\n(N'ü');\n")
    expect(readFileSync(join(dir, '999-fixups.sql'), 'utf8')).toBe('COMMIT TRANSACTION;\n')
  })

  it('splits at 1000 rows per INSERT, inside one IDENTITY_INSERT run', async () => {
    const dir = join(tmp.root, 'many')
    const rows: Value[][] = Array.from({ length: 2500 }, (_, i) => [i + 1, `n${i}`, i % 2 === 0])
    await openFileTarget({ dir, format: 'sql', dialect: mssqlDialect, tables: [orders] }).transaction((w) =>
      w.insert({ schema: 'Sales', name: 'Order]s' }, batches(['id', 'note', 'paid'], rows, 333)),
    )
    const text = readFileSync(join(dir, '001-Sales.Order]s.sql'), 'utf8')
    const lines = text.split('\n')
    expect(lines.filter((l) => l.startsWith('INSERT INTO'))).toHaveLength(3)
    expect(lines.filter((l) => l.startsWith('SET IDENTITY_INSERT'))).toEqual(['SET IDENTITY_INSERT [Sales].[Order]]s] ON;', 'SET IDENTITY_INSERT [Sales].[Order]]s] OFF;'])
    expect(lines[0]).toBe('SET IDENTITY_INSERT [Sales].[Order]]s] ON;')
    expect(lines.filter((l) => l.startsWith('(')).length).toBe(2500)
    // Each statement ends before the 1001st row.
    const sizes = text.split(';\n').filter((s) => s.includes('INSERT INTO')).map((s) => s.split('\n').filter((l) => l.startsWith('(')).length)
    expect(sizes).toEqual([1000, 1000, 500])
  })

  it('fixups are plain UPDATEs with T-SQL literals', async () => {
    const dir = join(tmp.root, 'fx')
    await openFileTarget({ dir, format: 'sql', dialect: mssqlDialect, tables: [orders] }).transaction(async (w) => {
      await w.insert({ schema: 'Sales', name: 'Order]s' }, batches(['id', 'note', 'paid'], [[1, null, true]], 1))
      await w.update({ schema: 'Sales', name: 'Order]s' }, ['id'], batches(['id', 'note'], [[1, 'later']], 1))
    })
    expect(readFileSync(join(dir, '999-fixups.sql'), 'utf8')).toBe("UPDATE [Sales].[Order]]s] SET [note] = N'later' WHERE [id] = 1;\nCOMMIT TRANSACTION;\n")
  })
})
