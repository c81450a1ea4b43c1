/**
 * Issue 16 §2 on MariaDB and SQLite, through the built CLI at 50,000 rows a table (the threshold).
 * MariaDB: an empty table with foreign keys loads with `foreign_key_checks = 0` (a trigger records the
 * session's value and id as the first row goes in, into a MyISAM table no rollback undoes), every key is verified by an anti-join before COMMIT; a
 * trigger that makes rows orphans fails the run with one line naming the table and key, everything
 * rolled back; a load that fails midway gives the pooled connection back with the checks on.
 * SQLite: the CREATE INDEX indexes of an empty table are dropped and re-created after the rows (new
 * root pages), except a UNIQUE index a foreign key names as its parent key; a failure mid-load or a
 * UNIQUE index that no longer builds leaves `sqlite_schema` exactly as it was, root pages included.
 * Both: the rows equal those of `--no-fast-load` with the same seed; `tdg plan` says which tables qualify.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { targetModel } from '../../src/compose/target-model.js'
import { planForTarget, readerOf } from '../../src/pipeline/plan-for-target.js'
import { runPlan } from '../../src/pipeline/run.js'
import { execMysql, freshMysqlDatabase, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'
import { mysqlState, withMysql } from '../support/mysql-state.js'
import { runCli } from '../support/run-cli.js'
import { sqliteState } from '../support/table-state.js'

const ROWS = 'org=100,users10=50000,orders=50000'
const seedArgs = (url: string, extra: string[] = []) => ['seed', '--db', url, '--rows-per-table', ROWS, '--seed', '16', '-q', ...extra]
/** MariaDB's schema has the trigger's probe table too, which tdg must leave empty. */
const mySeedArgs = (url: string, extra: string[] = []) => ['seed', '--db', url, '--rows-per-table', `${ROWS},probe=0`, '--seed', '16', '-q', ...extra]

const MYSQL_DDL = `
CREATE TABLE org (id bigint PRIMARY KEY, name varchar(100) NOT NULL) ENGINE=InnoDB;
CREATE TABLE users10 (id bigint PRIMARY KEY, org_id bigint NOT NULL, email varchar(255) NOT NULL UNIQUE,
  CONSTRAINT users10_org_fk FOREIGN KEY (org_id) REFERENCES org (id)) ENGINE=InnoDB;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total decimal(12,2) NOT NULL,
  CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users10 (id)) ENGINE=InnoDB;
CREATE TABLE probe (fkc int NOT NULL, conn bigint NOT NULL) ENGINE=MyISAM;
CREATE TRIGGER orders_probe BEFORE INSERT ON orders FOR EACH ROW BEGIN IF NEW.id = 1 THEN INSERT INTO probe VALUES (@@foreign_key_checks, CONNECTION_ID()); END IF; END;`

/** Every table's and trigger's definition, as the server prints it. */
async function mysqlSchema(url: string): Promise<string[]> {
  return withMysql(url, async (c) => {
    const out: string[] = []
    for (const t of ['org', 'users10', 'orders', 'probe']) {
      const [rows] = await c.query(`SHOW CREATE TABLE \`${t}\``)
      out.push(String((rows as Array<Record<string, unknown>>)[0]!['Create Table']))
    }
    const [trg] = await c.query('SELECT trigger_name, action_statement FROM information_schema.triggers WHERE trigger_schema = database() ORDER BY 1')
    out.push(JSON.stringify(trg))
    return out
  })
}

describe.skipIf(!mysqlAvailable())('MariaDB fast load: foreign_key_checks off, keys verified before COMMIT', () => {
  let fast: FreshMysql
  let slow: FreshMysql
  beforeAll(async () => {
    if (!mysqlAvailable()) return
    ;[fast, slow] = await Promise.all([freshMysqlDatabase(), freshMysqlDatabase()])
    await execMysql(fast.url, MYSQL_DDL)
    await execMysql(slow.url, MYSQL_DDL)
  })
  afterAll(async () => {
    await fast?.drop()
    await slow?.drop()
  })

  it('rows made orphans by a trigger: one line naming table and key, non-zero exit, nothing kept', async () => {
    await execMysql(fast.url, 'CREATE TRIGGER orders_orphan BEFORE INSERT ON orders FOR EACH ROW BEGIN IF NEW.id = 40000 THEN SET NEW.user_id = NEW.user_id + 100000000; END IF; END')
    const before = await mysqlSchema(fast.url)
    const r = await runCli(mySeedArgs(fast.url), { timeoutMs: 120_000 })
    expect(r.code).toBe(5)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/rows of orders break foreign key orders_user_fk \(no parent row in users10; loaded with foreign_key_checks off\); rolled back/)
    expect(await mysqlSchema(fast.url)).toEqual(before)
    const { probe, ...rest } = await mysqlState(fast.url)
    expect(Object.values(rest).map((t) => t.rows)).toEqual([0, 0, 0])
    expect(probe!.rows).toBe(1) // the orders load did start
    await execMysql(fast.url, 'DELETE FROM probe')
    // Without the fast load the server refuses the row itself.
    const s = await runCli(mySeedArgs(fast.url, ['--no-fast-load']), { timeoutMs: 120_000 })
    expect(s.code).toBe(5)
    expect(s.stderr).toMatch(/orders/)
    expect(s.stderr).not.toMatch(/foreign_key_checks off/)
    await execMysql(fast.url, 'DROP TRIGGER orders_orphan; DELETE FROM probe')
  }, 300_000)

  it('a load that succeeds or fails midway gives the pooled connection back with foreign_key_checks on', async () => {
    const adapter = await connect(fast.url)
    try {
      const target = await targetModel(adapter, undefined, false)
      const plan = await planForTarget(target.model, { rows: 10, rowsPerTable: { org: 100, users10: 50_000, orders: 50_000, probe: 0 }, seed: 16 }, readerOf(adapter))
      /** Every session of the pool at once (10, its limit), as [id, foreign_key_checks, unique_checks]. */
      const poolSessions = async (): Promise<number[][]> => {
        let open!: () => void
        const all = new Promise<void>((resolve) => (open = resolve))
        let started = 0
        return Promise.all(
          Array.from({ length: 10 }, () =>
            adapter.readSnapshot(async (r) => {
              const row = (await r.query!('SELECT CONNECTION_ID(), @@foreign_key_checks, @@unique_checks'))[0]!.map(Number)
              if (++started === 10) open()
              await all
              return row
            }),
          ),
        )
      }
      /** The session that loaded orders (the probe's row), back in the pool with the checks on. */
      const checkLoader = async () => {
        const [loaded] = await withMysql(fast.url, async (c) => (await c.query('SELECT fkc, conn FROM probe'))[0] as Array<{ fkc: number; conn: number }>)
        expect(loaded!.fkc).toBe(0) // it loaded with the checks off
        const sessions = await poolSessions()
        expect(sessions.find(([id]) => id === Number(loaded!.conn))).toEqual([Number(loaded!.conn), 1, 1])
        expect(sessions.every(([, f, u]) => f === 1 && u === 1)).toBe(true)
        await execMysql(fast.url, 'DELETE FROM probe')
      }
      await runPlan(plan, adapter, { dialect: adapter.dialect })
      await checkLoader()
      await execMysql(fast.url, 'DELETE FROM orders; DELETE FROM users10; DELETE FROM org')
      await execMysql(fast.url, "CREATE TRIGGER orders_boom BEFORE INSERT ON orders FOR EACH ROW BEGIN IF NEW.id = 40000 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END IF; END")
      await expect(runPlan(plan, adapter, { dialect: adapter.dialect })).rejects.toThrow(/boom/)
      await checkLoader()
    } finally {
      await adapter.close()
      await execMysql(fast.url, 'DROP TRIGGER IF EXISTS orders_boom')
    }
  }, 300_000)

  it('the same rows as --no-fast-load; the load ran with the checks off only with the fast load', async () => {
    const r1 = await runCli(mySeedArgs(fast.url), { timeoutMs: 120_000 })
    const r2 = await runCli(mySeedArgs(slow.url, ['--no-fast-load']), { timeoutMs: 120_000 })
    expect([r1.code, r2.code], r1.stderr + r2.stderr).toEqual([0, 0])
    const [{ probe: _p1, ...a }, { probe: _p2, ...b }] = [await mysqlState(fast.url), await mysqlState(slow.url)]
    expect(a.orders!.rows).toBe(50_000)
    expect(a).toEqual(b)
    const probe = (url: string) => withMysql(url, async (c) => (await c.query('SELECT fkc FROM probe'))[0])
    // probe is MyISAM (no rollback): compared by its rows only.
    expect(await probe(fast.url)).toEqual([{ fkc: 0 }])
    expect(await probe(slow.url)).toEqual([{ fkc: 1 }])
    expect(await mysqlSchema(fast.url)).toEqual(await mysqlSchema(slow.url))
  }, 300_000)
})

describe.skipIf(mysqlAvailable())('MariaDB fast load', () => {
  it.skip(`skipped: ${mysqlMissingReason()}`, () => undefined)
})

const SQLITE_DDL = `
CREATE TABLE org (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users10 (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES org (id), email TEXT NOT NULL UNIQUE, code TEXT NOT NULL);
CREATE INDEX users10_org ON users10 (org_id);
CREATE UNIQUE INDEX "Users10 Code" ON users10 (code);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users10 (id), total NUMERIC NOT NULL, status TEXT NOT NULL,
  user_code TEXT REFERENCES users10 (code));
CREATE INDEX orders_user ON orders (user_id);
CREATE INDEX orders_open ON orders (user_id DESC, total) WHERE status <> 'closed';
CREATE INDEX orders_lower ON orders (lower(status));`

/** sqlite_schema as it is: every object's type, name, table, root page and SQL. */
function sqliteSchema(file: string): Array<Record<string, unknown>> {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare('SELECT type, name, tbl_name, rootpage, sql FROM sqlite_schema ORDER BY name').all() as Array<Record<string, unknown>>
  } finally {
    db.close()
  }
}

describe('SQLite fast load: CREATE INDEX indexes built after the rows', () => {
  let dir: string
  const fresh = (name: string, extra = ''): string => {
    const file = join(dir, `${name}.db`)
    const db = new Database(file)
    db.exec(SQLITE_DDL + extra)
    db.close()
    return file
  }
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-lite-fast-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('the same rows and schema as --no-fast-load; only the droppable indexes were re-created', async () => {
    const [f, s] = [fresh('fast'), fresh('slow')]
    const before = sqliteSchema(f)
    const r1 = await runCli(seedArgs(`sqlite:${f}`), { timeoutMs: 120_000 })
    const r2 = await runCli(seedArgs(`sqlite:${s}`, ['--no-fast-load']), { timeoutMs: 120_000 })
    expect([r1.code, r2.code], r1.stderr + r2.stderr).toEqual([0, 0])
    const sa = sqliteState(f)
    expect(sa.orders!.rows).toBe(50_000)
    expect(sa).toEqual(sqliteState(s))
    const after = sqliteSchema(f)
    const strip = (rows: Array<Record<string, unknown>>) => rows.map(({ rootpage: _r, ...rest }) => rest)
    expect(strip(after)).toEqual(strip(before))
    expect(strip(sqliteSchema(s))).toEqual(strip(before))
    const moved = after.filter((o) => before.find((b) => b.name === o.name)!.rootpage !== o.rootpage).map((o) => o.name)
    // "Users10 Code" is the parent key of orders.user_code: kept. The UNIQUE constraint's automatic index too.
    expect(moved.sort()).toEqual(['orders_lower', 'orders_open', 'orders_user', 'users10_org'])
    expect(sqliteSchema(s).map((o) => o.rootpage)).toEqual(before.map((o) => o.rootpage))
    const db = new Database(f, { readonly: true })
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' })
    db.close()
  }, 300_000)

  it('a failure mid-load restores sqlite_schema exactly, root pages included', async () => {
    const f = fresh('boom', "CREATE TRIGGER boom BEFORE INSERT ON orders WHEN NEW.id = 40000 BEGIN SELECT RAISE(ABORT, 'boom'); END;")
    const before = sqliteSchema(f)
    const r = await runCli(seedArgs(`sqlite:${f}`), { timeoutMs: 120_000 })
    expect(r.code).toBe(5)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/boom/)
    expect(sqliteSchema(f)).toEqual(before)
    expect(Object.values(sqliteState(f)).map((t) => t.rows)).toEqual([0, 0, 0])
  }, 300_000)

  it('a UNIQUE index that no longer builds fails the run and restores the schema', async () => {
    // A column nobody else references, made to collide by a trigger while its UNIQUE index is away.
    const extra = `
      CREATE TABLE tags (id INTEGER PRIMARY KEY, slug TEXT NOT NULL);
      CREATE UNIQUE INDEX tags_slug ON tags (slug);
      CREATE TRIGGER tags_clash AFTER INSERT ON tags WHEN NEW.id = 30000 BEGIN UPDATE tags SET slug = (SELECT slug FROM tags WHERE id = 1) WHERE id = NEW.id; END;`
    const f = fresh('clash', extra)
    const before = sqliteSchema(f)
    const r = await runCli(['seed', '--db', `sqlite:${f}`, '--rows-per-table', `${ROWS},tags=50000`, '--seed', '16', '-q'], { timeoutMs: 120_000 })
    expect(r.code).toBe(5)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/building the indexes of tags failed: UNIQUE constraint failed: tags\.slug/)
    expect(sqliteSchema(f)).toEqual(before)
    expect(Object.values(sqliteState(f)).every((t) => t.rows === 0)).toBe(true)
    // With every index in place the trigger's own UPDATE is refused.
    const s = await runCli(['seed', '--db', `sqlite:${f}`, '--rows-per-table', `${ROWS},tags=50000`, '--seed', '16', '-q', '--no-fast-load'], { timeoutMs: 120_000 })
    expect(s.code).toBe(5)
    expect(s.stderr).toMatch(/UNIQUE constraint failed: tags\.slug/)
  }, 300_000)
})

describe('tdg plan shows the MySQL and SQLite fast load', () => {
  it('per table, from 50,000 rows on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-fast-plan-my-'))
    try {
      const file = join(dir, 'peers.sql')
      writeFileSync(file, 'create table org (id bigint primary key);\ncreate table users10 (id bigint primary key, org_id bigint not null references org(id), email varchar(255) not null unique);\n')
      const my = await runCli(['plan', '--schema', file, '--dialect', 'mysql', '--rows-per-table', 'org=1000,users10=60000'])
      expect(my.code, my.stderr).toBe(0)
      expect(my.stdout).toMatch(/^1\. org: 1,000 rows; fast load: no \(under 50,000 rows\)$/m)
      expect(my.stdout).toMatch(
        /^2\. users10: 60,000 rows; fast load: foreign_key_checks off for the load of a table with FKs, each FK verified by an anti-join before COMMIT, if the table is empty at load \(off with --no-fast-load\)$/m,
      )
      const lite = await runCli(['plan', '--schema', file, '--dialect', 'sqlite', '--rows-per-table', 'org=10,users10=50000'])
      expect(lite.code, lite.stderr).toBe(0)
      expect(lite.stdout).toMatch(/^1\. org: 10 rows; fast load: no \(under 50,000 rows\)$/m)
      expect(lite.stdout).toMatch(/^2\. users10: 50,000 rows; fast load: CREATE INDEX indexes dropped and re-created after the load from their own SQL, if the table is empty at load \(off with --no-fast-load\)$/m)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
