/**
 * The MySQL/MariaDB DDL parser on hand-written scripts, real mariadb-dump --no-data output (fixtures made
 * once from the test server loaded with the hand-written fixtures) and the shared employees schema.
 * Parity with a live server is in test/adapters/mysql-parity.test.ts.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ddlParser } from '../../../adapters/index.js'
import type { Introspection } from '../../../src/model/introspection.js'
import type { Table } from '../../../src/model/schema.js'
import { isTdgError, type TdgError } from '../../../src/errors.js'
import { detectDialect } from '../../../src/ddl/detect-dialect.js'
import { sharedFixture } from '../../support/shared-fixtures.js'

const dir = 'test/fixtures/mysql'
const parseText = async (text: string, file = 'test.sql') => (await ddlParser('mysql'))(text, { file })
const parseFile = (path: string) => parseText(readFileSync(path, 'utf8'), path)

function table(r: Introspection, name: string): Table {
  const t = r.model.tables.find((x) => x.name === name)
  if (!t) throw new Error(`no table ${name}`)
  return t
}
const column = (t: Table, name: string) => {
  const c = t.columns.find((x) => x.name === name)
  if (!c) throw new Error(`no column ${name}`)
  return c
}

async function parseError(text: string): Promise<TdgError> {
  try {
    await parseText(text, 'bad.sql')
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error('expected a TDG_DDL_PARSE error')
}

/** Facts the hand-written fixture and its dump must both give. */
function expectEverything(r: Introspection) {
  const { model } = r
  expect(model.dialect).toBe('mysql')
  expect(model.tables.map((t) => t.name).sort()).toEqual(['audit_log', 'categories', 'customers', 'order_items', 'orders', 'products'])
  for (const t of model.tables) expect(t.schema).toBeUndefined()
  const customers = table(r, 'customers')
  expect(customers.comment).toBe('people who buy')
  expect(column(customers, 'id')).toMatchObject({ nativeType: 'int(10) unsigned', type: { kind: 'integer', bytes: 4, unsigned: true }, nullable: false, identity: { kind: 'autoincrement' } })
  expect(column(customers, 'id').default).toBeUndefined()
  expect(column(customers, 'name')).toMatchObject({ nativeType: 'varchar(80)', type: { kind: 'string', maxLength: 80 }, default: { kind: 'literal', value: 'anon' } })
  expect(column(customers, 'tier')).toMatchObject({ nativeType: "enum('free','pro','it''s')", type: { kind: 'enum', values: ['free', 'pro', "it's"] }, default: { kind: 'literal', value: 'free' } })
  expect(column(customers, 'tags')).toMatchObject({ nativeType: "set('a','b','c')", type: { kind: 'set', values: ['a', 'b', 'c'] }, nullable: true })
  expect(column(customers, 'tags').default).toBeUndefined() // DEFAULT NULL is no default
  expect(column(customers, 'active')).toMatchObject({ nativeType: 'tinyint(1)', type: { kind: 'boolean' }, default: { kind: 'literal', value: 1 } })
  expect(column(customers, 'score')).toMatchObject({ nativeType: 'decimal(12,2)', type: { kind: 'decimal', precision: 12, scale: 2 }, default: { kind: 'literal', value: 0 } })
  expect(column(customers, 'ratio').type).toEqual({ kind: 'float', bytes: 8 })
  expect(column(customers, 'weight').type).toEqual({ kind: 'float', bytes: 4 })
  expect(column(customers, 'created_at')).toMatchObject({ nativeType: 'datetime(6)', type: { kind: 'timestamp', tz: false }, default: { kind: 'now' } })
  expect(column(customers, 'updated_at')).toMatchObject({ nativeType: 'timestamp', type: { kind: 'timestamp', tz: true }, default: { kind: 'now' } })
  expect(column(customers, 'prefs')).toMatchObject({ nativeType: 'json', type: { kind: 'json' } })
  expect(column(customers, 'avatar').type).toEqual({ kind: 'binary' })
  expect(column(customers, 'since')).toMatchObject({ nativeType: 'year(4)', type: { kind: 'integer', min: 1901, max: 2155 } })
  expect(column(customers, 'flag')).toMatchObject({ nativeType: 'bit(1)', type: { kind: 'boolean' } })
  expect(column(customers, 'small')).toMatchObject({ nativeType: 'smallint(6)', default: { kind: 'literal', value: -5 } })
  expect(column(customers, 'medium')).toMatchObject({ nativeType: 'mediumint(8) unsigned', type: { kind: 'integer', bytes: 3, unsigned: true } })
  expect(column(customers, 'big')).toMatchObject({ nativeType: 'bigint(20) unsigned zerofill', type: { kind: 'integer', bytes: 8, unsigned: true } })
  expect(column(customers, 'tiny').nativeType).toBe('tinyint(4)')
  expect(column(customers, 'notes')).toMatchObject({ type: { kind: 'text' }, comment: 'free text' })
  expect(column(customers, 'fixedbin').type).toEqual({ kind: 'binary', maxLength: 4 })
  expect(customers.primaryKey?.columns).toEqual(['id'])
  expect(customers.uniques.map((u) => u.columns)).toEqual([['email']])
  // No json_valid CHECK survives for the json column; the two real CHECKs do.
  expect(customers.checks.map((c) => c.parsed)).toEqual([
    [{ kind: 'compare', column: 'score', op: '>=', value: 0 }],
    [{ kind: 'between', column: 'small', min: -100, max: 100 }],
  ])

  const categories = table(r, 'categories')
  expect(categories.foreignKeys).toEqual([
    expect.objectContaining({ columns: ['parent_id'], references: { table: 'categories', columns: ['id'] }, onDelete: 'set null', onUpdate: 'no action', deferrable: false }),
  ])
  expect(categories.uniques.map((u) => u.columns)).toEqual([['label']])

  const products = table(r, 'products')
  expect(column(products, 'price_with_tax')).toMatchObject({ generated: { stored: false }, nullable: true })
  expect(column(products, 'qty_x2').generated).toMatchObject({ stored: true })
  expect(column(products, 'qty_x2').generated?.expression.replace(/[\s()]/g, '')).toBe('`qty`*2')
  expect(products.checks.flatMap((c) => c.parsed)).toEqual(expect.arrayContaining([
    { kind: 'compare', column: 'price', op: '>', value: 0 },
    { kind: 'in', column: 'status', values: ['new', 'live', 'gone'] },
  ]))
  expect(products.foreignKeys[0]).toMatchObject({ name: 'fk_products_category', onUpdate: 'cascade', onDelete: 'no action' })
  expect(products.uniques.map((u) => u.columns)).toEqual([['status', 'sku']])

  const orders = table(r, 'orders')
  expect(column(orders, 'id').identity).toEqual({ kind: 'autoincrement' })
  expect(orders.uniques.map((u) => u.columns)).toEqual([['customer_id', 'ordered_on']])
  expect(orders.foreignKeys[0]).toMatchObject({ name: 'fk_orders_customer', columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'cascade', onUpdate: 'no action' })
  expect(orders.checks[0]?.parsed).toEqual([{ kind: 'columns', left: 'shipped_on', op: '>=', right: 'ordered_on' }])

  const items = table(r, 'order_items')
  expect(items.primaryKey?.columns).toEqual(['order_id', 'line_no'])
  expect(items.foreignKeys.map((f) => f.references.table).sort()).toEqual(['orders', 'products'])
  expect(items.checks[0]).toMatchObject({ parsed: [{ kind: 'compare', column: 'qty', op: '>', value: 0 }, { kind: 'compare', column: 'qty', op: '<=', value: 1000 }], fullyParsed: true })

  const audit = table(r, 'audit_log')
  expect(audit.columns.map((c) => c.name)).toEqual(['id', 'at', 'amount', 'who', 'payload']) // ADD COLUMN … AFTER at
  expect(column(audit, 'amount').default).toEqual({ kind: 'literal', value: 0 })
  expect(column(audit, 'who').default).toEqual({ kind: 'expression', sql: 'current_user()' })
  expect(audit.uniques.map((u) => u.columns)).toEqual([['at', 'who']])
}

describe('MySQL DDL parser: fixtures', () => {
  it('reads every construct of the hand-written fixture', async () => {
    const r = await parseFile(`${dir}/everything.sql`)
    expectEverything(r)
    const skipped = r.issues.map((i) => i.message)
    expect(skipped).toEqual(expect.arrayContaining([
      expect.stringMatching(/CREATE VIEW customer_emails skipped/),
      expect.stringMatching(/CREATE TRIGGER customers_bi skipped/),
      expect.stringMatching(/CREATE PROCEDURE noop skipped/),
    ]))
    const view = r.issues.find((i) => /VIEW/.test(i.message))
    expect(view?.location).toMatchObject({ file: `${dir}/everything.sql`, line: 104, column: 1 })
  })

  it('reads its mariadb-dump --no-data output (executable comments, DELIMITER ;;, sandbox line) to the same facts', async () => {
    expectEverything(await parseFile(`${dir}/everything.dump.sql`))
  })

  it('reads hostile names: keywords, backticks, quotes, spaces, unicode, leading digits', async () => {
    for (const file of [`${dir}/hostile-names.sql`, `${dir}/hostile-names.dump.sql`]) {
      const r = await parseFile(file)
      const order = table(r, 'order')
      expect(order.columns.map((c) => c.name)).toEqual(['select', 'a`b', 'with space', 'größe', '"dq"', '1st'])
      expect(column(order, 'a`b').default).toEqual({ kind: 'literal', value: "it's" })
      expect(order.uniques).toEqual([{ name: 'uq "weird" name', columns: ['a`b', 'größe'] }])
      const mixed = table(r, 'Mixed Case')
      expect(column(mixed, 'note\\path').default).toEqual({ kind: 'literal', value: 'back\\slash' })
      expect(mixed.foreignKeys[0]).toMatchObject({ name: 'fk "odd" name', references: { table: 'order', columns: ['select'] }, onDelete: 'cascade' })
      expect(mixed.checks[0]?.parsed).toEqual([{ kind: 'compare', column: 'note\\path', op: '<>', value: 'x;y' }])
      const t = table(r, 'table')
      expect(t.checks[0]?.parsed).toEqual([{ kind: 'in', column: 'check', values: ['a', "b'c"] }])
      expect(t.foreignKeys[0]?.references).toEqual({ table: 'Mixed Case', columns: ['Id'] })
    }
  })

  it('reads the employees sample schema (USE, source, views, SELECT noise)', async () => {
    const file = sharedFixture('employees-mysql.sql')
    const r = await parseFile(file)
    expect(r.model.tables.map((t) => t.name)).toEqual(['employees', 'departments', 'dept_manager', 'dept_emp', 'titles', 'salaries'])
    expect(column(table(r, 'employees'), 'gender')).toMatchObject({ nativeType: "enum('M','F')", type: { kind: 'enum', values: ['M', 'F'] } })
    expect(table(r, 'departments').uniques).toEqual([{ name: 'dept_name', columns: ['dept_name'] }])
    expect(table(r, 'dept_emp').foreignKeys.map((f) => [f.columns, f.references.table, f.onDelete])).toEqual([
      [['emp_no'], 'employees', 'cascade'],
      [['dept_no'], 'departments', 'cascade'],
    ])
    expect(table(r, 'titles').primaryKey?.columns).toEqual(['emp_no', 'title', 'from_date'])
    const messages = r.issues.map((i) => i.message)
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^USE employees skipped/),
      expect.stringMatching(/^source load_departments\.dump skipped/),
      expect.stringMatching(/^CREATE VIEW current_dept_emp skipped/),
    ]))
    expect(r.issues.find((i) => i.message.startsWith('source load_departments'))?.location?.line).toBe(113)
  })

  it('is what `tdg introspect --schema` detects for MySQL files', () => {
    for (const f of [`${dir}/everything.sql`, `${dir}/everything.dump.sql`, `${dir}/hostile-names.sql`, sharedFixture('employees-mysql.sql')]) {
      expect(detectDialect(readFileSync(f, 'utf8'))?.dialect, f).toBe('mysql')
    }
  })
})

describe('MySQL DDL parser: constructs', () => {
  it('types: synonyms, display widths, zerofill, SERIAL, BOOL, NUMERIC, DOUBLE PRECISION, national char', async () => {
    const r = await parseText(`CREATE TABLE t (
      a INTEGER, b INT(5) ZEROFILL, c BOOL, d NUMERIC(7), e DOUBLE PRECISION, f NATIONAL VARCHAR(10), g SERIAL,
      h ENUM ( 'x' , "y" ), i CHAR, j REAL, k FLOAT(30), l BIGINT UNSIGNED, m DEC(5,2), n LONG VARCHAR, o VARCHAR(10) BINARY
    )`)
    const types = Object.fromEntries(table(r, 't').columns.map((c) => [c.name, c.nativeType]))
    expect(types).toEqual({
      a: 'int(11)', b: 'int(5) unsigned zerofill', c: 'tinyint(1)', d: 'decimal(7,0)', e: 'double', f: 'varchar(10)', g: 'bigint(20) unsigned',
      h: "enum('x','y')", i: 'char(1)', j: 'double', k: 'double', l: 'bigint(20) unsigned', m: 'decimal(5,2)', n: 'mediumtext', o: 'varchar(10)',
    })
    const g = column(table(r, 't'), 'g')
    expect(g).toMatchObject({ nullable: false, identity: { kind: 'autoincrement' } })
    expect(table(r, 't').uniques).toEqual([{ name: 'g', columns: ['g'] }])
  })

  it('column attributes: inline PRIMARY KEY/KEY/UNIQUE/CHECK/REFERENCES, ON UPDATE, COMMENT, INVISIBLE, charset', async () => {
    const r = await parseText(`
      CREATE TABLE p (id INT KEY);
      CREATE TABLE c (
        id INT AUTO_INCREMENT PRIMARY KEY COMMENT 'the key',
        p_id INT NOT NULL REFERENCES p (id) ON DELETE RESTRICT,
        code VARCHAR(5) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL UNIQUE KEY,
        qty INT CONSTRAINT qty_pos CHECK (qty > 0),
        ts TIMESTAMP NULL DEFAULT NULL ON UPDATE CURRENT_TIMESTAMP,
        hidden INT INVISIBLE DEFAULT (1 + 1)
      );`)
    expect(table(r, 'p').primaryKey?.columns).toEqual(['id'])
    const c = table(r, 'c')
    expect(column(c, 'id')).toMatchObject({ comment: 'the key', identity: { kind: 'autoincrement' }, nullable: false })
    expect(c.foreignKeys).toEqual([expect.objectContaining({ name: 'c_ibfk_1', columns: ['p_id'], references: { table: 'p', columns: ['id'] }, onDelete: 'no action' })])
    expect(c.uniques).toEqual([{ name: 'code', columns: ['code'] }])
    expect(c.checks).toEqual([expect.objectContaining({ name: 'qty_pos', parsed: [{ kind: 'compare', column: 'qty', op: '>', value: 0 }] })])
    expect(column(c, 'ts').default).toBeUndefined()
    expect(column(c, 'hidden').default).toEqual({ kind: 'expression', sql: '1 + 1' })
  })

  it('ALTER TABLE: ADD/MODIFY/CHANGE/DROP/RENAME, composite FKs, CREATE/DROP INDEX, RENAME TABLE, DROP TABLE', async () => {
    const r = await parseText(`
      CREATE TABLE a (x INT NOT NULL, y INT NOT NULL, PRIMARY KEY (x, y)) ENGINE=InnoDB;
      CREATE TABLE b (id INT, ax INT, ay INT, junk INT, old_name INT);
      ALTER TABLE b ADD PRIMARY KEY (id), ADD CONSTRAINT fk_ab FOREIGN KEY (ax, ay) REFERENCES a (x, y) ON UPDATE CASCADE,
        MODIFY ax INT NOT NULL, CHANGE COLUMN old_name new_name VARCHAR(9) FIRST, DROP COLUMN junk, AUTO_INCREMENT = 5;
      ALTER TABLE b ADD COLUMN (n1 INT, n2 INT), ADD UNIQUE KEY uq_n (n1, n2), ALTER COLUMN n1 SET DEFAULT 7;
      CREATE UNIQUE INDEX uq_ay ON b (ay);
      CREATE INDEX plain ON b (ax);
      DROP INDEX uq_n ON b;
      CREATE TABLE gone (id INT);
      DROP TABLE IF EXISTS gone, never_there;
      RENAME TABLE b TO bee;
      ALTER TABLE bee RENAME COLUMN n2 TO n3, DISABLE KEYS;`)
    expect(r.model.tables.map((t) => t.name)).toEqual(['a', 'bee'])
    const b = table(r, 'bee')
    expect(b.columns.map((c) => c.name)).toEqual(['new_name', 'id', 'ax', 'ay', 'n1', 'n3'])
    expect(column(b, 'new_name').nativeType).toBe('varchar(9)')
    expect(column(b, 'ax').nullable).toBe(false)
    expect(column(b, 'id').nullable).toBe(false)
    expect(column(b, 'n1').default).toEqual({ kind: 'literal', value: 7 })
    expect(b.primaryKey?.columns).toEqual(['id'])
    expect(b.uniques).toEqual([{ name: 'uq_ay', columns: ['ay'] }])
    expect(b.foreignKeys).toEqual([expect.objectContaining({ name: 'fk_ab', columns: ['ax', 'ay'], references: { table: 'a', columns: ['x', 'y'] }, onUpdate: 'cascade' })])
  })

  it('forward FK references resolve at the end (dump order with FOREIGN_KEY_CHECKS=0); column names are case-insensitive', async () => {
    const r = await parseText(`SET FOREIGN_KEY_CHECKS=0;
      CREATE TABLE child (id INT PRIMARY KEY, parent_ID INT, FOREIGN KEY (Parent_Id) REFERENCES parent (ID));
      CREATE TABLE parent (id INT PRIMARY KEY);`)
    expect(table(r, 'child').foreignKeys[0]).toMatchObject({ columns: ['parent_ID'], references: { table: 'parent', columns: ['id'] } })
  })

  it('MyISAM drops FOREIGN KEY clauses as the server does, with an Issue', async () => {
    const r = await parseText('CREATE TABLE p (id INT PRIMARY KEY); CREATE TABLE c (p INT, FOREIGN KEY (p) REFERENCES p (id)) ENGINE=MyISAM;')
    expect(table(r, 'c').foreignKeys).toEqual([])
    expect(r.issues.map((i) => i.message)).toEqual([expect.stringMatching(/ENGINE=myisam does not keep foreign keys/)])
  })

  it('json: a user CHECK replaces MariaDB\'s json_valid (longtext), json_valid on longtext is json', async () => {
    const r = await parseText("CREATE TABLE j (a JSON, b JSON CHECK (b IS NOT NULL), c LONGTEXT CHECK (json_valid(c)), d JSON CHECK (json_valid(`d`)))")
    const t = table(r, 'j')
    expect(t.columns.map((c) => c.nativeType)).toEqual(['json', 'longtext', 'json', 'json'])
    expect(t.checks.map((c) => c.parsed)).toEqual([[{ kind: 'not-null', column: 'b' }]])
  })

  it('skips session noise quietly and reports data statements, USE, CREATE DATABASE, LOCK TABLES dumps', async () => {
    const r = await parseText(`/*!40101 SET NAMES utf8mb4 */;
      LOCK TABLES t WRITE; UNLOCK TABLES; START TRANSACTION; COMMIT;
      CREATE DATABASE IF NOT EXISTS shop; USE shop;
      CREATE TABLE t (id INT);
      INSERT INTO t VALUES (1), (2); INSERT INTO t VALUES (3);
      /*!40000 ALTER TABLE t DISABLE KEYS */;`)
    expect(r.model.tables.map((t) => t.name)).toEqual(['t'])
    expect(r.issues.map((i) => i.message)).toEqual([
      'CREATE DATABASE shop skipped: tables are read into one model',
      'USE shop skipped: tables are read into one model whatever database they name',
      '2 data statement(s) (INSERT/UPDATE/…) skipped: only the schema is read',
    ])
  })
})

describe('MySQL DDL parser: errors name file:line:column and the token', () => {
  it('a keyword typo', async () => {
    const e = await parseError('CREAT TABLE t (id INT);')
    expect(e.code).toBe('TDG_DDL_PARSE')
    expect(e.message).toBe('bad.sql:1:1: syntax error at or near "CREAT"')
  })
  it('a missing closing parenthesis points at the delimiter', async () => {
    const e = await parseError('CREATE TABLE t (\n  id INT,\n  name VARCHAR(10);\n')
    expect(e.message).toMatch(/^bad\.sql:3:19: syntax error at or near ";"/)
  })
  it('an unterminated string', async () => {
    const e = await parseError("CREATE TABLE t (\n  a VARCHAR(5) DEFAULT 'oops\n);")
    expect(e.message).toMatch(/^bad\.sql:2:24: unterminated quoted string at or near "'oops/)
  })
  it('an FK to a table that never appears', async () => {
    const e = await parseError('CREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLE b (a_id INT,\n  FOREIGN KEY (a_id) REFERENCES nope (id));')
    expect(e.message).toMatch(/^bad\.sql:3:\d+: .*"nope", which does not exist/)
  })
  it('a duplicate column, a duplicate table, an unknown column in a key', async () => {
    // Malformed length/precision modifiers are syntax errors, as the server has them (not `decimal(10,)`).
    expect((await parseError('CREATE TABLE t (\n  p DECIMAL(10,) NOT NULL);')).message).toBe('bad.sql:2:16: syntax error at or near ")" (expected a number in DECIMAL(…))')
    expect((await parseError('CREATE TABLE t (p decimal(,2));')).message).toBe('bad.sql:1:27: syntax error at or near "," (expected a number in DECIMAL(…))')
    expect((await parseError('CREATE TABLE t (s varchar());')).message).toBe('bad.sql:1:27: syntax error at or near ")" (expected a number in VARCHAR(…))')
    expect((await parseError('CREATE TABLE t (s varchar(a));')).message).toMatch(/^bad\.sql:1:27: syntax error at or near "a"/)
    expect((await parseError('CREATE TABLE t (p decimal(10 2));')).message).toMatch(/^bad\.sql:1:30: syntax error at or near "2"/)
    expect((await parseError('CREATE TABLE t (a INT,\n a INT);')).message).toMatch(/^bad\.sql:2:2: duplicate column name "a"/)
    expect((await parseError('CREATE TABLE t (a INT);\nCREATE TABLE t (a INT);')).message).toMatch(/^bad\.sql:2:14: table "t" already exists/)
    expect((await parseError('CREATE TABLE t (a INT, PRIMARY KEY (b));')).message).toMatch(/column "b" of table "t" does not exist/)
  })
  it('a broken DELIMITER block still reports where parsing stopped', async () => {
    const e = await parseError('DELIMITER //\nCREATE TABLE t (id INT)//\nDELIMITER ;\nCREATE TABEL u (id INT);')
    expect(e.message).toMatch(/^bad\.sql:4:8: syntax error at or near "TABEL"/)
  })
})
