import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectDialect } from '../../../src/ddl/detect-dialect.js'
import { sharedFixture } from '../../support/shared-fixtures.js'

describe('detectDialect', () => {
  it.each([
    ['test/fixtures/postgres/everything.sql', 'postgres'],
    ['test/fixtures/postgres/everything.dump.sql', 'postgres'],
    ['test/fixtures/sqlite/everything.sql', 'sqlite'],
    ['examples/shop.sql', 'sqlite'],
  ])('%s → %s', (file, dialect) => {
    expect(detectDialect(readFileSync(file, 'utf8'))?.dialect).toBe(dialect)
  })

  it('reads real dumps of other dialects', () => {
    expect(detectDialect(readFileSync(sharedFixture('northwind-postgres.sql'), 'utf8'))?.dialect).toBe('postgres')
    expect(detectDialect(readFileSync(sharedFixture('employees-mysql.sql'), 'utf8'))?.dialect).toBe('mysql')
    expect(detectDialect('CREATE TABLE [dbo].[t] ([id] int IDENTITY(1,1) NOT NULL)\nGO\n')?.dialect).toBe('mssql')
  })

  it('says why, and gives up on portable SQL', () => {
    expect(detectDialect('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);')?.reason).toMatch(/AUTOINCREMENT/)
    expect(detectDialect('CREATE TABLE t (id integer PRIMARY KEY, name varchar(20));')).toBeUndefined()
  })
})
