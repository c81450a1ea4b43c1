import type { Knex } from 'knex'

/**
 * Seed jobs fanned out as shard jobs (issue 16, docs/sharding.md): a shard job names its parent
 * (`parent_id`); the parent holds the fan-out's state (`fanout`, JSON: shard count, phases, the phase
 * running, each shard's tries), changed only by a conditional update, so one process advances it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tdg_jobs', (t) => {
    t.string('parent_id', 26).nullable().index('tdg_jobs_parent_idx')
    t.text('fanout').nullable()
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tdg_jobs', (t) => {
    t.dropIndex(['parent_id'], 'tdg_jobs_parent_idx')
    t.dropColumn('fanout')
    t.dropColumn('parent_id')
  })
}
