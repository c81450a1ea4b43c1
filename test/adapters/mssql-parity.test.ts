/**
 * Parity: for every T-SQL fixture, parse(ddl) equals introspect(live SQL Server after running the same
 * script), compared on the normalised model. Needs a server: TDG_TEST_MSSQL_URL, or a Docker engine
 * for testcontainers; otherwise skipped with a notice (see test/support/mssql-server.ts).
 *
 * Beyond normalize-model.ts, SQL Server's catalog rewrites a few things a script cannot predict:
 * BETWEEN is stored as `>= AND <=`, and a computed column's type and nullability are derived from its
 * expression. Both are normalised here; expressions are compared without [brackets].
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { mssqlDialect } from '../../adapters/mssql/dialect.js'
import { splitBatches } from '../../adapters/mssql/write.js'
import { parseMssqlDdl } from '../../src/ddl/mssql/parse.js'
import type { Introspection } from '../../src/model/introspection.js'
import type { CheckShape, SchemaModel } from '../../src/model/schema.js'
import { execMssql, freshMssqlDatabase, mssqlAvailability, type FreshMssql } from '../support/mssql-server.js'
import { normalizeModel } from '../support/normalize-model.js'

const { available, reason } = mssqlAvailability()
if (!available) console.warn(`[mssql-parity] SKIPPED: ${reason}`)

const fixtures = ['test/fixtures/mssql/northwind.sql', 'test/fixtures/mssql/adventureworks.sql', 'test/fixtures/mssql/hostile-names.sql']

/** The catalog's own spelling of BETWEEN; computed columns' derived type and nullability dropped. */
function mssqlNormal(model: SchemaModel): unknown {
  const tables = model.tables.map((t) => ({
    ...t,
    columns: t.columns.map((c) =>
      c.generated ? { name: c.name, generated: { ...c.generated, expression: c.generated.expression.replace(/[[\]]/g, '') } } : c,
    ),
    checks: t.checks.map((k) => ({ ...k, parsed: k.parsed.flatMap((s): CheckShape[] => (s.kind === 'between' ? [{ kind: 'compare', column: s.column, op: '>=', value: s.min }, { kind: 'compare', column: s.column, op: '<=', value: s.max }] : [s])) })),
  }))
  return normalizeModel({ ...model, tables } as SchemaModel)
}

/** Batches of the script a fresh database can run: USE and ALTER DATABASE name the script's own database. */
function loadable(script: string): string {
  return splitBatches(script)
    .filter((b) => !/^\s*(USE\s|ALTER\s+DATABASE\s)/i.test(b.replace(/^(\s*(--[^\n]*|\/\*[\s\S]*?\*\/))*\s*/, '')))
    .join('\nGO\n')
}

const dbs: FreshMssql[] = []
afterAll(async () => {
  for (const db of dbs) await db.drop().catch(() => undefined)
})

describe.skipIf(!available)('SQL Server DDL parity with the live catalog', () => {
  for (const file of fixtures) {
    describe(file, () => {
      let fromDb: Introspection

      it('loads the script and introspects', async () => {
        const db = await freshMssqlDatabase()
        dbs.push(db)
        await execMssql(db.url, loadable(readFileSync(file, 'utf8')))
        const adapter = await connect(db.url)
        try {
          fromDb = await adapter.introspect()
        } finally {
          await adapter.close()
        }
        expect(fromDb.model.tables.length).toBeGreaterThan(0)
      })

      it('parse(ddl) equals introspect(live)', async () => {
        const parsed = await parseMssqlDdl(readFileSync(file, 'utf8'), { file, dialect: mssqlDialect })
        expect(mssqlNormal(parsed.model)).toEqual(mssqlNormal(fromDb.model))
      })
    })
  }
})
