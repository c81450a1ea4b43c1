/**
 * T-SQL as Microsoft's sample installers write it (scripts modelled on instnwnd.sql, instpubs.sql and
 * instawdb.sql / the WideWorldImporters publish script, written for these tests): sqlcmd variables and
 * directives, money constants in data, database-level statements, XML schema collections, spatial and
 * hierarchyid columns, computed columns calling functions, extended properties. Everything that is not
 * a table is skipped with an Issue, never a parse error, and the tables come out whole.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import { lexTsql } from '../../../src/ddl/mssql/lexer.js'
import { parseMssqlDdl } from '../../../src/ddl/mssql/parse.js'
import { applySqlcmd } from '../../../src/ddl/mssql/sqlcmd.js'
import type { Introspection } from '../../../src/model/introspection.js'
import type { Column, Table } from '../../../src/model/schema.js'

const parse = (text: string, file = 'x.sql') => parseMssqlDdl(text, { file, dialect: mssqlDialect })
const parseFile = (file: string) => parse(readFileSync(file, 'utf8'), file)
const DIR = 'test/fixtures/mssql'

function table(r: Introspection, name: string, schema = 'dbo'): Table {
  const t = r.model.tables.find((x) => x.name === name && x.schema === schema)
  if (!t) throw new Error(`no table ${schema}.${name}`)
  return t
}
function col(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name)
  if (!c) throw new Error(`no column ${t.name}.${name}`)
  return c
}
const messages = (r: Introspection) => r.issues.map((i) => `${i.code} ${i.location?.line}: ${i.message}`)

describe('instnwnd-like.sql (Northwind installer)', async () => {
  const r = await parseFile(`${DIR}/instnwnd-like.sql`)

  it('reads the eight tables with their keys, in dbo', () => {
    expect(r.model.tables.map((t) => t.name).sort()).toEqual(['Categories', 'Customers', 'Employees', 'Order Details', 'Orders', 'Products', 'Shippers', 'Suppliers'])
    expect(table(r, 'Order Details').primaryKey?.columns).toEqual(['OrderID', 'ProductID'])
    expect(table(r, 'Orders').foreignKeys.map((f) => `${f.columns.join()}→${f.references.table}.${f.references.columns.join()}`)).toEqual([
      'CustomerID→Customers.CustomerID',
      'EmployeeID→Employees.EmployeeID',
      'ShipVia→Shippers.ShipperID',
    ])
    expect(table(r, 'Employees').foreignKeys[0]?.references).toEqual({ schema: 'dbo', table: 'Employees', columns: ['EmployeeID'] })
  })

  it('reads "quoted" type names, image and ntext columns, money defaults', () => {
    expect(col(table(r, 'Employees'), 'EmployeeID')).toMatchObject({ nativeType: 'int', identity: { kind: 'always', start: 1, increment: 1 } })
    expect(col(table(r, 'Employees'), 'Photo')).toMatchObject({ nativeType: 'image', type: { kind: 'binary' } })
    expect(col(table(r, 'Employees'), 'Notes')).toMatchObject({ nativeType: 'ntext', type: { kind: 'text' } })
    expect(col(table(r, 'Orders'), 'Freight')).toMatchObject({ nativeType: 'money', nullable: true })
    expect(col(table(r, 'Orders'), 'Freight').default).toBeDefined()
  })

  it('reads past money constants, binary images and dynamic EXECUTE (…) in the data section', () => {
    const m = messages(r)
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 18: 9 data statement\(s\)/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 21: EXEC \(dynamic SQL\) skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 26: EXEC sp_dboption skipped \(2 times\)/))
    // One Issue per kind of skipped statement, with a count, not one per IF.
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 13: IF condition skipped \(9 times\): not evaluated/))
    expect(m.filter((x) => x.includes('IF condition'))).toHaveLength(1)
    expect(m).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED 279: CREATE PROCEDURE Sales by Year skipped/))
    expect(r.issues.map((i) => i.location?.line ?? 0)).toEqual([...r.issues.map((i) => i.location?.line ?? 0)].sort((a, b) => a - b))
  })
})

describe('instpubs-like.sql (pubs installer)', async () => {
  const r = await parseFile(`${DIR}/instpubs-like.sql`)

  it('reads alias types from sp_addtype with their nullability (NOT NULL, NONULL, NULL)', () => {
    expect(r.model.domains.map((d) => `${d.name} ${d.baseType} ${d.nullable}`)).toEqual(['id varchar(11) false', 'tid varchar(6) false', 'empid char(9) false', 'shortcode char(4) true'])
    // A column of a NOT NULL alias type is NOT NULL without saying so; an explicit NOT NULL on a nullable one wins.
    expect(col(table(r, 'titleauthor'), 'au_id')).toMatchObject({ nativeType: 'varchar(11)', nullable: false, domain: 'id' })
    expect(col(table(r, 'stores'), 'stor_id')).toMatchObject({ nativeType: 'char(4)', nullable: false, domain: 'shortcode' })
    expect(col(table(r, 'employee'), 'emp_id')).toMatchObject({ nullable: false, domain: 'empid' })
  })

  it('a NOT NULL alias type keeps its column NOT NULL even when the column says NULL (as live introspection reads it)', async () => {
    const r2 = await parse("EXEC sp_addtype Flag, 'bit', 'NOT NULL'\nCREATE TYPE Code FROM char(3) NULL\nCREATE TABLE t (a Flag NULL, b Flag, c Code, d Code NOT NULL)\n")
    expect(table(r2, 't').columns.map((c) => `${c.name}:${c.nullable}`)).toEqual(['a:false', 'b:false', 'c:true', 'd:false'])
  })

  it('reads column constraints stacked without commas, blank lines between them', () => {
    const authors = table(r, 'authors')
    expect(authors.primaryKey).toEqual({ name: 'UPKCL_auidind', columns: ['au_id'] })
    expect(authors.checks).toHaveLength(2)
    const emp = table(r, 'employee')
    expect(emp.foreignKeys.map((f) => f.references.table)).toEqual(['jobs', 'publishers'])
    expect(col(emp, 'job_lvl')).toMatchObject({ nullable: true, default: { kind: 'literal' } })
    expect(col(table(r, 'jobs'), 'job_id')).toMatchObject({ identity: { kind: 'always' }, nullable: false })
    expect(table(r, 'sales').primaryKey?.columns).toEqual(['stor_id', 'ord_num', 'title_id'])
    expect(col(table(r, 'pub_info'), 'pr_info').nativeType).toBe('text')
  })

  it('reads past $20.00 money constants, raiserror and the trigger body', () => {
    const m = messages(r)
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED \d+: RAISERROR statement skipped \(12 times\)/))
    expect(m).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED 276: CREATE TRIGGER employee_insupd skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 33: CREATE DATABASE pubs skipped/))
    // A multi-line CHECK is shown on one line.
    expect(m.every((x) => !x.includes('\n'))).toBe(true)
  })
})

describe('adventureworks-install-like.sql (sqlcmd installer)', async () => {
  const r = await parseFile(`${DIR}/adventureworks-install-like.sql`)

  it('reads every table in its schema, primary keys added later by ALTER TABLE … WITH CHECK ADD', () => {
    expect(r.model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'Person.BusinessEntity', 'Person.Person', 'Person.Address', 'HumanResources.Employee', 'Production.Document',
      'Sales.Customer', 'Sales.SalesOrderHeader', 'Sales.SalesOrderDetail', 'dbo.ErrorLog',
    ])
    expect(table(r, 'SalesOrderDetail', 'Sales').primaryKey).toEqual({ name: 'PK_SalesOrderDetail_SalesOrderID_SalesOrderDetailID', columns: ['SalesOrderID', 'SalesOrderDetailID'] })
    expect(table(r, 'BusinessEntity', 'Person').primaryKey?.columns).toEqual(['BusinessEntityID'])
    expect(table(r, 'Address', 'Person').uniques.map((u) => u.name)).toEqual(['AK_Address_rowguid', 'IX_Address_AddressLine1_AddressLine2_City_PostalCode'])
  })

  it('reads foreign keys WITH NOCHECK … NOT FOR REPLICATION and ON DELETE CASCADE across schemas', () => {
    const soh = table(r, 'SalesOrderHeader', 'Sales')
    expect(soh.foreignKeys).toEqual([expect.objectContaining({ name: 'FK_SalesOrderHeader_Customer_CustomerID', columns: ['CustomerID'], references: { schema: 'Sales', table: 'Customer', columns: ['CustomerID'] } })])
    expect(table(r, 'SalesOrderDetail', 'Sales').foreignKeys[0]).toMatchObject({ onDelete: 'cascade', references: { table: 'SalesOrderHeader' } })
    expect(table(r, 'Document', 'Production').foreignKeys[0]?.references).toEqual({ schema: 'HumanResources', table: 'Employee', columns: ['BusinessEntityID'] })
    expect(soh.checks.map((c) => c.name)).toContain('CK_SalesOrderHeader_ShipDate')
  })

  it('substitutes :setvar variables: USE [$(DatabaseName)] and CREATE DATABASE $(DatabaseName) name the database', () => {
    const m = messages(r)
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 62: CREATE DATABASE AdventureWorks skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 76: ALTER DATABASE AdventureWorks skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 92: USE AdventureWorks skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 9: 1 sqlcmd directive\(s\)/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 581: sqlcmd :r \.\\PostDeployment\\Sales\.sql skipped/))
    expect(m.some((x) => x.includes('$('))).toBe(false)
  })

  it('reads hierarchyid, geography, geometry, sql_variant and typed xml columns, reporting them as not generatable', () => {
    const person = table(r, 'Person', 'Person')
    expect(col(person, 'AdditionalContactInfo')).toMatchObject({ nativeType: 'xml', type: { kind: 'unknown' }, nullable: true })
    expect(col(person, 'Demographics').nativeType).toBe('xml')
    expect(col(table(r, 'Address', 'Person'), 'SpatialLocation').nativeType).toBe('geography')
    expect(col(table(r, 'Employee', 'HumanResources'), 'OrganizationNode').nativeType).toBe('hierarchyid')
    expect(col(table(r, 'ErrorLog'), 'ErrorContext').nativeType).toBe('sql_variant')
    expect(col(table(r, 'ErrorLog'), 'ErrorShape').nativeType).toBe('geometry')
    const unknown = r.issues.filter((i) => i.code === 'TYPE_UNKNOWN').map((i) => `${i.table}.${i.column}`)
    expect(unknown).toEqual(['Person.AdditionalContactInfo', 'Person.Demographics', 'Address.SpatialLocation', 'Employee.OrganizationNode', 'Document.DocumentNode', 'ErrorLog.ErrorContext', 'ErrorLog.ErrorShape'])
    // The NOT NULL one says so (a later PRIMARY KEY makes it the key, too).
    expect(r.issues.find((i) => i.column === 'DocumentNode')?.message).toMatch(/NOT NULL/)
    expect(table(r, 'Document', 'Production').primaryKey?.columns).toEqual(['DocumentNode'])
  })

  it('reads computed columns calling functions and methods, PERSISTED NOT NULL, as never written', () => {
    const soh = table(r, 'SalesOrderHeader', 'Sales')
    expect(col(soh, 'SalesOrderNumber').generated).toEqual({ expression: "isnull(N'SO'+CONVERT([nvarchar](23),[SalesOrderID]),N'*** ERROR ***')", stored: false })
    expect(col(soh, 'TotalDue')).toMatchObject({ generated: { stored: true }, nullable: false })
    expect(col(table(r, 'Customer', 'Sales'), 'AccountNumber').generated?.expression).toBe("ISNULL('AW' + [dbo].[ufnLeadingZeros](CustomerID), '')")
    expect(col(table(r, 'Employee', 'HumanResources'), 'OrganizationLevel').generated?.expression).toBe('OrganizationNode.GetLevel()')
  })

  it('reads ROWGUIDCOL, IDENTITY … NOT FOR REPLICATION, alias types from CREATE TYPE … FROM', () => {
    const be = table(r, 'BusinessEntity', 'Person')
    expect(col(be, 'BusinessEntityID')).toMatchObject({ identity: { kind: 'always', start: 1, increment: 1 }, nullable: false })
    expect(col(be, 'rowguid')).toMatchObject({ nativeType: 'uniqueidentifier', nullable: false, default: expect.anything() })
    // [Flag] is NOT NULL: a column of it without NULL/NOT NULL is NOT NULL.
    expect(col(table(r, 'Employee', 'HumanResources'), 'CurrentFlag')).toMatchObject({ nativeType: 'bit', nullable: false, domain: 'Flag' })
    expect(col(table(r, 'SalesOrderHeader', 'Sales'), 'AccountNumber')).toMatchObject({ nativeType: 'nvarchar(15)', nullable: true, domain: 'AccountNumber' })
  })

  it('skips XML schema collections, full text, XML/spatial indexes, extended properties and table types with one Issue each', () => {
    const m = messages(r)
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 159: CREATE XML SCHEMA COLLECTION Person\.AdditionalContactInfoSchemaCollection skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 513: EXEC sys\.sp_addextendedproperty skipped \(4 times\): extended properties/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 525: CREATE FULLTEXT CATALOG AW2016FullTextCatalog skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 527: CREATE FULLTEXT INDEX skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 452: CREATE XML INDEX XMLPATH_Person_Demographics skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED 140: table type Sales\.SalesOrderLines skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED 531: CREATE TRIGGER Sales\.uSalesOrderHeader skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 356: 2 data statement\(s\)/))
  })
})

describe('sqlcmd pre-pass', () => {
  it('defines variables, substitutes them everywhere after, keeps line numbers', () => {
    const src = ':setvar Db "Shop"\n:setvar Schema sales\n:on error exit\nUSE [$(Db)];\nCREATE TABLE $(Schema).t (id int)\n'
    const { text, notes } = applySqlcmd(src)
    expect(text).toBe('\n\n\nUSE [Shop];\nCREATE TABLE sales.t (id int)\n')
    expect(notes).toEqual([{ message: '1 sqlcmd directive(s) (:on error, :connect, …) skipped', line: 3, column: 1 }])
  })

  it('a line starting with : inside a multi-line string or comment is text, not a directive', async () => {
    const src = "EXEC sys.sp_addextendedproperty N'MS_Description', N'Notes\n:r is how it''s included\n', N'SCHEMA', N'dbo'\n/* see\n:setvar X 1\n*/\nCREATE TABLE [it's] (a int)\n"
    expect(applySqlcmd(src)).toEqual({ text: src, notes: [] })
    const r = await parse(src)
    expect(r.model.tables.map((t) => t.name)).toEqual(["it's"])
  })

  it('an undefined $(var) (sqlcmd -v) is read as its name, reported once', () => {
    const { text, notes } = applySqlcmd("CREATE TABLE [$(Db)].[t] (a int DEFAULT '$(Db)')\n")
    expect(text).toBe("CREATE TABLE [Db].[t] (a int DEFAULT 'Db')\n")
    expect(notes).toEqual([{ message: 'sqlcmd variable $(Db) has no :setvar in the script; read as Db', line: 1, column: 15 }])
  })

  it('leaves scripts without sqlcmd alone, CRLF kept', async () => {
    expect(applySqlcmd('CREATE TABLE t (a int)\r\nGO\r\n')).toEqual({ text: 'CREATE TABLE t (a int)\r\nGO\r\n', notes: [] })
    const r = await parse(':setvar T "Things"\r\nCREATE TABLE [$(T)] ([id] int NOT NULL PRIMARY KEY)\r\nGO\r\n')
    expect(r.model.tables.map((t) => t.name)).toEqual(['Things'])
  })

  it('a parse error after directives still names the file line', async () => {
    await expect(parse(':setvar X "1"\n:on error exit\nCREATE TABLE t (a int,, b int)\n', 'bad.sql')).rejects.toThrow(/^bad\.sql:3:23: syntax error at or near ","/)
  })
})

describe('T-SQL lexer: data it must read past', () => {
  it('reads money constants ($12.00, $.5, £3, ¥100) as numbers', () => {
    const toks = lexTsql("VALUES($12.00, -$1, $.5, £3, ¥100, $action)").filter((t) => t.kind === 'num' || t.kind === 'word')
    expect(toks.map((t) => `${t.kind}:${t.value}`)).toEqual(['word:VALUES', 'num:12.00', 'num:1', 'num:.5', 'num:3', 'num:100', 'word:$action'])
  })

  it('labels, ODBC escapes and ? do not stop the tokenizer; control characters do', () => {
    expect(lexTsql("Err: SELECT {fn NOW()}, ? ").map((t) => t.value)).toEqual(['Err', ':', 'SELECT', '{', 'fn', 'NOW', '(', ')', '}', ',', '?'])
    expect(() => lexTsql('CREATE TABLE t\u0001', 'bad.sql')).toThrow(/^bad\.sql:1:15: unexpected character/)
  })

  it('a stray character where a statement must be is a located syntax error', async () => {
    await expect(parse('CREATE TABLE t (a int)\nGO\n? CREATE TABLE u (b int)\n', 'bad.sql')).rejects.toThrow(/^bad\.sql:3:1: syntax error at or near "\?"/)
  })

  it('EXEC with a return variable, EXEC (…) and EXECUTE AS are skipped, not parse errors', async () => {
    const r = await parse("DECLARE @rc int\nEXEC @rc = dbo.usp_x 1\nEXEC ('CREATE TABLE x (a int)')\nEXECUTE AS USER = 'bob'\nREVERT\nCREATE TABLE t (a int)\n")
    expect(r.model.tables.map((t) => t.name)).toEqual(['t'])
    expect(messages(r)).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 2: EXEC dbo\.usp_x skipped/))
  })

  it('memory-optimized tables: NONCLUSTERED HASH keys and indexes with BUCKET_COUNT', async () => {
    const r = await parse(`CREATE TABLE [dbo].[Cart] (
  [CartID] int IDENTITY(1,1) NOT NULL PRIMARY KEY NONCLUSTERED HASH WITH (BUCKET_COUNT = 1000000),
  [UserID] int NOT NULL INDEX ix_UserID NONCLUSTERED HASH WITH (BUCKET_COUNT = 1000000),
  [Code] nvarchar(10) NOT NULL,
  INDEX ix_Code UNIQUE NONCLUSTERED HASH ([Code]) WITH (BUCKET_COUNT = 1024)
) WITH (MEMORY_OPTIMIZED = ON, DURABILITY = SCHEMA_AND_DATA)
GO
`)
    const t = table(r, 'Cart')
    expect(t.primaryKey?.columns).toEqual(['CartID'])
    expect(t.uniques).toEqual([{ name: 'ix_Code', columns: ['Code'] }])
  })
})

describe('wideworldimporters-like.sql (Generate Scripts with existence checks)', async () => {
  const r = await parseFile(`${DIR}/wideworldimporters-like.sql`)

  it('reads the table inside IF NOT EXISTS … BEGIN … END, temporal, memory-optimized and partitioned tables', () => {
    expect(r.model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['Application.Cities', 'Warehouse.ColdRoomTemperatures', 'Sales.Tx'])
    const cities = table(r, 'Cities', 'Application')
    expect(cities.primaryKey).toEqual({ name: 'PK_Application_Cities', columns: ['CityID'] })
    expect(col(cities, 'ValidFrom').generated).toEqual({ expression: 'system time', stored: true })
    expect(col(cities, 'CityID').default).toBeDefined()
    expect(table(r, 'ColdRoomTemperatures', 'Warehouse').primaryKey?.columns).toEqual(['ColdRoomTemperatureID'])
  })

  it('skips partition functions, security policies (WITH (…) on its own line included), roles, users and grants', () => {
    const m = messages(r)
    expect(m.some((x) => x.includes('data statement'))).toBe(false)
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 28: CREATE PARTITION FUNCTION PF_TransactionDate skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 50: CREATE SECURITY POLICY Application\.FilterCustomersBySalesTerritoryRole skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 58: CREATE USER Website skipped/))
    expect(m).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 62: GRANT statement skipped/))
  })
})

describe('T-SQL statements guarded by IF, older and newer table options', () => {
  it('reads the statement an IF guards, on the same line or the next; skips the condition', async () => {
    const r = await parse(`IF OBJECT_ID('dbo.t', 'U') IS NOT NULL DROP TABLE dbo.t;
IF NOT EXISTS (SELECT 1 FROM sys.tables WHERE name = 't') CREATE TABLE dbo.t (a int NOT NULL PRIMARY KEY, b int NULL)
GO
IF NOT EXISTS (SELECT * FROM sys.foreign_keys WHERE name = 'FK_u_t')
ALTER TABLE dbo.u WITH CHECK ADD CONSTRAINT FK_u_t FOREIGN KEY (t_a) REFERENCES dbo.t (a)
GO
WHILE 1 = 0 BEGIN PRINT 'x' END
IF 1 = 1 PRINT 'a' ELSE PRINT 'b'
GO
`.replace('IF NOT EXISTS (SELECT * FROM sys.foreign_keys', 'CREATE TABLE dbo.u (t_a int NULL)\nGO\nIF NOT EXISTS (SELECT * FROM sys.foreign_keys'))
    expect(r.model.tables.map((t) => t.name)).toEqual(['t', 'u'])
    expect(table(r, 'u').foreignKeys[0]?.references.table).toBe('t')
    expect(messages(r)).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 1: IF condition skipped \(4 times\)/))
  })

  it('reads WITH IGNORE_DUP_KEY, FILLFACTOR = n, graph tables AS NODE/EDGE, ALTER COLUMN … ADD MASKED and WITH (ONLINE = ON)', async () => {
    const r = await parse(`CREATE TABLE dbo.t (a int NOT NULL PRIMARY KEY, b int NULL)
GO
CREATE UNIQUE INDEX ux ON dbo.t (b) WITH IGNORE_DUP_KEY, FILLFACTOR = 90 ON [PRIMARY]
GO
CREATE TABLE Person (ID INTEGER PRIMARY KEY, name VARCHAR(100)) AS NODE;
CREATE TABLE friends (since date) AS EDGE;
ALTER TABLE dbo.t ALTER COLUMN b ADD MASKED WITH (FUNCTION = 'default()');
ALTER TABLE dbo.t ALTER COLUMN b int NOT NULL WITH (ONLINE = ON);
`)
    expect(r.model.tables.map((t) => t.name)).toEqual(['t', 'Person', 'friends'])
    expect(table(r, 't').uniques).toEqual([{ name: 'ux', columns: ['b'] }])
    expect(col(table(r, 't'), 'b').nullable).toBe(false)
  })
})
