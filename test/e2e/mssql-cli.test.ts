/**
 * The CLI with T-SQL schemas, no server needed: `tdg introspect --schema` detects T-SQL and says so;
 * `tdg generate --format sql` renders T-SQL INSERT scripts with IDENTITY_INSERT handling.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
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
    const r = await runCli(['generate', '--schema', 'test/fixtures/mssql/northwind.sql', '--rows', '30', '--seed', '7', '--format', 'sql', '--output', out, '--quiet'])
    expect(r.code, r.stderr).toBe(0)
    const files = readdirSync(out).filter((f) => f.endsWith('.sql')).sort()
    expect(files[0]).toBe('000-pre.sql')
    expect(files[files.length - 1]).toBe('999-fixups.sql')
    expect(readFileSync(join(out, '000-pre.sql'), 'utf8')).toMatch(/^SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n/)
    expect(readFileSync(join(out, '999-fixups.sql'), 'utf8')).toMatch(/COMMIT TRANSACTION;\n$/)

    const orders = readFileSync(join(out, files.find((f) => f.endsWith('-Orders.sql')) as string), 'utf8')
    expect(orders.split('\n')[0]).toBe('SET IDENTITY_INSERT [dbo].[Orders] ON;')
    expect(orders).toMatch(/^INSERT INTO \[dbo\]\.\[Orders\] \(\[OrderID\], /m)
    expect(orders).toMatch(/^SET IDENTITY_INSERT \[dbo\]\.\[Orders\] OFF;\nDBCC CHECKIDENT \(N'\[dbo\]\.\[Orders\]', RESEED\) WITH NO_INFOMSGS;\n$/m)
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
    const r = await runCli(['generate', '--schema', 'test/fixtures/mssql/adventureworks.sql', '--rows', '5', '--format', 'sql', '--output', out, '--quiet'])
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
})
