import { match } from 'ts-pattern'
import type { LogicalType } from '../model/schema.js'

/** A short human spelling of a logical type, e.g. `int16`, `decimal(5,2)`, `string(40)`, `enum(3)`. */
export function describeType(t: LogicalType): string {
  return match(t)
    .with({ kind: 'integer' }, (x) => `${x.unsigned ? 'uint' : 'int'}${x.bytes * 8}`)
    .with({ kind: 'decimal' }, (x) => (x.precision === undefined ? 'decimal' : `decimal(${x.precision},${x.scale ?? 0})`))
    .with({ kind: 'float' }, (x) => `float${x.bytes * 8}`)
    .with({ kind: 'boolean' }, () => 'boolean')
    .with({ kind: 'string' }, (x) => `${x.fixed ? 'char' : 'string'}${x.maxLength === undefined ? '' : `(${x.maxLength})`}`)
    .with({ kind: 'text' }, () => 'text')
    .with({ kind: 'uuid' }, () => 'uuid')
    .with({ kind: 'date' }, () => 'date')
    .with({ kind: 'time' }, (x) => (x.tz ? 'timetz' : 'time'))
    .with({ kind: 'timestamp' }, (x) => (x.tz ? 'timestamptz' : 'timestamp'))
    .with({ kind: 'interval' }, () => 'interval')
    .with({ kind: 'json' }, (x) => (x.binary ? 'jsonb' : 'json'))
    .with({ kind: 'binary' }, (x) => `binary${x.maxLength === undefined ? '' : `(${x.maxLength})`}`)
    .with({ kind: 'enum' }, (x) => `enum(${x.values.length})`)
    .with({ kind: 'set' }, (x) => `set(${x.values.length})`)
    .with({ kind: 'array' }, (x) => `${describeType(x.element)}[]`)
    .with({ kind: 'inet' }, () => 'inet')
    .with({ kind: 'unknown' }, () => 'unknown')
    .exhaustive()
}
