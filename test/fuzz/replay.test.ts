/**
 * Replays every saved fuzz failure (test/fuzz/failures/*.json) through the same property run. A
 * fixture whose status is `open` documents a tdg defect not fixed yet: it must still fail (when it
 * starts passing, set its status to `fixed`); a `fixed` one must pass from then on.
 */
import { describe, expect, inject, it } from 'vitest'
import '../support/provided-context.js'
import { loadFailures } from './fixtures.js'
import { checkMssql } from './mssql-check.js'
import { runOne } from './property.js'

describe('saved fuzz failures', () => {
  const servers = { postgres: inject('postgresUrl'), mysql: inject('mysqlUrl') }
  const fixtures = loadFailures()
  it('fixtures are readable', () => {
    for (const f of fixtures) expect(['open', 'fixed'], f.id).toContain(f.status)
  })
  for (const f of fixtures) {
    const d = f.schema.dialect
    const available = d === 'postgres' ? servers.postgres !== null : d === 'mysql' ? servers.mysql !== null : true
    it.skipIf(!available)(`${f.id} (${f.status}): ${f.defect ?? f.problems[0]?.slice(0, 100)}`, async () => {
      // Through the built CLI, as a user would reproduce it.
      const params = { ...f.params, cli: true }
      const outcome = d === 'mssql' ? await checkMssql(f.schema, params) : await runOne(f.schema, params, servers)
      const problems = outcome.kind === 'violation' ? outcome.problems.join('\n') : ''
      if (f.status === 'open') expect(outcome.kind, `${f.id} passes now: set its status to "fixed"`).toBe('violation')
      else expect(problems, `${f.id} regressed`).toBe('')
    })
  }
})
