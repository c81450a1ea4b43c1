/**
 * The CLI with T-SQL schemas, no server needed: `tdg introspect --schema` detects T-SQL and says so;
 * `tdg generate --format sql` renders T-SQL INSERT scripts with IDENTITY_INSERT handling.
 */
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const scratch = mkdtempSync(join(tmpdir(), 'tdg-mssql-cli-'))

describe('tdg with T-SQL schemas', () => {
  it('introspect detects T-SQL, says so, and prints the model', async () => {
    const r = await runCli(['introspect', '--schema', 'test/fixtures/mssql/northwind.sql'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/dialect: mssql \(detected from GO batch separators/)
    expect(r.stdout).toMatch(/^dbo\.Order Details$/m)
    expect(r.stdout).toMatch(/primary key \(OrderID, ProductID\)/)
    expect(r.stdout).toMatch(/foreign key .*\(OrderID\) → (dbo\.)?Orders \(OrderID\) on delete cascade/)
  })

  it('--dialect sqlserver / tsql are accepted aliases', async () => {
    for (const alias of ['sqlserver', 'tsql']) {
      const r = await runCli(['introspect', '--schema', 'test/fixtures/mssql/hostile-names.sql', '--dialect', alias, '--json'])
      expect(r.code, r.stderr).toBe(0)
      expect(JSON.parse(r.stdout).dialect).toBe('mssql')
    }
  })

  it('generate --format sql writes T-SQL scripts: one transaction, IDENTITY_INSERT, CHECKIDENT, N-literals', async () => {
    const out = join(scratch, 'nw')
    const r = await runCli(['generate', '--schema', 'test/fixtures/mssql/northwind.sql', '--rules', 'test/fixtures/mssql/northwind.rules.yaml', '--rows', '30', '--seed', '7', '--format', 'sql', '--output', out, '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    const files = readdirSync(out).filter((f) => f.endsWith('.sql')).sort()
    expect(files[0]).toBe('000-pre.sql')
    expect(files[files.length - 1]).toBe('999-fixups.sql')
    expect(readFileSync(join(out, '000-pre.sql'), 'utf8')).toMatch(/^SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n/)
    expect(readFileSync(join(out, '999-fixups.sql'), 'utf8')).toMatch(/COMMIT TRANSACTION;\n$/)

    const orders = readFileSync(join(out, files.find((f) => f.endsWith('-Orders.sql')) as string), 'utf8')
    expect(orders.split('\n')[0]).toBe('SET IDENTITY_INSERT [dbo].[Orders] ON;')
    expect(orders).toMatch(/^INSERT INTO \[dbo\]\.\[Orders\] \(\[OrderID\], /m)
    expect(orders).toMatch(/^SET IDENTITY_INSERT \[dbo\]\.\[Orders\] OFF;\nDBCC CHECKIDENT \('\[dbo\]\.\[Orders\]', RESEED\) WITH NO_INFOMSGS;\n$/m)
    // Keys start at the identity seed (10248) and strings are N'…'.
    expect(orders).toMatch(/^\(10248, /m)
    expect(orders).toMatch(/N'/)

    const details = readFileSync(join(out, files.find((f) => f.endsWith('-Order Details.sql')) as string), 'utf8')
    expect(details).not.toMatch(/IDENTITY_INSERT|CHECKIDENT/)
    expect(details).toMatch(/^INSERT INTO \[dbo\]\.\[Order Details\] \(/m)

    // Parents come before children: Customers and Employees before Orders before Order Details.
    const order = (suffix: string) => files.findIndex((f) => f.endsWith(suffix))
    expect(order('-Customers.sql')).toBeLessThan(order('-Orders.sql'))
    expect(order('-Orders.sql')).toBeLessThan(order('-Order Details.sql'))
    // Bit columns are 1/0.
    const products = readFileSync(join(out, files.find((f) => f.endsWith('-Products.sql')) as string), 'utf8')
    expect(products).not.toMatch(/\bTRUE\b|\bFALSE\b/)
  })

  it('generate writes no computed or rowversion columns (AdventureWorks)', async () => {
    const out = join(scratch, 'aw')
    const r = await runCli(['generate', '--schema', 'test/fixtures/mssql/adventureworks.sql', '--rules', 'test/fixtures/mssql/adventureworks.rules.yaml', '--rows', '5', '--format', 'sql', '--output', out, '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    const header = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('-Sales.SalesOrderHeader.sql')) as string), 'utf8')
    expect(header).toMatch(/^INSERT INTO \[Sales\]\.\[SalesOrderHeader\] /m)
    expect(header).not.toContain('[TotalDue]')
    const customer = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('-Sales.Customer.sql')) as string), 'utf8')
    expect(customer).not.toContain('[Version]')
    expect(customer).not.toContain('[AccountNumber]')
    expect(customer).toMatch(/SET IDENTITY_INSERT \[Sales\]\.\[Customer\] ON;/)
    // IDENTITY(100,5): keys 100, 105, …
    expect(customer).toMatch(/^\(100, /m)
    expect(customer).toMatch(/^\(105, /m)
  })

  it.each([
    ['instnwnd-like.sql', 8, /^dbo\.Order Details$/m],
    ['instpubs-like.sql', 9, /^dbo\.titleauthor$/m],
    ['adventureworks-install-like.sql', 9, /^Sales\.SalesOrderHeader$/m],
  ])('introspect reads the installer-style script %s: %i tables, the skipped parts as issues', async (file, tables, shown) => {
    const r = await runCli(['introspect', '--schema', `test/fixtures/mssql/${file}`, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const model = JSON.parse(r.stdout) as { dialect: string; tables: Array<{ name: string; primaryKey?: unknown; foreignKeys: unknown[] }> }
    expect(model.dialect).toBe('mssql')
    expect(model.tables).toHaveLength(tables)
    expect(model.tables.every((t) => t.primaryKey !== undefined)).toBe(true)
    const text = await runCli(['introspect', '--schema', `test/fixtures/mssql/${file}`])
    expect(text.stdout).toMatch(shown)
    expect(text.stdout).toMatch(/^Issues \(\d+\):$/m)
  })

  it('generate --dialect mssql --format csv writes every table of the sqlcmd installer; unknown-type columns are empty', async () => {
    const out = join(scratch, 'aw-install')
    const r = await runCli(['generate', '--schema', 'test/fixtures/mssql/adventureworks-install-like.sql', '--rules', 'test/fixtures/mssql/adventureworks-install-like.rules.yaml', '--dialect', 'mssql', '--format', 'csv', '--rows', '20', '--seed', '3', '--output', out])
    // Production.Document's key is a NOT NULL hierarchyid tdg cannot generate: whatever the planner decides
    // for it (an error naming the column, or a capped table with a note), the other tables are not affected.
    if (r.code !== 0) {
      expect(r.code).toBe(4)
      expect(r.stderr).toMatch(/DocumentNode/)
      expect(existsSync(out)).toBe(false)
      return
    }
    const files = readdirSync(out).filter((f) => f.endsWith('.csv'))
    expect(files).toHaveLength(9)
    const csv = (suffix: string) => readFileSync(join(out, files.find((f) => f.endsWith(suffix)) as string), 'utf8').trimEnd().split('\n')
    const address = csv('-Person.Address.csv')
    expect(address[0]).toBe('AddressID,AddressLine1,AddressLine2,City,PostalCode,SpatialLocation,rowguid,ModifiedDate')
    expect(address).toHaveLength(21)
    // geography is nullable: empty (NULL) in every row, and said so.
    const spatial = address[0]?.split(',').indexOf('SpatialLocation') as number
    expect(address.slice(1).every((l) => l.split(',')[spatial] === '')).toBe(true)
    expect(r.stderr).toMatch(/note: .*geography.*SpatialLocation/)
    // Computed columns are not written.
    expect(csv('-Sales.SalesOrderHeader.csv')[0]).not.toMatch(/SalesOrderNumber|TotalDue/)
    expect(csv('-Sales.SalesOrderDetail.csv')).toHaveLength(21)
  })

  it('generate --format csv writes the Northwind and pubs installers', async () => {
    for (const file of ['instnwnd-like.sql', 'instpubs-like.sql']) {
      const out = join(scratch, file)
      // Their LIKE-class, disjunction and getdate() CHECKs are not kept by construction: rules cover them.
      const rules = `test/fixtures/mssql/${file.replace(/\.sql$/, '.rules.yaml')}`
      const r = await runCli(['generate', '--schema', `test/fixtures/mssql/${file}`, '--rules', rules, '--format', 'csv', '--rows', '10', '--seed', '5', '--output', out, '--quiet'])
      expect(r.code, r.stderr).toBe(0)
      const csvs = readdirSync(out).filter((f) => f.endsWith('.csv'))
      expect(csvs.length).toBe(file.startsWith('instnwnd') ? 8 : 9)
      for (const f of csvs) expect(readFileSync(join(out, f), 'utf8').trimEnd().split('\n').length).toBeGreaterThan(1)
    }
  })

  it.each([
    ['mssql-sqlcmd-syntax-error.sql', /:5:69: syntax error at or near ","/],
    ['mssql-money-two-defaults.sql', /:3:41: syntax error at or near "\$13"/],
    ['mssql-stray-character.sql', /:5:1: syntax error at or near "\?"/],
    ['mssql-xml-unclosed-collection.sql', /:5:1: syntax error at or near "GO"/],
    ['mssql-control-character.sql', /:2:15: unexpected character/],
    ['mssql-addtype-unknown-base.sql', /:1:27: sp_addtype: "frobnicate\(24\)" is not a built-in data type/],
    ['mssql-brackets-sqlite-detected.sql', /:4:38: .*read as sqlite: detected from .*\[bracket\] names/],
  ])('bad T-SQL %s: one located line, exit 2, the detected dialect and --dialect named', async (file, where) => {
    const r = await runCli(['introspect', '--schema', `test/bad-input/${file}`])
    expect(r.code).toBe(2)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^tdg: error TDG_DDL_PARSE: test\/bad-input\//)
    expect(lines[0]).toMatch(where)
    expect(lines[0]).toMatch(/\(read as (mssql|sqlite): detected from .*pass --dialect/)
  })
})
