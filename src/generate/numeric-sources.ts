/**
 * Numeric-family value sources: integers, decimals, floats, dates, times, timestamps, intervals, keys.
 * Each works on a *raw* number (units, days, seconds) so relative columns (end ≥ start) can add to it,
 * and emits the column's value from the raw number.
 */
import type { Value } from '../model/rows.js'
import { below } from './prng.js'
import { dateFormatter, formatInterval, formatTime, timestampFormatter } from './format.js'
import type { TemporalForm } from './typed-cells.js'

/** A numeric source: `rawAt(k)` is the k-th value of its domain (injective), `rawRandom(i)` a seeded draw. */
export interface NumericSource {
  family: 'number' | 'date' | 'time' | 'timestamp' | 'interval'
  /** Size of the domain `rawAt` enumerates. */
  size: number
  rawAt(k: number): number
  rawRandom(i: number): number
  /** Value of a raw number (already in range). */
  emit(raw: number): Value
  /** Dates and timestamps: the raw number is the typed cell (`emit` only spells it). */
  typed?: TemporalForm
  /** Raw bounds and the smallest step between two values (10^-scale for decimals). */
  min: number
  max: number
  unit: number
}

/**
 * Integers in [min, max] minus sorted `exclude`, enumerated from `start` upwards with wrap-around.
 * Excluded values are skipped by shifting, so the map stays injective with no retries.
 */
export function integerDomain(min: number, max: number, start: number, exclude: number[] | undefined, h: number) {
  const ex = (exclude ?? []).filter((e) => e >= min && e <= max).sort((a, b) => a - b)
  const size = Math.max(0, max - min + 1 - ex.length)
  const offset = Math.min(Math.max(0, start - min), Math.max(0, size - 1))
  const skip = (v: number) => {
    for (const e of ex) if (v >= e) v++
    return v
  }
  const shift = ex.length > 0
  return {
    size,
    at: shift ? (k: number) => skip(min + ((k + offset) % size)) : (k: number) => min + ((k + offset) % size),
    random: shift ? (i: number) => skip(min + below(h, i, size)) : (i: number) => min + below(h, i, size),
  }
}

/** Integers, decimals and floats (bounds in units of 10^-scale). */
export function numberSource(
  spec: { min: number; max: number; start: number; scale: number; exclude?: number[]; as: 'integer' | 'decimal' | 'float' },
  h: number,
): NumericSource {
  const d = integerDomain(spec.min, spec.max, spec.start, spec.exclude, h)
  const f = Math.pow(10, spec.scale)
  const unit = 1 / f
  let emit: (raw: number) => Value
  if (spec.as === 'integer' || spec.scale === 0) emit = (raw) => raw
  else if (spec.as === 'float') emit = (raw) => Math.round(raw * f) / f
  // Below 1e15 units a division prints exactly the intended digits; beyond, build the text.
  else emit = (raw) => (Math.abs(raw * f) < 1e15 ? Math.round(raw * f) / f : decimalText(Math.round(raw * f), spec.scale))
  const toRaw = spec.scale === 0 ? (u: number) => u : (u: number) => u / f
  return {
    family: 'number',
    size: d.size,
    rawAt: spec.scale === 0 ? d.at : (k) => toRaw(d.at(k)),
    rawRandom: spec.scale === 0 ? d.random : (i) => toRaw(d.random(i)),
    emit,
    min: spec.min / f,
    max: spec.max / f,
    unit,
  }
}

function decimalText(units: number, scale: number): string {
  const neg = units < 0
  const digits = String(Math.abs(units)).padStart(scale + 1, '0')
  return `${neg ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

/** Keys: start + k × step. */
export function identitySource(spec: { start: number; step: number }): NumericSource {
  return {
    family: 'number',
    size: Number.MAX_SAFE_INTEGER,
    rawAt: (k) => spec.start + k * spec.step,
    rawRandom: (i) => spec.start + i * spec.step,
    emit: (raw) => raw,
    min: spec.start,
    max: Number.MAX_SAFE_INTEGER,
    unit: 1,
  }
}

/** Dates (days), times (seconds of day) and timestamps (epoch seconds). */
export function temporalSource(
  spec: { kind: 'date' | 'time' | 'timestamp'; min: number; max: number; start: number; tz?: boolean },
  h: number,
): NumericSource {
  const d = integerDomain(spec.min, spec.max, spec.start, undefined, h)
  const emit: (raw: number) => Value =
    spec.kind === 'date'
      ? dateFormatter(spec.min, spec.max)
      : spec.kind === 'time'
        ? spec.tz
          ? (raw) => formatTime(raw) + '+00'
          : (raw) => formatTime(raw)
        : timestampFormatter(spec.min, spec.max, spec.tz === true)
  const typed: TemporalForm | undefined = spec.kind === 'date' ? { form: 'epoch-days' } : spec.kind === 'timestamp' ? { form: 'epoch-seconds', offset: spec.tz === true } : undefined
  return { family: spec.kind, size: d.size, rawAt: d.at, rawRandom: d.random, emit, ...(typed ? { typed } : {}), min: spec.min, max: spec.max, unit: 1 }
}

/** Intervals of whole seconds in [0, maxSeconds]. */
export function intervalSource(spec: { maxSeconds: number }, h: number): NumericSource {
  const d = integerDomain(0, spec.maxSeconds, 0, undefined, h)
  return { family: 'interval', size: d.size, rawAt: d.at, rawRandom: d.random, emit: formatInterval, min: 0, max: spec.maxSeconds, unit: 1 }
}
