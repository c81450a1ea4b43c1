import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parsePostgresDdl } from '../../../src/ddl/postgres/parse.js'
import { postgresDialect } from '../../../adapters/postgres/dialect.js'
import type { Introspection } from '../../../src/model/introspection.js'
import type { Table } from '../../../src/model/schema.js'
import { isTdgError, type TdgError } from '../../../src/errors.js'
import { sharedFixture } from '../../support/shared-fixtures.js'

const fixtures = 'test/fixtures/postgres'
const parseText = (text: string, file = 'test.sql') => parsePostgresDdl(text, { file, dialect: postgresDialect })
const parseFile = (path: string) => parseText(readFileSync(path, 'utf8'), path)

function table(r: Introspection, name: string, schema = 'public'): Table {
  const t = r.model.tables.find((x) => x.name === name && x.schema === schema)
  if (!t) throw new Error(`no table ${schema}.${name}`)
  return t
}
const column = (t: Table, name: string) => t.columns.find((c) => c.name === name)

async function parseError(text: string): Promise<TdgError> {
  try {
    await parseText(text, 'bad.sql')
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error('expected a TDG_DDL_PARSE error')
}

/** Facts both the hand-written fixture and its pg_dump must give. */
function expectEverything(r: Introspection) {
  const { model } = r
  expect(model.dialect).toBe('postgres')
  expect(model.enums).toEqual(expect.arrayContaining([
    { schema: 'public', name: 'order_status', values: ['pending', 'paid', 'shipped', 'cancelled'] },
    { schema: 'inventory', name: 'bin_kind', values: ['shelf', 'floor'] },
  ]))
  const email = model.domains.find((d) => d.name === 'email')
  expect(email).toMatchObject({ schema: 'public', baseType: 'character varying(254)', nullable: false })
  expect(email?.checks[0]).toMatchObject({ name: 'email_check', parsed: [{ kind: 'like', column: 'VALUE', pattern: '%@%' }], fullyParsed: true })
  expect(model.domains.find((d) => d.name === 'positive_int')).toMatchObject({ baseType: 'integer', nullable: true })

  const customers = table(r, 'customers')
  expect(customers.comment).toBe('People who buy things')
  expect(customers.primaryKey?.columns).toEqual(['id'])
  expect(column(customers, 'id')).toEqual({
    name: 'id', nativeType: 'integer', type: { kind: 'integer', bytes: 4 }, nullable: false,
    default: { kind: 'sequence', sequence: 'customers_id_seq' },
    identity: { kind: 'serial', sequence: 'customers_id_seq', start: 1, increment: 1 },
  })
  expect(column(customers, 'email')).toMatchObject({ nativeType: 'character varying(254)', domain: 'email', nullable: false, comment: 'Login and contact address' })
  expect(column(customers, 'country')).toMatchObject({ nativeType: 'character(2)', type: { kind: 'string', maxLength: 2, fixed: true }, default: { kind: 'literal', value: 'US' } })
  expect(column(customers, 'tags')).toMatchObject({ nativeType: 'text[]', type: { kind: 'array', element: { kind: 'text' } }, default: { kind: 'literal', value: '{}' } })
  expect(column(customers, 'profile')?.type).toEqual({ kind: 'json', binary: true })
  expect(column(customers, 'created_at')).toMatchObject({ nativeType: 'timestamp with time zone', nullable: false, default: { kind: 'now' } })
  expect(customers.foreignKeys).toEqual([{
    name: 'customers_referred_by_fkey', columns: ['referred_by'], references: { schema: 'public', table: 'customers', columns: ['id'] },
    onDelete: 'set null', onUpdate: 'no action', deferrable: false, initiallyDeferred: false,
  }])
  expect(customers.uniques).toEqual([{ name: 'customers_email_key', columns: ['email'] }])
  expect(customers.checks.map((c) => c.parsed)).toEqual([[{ kind: 'in', column: 'country', values: ['US', 'CA', 'GB', 'DE'] }]])

  const products = table(r, 'products')
  expect(column(products, 'id')).toMatchObject({ nativeType: 'bigint', nullable: false, identity: { kind: 'always', sequence: 'products_id_seq', start: 1, increment: 1 } })
  expect(column(products, 'id')?.default).toBeUndefined()
  expect(column(products, 'sku')).toMatchObject({ nativeType: 'character varying(3)', type: { kind: 'string', maxLength: 3 } })
  expect(column(products, 'price')).toMatchObject({ nativeType: 'numeric(5,2)', type: { kind: 'decimal', precision: 5, scale: 2 } })
  expect(column(products, 'stock')).toMatchObject({ nativeType: 'smallint', default: { kind: 'literal', value: 0 } })
  expect(column(products, 'discount')).toMatchObject({ nativeType: 'integer', domain: 'positive_int', nullable: true })
  expect(column(products, 'image')?.type).toEqual({ kind: 'binary' })
  expect(products.uniques.map((u) => u.columns)).toEqual([['sku']])
  const productShapes = products.checks.map((c) => c.parsed).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  expect(productShapes).toEqual([
    [{ kind: 'compare', column: 'price', op: '>=', value: 0 }],
    [{ kind: 'compare', column: 'stock', op: '>=', value: 0 }, { kind: 'compare', column: 'stock', op: '<=', value: 1000 }],
    [{ kind: 'like', column: 'code', pattern: 'P-%' }, { kind: 'length', column: 'code', op: '<=', value: 10 }],
    [{ kind: 'like', column: 'legacy_code', pattern: 'X%', negated: true }],
    [{ kind: 'not-null', column: 'summary' }, { kind: 'length', column: 'summary', op: '>=', value: 3 }],
  ])
  expect(products.checks.every((c) => c.fullyParsed)).toBe(true)

  const orders = table(r, 'orders')
  expect(column(orders, 'id')?.identity).toEqual({ kind: 'by-default', sequence: 'orders_id_seq', start: 100, increment: 10 })
  expect(column(orders, 'status')).toMatchObject({
    nativeType: 'order_status', type: { kind: 'enum', name: 'order_status', values: ['pending', 'paid', 'shipped', 'cancelled'] },
    default: { kind: 'literal', value: 'pending' },
  })
  expect(column(orders, 'placed_on')?.default).toEqual({ kind: 'now' })
  expect(column(orders, 'placed_at')).toMatchObject({ nativeType: 'timestamp without time zone', default: { kind: 'now' } })
  expect(column(orders, 'client_ip')?.type).toEqual({ kind: 'inet' })
  expect(column(orders, 'total_with_tax')?.generated).toMatchObject({ stored: true })
  expect(column(orders, 'total_with_tax')?.generated?.expression.replace(/[()\s]/g, '')).toBe('total*1.2')
  expect(column(orders, 'priority')?.default).toEqual({ kind: 'literal', value: -1 })
  expect(orders.foreignKeys[0]).toMatchObject({ columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'cascade' })
  expect(orders.checks.map((c) => c.parsed)).toEqual(expect.arrayContaining([
    [{ kind: 'columns', left: 'shipped_on', op: '>=', right: 'placed_on' }],
    [{ kind: 'compare', column: 'priority', op: '<>', value: 5 }, { kind: 'compare', column: 'priority', op: '<', value: 10 }],
  ]))

  const lines = table(r, 'order_lines')
  expect(lines.primaryKey).toEqual({ name: 'order_lines_pkey', columns: ['order_id', 'line_no'] })
  expect(lines.foreignKeys.find((f) => f.name === 'order_lines_order_fk')).toMatchObject({ deferrable: true, initiallyDeferred: true, references: { table: 'orders' } })
  expect(lines.foreignKeys.find((f) => f.name === 'order_lines_product_fk')).toMatchObject({ onUpdate: 'cascade', onDelete: 'no action' })

  const shipments = table(r, 'shipments')
  expect(column(shipments, 'id')).toMatchObject({ nativeType: 'uuid', default: { kind: 'expression', sql: 'gen_random_uuid()' } })
  expect(column(shipments, 'scheduled')).toMatchObject({ nativeType: 'time(3) with time zone', type: { kind: 'time', tz: true } })
  expect(shipments.foreignKeys).toEqual([expect.objectContaining({
    columns: ['order_id', 'line_no'], references: { schema: 'public', table: 'order_lines', columns: ['order_id', 'line_no'] },
  })])
  expect(shipments.uniques.map((u) => u.columns).sort()).toEqual([['carrier', 'tracking'], ['tracking']])
  expect(shipments.checks[0]?.parsed).toEqual([{ kind: 'in', column: 'carrier', values: ['ups', 'dhl', 'fedex'] }])
  expect(r.issues).toEqual(expect.arrayContaining([
    expect.objectContaining({ code: 'INDEX_PARTIAL', table: 'shipments', message: expect.stringContaining('shipments_one_open_idx') }),
    expect.objectContaining({ code: 'INDEX_EXPRESSION', table: 'shipments', message: expect.stringContaining('shipments_lower_carrier_idx') }),
    expect.objectContaining({ code: 'OBJECT_SKIPPED', message: expect.stringMatching(/^view (public\.)?paid_orders/) }),
    expect.objectContaining({ code: 'OBJECT_SKIPPED', message: expect.stringMatching(/^function (public\.)?order_count/) }),
  ]))

  const bins = table(r, 'bins', 'inventory')
  expect(column(bins, 'id')).toMatchObject({
    default: { kind: 'sequence', sequence: 'bins_id_seq' },
    identity: { kind: 'serial', sequence: 'bins_id_seq', start: 1, increment: 1 },
  })
  expect(column(bins, 'kind')).toMatchObject({ nativeType: 'inventory.bin_kind', type: { kind: 'enum', name: 'inventory.bin_kind', values: ['shelf', 'floor'] } })
  expect(column(bins, 'sizes')).toMatchObject({ nativeType: 'integer[]', type: { kind: 'array', element: { kind: 'integer', bytes: 4 } } })
  expect(column(bins, 'labels')?.nativeType).toBe('character varying(20)[]')
  expect(bins.foreignKeys[0]?.references).toEqual({ schema: 'public', table: 'products', columns: ['id'] })
}

describe('parsePostgresDdl', () => {
  it('reads the hand-written everything.sql fixture', async () => {
    const r = await parseFile(`${fixtures}/everything.sql`)
    expectEverything(r)
    // Declaration order is kept.
    expect(r.model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'public.customers', 'public.products', 'public.orders', 'public.order_lines', 'public.shipments', 'inventory.bins',
    ])
    expect(table(r, 'customers').columns.map((c) => c.name)).toEqual(['id', 'email', 'name', 'country', 'referred_by', 'tags', 'profile', 'created_at'])
    const view = r.issues.find((i) => i.message.startsWith('view paid_orders'))
    expect(view?.location).toEqual({ file: `${fixtures}/everything.sql`, line: 99, column: 1 })
    expect(r.issues.find((i) => i.message.startsWith('extension pgcrypto'))?.location?.line).toBe(4)
  })

  it('reads the pg_dump --schema-only output of the same schema to the same model', async () => {
    const dump = await parseFile(`${fixtures}/everything.dump.sql`)
    expectEverything(dump)
    // pg_dump's OWNER TO lines and the view's ALTER TABLE … OWNER TO are Issues, not errors.
    expect(dump.issues.some((i) => i.code === 'DDL_SKIPPED' && /ALTER TABLE customers OWNER TO/.test(i.message))).toBe(true)
    expect(dump.issues.some((i) => /OWNER TO/.test(i.message) && /paid_orders/.test(i.message))).toBe(true)
  })

  it('reads hostile names: reserved words, quotes, spaces, unicode', async () => {
    const r = await parseFile(`${fixtures}/hostile-names.sql`)
    expect(r.model.tables.map((t) => t.name)).toEqual(['select', 'order', 'a"b', 'with space', 'größe', '顧客'])
    const order = table(r, 'order')
    expect(column(order, 'order')?.identity).toEqual({ kind: 'serial', sequence: 'order_order_seq', start: 1, increment: 1 })
    expect(column(order, 'with space')).toMatchObject({ nativeType: '"Mood"', type: { kind: 'enum', name: 'Mood', values: ['happy', "it's complicated"] } })
    expect(column(order, 'a"b')?.comment).toBe('quote "inside"')
    expect(order.checks.map((c) => c.name)).toEqual(['order_a"b_check', 'order_group_check'])
    expect(order.checks[0]?.parsed).toEqual([{ kind: 'in', column: 'a"b', values: ['x', 'y"z', "it's"] }])
    expect(column(table(r, 'select'), 'where')?.default).toEqual({ kind: 'literal', value: "it's" })
    expect(table(r, 'a"b').primaryKey).toEqual({ name: 'a"b_pk', columns: ['a"b'] })
    const space = table(r, 'with space')
    expect(space.foreignKeys.map((f) => [f.name, f.columns, f.references])).toEqual([
      ['with space_a"b ref_fkey', ['a"b ref'], { schema: 'public', table: 'a"b', columns: ['a"b'] }],
      // REFERENCES "order" without columns means its primary key.
      ['with space_order ref_fkey', ['order ref'], { schema: 'public', table: 'order', columns: ['order'] }],
    ])
    expect(table(r, '顧客')).toMatchObject({ comment: 'お客様', uniques: [{ name: '顧客_名前_key', columns: ['名前'] }] })
    expect(table(r, '顧客').foreignKeys[0]?.references).toEqual({ schema: 'public', table: 'größe', columns: ['größe'] })
    expect(table(r, 'größe').checks[0]).toMatchObject({ name: 'größe_größe_check', parsed: [{ kind: 'compare', column: 'größe', op: '>=', value: 0 }] })
    expect(r.issues).toEqual([])
  })

  it('reads the northwind dump: 14 tables, composite keys, PK-less REFERENCES, data skipped', async () => {
    const r = await parseFile(sharedFixture('northwind-postgres.sql'))
    expect(r.model.tables).toHaveLength(14)
    expect(table(r, 'order_details').primaryKey?.columns).toEqual(['order_id', 'product_id'])
    expect(table(r, 'employees').foreignKeys).toEqual([expect.objectContaining({
      name: 'fk_employees_employees', columns: ['reports_to'], references: { schema: 'public', table: 'employees', columns: ['employee_id'] },
    })])
    expect(column(table(r, 'categories'), 'picture')).toMatchObject({ nativeType: 'bytea', type: { kind: 'binary' } })
    expect(column(table(r, 'order_details'), 'unit_price')).toMatchObject({ nativeType: 'real', nullable: false })
    expect(r.issues).toEqual([expect.objectContaining({ code: 'DDL_SKIPPED', message: expect.stringMatching(/^\d+ data statement/) })])
  })

  it('blanks psql meta-commands and COPY data, keeping line numbers', async () => {
    const text = [
      '\\restrict abc123',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      'CREATE TABLE public.t (id integer NOT NULL, note text);',
      'COPY public.t (id, note) FROM stdin;',
      '1\tit is; not SQL',
      '2\t\\N',
      '\\.',
      'CREATE TABLE public.u (t_id integer REFERENCES public.t (id), "select" x);',
    ].join('\n')
    const r = await parseText(text)
    expect(r.model.tables.map((t) => t.name)).toEqual(['t', 'u'])
    expect(r.issues.find((i) => i.code === 'TYPE_UNKNOWN')).toMatchObject({ table: 'u', column: 'select', location: { file: 'test.sql', line: 8 } })
    expect(r.issues.find((i) => i.code === 'DDL_SKIPPED')?.location?.line).toBe(4)
  })

  it('follows SET search_path, serial pseudo-types, ALTER … SET DEFAULT and sequences OWNED BY', async () => {
    const r = await parseText(`
      CREATE SCHEMA s;
      SET search_path = s, public;
      CREATE TABLE a (id bigserial PRIMARY KEY, n smallserial);
      CREATE SEQUENCE b_id_seq START WITH 5 INCREMENT BY 2;
      CREATE TABLE b (id integer NOT NULL, a_id bigint REFERENCES a);
      ALTER TABLE ONLY b ALTER COLUMN id SET DEFAULT nextval('b_id_seq'::regclass);
      ALTER SEQUENCE b_id_seq OWNED BY b.id;
      CREATE SEQUENCE free_seq;
      CREATE TABLE c (id integer DEFAULT nextval('free_seq'));
    `)
    const a = table(r, 'a', 's')
    expect(column(a, 'id')).toMatchObject({ nativeType: 'bigint', identity: { kind: 'serial', sequence: 'a_id_seq' }, default: { kind: 'sequence', sequence: 'a_id_seq' } })
    expect(column(a, 'n')).toMatchObject({ nativeType: 'smallint', nullable: false, identity: { kind: 'serial', sequence: 'a_n_seq' } })
    const b = table(r, 'b', 's')
    expect(column(b, 'id')?.identity).toEqual({ kind: 'serial', sequence: 'b_id_seq', start: 5, increment: 2 })
    expect(b.foreignKeys[0]?.references).toEqual({ schema: 's', table: 'a', columns: ['id'] })
    // A sequence default without OWNED BY is a default, not an identity.
    expect(column(table(r, 'c', 's'), 'id')).toMatchObject({ default: { kind: 'sequence', sequence: 'free_seq' } })
    expect(column(table(r, 'c', 's'), 'id')?.identity).toBeUndefined()
  })

  it('canonicalises type spellings as format_type does', async () => {
    const r = await parseText(`CREATE TABLE t (
      a int4, b varchar, c char, d bpchar(4), e float8, f float, g decimal(7,3), h numeric(5), i bool,
      j timestamp(3), k timestamptz(0), l time, m timetz, n interval day to second(2), o bit(3), p "char",
      q int[][], r integer ARRAY, s double precision, t2 dec, u text COLLATE "C"
    )`)
    expect(table(r, 't').columns.map((c) => c.nativeType)).toEqual([
      'integer', 'character varying', 'character(1)', 'character(4)', 'double precision', 'double precision', 'numeric(7,3)', 'numeric(5,0)', 'boolean',
      'timestamp(3) without time zone', 'timestamp(0) with time zone', 'time without time zone', 'time with time zone', 'interval day to second(2)', 'bit(3)', '"char"',
      'integer[]', 'integer[]', 'double precision', 'numeric', 'text',
    ])
  })

  it('turns partitions, inheritance and other objects into issues', async () => {
    const r = await parseText(`
      CREATE TABLE m (id int, at date) PARTITION BY RANGE (at);
      CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE TABLE base (id int PRIMARY KEY);
      CREATE TABLE child (extra text) INHERITS (base);
      CREATE TRIGGER trg BEFORE INSERT ON base FOR EACH ROW EXECUTE FUNCTION f();
      GRANT SELECT ON base TO PUBLIC;
      CREATE MATERIALIZED VIEW mv AS SELECT 1 AS x;
      ALTER TABLE base ENABLE ROW LEVEL SECURITY;
      CREATE POLICY p ON base USING (true);
    `)
    expect(r.model.tables.map((t) => t.name)).toEqual(['m', 'base', 'child'])
    expect(table(r, 'child').columns.map((c) => c.name)).toEqual(['id', 'extra'])
    const messages = r.issues.map((i) => `${i.code} ${i.message}`)
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^DDL_UNSUPPORTED table m is partitioned/),
      expect.stringMatching(/^DDL_UNSUPPORTED partition m_2024 skipped/),
      expect.stringMatching(/^DDL_UNSUPPORTED table child inherits from base/),
      expect.stringMatching(/^OBJECT_SKIPPED trigger trg on base/),
      expect.stringMatching(/^OBJECT_SKIPPED GRANT/),
      expect.stringMatching(/^OBJECT_SKIPPED materialized view mv/),
      expect.stringMatching(/^DDL_SKIPPED ALTER TABLE base EnableRowSecurity/),
      expect.stringMatching(/^OBJECT_SKIPPED policy p on base/),
    ]))
    expect(r.issues.find((i) => i.message.startsWith('trigger'))?.location).toEqual({ file: 'test.sql', line: 6, column: 7 })
  })

  it('reports an unparsed CHECK as an issue and keeps what it understood', async () => {
    const r = await parseText('CREATE TABLE t (a int, b text, CHECK (a > 0 AND lower(b) = b));')
    expect(table(r, 't').checks).toEqual([{ name: 't_check', expression: 'a > 0 AND lower(b) = b', parsed: [{ kind: 'compare', column: 'a', op: '>', value: 0 }], fullyParsed: false }])
    expect(r.issues).toEqual([expect.objectContaining({ code: 'CHECK_UNPARSED', table: 't' })])
  })

  describe('errors', () => {
    it('syntax errors give file, line, column and token', async () => {
      const e = await parseError('CREATE TABLE a (x int);\n-- comment\nCREATE TABLE größe (\n  a int,\n  b int,, c int);')
      expect(e.code).toBe('TDG_DDL_PARSE')
      expect(e.message).toBe('bad.sql:5:9: syntax error at or near ","')
      expect(e.details).toMatchObject({ file: 'bad.sql', line: 5, column: 9, token: ',' })
    })

    it('a keyword typo points at the word', async () => {
      const e = await parseError('\n\n   CREAT TABLE t (a int);')
      expect(e.message).toBe('bad.sql:3:4: syntax error at or near "CREAT"')
      expect(e.details).toMatchObject({ line: 3, column: 4, token: 'CREAT' })
    })

    it('end of input and unterminated strings stay on one line', async () => {
      const end = await parseError('create table x (a int')
      expect(end.message).toBe('bad.sql:1:22: syntax error at end of input')
      const str = await parseError("CREATE TABLE t (\n  a text DEFAULT 'abc\n);\n")
      expect(str.message).toMatch(/^bad\.sql:2:18: unterminated quoted string at or near "'abc\\n\);\\n"$/)
      expect(str.message).not.toContain('\n')
    })

    it('a syntax error after a blanked COPY block keeps its original line', async () => {
      const e = await parseError('COPY t (a) FROM stdin;\n1\n2\n\\.\nCREATE TABEL x (a int);')
      expect(e.details).toMatchObject({ line: 5, column: 8, token: 'TABEL' })
    })

    it('unknown tables, columns and duplicates are located errors', async () => {
      const fk = await parseError('CREATE TABLE orders (\n  id int PRIMARY KEY,\n  customer_id int REFERENCES customers (id)\n);')
      expect(fk.message).toMatch(/^bad\.sql:3:\d+: foreign key orders_customer_id_fkey .* "customers", which does not exist$/)
      const alter = await parseError('CREATE TABLE t (a int);\n\nALTER TABLE ONLY nope\n    ADD CONSTRAINT nope_pkey PRIMARY KEY (a);')
      expect(alter.message).toBe('bad.sql:3:18: relation "nope" does not exist')
      const col = await parseError('CREATE TABLE t (id int PRIMARY KEY, parent int REFERENCES t (nope));')
      expect(col.message).toMatch(/^bad\.sql:1:\d+: column "nope" of table "t" does not exist$/)
      const dup = await parseError('CREATE TABLE t (a int);\nCREATE TABLE t (b int);')
      expect(dup.message).toBe('bad.sql:2:14: relation "t" already exists')
      const pk = await parseError('CREATE TABLE t (a int, PRIMARY KEY (b));')
      expect(pk.message).toMatch(/column "b" of table "t" does not exist/)
    })
  })
})
