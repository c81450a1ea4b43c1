/** Axis ticks and value texts of the report: dates fall on calendar dates and read as dates. */
import { describe, expect, it } from 'vitest'
import { formatNumber, formatValue, percent, ticks } from '../../../src/report/html/format.js'

const iso = (ms: number) => new Date(ms).toISOString()

describe('ticks', () => {
  it('puts round numbers inside the range', () => {
    expect(ticks(0, 110, 5)).toEqual([0, 20, 40, 60, 80, 100])
    expect(ticks(0.13, 0.91, 4)).toEqual([0.2, 0.4, 0.6000000000000001, 0.8])
  })
  it('puts date ticks on January 1sts over decades, on 1sts of months over months, on midnights over days', () => {
    const years = ticks(Date.UTC(1950, 3, 2), Date.UTC(1999, 8, 9), 5, 'date')
    expect(years.map(iso)).toEqual(['1960-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '1980-01-01T00:00:00.000Z', '1990-01-01T00:00:00.000Z'])
    const months = ticks(Date.UTC(2024, 0, 15), Date.UTC(2024, 9, 3), 5, 'datetime')
    expect(months.every((t) => iso(t).slice(8) === '01T00:00:00.000Z')).toBe(true)
    expect(months.length).toBeGreaterThanOrEqual(3)
    const days = ticks(Date.UTC(2024, 0, 1, 5), Date.UTC(2024, 0, 20), 5, 'date')
    expect(days.every((t) => iso(t).endsWith('T00:00:00.000Z'))).toBe(true)
    const hours = ticks(Date.UTC(2024, 0, 1, 5, 13), Date.UTC(2024, 0, 1, 17), 5, 'datetime')
    expect(hours.map((t) => iso(t).slice(11, 16))).toEqual(['06:00', '09:00', '12:00', '15:00'])
  })
})

describe('formatValue', () => {
  it('writes dates as dates, timestamps with the time when the span is short', () => {
    expect(formatValue(Date.UTC(2024, 1, 29), 'date')).toBe('2024-02-29')
    expect(formatValue(Date.UTC(2024, 1, 29, 13, 5), 'datetime', 10 * 86_400_000)).toBe('2024-02-29')
    expect(formatValue(Date.UTC(2024, 1, 29, 13, 5), 'datetime', 3_600_000)).toBe('2024-02-29 13:05')
    expect(formatValue(0.25, 'share')).toBe('25 %')
  })
  it('keeps numbers short', () => {
    expect(formatNumber(12)).toBe('12')
    expect(formatNumber(3.14159)).toBe('3.14')
    expect(formatNumber(54_937)).toBe('54.9K')
    expect(percent(0)).toBe('0 %')
    expect(percent(0.1234)).toBe('12.3 %')
    expect(percent(0.00042)).toBe('0.042 %')
  })
})
