/**
 * PostgreSQL-only catalog details the cross-dialect suite cannot express: enums, domains, serial vs
 * identity, generated columns, partial/expression unique indexes, comments, partitions, FK actions,
 * `?schema=` in the URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import type { Introspection } from '../../src/model/introspection.js'
import type { Column, Table } from '../../src/model/schema.js'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'

const available = postgresAvailable()
if (!available) console.warn(`[postgres-introspect] skipped: ${postgresMissingReason()}`)

const DDL = `
  CREATE SCHEMA app;
  CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
  CREATE DOMAIN posint AS integer NOT NULL CHECK (VALUE > 0);
  CREATE DOMAIN email AS varchar(200) DEFAULT 'x@y' CHECK (VALUE LIKE '%@%');
  CREATE TABLE customers (
    id serial PRIMARY KEY, email email, m mood DEFAULT 'ok', moods mood[], n posint, name text NOT NULL,
    UNIQUE (n, id)
  );
  COMMENT ON TABLE customers IS 'the customers';
  COMMENT ON COLUMN customers.name IS 'full name';
  CREATE TABLE products (
    id int GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY,
    sku text UNIQUE, price numeric(10,2) CHECK (price > 0 AND price < 1000),
    half numeric GENERATED ALWAYS AS (price / 2) STORED, created timestamptz DEFAULT now(), big bigint DEFAULT 42
  );
  CREATE UNIQUE INDEX products_lower ON products (lower(sku));
  CREATE UNIQUE INDEX products_partial ON products (price) WHERE price > 100;
  CREATE TABLE orders (
    cid int, n int, qty int DEFAULT 1 CHECK (qty BETWEEN 1 AND 10), PRIMARY KEY (n, cid),
    CONSTRAINT orders_customer FOREIGN KEY (n, cid) REFERENCES customers (n, id)
      ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED
  );
  CREATE TABLE app.things (id int PRIMARY KEY, customer_id int REFERENCES public.customers (id), m mood);
  CREATE TABLE parted (id int, k int) PARTITION BY RANGE (k);
  CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
  CREATE TABLE droppy (a int, b int, c int);
  ALTER TABLE droppy DROP COLUMN b;
`

function col(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name)
  if (!c) throw new Error(`no column ${name} in ${t.name}`)
  return c
}

function tbl(i: Introspection, name: string, schema = 'public'): Table {
  const t = i.model.tables.find((x) => x.name === name && x.schema === schema)
  if (!t) throw new Error(`no table ${schema}.${name}`)
  return t
}

describe.skipIf(!available)('postgres introspection details', () => {
  let db: FreshPostgres
  let adapter: Adapter
  let result: Introspection

  beforeAll(async () => {
    db = await freshPostgresDatabase()
    await execPostgres(db.url, DDL)
    adapter = await connect(db.url)
    result = await adapter.introspect()
  })
  afterAll(async () => {
    await adapter?.close()
    await db?.drop()
  })

  it('lists public tables ordered by name, skipping partitions with an Issue', () => {
    expect(result.model.tables.map((t) => t.name)).toEqual(['customers', 'droppy', 'orders', 'parted', 'products'])
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'OBJECT_SKIPPED', table: 'parted_1' }))
  })

  it('serial: identity serial + sequence default; dropped columns skipped', () => {
    const id = col(tbl(result, 'customers'), 'id')
    expect(id.identity).toEqual({ kind: 'serial', sequence: 'customers_id_seq', start: 1, increment: 1 })
    expect(id.default).toEqual({ kind: 'sequence', sequence: 'customers_id_seq' })
    expect(tbl(result, 'droppy').columns.map((c) => c.name)).toEqual(['a', 'c'])
  })

  it('identity ALWAYS with start/increment; generated stored column without default', () => {
    const p = tbl(result, 'products')
    expect(col(p, 'id').identity).toEqual({ kind: 'always', sequence: 'products_id_seq', start: 10, increment: 5 })
    expect(col(p, 'id').default).toBeUndefined()
    expect(col(p, 'half').generated).toEqual({ expression: '(price / (2)::numeric)', stored: true })
    expect(col(p, 'half').default).toBeUndefined()
    expect(col(p, 'created').default).toEqual({ kind: 'now' })
    expect(col(p, 'big').default).toMatchObject({ kind: 'literal' })
    expect(col(p, 'price').type).toEqual({ kind: 'decimal', precision: 10, scale: 2 })
  })

  it('enums, arrays of enums and domains', () => {
    const c = tbl(result, 'customers')
    expect(col(c, 'm')).toMatchObject({ nativeType: 'mood', type: { kind: 'enum', values: ['sad', 'ok', 'happy'], name: 'mood' } })
    expect(col(c, 'moods').type).toEqual({ kind: 'array', element: { kind: 'enum', values: ['sad', 'ok', 'happy'], name: 'mood' } })
    expect(col(c, 'email')).toMatchObject({ nativeType: 'character varying(200)', domain: 'email', nullable: true, type: { kind: 'string', maxLength: 200 } })
    expect(col(c, 'n')).toMatchObject({ nativeType: 'integer', domain: 'posint', nullable: false })
    expect(result.model.enums).toEqual([{ schema: 'public', name: 'mood', values: ['sad', 'ok', 'happy'] }])
    const posint = result.model.domains.find((d) => d.name === 'posint')
    expect(posint).toMatchObject({ baseType: 'integer', nullable: false })
    expect(posint?.checks[0]?.parsed).toEqual([{ kind: 'compare', column: 'VALUE', op: '>', value: 0 }])
  })

  it('uniques skip the PK and report partial / expression indexes', () => {
    const p = tbl(result, 'products')
    expect(p.primaryKey).toEqual({ name: 'products_pkey', columns: ['id'] })
    expect(p.uniques).toEqual([{ name: 'products_sku_key', columns: ['sku'] }])
    const codes = result.issues.filter((i) => i.table === 'products').map((i) => i.code)
    expect(codes).toEqual(expect.arrayContaining(['INDEX_PARTIAL', 'INDEX_EXPRESSION']))
    expect(tbl(result, 'customers').uniques).toEqual([{ name: 'customers_n_id_key', columns: ['n', 'id'] }])
  })

  it('composite FK with actions and deferral; checks with the CHECK body', () => {
    const o = tbl(result, 'orders')
    expect(o.primaryKey?.columns).toEqual(['n', 'cid'])
    expect(o.foreignKeys).toEqual([
      {
        name: 'orders_customer',
        columns: ['n', 'cid'],
        references: { schema: 'public', table: 'customers', columns: ['n', 'id'] },
        onDelete: 'cascade',
        onUpdate: 'set null',
        deferrable: true,
        initiallyDeferred: true,
      },
    ])
    expect(o.checks).toHaveLength(1)
    // PostgreSQL stores BETWEEN as two comparisons.
    expect(o.checks[0]).toMatchObject({
      name: 'orders_qty_check',
      expression: '((qty >= 1) AND (qty <= 10))',
      fullyParsed: true,
      parsed: [
        { kind: 'compare', column: 'qty', op: '>=', value: 1 },
        { kind: 'compare', column: 'qty', op: '<=', value: 10 },
      ],
    })
    expect(o.checks[0]?.expression).not.toMatch(/^CHECK/)
  })

  it('comments on tables and columns', () => {
    const c = tbl(result, 'customers')
    expect(c.comment).toBe('the customers')
    expect(col(c, 'name').comment).toBe('full name')
  })

  it('?schema= in the URL chooses the schemas; enums used from elsewhere are included', async () => {
    const a = await connect(`${db.url}?schema=app`)
    try {
      const r = await a.introspect()
      expect(r.model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['app.things'])
      const fk = r.model.tables[0]?.foreignKeys[0]
      expect(fk?.references).toEqual({ schema: 'public', table: 'customers', columns: ['id'] })
      expect(r.model.enums.map((e) => e.name)).toEqual(['mood'])
      const both = await a.introspect({ schemas: ['app', 'public'] })
      expect(both.model.tables[0]?.schema).toBe('app')
      expect(both.model.tables).toHaveLength(6)
    } finally {
      await a.close()
    }
  })
})
