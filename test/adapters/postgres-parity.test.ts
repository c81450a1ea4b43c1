/**
 * Parity: for every PostgreSQL fixture, parse(ddl) equals introspect(live database after executing the
 * same DDL with psql), compared on the normalised model (test/support/normalize-model.ts). A
 * `pg_dump --schema-only` of each loaded database is parsed too and must give the same model.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { postgresDialect } from '../../adapters/postgres/dialect.js'
import { parsePostgresDdl } from '../../src/ddl/postgres/parse.js'
import type { Introspection } from '../../src/model/introspection.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { normalizeModel } from '../support/normalize-model.js'
import { sharedFixture } from '../support/shared-fixtures.js'

const available = postgresAvailable()
if (!available) console.warn(`[postgres-parity] skipped: ${postgresMissingReason()}`)

const fixtures = [
  { name: 'hand-written: every construct', file: 'test/fixtures/postgres/everything.sql', schemas: 'public,inventory' },
  { name: 'hostile names', file: 'test/fixtures/postgres/hostile-names.sql', schemas: 'public' },
  { name: 'northwind (real dump with data)', file: sharedFixture('northwind-postgres.sql'), schemas: 'public' },
  { name: 'bundled example (PostgreSQL flavour)', file: 'examples/shop.postgres.sql', schemas: 'public' },
]

const dbs: FreshPostgres[] = []
afterAll(async () => {
  for (const db of dbs) await db.drop()
})

async function live(url: string, schemas: string): Promise<Introspection> {
  const adapter = await connect(`${url}?schema=${schemas}`)
  try {
    return await adapter.introspect()
  } finally {
    await adapter.close()
  }
}

function onlySchemas(i: Introspection, schemas: string): Introspection {
  const keep = new Set(schemas.split(','))
  const m = i.model
  return { ...i, model: { ...m, tables: m.tables.filter((t) => keep.has(t.schema ?? 'public')), enums: m.enums.filter((e) => keep.has(e.schema ?? 'public')), domains: m.domains.filter((d) => keep.has(d.schema ?? 'public')) } }
}

describe.skipIf(!available)('PostgreSQL DDL parity with the live catalog', () => {
  for (const fx of fixtures) {
    describe(fx.name, () => {
      let db: FreshPostgres
      let fromDb: Introspection

      it('loads with psql and introspects', async () => {
        db = await freshPostgresDatabase()
        dbs.push(db)
        execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', fx.file], { stdio: ['ignore', 'ignore', 'pipe'] })
        fromDb = await live(db.url, fx.schemas)
        expect(fromDb.model.tables.length).toBeGreaterThan(0)
      })

      it('parse(ddl) equals introspect(live)', async () => {
        const parsed = await parsePostgresDdl(readFileSync(fx.file, 'utf8'), { file: fx.file, dialect: postgresDialect })
        expect(normalizeModel(onlySchemas(parsed, fx.schemas).model)).toEqual(normalizeModel(fromDb.model))
      })

      it('parse(pg_dump --schema-only) equals introspect(live)', async () => {
        const dump = execFileSync('pg_dump', ['--schema-only', '--no-owner', '-d', db.url], { encoding: 'utf8' })
        const parsed = await parsePostgresDdl(dump, { file: 'pg_dump', dialect: postgresDialect })
        expect(normalizeModel(onlySchemas(parsed, fx.schemas).model)).toEqual(normalizeModel(fromDb.model))
      })
    })
  }
})
