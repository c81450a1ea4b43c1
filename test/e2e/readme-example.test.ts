/**
 * The README's vitest example is a real file (examples/vitest/shop.fixtures.test.ts): the main run
 * executes it on SQLite; this test runs it again on PostgreSQL, and checks the README shows it verbatim.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { repoRoot } from '../support/run-cli.js'

const example = 'examples/vitest/shop.fixtures.test.ts'

describe('README vitest example', () => {
  it('is quoted in the README exactly as the file that runs', () => {
    expect(readFileSync(`${repoRoot}README.md`, 'utf8')).toContain(readFileSync(`${repoRoot}${example}`, 'utf8').trim())
  })

  const available = postgresAvailable()
  if (!available) console.warn(`[readme-example] PostgreSQL run skipped: ${postgresMissingReason()}`)
  let db: FreshPostgres | undefined
  afterAll(async () => db?.drop())

  it.skipIf(!available)('passes against PostgreSQL', async () => {
    db = await freshPostgresDatabase()
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', example], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, TDG_EXAMPLE_DB: db.url, TDG_TEST_POSTGRES: 'off', CI: '' },
      timeout: 120_000,
    })
    expect(r.status, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/3 passed/)
  })
})
