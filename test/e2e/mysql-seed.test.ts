/**
 * `tdg seed --rows 10000` through the built CLI into MariaDB databases built (with the `mariadb` client)
 * from every MySQL fixture, the shared employees schema included: exit 0, every row there, the server's
 * own constraints held (foreign_key_checks stays on: no orphans), AUTO_INCREMENT past the written keys so
 * a plain INSERT works. Also `--schema … --create` and `tdg introspect` detecting MySQL files.
 * Needs `npm run build` (or `npx tsc -p tsconfig.json`) first, like every e2e test.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import mysql from 'mysql2/promise'
import { afterAll, describe, expect, it } from 'vitest'
import { freshMysqlDatabase, mariadbCliArgs, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'

const available = mysqlAvailable()
if (!available) console.warn(`[mysql-seed] skipped: ${mysqlMissingReason()}`)

const forClient = (sql: string) => sql.replace(/^\s*(source|use|drop database|create database)\b.*$/gim, '')

const fixtures: Array<{ name: string; file: string; plainInsert?: string }> = [
  { name: 'everything', file: 'test/fixtures/mysql/everything.sql', plainInsert: "INSERT INTO categories (id, label) VALUES (32000, 'plain insert')" },
  { name: 'hostile names', file: 'test/fixtures/mysql/hostile-names.sql', plainInsert: 'INSERT INTO `Mixed Case` (`order_select`) SELECT MIN(`select`) FROM `order`' },
  { name: 'hard schema (seeding issue, MySQL translation)', file: 'test/fixtures/mysql/hard.sql', plainInsert: "INSERT INTO departments (name) VALUES ('plain insert')" },
  { name: 'employees', file: sharedFixture('employees-mysql.sql') },
]

const dbs: FreshMysql[] = []
afterAll(async () => {
  for (const db of dbs) await db.drop()
})

async function withConnection<T>(url: string, work: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const u = new URL(url)
  const c = await mysql.createConnection({ host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1), multipleStatements: true })
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}

interface FkRow { table_name: string; constraint_name: string; column_name: string; ref_table: string; ref_column: string }

describe.skipIf(!available)('tdg seed --db mysql:// (built CLI)', () => {
  for (const fx of fixtures) {
    it(`${fx.name}: 10,000 rows per table, constraints held, AUTO_INCREMENT moved`, { timeout: 180_000 }, async () => {
      const db = await freshMysqlDatabase()
      dbs.push(db)
      execFileSync('mariadb', mariadbCliArgs(db.url), { input: forClient(readFileSync(fx.file, 'utf8')), stdio: ['pipe', 'ignore', 'pipe'] })
      const r = await runCli(['seed', '--db', db.url, '--rows', '10000', '--seed', '42', '--quiet'], { timeoutMs: 170_000 })
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(/^total\s+[\d,]+/m)
      expect(r.stdout + r.stderr).not.toContain(decodeURIComponent(new URL(db.url).password))

      await withConnection(db.url, async (c) => {
        const [[fkc]] = (await c.query('SELECT @@GLOBAL.foreign_key_checks AS g, @@SESSION.foreign_key_checks AS s')) as unknown as [[{ g: number; s: number }]]
        expect(fkc).toEqual({ g: 1, s: 1 })
        const [tables] = (await c.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'")) as unknown as [Array<{ name: string }>]
        expect(tables.length).toBeGreaterThan(0)
        for (const t of tables) {
          const [[n]] = (await c.query(`SELECT COUNT(*) AS n FROM \`${t.name.replace(/`/g, '``')}\``)) as unknown as [[{ n: number }]]
          expect(n?.n, t.name).toBe(10_000)
        }
        // The server enforced every FK during the load; check anyway that no row points nowhere.
        const [fks] = (await c.query(`SELECT table_name, constraint_name, column_name, referenced_table_name AS ref_table, referenced_column_name AS ref_column
          FROM information_schema.key_column_usage WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL AND position_in_unique_constraint = 1`)) as unknown as [FkRow[]]
        const q = (s: string) => `\`${s.replace(/`/g, '``')}\``
        for (const fk of fks) {
          const [[o]] = (await c.query(`SELECT COUNT(*) AS n FROM ${q(fk.table_name)} c LEFT JOIN ${q(fk.ref_table)} p ON c.${q(fk.column_name)} = p.${q(fk.ref_column)} WHERE c.${q(fk.column_name)} IS NOT NULL AND p.${q(fk.ref_column)} IS NULL`)) as unknown as [[{ n: number }]]
          expect(o?.n, `${fk.table_name}.${fk.constraint_name}`).toBe(0)
        }
        // Every AUTO_INCREMENT counter is past the highest key.
        const [ai] = (await c.query(`SELECT c.table_name AS t, c.column_name AS col, t.auto_increment AS next FROM information_schema.columns c
          JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
          WHERE c.table_schema = DATABASE() AND c.extra LIKE '%auto_increment%'`)) as unknown as [Array<{ t: string; col: string; next: number }>]
        for (const a of ai) {
          const [[m]] = (await c.query(`SELECT MAX(${q(a.col)}) AS m FROM ${q(a.t)}`)) as unknown as [[{ m: number }]]
          expect(Number(a.next), a.t).toBeGreaterThan(Number(m?.m))
        }
        if (fx.plainInsert) {
          const [res] = (await c.query(fx.plainInsert)) as unknown as [{ affectedRows: number }]
          expect(res.affectedRows).toBe(1)
        }
      })
    })
  }

  it('--schema FILE --create builds the tables (DELIMITER blocks included) and seeds them', { timeout: 120_000 }, async () => {
    const db = await freshMysqlDatabase()
    dbs.push(db)
    const r = await runCli(['seed', '--db', db.url, '--schema', 'test/fixtures/mysql/everything.sql', '--create', '--rows', '500', '--quiet'], { timeoutMs: 110_000 })
    expect(r.code, r.stderr).toBe(0)
    await withConnection(db.url, async (c) => {
      const [[n]] = (await c.query('SELECT COUNT(*) AS n FROM order_items')) as unknown as [[{ n: number }]]
      expect(n?.n).toBe(500)
      const [triggers] = (await c.query('SHOW TRIGGERS')) as unknown as [unknown[]]
      expect(triggers).toHaveLength(1)
    })
  })

  it('tdg introspect --schema detects a MySQL file and says so', async () => {
    const r = await runCli(['introspect', '--schema', sharedFixture('employees-mysql.sql')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/dialect: mysql \(detected from/)
    expect(r.stdout).toMatch(/^dept_emp$/m)
    expect(r.stdout).toMatch(/Insert order \(parents first\): .*employees.*dept_emp/)
  })
})
