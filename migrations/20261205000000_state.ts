import type { Knex } from 'knex'

/**
 * tdg's state store, first version: runs and their per-table results, the hash-chained audit log, and the
 * tables of the REST API and scheduler (jobs, schedules, API tokens; used by later releases). Every table
 * is prefixed `tdg_` so the store can live in a database that also holds an application's tables. Times
 * are ISO 8601 UTC text (sortable, the same on every dialect); JSON documents are text.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tdg_runs', (t) => {
    t.string('id', 26).primary() // ULID
    t.string('origin', 16).notNullable() // cli | api | schedule
    t.string('command', 64).notNullable()
    t.string('actor', 255).notNullable()
    t.string('host', 255).notNullable()
    t.string('version', 64).notNullable()
    t.string('started_at', 30).notNullable()
    t.string('finished_at', 30).notNullable()
    t.bigInteger('duration_ms').notNullable()
    t.string('outcome', 16).notNullable() // ok | failed | interrupted
    t.string('error_code', 64)
    t.string('seed', 255)
    t.text('source')
    t.text('target')
    t.bigInteger('rows')
    t.index(['started_at'])
  })
  await knex.schema.createTable('tdg_run_tables', (t) => {
    t.string('run_id', 26).notNullable().references('id').inTable('tdg_runs').onDelete('CASCADE')
    t.integer('position').notNullable()
    t.string('table_name', 255).notNullable()
    t.bigInteger('rows').notNullable()
    t.text('columns', 'mediumtext') // JSON: column → generator or masker
    t.primary(['run_id', 'position'])
  })
  await knex.schema.createTable('tdg_audit_events', (t) => {
    t.bigInteger('seq').primary() // 1, 2, 3 … : the chain's order; a second writer of the same seq retries
    t.string('id', 26).notNullable().unique()
    t.string('run_id', 26)
    t.string('at', 30).notNullable()
    t.string('kind', 32).notNullable()
    t.text('record', 'mediumtext').notNullable() // canonical JSON, prevHash included
    t.string('prev_hash', 64).notNullable()
    t.string('hash', 64).notNullable() // sha256 of `record`
  })
  await knex.schema.createTable('tdg_jobs', (t) => {
    t.string('id', 26).primary()
    t.string('kind', 32).notNullable()
    t.string('status', 16).notNullable() // queued | running | ok | failed | cancelled | interrupted
    t.text('params', 'mediumtext').notNullable()
    t.string('idempotency_key', 255).unique()
    t.string('created_by', 255).notNullable()
    t.string('created_at', 30).notNullable()
    t.string('started_at', 30)
    t.string('finished_at', 30)
    t.string('run_id', 26)
    t.text('progress', 'mediumtext')
    t.string('error_code', 64)
    t.text('error_message')
    t.index(['status', 'created_at'])
  })
  await knex.schema.createTable('tdg_schedules', (t) => {
    t.string('id', 26).primary()
    t.string('name', 255).notNullable().unique()
    t.string('cron', 255).notNullable()
    t.text('job', 'mediumtext').notNullable() // the job's kind and params
    t.boolean('enabled').notNullable().defaultTo(true)
    t.string('created_at', 30).notNullable()
    t.string('last_run_at', 30)
    t.string('next_run_at', 30)
  })
  await knex.schema.createTable('tdg_api_tokens', (t) => {
    t.string('id', 26).primary()
    t.string('name', 255).notNullable().unique()
    t.string('token_hash', 64).notNullable().unique() // sha256 of the token; the token itself is never stored
    t.text('scopes').notNullable()
    t.string('created_at', 30).notNullable()
    t.string('last_used_at', 30)
    t.string('revoked_at', 30)
  })
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['tdg_api_tokens', 'tdg_schedules', 'tdg_jobs', 'tdg_audit_events', 'tdg_run_tables', 'tdg_runs']) await knex.schema.dropTableIfExists(table)
}
