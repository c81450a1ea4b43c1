import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { sqliteDialect } from '../../../adapters/sqlite/dialect.js'
import { sqliteZoneText, toSqliteValue } from '../../../adapters/sqlite/values.js'

const tstz = { kind: 'timestamp', tz: true } as const
const timetz = { kind: 'time', tz: true } as const

describe('SQLite zoned timestamp/time text', () => {
  it('writes a ±HH:MM offset SQLite reads, through bound values and literals alike', () => {
    expect(toSqliteValue('2021-12-07 09:41:16+00', tstz)).toBe('2021-12-07 09:41:16+00:00')
    expect(toSqliteValue('09:41:16-05', timetz)).toBe('09:41:16-05:00')
    expect(sqliteDialect.literal('2021-12-07 09:41:16+00', tstz)).toBe("'2021-12-07 09:41:16+00:00'")
    // Already readable forms and zone-less columns are left alone.
    expect(sqliteZoneText('2021-12-07 09:41:16+02:00')).toBe('2021-12-07 09:41:16+02:00')
    expect(sqliteZoneText('2021-12-07T09:41:16.000Z')).toBe('2021-12-07T09:41:16.000Z')
    expect(toSqliteValue('2021-12-07 09:41:16', { kind: 'timestamp', tz: false })).toBe('2021-12-07 09:41:16')
    expect(toSqliteValue('+00', { kind: 'text' })).toBe('+00')
  })

  it("is read by SQLite's own date functions (the bare +00 form is not)", () => {
    const db = new Database(':memory:')
    const read = (text: string): unknown => db.prepare('SELECT datetime(?) AS d').get(text)
    expect(read('2021-12-07 09:41:16+00')).toEqual({ d: null })
    expect(read(toSqliteValue('2021-12-07 09:41:16+00', tstz) as string)).toEqual({ d: '2021-12-07 09:41:16' })
    expect(read(toSqliteValue('2021-12-07 09:41:16+02', tstz) as string)).toEqual({ d: '2021-12-07 07:41:16' })
    const time = db.prepare('SELECT time(?) AS t').get(toSqliteValue('09:41:16+00', timetz)) as { t: unknown }
    expect(time.t).toBe('09:41:16')
    db.close()
  })
})
