/**
 * Values ↔ the driver: the mssql/tedious data type of each catalog column (for bulk load and typed
 * parameters), and `Value`s converted to what tedious validates (Dates for temporal types, Buffers for
 * binary, JSON text for objects). Strings without a zone are read as UTC, as the connection (useUTC) is.
 */
import sql, { type ISqlType } from 'mssql'
import type { Value } from '../../src/model/rows.js'
import type { RelationColumn } from './relation.js'

const MAX = sql.MAX

/** The driver type of a catalog column; `undefined` for types neither bulk load nor parameters carry. */
export function driverType(c: RelationColumn): ISqlType | undefined {
  const len = (chars: boolean) => (c.maxLength === -1 ? MAX : chars ? c.maxLength / 2 : c.maxLength)
  switch (c.typeName) {
    case 'bigint': return sql.BigInt()
    case 'int': return sql.Int()
    case 'smallint': return sql.SmallInt()
    case 'tinyint': return sql.TinyInt()
    case 'bit': return sql.Bit()
    case 'decimal': return sql.Decimal(c.precision, c.scale)
    case 'numeric': return sql.Numeric(c.precision, c.scale)
    case 'money': return sql.Money()
    case 'smallmoney': return sql.SmallMoney()
    case 'float': return sql.Float()
    case 'real': return sql.Real()
    case 'date': return sql.Date()
    case 'time': return sql.Time(c.scale)
    case 'datetime': return sql.DateTime()
    case 'smalldatetime': return sql.SmallDateTime()
    case 'datetime2': return sql.DateTime2(c.scale)
    case 'datetimeoffset': return sql.DateTimeOffset(c.scale)
    case 'char': return sql.Char(len(false))
    case 'varchar': return sql.VarChar(len(false))
    case 'nchar': return sql.NChar(len(true))
    case 'nvarchar': case 'sysname': return sql.NVarChar(len(true))
    // The deprecated LOB types are bound as their (max) successors: TDS bulk load and TDS-compatible
    // servers do not take text/ntext/image metadata, and the server converts (max) values into them.
    case 'text': return sql.VarChar(MAX)
    case 'ntext': return sql.NVarChar(MAX)
    case 'xml': return sql.Xml()
    case 'uniqueidentifier': return sql.UniqueIdentifier()
    // @types/mssql omits Binary's length parameter; the driver takes it.
    case 'binary': return (sql.Binary as unknown as (length: number) => ISqlType)(len(false))
    case 'varbinary': return sql.VarBinary(len(false))
    case 'image': return sql.VarBinary(MAX)
    default: return undefined
  }
}

const TEMPORAL = new Set(['date', 'datetime', 'smalldatetime', 'datetime2', 'datetimeoffset'])
const ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i

/** A Value in the form tedious accepts for column `c`. */
export function toDriverValue(v: Value | undefined, c: RelationColumn): unknown {
  if (v === null || v === undefined) return null
  if (TEMPORAL.has(c.typeName) && typeof v === 'string') {
    const iso = v.includes('T') || v.length <= 10 ? v : v.replace(' ', 'T')
    return new Date(ZONE.test(iso) || iso.length <= 10 ? iso : `${iso}Z`)
  }
  if (c.typeName === 'time' && typeof v === 'string') {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?/.exec(v)
    if (m) return new Date(Date.UTC(1970, 0, 1, Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number((m[4] ?? '0').padEnd(3, '0'))))
  }
  if (v instanceof Uint8Array && !Buffer.isBuffer(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength)
  if (typeof v === 'bigint' && c.typeName !== 'bigint') return v.toString()
  if (Array.isArray(v) || (typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array))) {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))
  }
  return v
}

/**
 * A value read from SQL Server as a `Value`: bigint (text from tedious) as `bigint`, uniqueidentifiers
 * lower-cased (tedious gives upper case); the rest as tedious gives them (Date, Buffer, number, boolean).
 */
export function fromDriverValue(v: unknown, typeName: string | undefined): Value {
  if (v === undefined) return null
  if (typeName === 'bigint' && typeof v === 'string') return BigInt(v)
  if (typeName === 'uniqueidentifier' && typeof v === 'string') return v.toLowerCase()
  return v as Value
}
