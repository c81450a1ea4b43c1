/**
 * After the last statement: resolve foreign-key targets (they may be declared before the table they
 * reference exists, as pg_dump does), and turn `nextval` defaults of owned sequences into serial identity.
 */
import { displaySequence } from './names.js'
import type { SchemaModel, Table } from '../../model/schema.js'
import type { DdlState } from './state.js'

export function finish(state: DdlState): SchemaModel {
  resolveForeignKeys(state)
  markSerials(state)
  return {
    dialect: 'postgres',
    tables: state.tables,
    enums: state.enums,
    domains: [...state.domains.values()].map((d) => d.domain),
  }
}

function resolveForeignKeys(state: DdlState): void {
  for (const { table, fk, schemas, at } of state.pendingFks) {
    if (!state.tables.includes(table)) continue
    const ref = fk.references
    let target: Table | undefined
    for (const s of schemas) {
      target = state.tables.find((t) => t.schema === s && t.name === ref.table)
      if (target) break
    }
    if (!target) {
      const shown = `${ref.schema ? `${ref.schema}.` : ''}${ref.table}`
      throw state.error(`foreign key ${fk.name ?? ''} on table "${table.name}" references table "${shown}", which does not exist`, at)
    }
    ref.schema = target.schema ?? 'public'
    if (ref.columns.length === 0) {
      // REFERENCES t without a column list means t's primary key.
      if (!target.primaryKey) throw state.error(`there is no primary key for referenced table "${target.name}"`, at)
      ref.columns = [...target.primaryKey.columns]
    }
    for (const c of ref.columns) state.requireColumn(target, c, at)
    if (ref.columns.length !== fk.columns.length) {
      throw state.error(`number of referencing and referenced columns for foreign key ${fk.name ?? ''} disagree`, at)
    }
  }
}

/** A column whose default is nextval of a sequence OWNED BY that column is a serial. */
function markSerials(state: DdlState): void {
  for (const table of state.tables) {
    const schema = table.schema ?? 'public'
    for (const column of table.columns) {
      if (column.identity || column.default?.kind !== 'sequence') continue
      const parts = column.default.sequence.split('.')
      const name = parts.pop() ?? ''
      const seq = state.sequences.get(`${parts.pop() ?? schema}.${name}`)
      if (!seq?.ownedBy || seq.ownedBy.table !== table || seq.ownedBy.column !== column.name) continue
      const increment = seq.increment ?? 1
      column.identity = {
        kind: 'serial',
        sequence: displaySequence(seq.schema, seq.name, schema),
        start: seq.start ?? (increment < 0 ? -1 : 1),
        increment,
      }
    }
  }
}
