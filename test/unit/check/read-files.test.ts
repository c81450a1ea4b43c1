import { describe, expect, it } from 'vitest'
import { parseCsv } from '../../../src/check/read-files.js'
import { instant, letters } from '../../../src/check/values.js'
import { parseNow } from '../../../src/cli/commands/check.js'

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, embedded newlines; NULL is an empty unquoted field', () => {
    expect(parseCsv('a,b,c\n1,"x, ""y""\nz",\n2,"",q\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"\nz', null],
      ['2', '', 'q'],
    ])
    expect(parseCsv('a\r\n1\r\n')).toEqual([['a'], ['1']])
  })
  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(/unterminated quoted CSV field in row 2/)
  })
})

describe('values', () => {
  it('reads instants from ISO text with or without zone, and dates at midnight UTC', () => {
    expect(instant('2024-01-02')).toBe(Date.UTC(2024, 0, 2))
    expect(instant('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5))
    expect(instant('2024-01-02T03:04:05.5+02:00')).toBe(Date.UTC(2024, 0, 2, 1, 4, 5, 500))
    expect(instant('yesterday')).toBeUndefined()
    expect(instant(20240102)).toBeUndefined()
  })
  it('normalises names to letters', () => {
    expect(letters("José-María O'Neil")).toBe('josemariaoneil')
  })
  it('--now is a date or timestamp, default today 00:00 UTC', () => {
    expect(parseNow('1998-06-01')).toBe(Date.UTC(1998, 5, 1))
    expect(parseNow(undefined, new Date(Date.UTC(2026, 11, 5, 17)))).toBe(Date.UTC(2026, 11, 5))
    expect(() => parseNow('June')).toThrow(/--now must be a date/)
  })
})
