/**
 * SQL Server writes that real servers and TDS-compatible ones both accept, checked offline (no SQL Server
 * runs here): the driver types bound for each catalog column in the TDS bulk load and typed INSERT
 * parameters, the statements the writer renders, and how a catalog column row becomes a model column.
 */
import sql from 'mssql'
import { describe, expect, it } from 'vitest'
import type { ColumnRow } from '../../../adapters/mssql/catalog.js'
import { columnsSql } from '../../../adapters/mssql/catalog.js'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import { columnFromRow } from '../../../adapters/mssql/introspect.js'
import type { RelationColumn } from '../../../adapters/mssql/relation.js'
import { driverType, toDriverValue } from '../../../adapters/mssql/values.js'
import { deleteByKeysSql, updateByKeysSql, valuesTuples } from '../../../adapters/mssql/keyed-sql.js'
import { PARAMS_PER_STATEMENT, rowsPerStatement } from '../../../adapters/mssql/write.js'
import type { Issue } from '../../../src/errors.js'

function rel(typeName: string, maxLength: number): RelationColumn {
  return { name: 'c', nativeType: typeName, typeName, maxLength, precision: 0, scale: 0, nullable: true, identity: false, computed: false }
}

/** What the driver puts on the wire for a type: its TDS type name and length. */
function wire(t: ReturnType<typeof driverType>): { type: string; length: unknown } {
  const x = t as unknown as { type: { name: string }; length?: unknown }
  return { type: x.type.name, length: x.length }
}

describe('mssql driver types', () => {
  it('binds text, ntext and image as varchar(max), nvarchar(max) and varbinary(max)', () => {
    // sys.columns gives 16 as the max_length of the deprecated LOB types.
    expect(wire(driverType(rel('text', 16)))).toEqual(wire(sql.VarChar(sql.MAX)))
    expect(wire(driverType(rel('ntext', 16)))).toEqual(wire(sql.NVarChar(sql.MAX)))
    expect(wire(driverType(rel('image', 16)))).toEqual(wire(sql.VarBinary(sql.MAX)))
    expect(wire(driverType(rel('text', 16))).type).toBe('VarChar')
    expect(wire(driverType(rel('image', 16))).type).toBe('VarBinary')
    expect(wire(driverType(rel('text', 16))).length).toBe(sql.MAX)
  })

  it('keeps lengths of ordinary types: nvarchar(40) is 80 bytes in the catalog, 40 characters on the wire', () => {
    expect(wire(driverType(rel('nvarchar', 80)))).toEqual({ type: 'NVarChar', length: 40 })
    expect(wire(driverType(rel('varbinary', -1)))).toEqual({ type: 'VarBinary', length: sql.MAX })
    expect(driverType(rel('hierarchyid', 892))).toBeUndefined()
  })

  it('gives image columns Buffers and text columns strings', () => {
    expect(Buffer.isBuffer(toDriverValue(new Uint8Array([1, 2]), rel('image', 16)))).toBe(true)
    expect(toDriverValue('long text', rel('text', 16))).toBe('long text')
  })
})

describe('mssql catalog columns of alias types', () => {
  const row = (over: Partial<ColumnRow>): ColumnRow => ({
    object_id: 1, name: 'flag', type_name: 'bit', max_length: 1, precision: 1, scale: 0, is_nullable: true, type_is_nullable: true,
    is_identity: false, is_computed: false, generated_always_type: 0, user_type: null, seed: null, increment: null,
    computed_definition: null, is_persisted: null, default_definition: null, ...over,
  })

  it('reads sys.types.is_nullable beside sys.columns.is_nullable', () => {
    expect(columnsSql('SELECT 1')).toMatch(/ut\.is_nullable AS type_is_nullable/)
  })

  it('a column of a NOT NULL alias type is NOT NULL, whatever sys.columns says', () => {
    const issues: Issue[] = []
    // sp_addtype Flag, 'bit', 'NOT NULL' on a TDS-compatible server that reports the column nullable.
    expect(columnFromRow(row({ user_type: 'Flag', type_is_nullable: false, is_nullable: true }), 't', mssqlDialect, issues)).toMatchObject({ nullable: false, domain: 'Flag', nativeType: 'bit' })
    expect(columnFromRow(row({ user_type: 'Phone', type_name: 'nvarchar', max_length: 50, type_is_nullable: true, is_nullable: true }), 't', mssqlDialect, issues)).toMatchObject({ nullable: true, domain: 'Phone', nativeType: 'nvarchar(25)' })
    expect(columnFromRow(row({ user_type: 'Phone', type_name: 'nvarchar', max_length: 50, type_is_nullable: true, is_nullable: false }), 't', mssqlDialect, issues).nullable).toBe(false)
    // Built-in types: sys.columns alone decides.
    expect(columnFromRow(row({ is_nullable: true }), 't', mssqlDialect, issues).nullable).toBe(true)
    expect(issues).toEqual([])
  })

  it('a type tdg cannot generate is reported with what happens to it', () => {
    const issues: Issue[] = []
    columnFromRow(row({ name: 'node', type_name: 'hierarchyid', max_length: 892, is_nullable: false }), 'Document', mssqlDialect, issues)
    columnFromRow(row({ name: 'loc', type_name: 'geography', max_length: -1, is_nullable: true }), 'Address', mssqlDialect, issues)
    expect(issues.map((i) => i.message)).toEqual([
      'column Document.node has type hierarchyid, which tdg cannot generate; it is NOT NULL: give it a DEFAULT or a rule',
      'column Address.loc has type geography, which tdg cannot generate; it is written as NULL (or its default)',
    ])
  })
})

describe('mssql statements by key (keyed-sql.ts)', () => {
  const col = (name: string, typeName: string): RelationColumn => ({ name, nativeType: typeName, typeName, maxLength: 8, precision: 0, scale: 0, nullable: false, identity: false, computed: false })

  it('deletes a composite key as one DELETE … JOIN (VALUES …) with the parameters in placeholder order', () => {
    const cols = [col('customer_id', 'bigint'), col('line no', 'int')]
    const v = valuesTuples(cols, [
      [7, 2],
      [7, 1],
    ])
    expect(v.sql).toBe('(@p0, @p1), (@p2, @p3)')
    expect(v.params.map((p) => [p.c.name, p.v])).toEqual([
      ['customer_id', 7],
      ['line no', 2],
      ['customer_id', 7],
      ['line no', 1],
    ])
    expect(deleteByKeysSql('[dbo].[order_line]', ['customer_id', 'line no'], ['customer_id', 'line no'], v.sql)).toBe(
      'DELETE tdg_t FROM [dbo].[order_line] AS tdg_t JOIN (VALUES (@p0, @p1), (@p2, @p3)) AS tdg_v ([customer_id], [line no]) ON tdg_t.[customer_id] = tdg_v.[customer_id] AND tdg_t.[line no] = tdg_v.[line no]',
    )
  })

  it('updates the non-key columns from the same VALUES table', () => {
    const v = valuesTuples([col('id', 'int'), col('head_id', 'int')], [[1, 9]])
    expect(updateByKeysSql('[dbo].[dept]', ['id', 'head_id'], ['id'], ['head_id'], v.sql)).toBe(
      'UPDATE tdg_t SET [head_id] = tdg_v.[head_id] FROM [dbo].[dept] AS tdg_t JOIN (VALUES (@p0, @p1)) AS tdg_v ([id], [head_id]) ON tdg_t.[id] = tdg_v.[id]',
    )
  })

  it('rows per statement stay under the RPC parameter limit', () => {
    expect(rowsPerStatement(2)).toBe(1000)
    expect(rowsPerStatement(7) * 7).toBeLessThanOrEqual(PARAMS_PER_STATEMENT)
  })
})
