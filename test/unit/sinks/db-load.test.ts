/**
 * The SQL (and CSV) exports loaded by the databases' own command-line tools into real databases:
 * sqlite3 always; psql when the run has a PostgreSQL server (see test/support/global-setup.ts).
 * Real dialects from adapters/ (tests may import them; src/ may not).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { readdirSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresDialect } from '../../../adapters/postgres/dialect.js'
import { sqliteDialect } from '../../../adapters/sqlite/dialect.js'
import type { SqlDialect } from '../../../src/adapter/adapter.js'
import type { Value } from '../../../src/model/rows.js'
import type { Table } from '../../../src/model/schema.js'
import { openFileTarget, type FileFormat } from '../../../src/sinks/file-target.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../../support/databases.js'
import { batches, table, tempDir } from './helpers.js'

const N = 1500
const M = 3000
const tricky = ["O'Brien", 'comma, "quoted"', 'line\nbreak\r\nx', 'naïve 日本 🎉 e\u0301', '\\.', 'back\\slash', 'NULL', 'tab\there', "'; DROP TABLE x; --"]
const pick = (i: number) => tricky[i % tricky.length] as string

function tables(schema?: string): Table[] {
  const s = schema ? { schema } : {}
  return [
    table(
      'customers',
      {
        id: { kind: 'integer', bytes: 8 },
        name: { kind: 'text' },
        nick: { kind: 'string', maxLength: 80 },
        email: { kind: 'string', maxLength: 120 },
        photo: { kind: 'binary' },
        active: { kind: 'boolean' },
        born: { kind: 'date' },
        referrer_id: { kind: 'integer', bytes: 8 },
        tags: { kind: 'array', element: { kind: 'text' } },
        prefs: { kind: 'json', binary: true },
        score: { kind: 'decimal', precision: 10, scale: 2 },
        uid: { kind: 'uuid' },
      },
      s,
    ),
    table(
      'orders',
      {
        id: { kind: 'integer', bytes: 8 },
        customer_id: { kind: 'integer', bytes: 8 },
        total: { kind: 'decimal', precision: 10, scale: 2 },
        note: { kind: 'text' },
        placed_at: { kind: 'timestamp', tz: true },
      },
      s,
    ),
  ]
}

const customerCols = ['id', 'name', 'nick', 'email', 'photo', 'active', 'born', 'referrer_id', 'tags', 'prefs', 'score', 'uid']
const orderCols = ['id', 'customer_id', 'total', 'note', 'placed_at']

const customers: Value[][] = Array.from({ length: N }, (_, k) => {
  const i = k + 1
  return [
    BigInt(i),
    `${pick(i)} #${i}`,
    i % 3 === 0 ? null : i % 3 === 1 ? '' : pick(i + 1),
    `user${i}@example.com`,
    i % 5 === 0 ? null : new Uint8Array([i & 255, 0, 255, 39, 92]),
    i % 2 === 0,
    new Date(Date.UTC(1950 + (i % 50), i % 12, 1 + (i % 28))),
    null, // set by a fixup after all inserts
    i % 4 === 0 ? null : i % 4 === 1 ? [] : ['a', pick(i), null, ''],
    i % 6 === 0 ? null : { k: i, s: pick(i), nested: [1, null, 'x'] },
    ((i * 37) % 100000 / 100).toFixed(2),
    `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
  ]
})
const fixups: Value[][] = customers.filter((_, k) => k % 3 === 0).map((r, k) => [r[0] as bigint, BigInt(((k * 7) % N) + 1)])
const orders: Value[][] = Array.from({ length: M }, (_, k) => {
  const j = k + 1
  return [BigInt(j), BigInt(((j * 13) % N) + 1), ((j % 500) + 0.99).toFixed(2), j % 7 === 0 ? null : j % 7 === 1 ? '' : pick(j), new Date(Date.UTC(2024, 0, 1) + j * 60_000)]
})

async function exportTo(dir: string, format: FileFormat, dialect: SqlDialect | undefined, schema?: string) {
  const ref = (name: string) => (schema ? { schema, name } : { name })
  await openFileTarget({ dir, format, tables: tables(schema), ...(dialect ? { dialect } : {}) }).transaction(async (w) => {
    await w.insert(ref('customers'), batches(customerCols, customers, 256))
    await w.insert(ref('orders'), batches(orderCols, orders, 1000))
    await w.update(ref('customers'), ['id'], batches(['id', 'referrer_id'], fixups, 100))
    await w.syncIdentity(ref('customers'))
    await w.syncIdentity(ref('orders'))
  })
}

/** Run a shell line; returns stdout, throws with stderr on failure. */
function sh(script: string, ...args: string[]): string {
  const r = spawnSync('sh', ['-c', script, 'sh', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0 || r.stderr.trim() !== '') throw new Error(`exit ${r.status}: ${r.stderr}`)
  return r.stdout
}

describe('SQL export loads into SQLite with the sqlite3 CLI', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  it('every row arrives with FKs enforced and values intact', async () => {
    const dir = join(tmp.root, 'sqlite-out')
    await exportTo(dir, 'sql', sqliteDialect)
    const db = join(tmp.root, 'shop.db')
    sh(
      `sqlite3 -bail "$1" <<'SQL'
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, nick TEXT, email TEXT NOT NULL UNIQUE, photo BLOB,
  active BOOLEAN, born DATE, referrer_id INTEGER REFERENCES customers(id), tags TEXT, prefs TEXT, score NUMERIC(10,2), uid TEXT UNIQUE);
CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES customers(id),
  total NUMERIC(10,2), note TEXT, placed_at TIMESTAMP);
SQL`,
      db,
    )
    // Exactly how a user would load it: the files in glob order, FKs on, stop at the first error.
    sh(`cat "$1"/*.sql | sqlite3 -bail -cmd 'PRAGMA foreign_keys=ON' "$2"`, dir, db)
    const q = (sql: string) => sh(`sqlite3 -bail "$1" "$2"`, db, sql).trim()
    expect(q('SELECT count(*) FROM customers')).toBe(String(N))
    expect(q('SELECT count(*) FROM orders')).toBe(String(M))
    expect(q('SELECT count(*) FROM customers WHERE referrer_id IS NOT NULL')).toBe(String(fixups.length))
    expect(q('PRAGMA foreign_key_check')).toBe('')
    expect(q('SELECT count(*) FROM customers WHERE nick IS NULL')).toBe(String(N / 3))
    expect(q("SELECT count(*) FROM customers WHERE nick = ''")).toBe(String(N / 3))
    // Text and blobs compared as hex so line breaks and quotes survive the CLI. The sqlite3 shell's line
    // reader drops a CR before LF even inside a string literal (its own `.dump` works around that with
    // replace(…, char(13))), so through the CLI CRLF arrives as LF; the next test shows the file is exact.
    const viaCli = (s: string) => s.replace(/\r\n/g, '\n')
    for (const i of [1, 2, 3, 4, 8, 9, 10]) {
      const row = customers[i - 1] as Value[]
      const [name, nick, photo] = q(`SELECT hex(name), quote(nick), hex(photo) FROM customers WHERE id = ${i}`).split('|')
      expect(name).toBe(Buffer.from(viaCli(row[1] as string)).toString('hex').toUpperCase())
      expect(nick).toBe(row[2] === null ? 'NULL' : `'${viaCli(row[2] as string).replace(/'/g, "''")}'`)
      expect(photo).toBe(row[4] === null ? '' : Buffer.from(row[4] as Uint8Array).toString('hex').toUpperCase())
    }
    // The application's next plain INSERT works after the load.
    expect(q("INSERT INTO customers (name, email) VALUES ('new', 'new@example.com'); SELECT max(id) FROM customers")).toBe(String(N + 1))

    // The same files executed by SQLite itself (no shell line reader): every value byte-exact, CRLF included.
    const exact = new Database(join(tmp.root, 'exact.db'))
    try {
      exact.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, nick TEXT, email TEXT NOT NULL UNIQUE, photo BLOB,
        active BOOLEAN, born DATE, referrer_id INTEGER REFERENCES customers(id), tags TEXT, prefs TEXT, score NUMERIC(10,2), uid TEXT UNIQUE);
        CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL REFERENCES customers(id),
        total NUMERIC(10,2), note TEXT, placed_at TIMESTAMP);`)
      exact.pragma('foreign_keys = ON')
      for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) exact.exec(readFileSync(join(dir, f), 'utf8'))
      const got = exact.prepare('SELECT name, nick, photo, note FROM customers LEFT JOIN orders ON orders.id = customers.id ORDER BY customers.id').all() as Array<Record<string, unknown>>
      expect(got).toHaveLength(N)
      got.forEach((r, k) => {
        const src = customers[k] as Value[]
        expect(r.name).toBe(src[1])
        expect(r.nick).toBe(src[2])
        expect(r.photo === null ? null : new Uint8Array(r.photo as Buffer)).toEqual(src[4])
        expect(r.note).toBe((orders[k] as Value[])[3])
      })
    } finally {
      exact.close()
    }
  })
})

describe.skipIf(!postgresAvailable())('SQL and CSV exports load into PostgreSQL with psql', () => {
  let db: FreshPostgres
  const tmp = tempDir()
  beforeAll(async () => {
    db = await freshPostgresDatabase()
  })
  afterAll(async () => {
    await db?.drop()
    tmp.cleanup()
  })

  const ddl = (s: string) => `
CREATE SCHEMA ${s};
CREATE TABLE ${s}.customers (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL, nick varchar(80),
  email varchar(120) NOT NULL UNIQUE, photo bytea, active boolean, born date, referrer_id bigint REFERENCES ${s}.customers(id),
  tags text[], prefs jsonb, score numeric(10,2), uid uuid UNIQUE);
CREATE TABLE ${s}.orders (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, customer_id bigint NOT NULL REFERENCES ${s}.customers(id),
  total numeric(10,2), note text, placed_at timestamptz);`

  it('SQL loads with 0 errors; CSV via \\copy (plus its fixups) gives the identical tables; identity sync runs in file order', async () => {
    const psql = (input: string) => sh(`psql -X -q -v ON_ERROR_STOP=1 "$1" <<'EOF_SQL'\n${input}\nEOF_SQL`, db.url)
    psql(ddl('s_sql') + ddl('s_csv'))

    // Until the PostgreSQL dialect offers identitySyncSql, supply one so the wiring is exercised.
    const withSync: SqlDialect = {
      ...postgresDialect,
      identitySyncSql:
        postgresDialect.identitySyncSql ??
        ((t: Table) => [`SELECT setval(pg_get_serial_sequence('${t.schema}.${t.name}', 'id'), (SELECT max(id) FROM ${t.schema}.${t.name}))`]),
    }
    const sqlDir = join(tmp.root, 'pg-sql')
    await exportTo(sqlDir, 'sql', withSync, 's_sql')
    sh(`cat "$1"/*.sql | psql -X -q -v ON_ERROR_STOP=1 "$2"`, sqlDir, db.url)

    const csvDir = join(tmp.root, 'pg-csv')
    await exportTo(csvDir, 'csv', undefined, 's_csv')
    psql(`\\copy s_csv.customers (${customerCols.join(', ')}) FROM '${csvDir}/001-s_csv.customers.csv' WITH (FORMAT csv, HEADER true)
\\copy s_csv.orders (${orderCols.join(', ')}) FROM '${csvDir}/002-s_csv.orders.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE fx (id bigint, referrer_id bigint);
\\copy fx FROM '${csvDir}/fixups/s_csv.customers.csv' WITH (FORMAT csv, HEADER true)
UPDATE s_csv.customers c SET referrer_id = fx.referrer_id FROM fx WHERE c.id = fx.id;`)

    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    try {
      const one = async (sql: string) => (await client.query(sql)).rows[0] as Record<string, unknown>
      for (const s of ['s_sql', 's_csv']) {
        expect(await one(`SELECT count(*)::int AS n FROM ${s}.customers`)).toEqual({ n: N })
        expect(await one(`SELECT count(*)::int AS n FROM ${s}.orders`)).toEqual({ n: M })
        expect(await one(`SELECT count(*)::int AS n FROM ${s}.customers WHERE referrer_id IS NOT NULL`)).toEqual({ n: fixups.length })
      }
      // The two paths encode every value the same way: no row differs in either direction.
      for (const t of ['customers', 'orders']) {
        expect(await one(`SELECT count(*)::int AS n FROM ((SELECT * FROM s_sql.${t} EXCEPT ALL SELECT * FROM s_csv.${t})
          UNION ALL (SELECT * FROM s_csv.${t} EXCEPT ALL SELECT * FROM s_sql.${t})) d`)).toEqual({ n: 0 })
      }
      // And they are the values that went in.
      const got = await client.query(`SELECT id, name, nick, photo, active, born::text, tags, prefs, score::text, uid::text FROM s_sql.customers WHERE id <= 12 ORDER BY id`)
      got.rows.forEach((r: Record<string, unknown>, k) => {
        const src = customers[k] as Value[]
        expect(r.name).toBe(src[1])
        expect(r.nick).toBe(src[2])
        expect(r.photo === null ? null : new Uint8Array(r.photo as Buffer)).toEqual(src[4])
        expect(r.active).toBe(src[5])
        expect(r.born).toBe((src[6] as Date).toISOString().slice(0, 10))
        expect(r.tags).toEqual(src[8])
        expect(r.prefs).toEqual(src[9])
        expect(r.score).toBe(src[10])
        expect(r.uid).toBe(src[11])
      })
      // Identity sync ran after the inserts: a plain INSERT takes the next id.
      expect(await one(`INSERT INTO s_sql.customers (name, email) VALUES ('new', 'new@example.com') RETURNING id::int`)).toEqual({ id: N + 1 })
    } finally {
      await client.end()
    }
  })
})

if (!postgresAvailable()) console.warn(`⚠ PostgreSQL load test skipped: ${postgresMissingReason()}`)
