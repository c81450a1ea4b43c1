import type { Knex } from 'knex'

/**
 * Schedules (issue 15): the columns `tdg_schedules` needs beyond its first version — the cron's time
 * zone, the missed-run policy, the jitter, and what the last firing did. Times are ISO 8601 UTC text,
 * as everywhere in the store.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tdg_schedules', (t) => {
    t.string('tz', 64).notNullable().defaultTo('UTC') // IANA zone the cron is read in
    t.string('missed', 8).notNullable().defaultTo('skip') // skip | once
    t.integer('jitter_seconds').notNullable().defaultTo(0)
    t.string('updated_at', 30)
    t.string('last_fired_for', 30) // the scheduled time (not jittered) of the last firing or skip
    t.string('last_job_id', 26)
    t.string('last_run_id', 26) // audit run of a `tdg schedule run` (it has no job)
    t.string('last_outcome', 16) // ok | failed | cancelled | interrupted | skipped | running
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tdg_schedules', (t) => {
    for (const c of ['tz', 'missed', 'jitter_seconds', 'updated_at', 'last_fired_for', 'last_job_id', 'last_run_id', 'last_outcome']) t.dropColumn(c)
  })
}
