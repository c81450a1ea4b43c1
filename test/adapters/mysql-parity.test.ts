/**
 * Parity: for every MySQL fixture, parse(ddl) equals introspect(live MariaDB after executing the same DDL
 * with the `mariadb` client), compared on the normalised model (test/support/normalize-model.ts). A
 * `mariadb-dump --no-data` of each loaded database is parsed too and must give the same model.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { connect, ddlParser } from '../../adapters/index.js'
import type { Introspection } from '../../src/model/introspection.js'
import { freshMysqlDatabase, mariadbCliArgs, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'
import { normalizeModel } from '../support/normalize-model.js'
import { sharedFixture } from '../support/shared-fixtures.js'

const available = mysqlAvailable()
if (!available) console.warn(`[mysql-parity] skipped: ${mysqlMissingReason()}`)

/**
 * The employees script switches databases (`DROP/CREATE DATABASE`, `USE`) and sources data files that are
 * not part of the fixture: the client gets it without those lines; the parser gets the file unchanged.
 */
const forClient = (sql: string) => sql.replace(/^\s*(source|use|drop database|create database)\b.*$/gim, '')

const fixtures = [
  { name: 'hand-written: every construct', file: 'test/fixtures/mysql/everything.sql' },
  { name: 'hostile names', file: 'test/fixtures/mysql/hostile-names.sql' },
  { name: 'hard schema (seeding issue, MySQL translation)', file: 'test/fixtures/mysql/hard.sql' },
  { name: 'employees (shared real-world schema)', file: sharedFixture('employees-mysql.sql') },
]

const dbs: FreshMysql[] = []
afterAll(async () => {
  for (const db of dbs) await db.drop()
})

async function live(url: string): Promise<Introspection> {
  const adapter = await connect(url)
  try {
    return await adapter.introspect()
  } finally {
    await adapter.close()
  }
}

const cli = (url: string) => mariadbCliArgs(url)

describe.skipIf(!available)('MySQL DDL parity with a live MariaDB', () => {
  const parse = async (text: string, file: string) => (await ddlParser('mysql'))(text, { file })
  for (const fx of fixtures) {
    describe(fx.name, () => {
      let db: FreshMysql
      let fromDb: Introspection

      it('loads with the mariadb client and introspects', async () => {
        db = await freshMysqlDatabase()
        dbs.push(db)
        execFileSync('mariadb', cli(db.url), { input: forClient(readFileSync(fx.file, 'utf8')), stdio: ['pipe', 'ignore', 'pipe'] })
        fromDb = await live(db.url)
        expect(fromDb.model.tables.length).toBeGreaterThan(0)
      })

      it('parse(ddl) equals introspect(live)', async () => {
        const parsed = await parse(readFileSync(fx.file, 'utf8'), fx.file)
        expect(normalizeModel(parsed.model)).toEqual(normalizeModel(fromDb.model))
      })

      it('parse(mariadb-dump --no-data) equals introspect(live)', async () => {
        const dump = execFileSync('mariadb-dump', [...cli(db.url).slice(0, -1), '--no-data', '--routines', '--triggers', db.name], { encoding: 'utf8' })
        const parsed = await parse(dump, 'mariadb-dump')
        expect(normalizeModel(parsed.model)).toEqual(normalizeModel(fromDb.model))
      })
    })
  }

  it('the saved dump fixtures still parse to the live model of their source', async () => {
    for (const [src, dump] of [['everything', 'everything.dump'], ['hostile-names', 'hostile-names.dump']]) {
      const a = await parse(readFileSync(`test/fixtures/mysql/${src}.sql`, 'utf8'), src as string)
      const b = await parse(readFileSync(`test/fixtures/mysql/${dump}.sql`, 'utf8'), dump as string)
      expect(normalizeModel(b.model)).toEqual(normalizeModel(a.model))
    }
  })
})
