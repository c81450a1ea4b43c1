/**
 * A schema built to be hard for a generator: composite PK + composite FK, a self-FK, a nullable
 * two-table cycle, a NOT NULL deferrable cycle, a 1:1 FK, smallint / numeric(5,2) / varchar(3),
 * a unique (enum, int) pair, a UNIQUE that includes an FK, and CHECKs of every simple shape.
 * Built as a SchemaModel directly (no parser).
 */
import type { SchemaModel } from '../../../src/model/schema.js'
import { check, col, fk, int, model, table, varchar } from '../plan/model-builders.js'

export function hardSchema(): SchemaModel {
  return model([
    table('warehouses', [col('country', varchar(3)), col('wh_no', int(2)), col('city', varchar(40))], { primaryKey: { columns: ['country', 'wh_no'] } }),
    table(
      'stock',
      [col('country', varchar(3)), col('wh_no', int(2)), col('item_no', int(4)), col('bin', int(2)), col('quantity', int(4))],
      {
        primaryKey: { columns: ['country', 'wh_no', 'item_no'] },
        uniques: [{ name: 'stock_bin', columns: ['country', 'wh_no', 'bin'] }],
        foreignKeys: [fk(['country', 'wh_no'], 'warehouses', ['country', 'wh_no'], { name: 'stock_wh_fk' })],
      },
    ),
    // employees ⇄ departments: department_id NOT NULL, head_id nullable → cut at head_id + fixup.
    table(
      'departments',
      [col('id', int(4), { identity: { kind: 'by-default' } }), col('name', varchar(60)), col('head_id', int(4), { nullable: true })],
      { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['head_id'], 'employees', ['id'], { name: 'dept_head_fk' })] },
    ),
    table(
      'employees',
      [
        col('id', int(4), { identity: { kind: 'always' } }),
        col('department_id', int(4)),
        col('manager_id', int(4), { nullable: true }),
        col('email', varchar(60)),
        col('first_name', varchar(30)),
        col('hired_on', { kind: 'date' }),
      ],
      {
        primaryKey: { columns: ['id'] },
        uniques: [{ columns: ['email'] }],
        foreignKeys: [fk(['department_id'], 'departments', ['id'], { name: 'emp_dept_fk' }), fk(['manager_id'], 'employees', ['id'], { name: 'emp_manager_fk' })],
      },
    ),
    // 1:1 with employees.
    table('employee_profiles', [col('employee_id', int(4)), col('bio', { kind: 'text' }, { nullable: true })], {
      primaryKey: { columns: ['employee_id'] },
      foreignKeys: [fk(['employee_id'], 'employees', ['id'])],
    }),
    // NOT NULL, DEFERRABLE cycle.
    table('a_nodes', [col('id', int(8), { identity: { kind: 'always' } }), col('b_id', int(8))], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['b_id'], 'b_nodes', ['id'], { name: 'a_b_fk', deferrable: true })],
    }),
    table('b_nodes', [col('id', int(8), { identity: { kind: 'always' } }), col('a_id', int(8))], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['a_id'], 'a_nodes', ['id'], { name: 'b_a_fk', deferrable: true, initiallyDeferred: true })],
    }),
    table('codes', [col('code', varchar(3)), col('label', varchar(20))], { primaryKey: { columns: ['code'] } }),
    table('slots', [col('id', { kind: 'uuid' }), col('kind', { kind: 'enum', name: 'slot_kind', values: ['am', 'pm', 'night'] }), col('n', int(4))], {
      primaryKey: { columns: ['id'] },
      uniques: [{ columns: ['kind', 'n'] }],
    }),
    table(
      'checked',
      [
        col('id', int(8), { identity: { kind: 'serial', sequence: 'checked_id_seq' } }),
        col('status', varchar(10)),
        col('qty', int(4)),
        col('score', int(2)),
        col('small', int(2)),
        col('price', { kind: 'decimal', precision: 5, scale: 2 }),
        col('ref_code', varchar(12)),
        col('nick', varchar(20)),
        col('start_date', { kind: 'date' }),
        col('end_date', { kind: 'date' }, { nullable: true }),
        col('started_at', { kind: 'timestamp', tz: true }),
        col('ended_at', { kind: 'timestamp', tz: true }),
        col('note', { kind: 'text' }, { nullable: true }),
        col('flag', { kind: 'boolean' }, { nullable: true }),
        col('total', { kind: 'decimal', precision: 8, scale: 2 }, { generated: { expression: 'qty * price', stored: true } }),
      ],
      {
        primaryKey: { columns: ['id'] },
        uniques: [{ columns: ['ref_code'] }],
        checks: [
          check('status_in', { kind: 'in', column: 'status', values: ['new', 'open', 'closed'] }),
          check('qty_pos', { kind: 'compare', column: 'qty', op: '>', value: 0 }, { kind: 'compare', column: 'qty', op: '<>', value: 13 }),
          check('qty_max', { kind: 'compare', column: 'qty', op: '<=', value: 50 }),
          check('score_between', { kind: 'between', column: 'score', min: -5, max: 5 }),
          check('price_between', { kind: 'between', column: 'price', min: 0.5, max: 999.99 }),
          check('ref_like', { kind: 'like', column: 'ref_code', pattern: 'AB-__%' }),
          check('nick_len', { kind: 'length', column: 'nick', op: '>=', value: 3 }, { kind: 'length', column: 'nick', op: '<=', value: 8 }),
          check('dates', { kind: 'columns', left: 'end_date', op: '>=', right: 'start_date' }),
          check('start_min', { kind: 'compare', column: 'start_date', op: '>=', value: '2020-01-01' }),
          check('times', { kind: 'columns', left: 'ended_at', op: '>', right: 'started_at' }),
          check('note_nn', { kind: 'not-null', column: 'note' }),
          // A CHECK naming no column of the row does not depend on the rows: noted, not refused.
          { name: 'weird', expression: 'current_date > 0', parsed: [], fullyParsed: false },
        ],
      },
    ),
  ])
}

/** A NOT NULL, non-deferrable cycle: planned with a link deferred by force. */
export function notNullCycle(): SchemaModel {
  return model([
    table('p', [col('id', int(4)), col('q_id', int(4))], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['q_id'], 'q', ['id'])] }),
    table('q', [col('id', int(4)), col('p_id', int(4))], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['p_id'], 'p', ['id'])] }),
  ])
}
