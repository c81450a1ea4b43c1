/**
 * NDJSON export: one JSON object per line (`{…}\n`), values as in the JSON export (see `json.ts`).
 */
import type { RowBatch } from '../model/rows.js'
import type { LogicalType } from '../model/schema.js'
import type { TableEncoder } from './encoder.js'
import { RowObjects } from './json.js'

/** Encoder of one `.ndjson` file. */
export class NdjsonEncoder implements TableEncoder {
  private readonly objects: RowObjects

  constructor(label: string) {
    this.objects = new RowObjects(label)
  }

  begin(): string {
    return ''
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    return this.objects.encode(batch, types, () => '', '\n')
  }

  end(): string {
    return ''
  }
}
