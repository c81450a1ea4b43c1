import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseSqliteDdl } from '../../../adapters/sqlite/ddl.js'
import { splitStatements } from '../../../adapters/sqlite/split-statements.js'
import { isTdgError, type TdgError } from '../../../src/errors.js'
import type { Table } from '../../../src/model/schema.js'

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../../fixtures/sqlite/${name}`, import.meta.url)), 'utf8')

function table(tables: Table[], name: string): Table {
  const t = tables.find((x) => x.name === name)
  if (!t) throw new Error(`no table ${name}`)
  return t
}
const col = (t: Table, name: string) => t.columns.find((c) => c.name === name)

async function parseError(text: string, file?: string): Promise<TdgError> {
  try {
    await parseSqliteDdl(text, file === undefined ? {} : { file })
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error('expected a parse error')
}

describe('parseSqliteDdl: everything.sql', async () => {
  const { model, issues } = await parseSqliteDdl(fixture('everything.sql'), { file: 'everything.sql' })

  it('lists the tables by name, without views, triggers or sqlite_sequence', () => {
    expect(model.dialect).toBe('sqlite')
    expect(model.tables.map((t) => t.name)).toEqual(['categories', 'customers', 'order_lines', 'orders', 'products', 'stock', 'warehouses'])
    expect(model.enums).toEqual([])
    expect(model.domains).toEqual([])
  })

  it('maps declared types and keeps their spelling as nativeType', () => {
    const c = table(model.tables, 'customers')
    expect(col(c, 'email')).toMatchObject({ nativeType: 'VARCHAR(120)', type: { kind: 'string', maxLength: 120 }, nullable: false })
    expect(col(c, 'code')?.type).toEqual({ kind: 'string', maxLength: 8, fixed: true })
    expect(col(c, 'age')?.type).toEqual({ kind: 'integer', bytes: 4 })
    expect(col(c, 'vip')?.type).toEqual({ kind: 'boolean' })
    expect(col(c, 'created_at')?.type).toEqual({ kind: 'timestamp', tz: false })
    expect(col(c, 'birthday')?.type).toEqual({ kind: 'date' })
    expect(col(c, 'note')?.type).toEqual({ kind: 'text' })
    expect(col(c, 'external_id')?.type).toEqual({ kind: 'uuid' })
    expect(col(c, 'prefs')?.type).toEqual({ kind: 'json' })
    expect(col(c, 'avatar')?.type).toEqual({ kind: 'binary' })
    expect(col(c, 'misc')).toMatchObject({ nativeType: '', type: { kind: 'unknown', native: '' } })
    const p = table(model.tables, 'products')
    expect(col(p, 'price')).toMatchObject({ nativeType: 'DECIMAL(10, 2)', type: { kind: 'decimal', precision: 10, scale: 2 } })
    expect(col(p, 'sku')?.type).toEqual({ kind: 'string', maxLength: 32 })
    expect(col(p, 'weight_g')?.type).toEqual({ kind: 'integer', bytes: 3 })
    expect(col(p, 'tiny')?.type).toEqual({ kind: 'integer', bytes: 1 })
    expect(col(table(model.tables, 'orders'), 'total')?.type).toEqual({ kind: 'float', bytes: 8 })
    expect(col(table(model.tables, 'orders'), 'ship_time')?.type).toEqual({ kind: 'time' })
    expect(col(table(model.tables, 'categories'), 'name')?.type).toEqual({ kind: 'string', maxLength: 60 })
  })

  it('classifies defaults', () => {
    const c = table(model.tables, 'customers')
    expect(col(c, 'status')?.default).toEqual({ kind: 'literal', value: 'active' })
    expect(col(c, 'score')?.default).toEqual({ kind: 'literal', value: -1.5 })
    expect(col(c, 'vip')?.default).toEqual({ kind: 'literal', value: false })
    expect(col(c, 'created_at')?.default).toEqual({ kind: 'now' })
    expect(col(c, 'updated_at')?.default).toEqual({ kind: 'now' })
    expect(col(c, 'note')?.default).toEqual({ kind: 'literal', value: null })
    expect(col(c, 'prefs')?.default).toEqual({ kind: 'literal', value: '{}' })
    expect(col(c, 'email')?.default).toBeUndefined()
    expect(col(table(model.tables, 'orders'), 'ordered_on')?.default).toEqual({ kind: 'now' })
    expect(col(table(model.tables, 'products'), 'tiny')?.default).toEqual({ kind: 'literal', value: 16 })
  })

  it('marks AUTOINCREMENT and plain rowid aliases as identity, composite INTEGER keys not', () => {
    expect(col(table(model.tables, 'customers'), 'id')).toMatchObject({ identity: { kind: 'autoincrement' }, nullable: false })
    expect(col(table(model.tables, 'categories'), 'id')).toMatchObject({ identity: { kind: 'autoincrement' }, nullable: false })
    expect(col(table(model.tables, 'order_lines'), 'order_id')?.identity).toBeUndefined()
    expect(col(table(model.tables, 'stock'), 'product_id')?.identity).toBeUndefined()
  })

  it('reads WITHOUT ROWID and a named composite primary key', () => {
    const w = table(model.tables, 'warehouses')
    expect(w.withoutRowid).toBe(true)
    expect(w.primaryKey).toEqual({ name: 'warehouses_pk', columns: ['region', 'code'] })
    expect(table(model.tables, 'customers').withoutRowid).toBeUndefined()
    expect(table(model.tables, 'stock').primaryKey).toEqual({ columns: ['product_id', 'wh_region', 'wh_code'] })
  })

  it('reads generated VIRTUAL and STORED columns with their expressions', () => {
    const p = table(model.tables, 'products')
    expect(col(p, 'price_cents')?.generated).toEqual({ expression: 'CAST(price * 100 AS INTEGER)', stored: false })
    expect(col(p, 'label')?.generated).toEqual({ expression: "upper(sku) || '-' || id", stored: true })
    expect(col(p, 'price_cents')?.default).toBeUndefined()
    expect(col(p, 'sku')?.generated).toBeUndefined()
  })

  it('reads inline, table-level, composite, self and deferrable foreign keys in declaration order', () => {
    expect(table(model.tables, 'categories').foreignKeys).toEqual([
      { columns: ['parent_id'], references: { table: 'categories', columns: ['id'] }, onDelete: 'set null', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
    ])
    // `REFERENCES categories` without columns means the parent's primary key.
    expect(table(model.tables, 'products').foreignKeys[0]?.references).toEqual({ table: 'categories', columns: ['id'] })
    expect(table(model.tables, 'stock').foreignKeys).toEqual([
      { columns: ['product_id'], references: { table: 'products', columns: ['id'] }, onDelete: 'cascade', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
      { name: 'stock_wh_fk', columns: ['wh_region', 'wh_code'], references: { table: 'warehouses', columns: ['region', 'code'] }, onDelete: 'restrict', onUpdate: 'cascade', deferrable: true, initiallyDeferred: true },
    ])
    const lines = table(model.tables, 'order_lines').foreignKeys
    expect(lines.map((f) => [f.columns, f.references.table, f.deferrable, f.initiallyDeferred])).toEqual([
      [['order_id'], 'orders', true, false],
      [['product_id'], 'products', false, false],
    ])
  })

  it('reads UNIQUE constraints and unique indexes; partial and expression ones become Issues', () => {
    expect(table(model.tables, 'customers').uniques).toEqual([{ columns: ['email'] }, { name: 'customers_external_id_uq', columns: ['external_id'] }])
    expect(table(model.tables, 'categories').uniques).toEqual([{ columns: ['parent_id', 'name'] }])
    expect(table(model.tables, 'products').uniques).toEqual([{ name: 'products_sku_uq', columns: ['sku'] }])
    expect(issues.find((i) => i.code === 'INDEX_PARTIAL')?.message).toContain('customers_code_active_uq')
    expect(issues.find((i) => i.code === 'INDEX_EXPRESSION')?.message).toContain('customers_email_lower_uq')
  })

  it('extracts column- and table-level CHECKs with their parsed shapes', () => {
    expect(table(model.tables, 'customers').checks).toEqual([
      { expression: 'length(name) >= 2', parsed: [{ kind: 'length', column: 'name', op: '>=', value: 2 }], fullyParsed: true },
      { name: 'customers_status_in', expression: "status IN ('active', 'blocked', 'closed')", parsed: [{ kind: 'in', column: 'status', values: ['active', 'blocked', 'closed'] }], fullyParsed: true },
      { expression: 'age BETWEEN 18 AND 130', parsed: [{ kind: 'between', column: 'age', min: 18, max: 130 }], fullyParsed: true },
      { expression: "code LIKE 'C-%'", parsed: [{ kind: 'like', column: 'code', pattern: 'C-%' }], fullyParsed: true },
    ])
    const p = table(model.tables, 'products').checks
    expect(p[0]).toEqual({ expression: 'price <= list_price', parsed: [{ kind: 'columns', left: 'price', op: '<=', right: 'list_price' }], fullyParsed: true })
    expect(p[1]).toMatchObject({ name: 'products_price_pos', fullyParsed: true, parsed: [{ kind: 'compare', column: 'price', op: '>', value: 0 }, { kind: 'compare', column: 'list_price', op: '<', value: 100000 }] })
    // A ';' inside a string in a CHECK does not end the statement.
    // A disjunction of understood shapes is understood (the IS NULL branch left out: NULL passes a CHECK).
    expect(p[2]).toEqual({ expression: "sku NOT LIKE '%;%' OR weight_g IS NULL", parsed: [{ kind: 'or', branches: [[{ kind: 'like', column: 'sku', pattern: '%;%', negated: true }]] }], fullyParsed: true })
    expect(table(model.tables, 'order_lines').checks.map((c) => c.parsed)).toEqual([
      [{ kind: 'compare', column: 'line_no', op: '>', value: 0 }],
      [{ kind: 'compare', column: 'quantity', op: '<>', value: 0 }],
    ])
  })

  it('reports skipped objects, unknown types and unparsed CHECKs with file locations', () => {
    const view = issues.find((i) => i.code === 'OBJECT_SKIPPED' && i.message.startsWith('view'))
    expect(view).toMatchObject({ table: 'order_totals', location: { file: 'everything.sql', line: 94, column: 1 } })
    const trigger = issues.find((i) => i.code === 'OBJECT_SKIPPED' && i.message.startsWith('trigger'))
    expect(trigger).toMatchObject({ table: 'orders', location: { file: 'everything.sql', line: 97, column: 1 } })
    expect(trigger?.message).toContain('orders_touch')
    expect(issues.find((i) => i.code === 'TYPE_UNKNOWN')).toMatchObject({ table: 'customers', column: 'misc', location: { line: 5 } })
    expect(issues.filter((i) => i.code === 'CHECK_UNPARSED').map((i) => i.table)).toEqual([])
    expect(issues.find((i) => i.code === 'DDL_SKIPPED')).toMatchObject({ location: { line: 103, column: 1 } })
    expect(issues.find((i) => i.code === 'DDL_SKIPPED')?.message).toMatch(/^1 data statement/)
  })
})

describe('parseSqliteDdl: hostile-names.sql', async () => {
  const { model, issues } = await parseSqliteDdl(fixture('hostile-names.sql'))

  it('keeps keywords, quotes, spaces and unicode in names', () => {
    expect(model.tables.map((t) => t.name)).toEqual(['order', 'with space', '顧客'])
    expect(table(model.tables, 'order').columns.map((c) => c.name)).toEqual(['select', 'a"b', 'with space', 'größe', 'from'])
    expect(col(table(model.tables, 'order'), 'with space')?.default).toEqual({ kind: 'literal', value: "it's" })
    expect(table(model.tables, 'with space').primaryKey).toEqual({ columns: ['x;y'] })
    expect(table(model.tables, '顧客').uniques).toEqual([{ columns: ['名前'] }])
  })

  it('reads FKs and CHECKs between hostile names', () => {
    expect(table(model.tables, '顧客').foreignKeys).toEqual([
      { columns: ['order'], references: { table: 'order', columns: ['select'] }, onDelete: 'set null', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
      { name: 'weird "fk"', columns: ['a"b'], references: { table: 'with space', columns: ['x;y'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
    ])
    expect(table(model.tables, 'order').checks).toEqual([{ expression: '[größe] > 0', parsed: [{ kind: 'compare', column: 'größe', op: '>', value: 0 }], fullyParsed: true }])
    expect(table(model.tables, 'with space').checks[0]?.parsed).toEqual([{ kind: 'in', column: 'select', values: ['a;b', "c'd"] }])
    expect(issues).toEqual([])
  })
})

describe('parseSqliteDdl: errors point at the token SQLite names', () => {
  it('a misspelt keyword', async () => {
    const e = await parseError('CREATE TABLE a (x INT);\n\n  CREATE TABL foo (a);\n', 'schema.sql')
    expect(e.code).toBe('TDG_DDL_PARSE')
    expect(e.message).toBe('schema.sql:3:10: near "TABL": syntax error')
    expect(e.details).toEqual({ file: 'schema.sql', line: 3, column: 10, token: 'TABL' })
  })

  it('the right occurrence of a repeated token', async () => {
    const e = await parseError('CREATE TABLE a (x INT, y TEXT CHECK (x > (1)) ( );')
    // The third "(" is the culprit, not the first.
    expect(e.message).toBe('1:47: near "(": syntax error')
    const e2 = await parseError('CREATE TABLE t (\n  a INT,\n  b INT,,\n  c INT\n);', 'f.sql')
    expect(e2.message).toBe('f.sql:3:9: near ",": syntax error')
  })

  it('semantic errors at the name, incomplete input at the end', async () => {
    expect((await parseError('CREATE TABLE a (x INT);\nCREATE INDEX i ON nope (x);', 'f.sql')).message).toBe('f.sql:2:19: no such table: main.nope')
    expect((await parseError('CREATE TABLE a (x INT);\nCREATE TABLE a (y INT);', 'f.sql')).message).toBe('f.sql:2:14: table a already exists')
    expect((await parseError('CREATE TABLE a (x INT,\n FOREIGN KEY (nope) REFERENCES b);', 'f.sql')).message).toBe('f.sql:2:15: unknown column "nope" in foreign key definition')
    expect((await parseError('CREATE TABLE a (x INT', 'f.sql')).message).toBe('f.sql:1:22: incomplete input')
  })

  it('an unterminated string, on one line', async () => {
    const e = await parseError('CREATE TABLE a (\n  x INT,\n  y TEXT,\n  z \'abc\n);', 'f.sql')
    expect(e.message).toBe('f.sql:4:5: unrecognized token: "\'abc );"')
    expect(e.details).toMatchObject({ line: 4, column: 5 })
  })
})

describe('parseSqliteDdl: statements it does not run', () => {
  it('skips dot-commands, ATTACH and temporary tables with an Issue each', async () => {
    const { model, issues } = await parseSqliteDdl(".mode csv\nCREATE TABLE a (x INT);\nATTACH 'other.db' AS o;\nCREATE TEMP TABLE tt (a);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);", { file: 'f.sql' })
    expect(model.tables.map((t) => t.name)).toEqual(['a'])
    expect(issues.map((i) => [i.code, i.location?.line])).toEqual([
      ['DDL_SKIPPED', 1],
      ['DDL_SKIPPED', 3],
      ['DDL_SKIPPED', 4],
      ['DDL_SKIPPED', 5],
    ])
    expect(issues[3]?.message).toMatch(/^2 data statement/)
  })

  it('a data statement with an FK violation does not fail the schema', async () => {
    const { model } = await parseSqliteDdl('CREATE TABLE p (id INTEGER PRIMARY KEY);\nCREATE TABLE c (p INT REFERENCES p);\nINSERT INTO c VALUES (42);')
    expect(model.tables.map((t) => t.name)).toEqual(['c', 'p'])
  })

  it('reports an FK to a missing table as FK_UNRESOLVED and keeps it (the planner refuses or writes NULL)', async () => {
    const { model, issues } = await parseSqliteDdl('CREATE TABLE c (id INTEGER PRIMARY KEY, p INT REFERENCES ghost (id));')
    expect(model.tables[0]?.foreignKeys).toMatchObject([{ columns: ['p'], references: { table: 'ghost', columns: ['id'] } }])
    expect(issues).toMatchObject([{ code: 'FK_UNRESOLVED', table: 'c' }])
  })
})

describe('parseSqliteDdl: SQLite specifics', () => {
  it('skips virtual tables (with an Issue) and their shadow tables (silently)', async () => {
    const { model, issues } = await parseSqliteDdl('CREATE VIRTUAL TABLE docs USING fts5(title, body);\nCREATE TABLE t (id INTEGER PRIMARY KEY);', { file: 'f.sql' })
    expect(model.tables.map((t) => t.name)).toEqual(['t'])
    expect(issues).toEqual([{ code: 'OBJECT_SKIPPED', message: 'virtual table docs skipped: its module owns the storage', table: 'docs', location: { file: 'f.sql', line: 1, column: 1 } }])
  })

  it('reports what SQLite enforces for key nullability', async () => {
    const { model } = await parseSqliteDdl([
      'CREATE TABLE desc_pk (id INTEGER PRIMARY KEY DESC, v INT);', // documented quirk: not a rowid alias
      'CREATE TABLE text_pk (k TEXT PRIMARY KEY);', // rowid table: NULL allowed in the PK
      'CREATE TABLE strict_pk (k TEXT PRIMARY KEY, v ANY) STRICT;',
      'CREATE TABLE int_pk (id INT PRIMARY KEY);', // INT is not INTEGER: no rowid alias
    ].join('\n'))
    const byName = (n: string) => model.tables.find((t) => t.name === n)?.columns[0]
    expect(byName('desc_pk')).toMatchObject({ nullable: true })
    expect(byName('desc_pk')?.identity).toBeUndefined()
    expect(byName('text_pk')).toMatchObject({ nullable: true })
    expect(byName('strict_pk')).toMatchObject({ nullable: false })
    expect(model.tables.find((t) => t.name === 'strict_pk')?.columns[1]?.type).toEqual({ kind: 'unknown', native: 'ANY' })
    expect(byName('int_pk')?.identity).toBeUndefined()
  })

  it('names constraints declared with CONSTRAINT, in every position', async () => {
    const { model } = await parseSqliteDdl([
      'CREATE TABLE p (a INT, b INT, CONSTRAINT p_pk PRIMARY KEY (a, b));',
      'CREATE TABLE c (x INT CONSTRAINT c_x_uq UNIQUE CONSTRAINT c_x_pos CHECK (x > 0), y INT, z INT,',
      '  CONSTRAINT c_p_fk FOREIGN KEY (y, z) REFERENCES p NOT DEFERRABLE,',
      '  CONSTRAINT c_yz_uq UNIQUE (y, z), CONSTRAINT c_y_ne_z CHECK (y <> z));',
    ].join('\n'))
    const c = model.tables.find((t) => t.name === 'c')
    expect(model.tables.find((t) => t.name === 'p')?.primaryKey).toEqual({ name: 'p_pk', columns: ['a', 'b'] })
    expect(c?.uniques).toEqual([{ name: 'c_x_uq', columns: ['x'] }, { name: 'c_yz_uq', columns: ['y', 'z'] }])
    expect(c?.checks.map((k) => [k.name, k.parsed])).toEqual([
      ['c_x_pos', [{ kind: 'compare', column: 'x', op: '>', value: 0 }]],
      ['c_y_ne_z', [{ kind: 'columns', left: 'y', op: '<>', right: 'z' }]],
    ])
    expect(c?.foreignKeys).toEqual([
      { name: 'c_p_fk', columns: ['y', 'z'], references: { table: 'p', columns: ['a', 'b'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
    ])
  })
})

describe('splitStatements', () => {
  it('keeps trigger bodies (with CASE … END) and quoted semicolons together', () => {
    const sql = [
      "CREATE TABLE \"x;y\" (a TEXT DEFAULT ';', b);",
      'CREATE TRIGGER t AFTER INSERT ON "x;y" BEGIN',
      "  UPDATE \"x;y\" SET b = CASE WHEN new.a = 'END' THEN 1 ELSE 2 END;",
      '  SELECT 1; -- END; in a comment',
      'END;',
      '/* ; */ CREATE INDEX i ON "x;y" (a);',
    ].join('\n')
    const parts = [...splitStatements(sql)]
    expect(parts.map((p) => p.text.split(' ').slice(0, 2).join(' '))).toEqual(['CREATE TABLE', 'CREATE TRIGGER', 'CREATE INDEX'])
    expect(parts[1]?.text.endsWith('END')).toBe(true)
    expect(parts[2]?.start).toBe(sql.indexOf('CREATE INDEX'))
  })
})
