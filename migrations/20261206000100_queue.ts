import type { Knex } from 'knex'

/**
 * Jobs shared by several processes (issue 15, workers): `attempts` counts the claims of a job (a worker
 * that died mid-run leaves it `running` with its count; the retry claims it again), `cancel_requested` is
 * how a server asks the process running a job to cancel it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tdg_jobs', (t) => {
    t.integer('attempts').notNullable().defaultTo(0)
    t.boolean('cancel_requested').notNullable().defaultTo(false)
  })
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tdg_jobs', (t) => {
    t.dropColumn('cancel_requested')
    t.dropColumn('attempts')
  })
}
