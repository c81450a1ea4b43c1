/**
 * `SqlDialect.renderSchema` as text, per target dialect, from hand-built models of every source
 * dialect: types from logical types (native text when source = target), identities, keys, FK order and
 * cycles, enums, defaults, CHECKs re-rendered from shapes, schemas, and the notes for what is lost.
 * (Executed on real databases in test/adapters/render-ddl.test.ts; SQL Server is verified here only.)
 */
import { describe, expect, it } from 'vitest'
import type { Column, LogicalType, SchemaModel, Table } from '../../../src/model/schema.js'
import type { RenderedSchema, SqlDialect } from '../../../src/adapter/adapter.js'
import { postgresDialect } from '../../../adapters/postgres/dialect.js'
import { mysqlDialect } from '../../../adapters/mysql/dialect.js'
import { sqliteDialect } from '../../../adapters/sqlite/dialect.js'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import { isNullColumns } from '../../../src/adapter/render-check.js'

const col = (name: string, type: LogicalType, extra: Partial<Column> = {}): Column => ({ name, nativeType: extra.nativeType ?? type.kind, type, nullable: true, ...extra })
const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({ name, columns, uniques: [], foreignKeys: [], checks: [], ...extra })
const fk = (columns: string[], tableName: string, refColumns: string[], extra: Partial<Table['foreignKeys'][number]> = {}) => ({
  columns,
  references: { table: tableName, columns: refColumns },
  onDelete: 'no action' as const,
  onUpdate: 'no action' as const,
  deferrable: false,
  initiallyDeferred: false,
  ...extra,
})

/** A PostgreSQL-read model with the constructs that differ most between dialects. */
function pgModel(): SchemaModel {
  return {
    dialect: 'postgres',
    enums: [{ schema: 'public', name: 'status', values: ['new', "it's done"] }],
    domains: [],
    tables: [
      table(
        'customers',
        [
          col('id', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', nullable: false, identity: { kind: 'always', start: 1, increment: 1 } }),
          col('email', { kind: 'string', maxLength: 254 }, { nativeType: 'character varying(254)', nullable: false }),
          col('uid', { kind: 'uuid' }, { nativeType: 'uuid', default: { kind: 'expression', sql: 'gen_random_uuid()' } }),
          col('tags', { kind: 'array', element: { kind: 'text' } }, { nativeType: 'text[]' }),
          col('profile', { kind: 'json', binary: true }, { nativeType: 'jsonb' }),
          col('seen', { kind: 'timestamp', tz: true }, { nativeType: 'timestamp with time zone', nullable: false, default: { kind: 'now' } }),
          col('status', { kind: 'enum', values: ['new', "it's done"], name: 'status' }, { nativeType: 'status', default: { kind: 'literal', value: 'new' } }),
          col('span', { kind: 'interval' }, { nativeType: 'interval' }),
          col('age', { kind: 'integer', bytes: 2 }, { nativeType: 'smallint' }),
          col('double_age', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', generated: { expression: 'age * 2', stored: true } }),
          col('best_order', { kind: 'integer', bytes: 4 }, { nativeType: 'integer' }),
        ],
        {
          primaryKey: { name: 'customers_pkey', columns: ['id'] },
          uniques: [{ name: 'customers_email_key', columns: ['email'] }],
          checks: [
            { name: 'c_age', expression: 'age BETWEEN 18 AND 130', parsed: [{ kind: 'between', column: 'age', min: 18, max: 130 }], fullyParsed: true },
            { name: 'c_email', expression: "email ~ '^[^@]+@'", parsed: [], fullyParsed: false },
            { name: 'c_mixed', expression: "age > 0 AND email ~ 'x'", parsed: [{ kind: 'compare', column: 'age', op: '>', value: 0 }], fullyParsed: false },
            { name: 'c_or', expression: "email LIKE '%@%' OR age IS NULL", parsed: [{ kind: 'or', branches: [[{ kind: 'like', column: 'email', pattern: '%@%' }]] }], fullyParsed: true },
          ],
          foreignKeys: [fk(['best_order'], 'orders', ['id'], { name: 'customers_best_order_fkey', references: { schema: 'public', table: 'orders', columns: ['id'] } })],
        },
      ),
      table(
        'orders',
        [
          col('id', { kind: 'integer', bytes: 8 }, { nativeType: 'bigint', nullable: false, identity: { kind: 'by-default', start: 100, increment: 10 } }),
          col('customer_id', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', nullable: false }),
          col('total', { kind: 'decimal', precision: 10, scale: 2 }, { nativeType: 'numeric(10,2)', default: { kind: 'literal', value: 0 } }),
        ],
        {
          primaryKey: { columns: ['id'] },
          foreignKeys: [fk(['customer_id'], 'customers', ['id'], { onDelete: 'cascade', deferrable: true, initiallyDeferred: true })],
        },
      ),
      table(
        'lines',
        [
          col('order_id', { kind: 'integer', bytes: 8 }, { nativeType: 'bigint', nullable: false }),
          col('line_no', { kind: 'integer', bytes: 2 }, { nativeType: 'smallint', nullable: false }),
          col('note', { kind: 'text' }, { nativeType: 'text' }),
        ],
        { primaryKey: { columns: ['order_id', 'line_no'] }, foreignKeys: [fk(['order_id'], 'orders', ['id'], { onDelete: 'restrict' })] },
      ),
      table(
        'shipments',
        [
          col('order_id', { kind: 'integer', bytes: 8 }, { nativeType: 'bigint', nullable: false }),
          col('line_no', { kind: 'integer', bytes: 2 }, { nativeType: 'smallint', nullable: false }),
          col('code', { kind: 'text' }, { nativeType: 'text', nullable: false }),
        ],
        { schema: 'audit', uniques: [{ columns: ['code'] }], foreignKeys: [fk(['order_id', 'line_no'], 'lines', ['order_id', 'line_no'], { references: { schema: 'public', table: 'lines', columns: ['order_id', 'line_no'] }, onDelete: 'set default' })] },
      ),
      table('customers', [col('id', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', nullable: false })], { schema: 'audit', primaryKey: { columns: ['id'] } }),
    ],
  }
}

function render(d: SqlDialect, m: SchemaModel): RenderedSchema & { sql: string; messages: string[] } {
  const r = d.renderSchema!(m)
  return { ...r, sql: r.statements.join(';\n'), messages: r.notes.map((n) => n.message) }
}

const create = (r: { statements: string[] }, name: string) => r.statements.find((s) => s.startsWith('CREATE TABLE') && s.split('\n')[0]!.includes(name)) ?? ''

describe('renderSchema → PostgreSQL', () => {
  it('same dialect: native types, enum types, ALWAYS identity kept, constraint names, CHECK text as written', () => {
    const r = render(postgresDialect, pgModel())
    expect(r.statements[0]).toBe('CREATE SCHEMA IF NOT EXISTS "audit"')
    expect(r.statements[1]).toBe(`CREATE TYPE "status" AS ENUM ('new', 'it''s done')`)
    const c = create(r, 'CREATE TABLE "customers"')
    expect(c).toContain('"id" integer GENERATED ALWAYS AS IDENTITY NOT NULL')
    expect(c).toContain('"uid" uuid DEFAULT (gen_random_uuid())')
    expect(c).toContain('"seen" timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL')
    expect(c).toContain(`"status" status DEFAULT 'new'`)
    expect(c).toContain('"double_age" integer GENERATED ALWAYS AS (age * 2) STORED')
    expect(c).toContain(`CONSTRAINT "c_email" CHECK (email ~ '^[^@]+@')`)
    expect(c).toContain('CONSTRAINT "customers_pkey" PRIMARY KEY ("id")')
    expect(create(r, '"orders"')).toContain('"id" bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY 10) NOT NULL')
    expect(r.notes).toEqual([])
  })

  it('the FK cycle customers ⇄ orders: parents first, the FK that closes the cycle as ALTER TABLE after all tables', () => {
    const r = render(postgresDialect, pgModel())
    const creates = r.statements.filter((s) => s.startsWith('CREATE TABLE'))
    const alters = r.statements.filter((s) => s.startsWith('ALTER TABLE'))
    expect(creates.map((s) => s.split(' (')[0])).toEqual(['CREATE TABLE "orders"', 'CREATE TABLE "customers"', 'CREATE TABLE "lines"', 'CREATE TABLE "audit"."shipments"', 'CREATE TABLE "audit"."customers"'])
    expect(create(r, '"customers"')).toContain('CONSTRAINT "customers_best_order_fkey" FOREIGN KEY ("best_order") REFERENCES "orders" ("id")')
    expect(alters).toEqual(['ALTER TABLE "orders" ADD FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED'])
    expect(r.statements.indexOf(alters[0]!)).toBeGreaterThan(r.statements.indexOf(creates[4]!))
    expect(create(r, '"audit"."shipments"')).toContain('FOREIGN KEY ("order_id", "line_no") REFERENCES "lines" ("order_id", "line_no") ON DELETE SET DEFAULT')
  })

  it('from MySQL: inline ENUM → CREATE TYPE <table>_<column>, unsigned widened, SET → text with a note', () => {
    const m: SchemaModel = {
      dialect: 'mysql',
      enums: [],
      domains: [],
      tables: [
        table('emp', [
          col('id', { kind: 'integer', bytes: 4, unsigned: true }, { nativeType: 'int(10) unsigned', nullable: false, identity: { kind: 'autoincrement' } }),
          col('gender', { kind: 'enum', values: ['M', 'F'] }, { nativeType: "enum('M','F')", nullable: false }),
          col('perms', { kind: 'set', values: ['r', 'w'] }, { nativeType: "set('r','w')" }),
          col('big', { kind: 'integer', bytes: 8, unsigned: true }, { nativeType: 'bigint(20) unsigned' }),
          col('flag', { kind: 'boolean' }, { nativeType: 'tinyint(1)', default: { kind: 'literal', value: 1 } }),
          col('at', { kind: 'timestamp', tz: false }, { nativeType: 'datetime', default: { kind: 'now' } }),
          col('hash', { kind: 'binary', maxLength: 16 }, { nativeType: 'binary(16)' }),
        ], { primaryKey: { name: 'PRIMARY', columns: ['id'] } }),
      ],
    }
    const r = render(postgresDialect, m)
    expect(r.statements[0]).toBe(`CREATE TYPE "emp_gender" AS ENUM ('M', 'F')`)
    const c = create(r, '"emp"')
    expect(c).toContain('"id" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL')
    expect(c).toContain('"gender" "emp_gender" NOT NULL')
    expect(c).toContain('"perms" text')
    expect(c).toContain('"big" numeric(20,0)')
    expect(c).toContain('"flag" boolean DEFAULT TRUE')
    expect(c).toContain('"at" timestamp without time zone DEFAULT CURRENT_TIMESTAMP')
    expect(c).toContain('PRIMARY KEY ("id")')
    expect(c).not.toContain('CONSTRAINT')
    expect(r.messages).toEqual([
      "emp.perms: SET(r,w) → text: the comma-separated value is kept, its labels are not checked",
      'emp.big: unsigned 64-bit integer → numeric(20,0)',
      'emp.hash: binary(16) → bytea: the length limit is not enforced',
    ])
  })
})

describe('renderSchema → SQLite', () => {
  it('from PostgreSQL: rowid identity, enum CHECK, arrays/intervals noted, CHECKs from shapes, schemas dropped, clashing names renamed, FKs inline', () => {
    const r = render(sqliteDialect, pgModel())
    expect(r.statements.some((s) => s.startsWith('ALTER') || s.startsWith('CREATE SCHEMA'))).toBe(false)
    const c = create(r, '"customers"')
    expect(c).toContain('"id" INTEGER PRIMARY KEY NOT NULL')
    expect(c).not.toContain('PRIMARY KEY ("id")')
    expect(c).toContain('"uid" UUID,')
    expect(c).toContain('"tags" JSON,')
    expect(c).toContain('"seen" TIMESTAMPTZ DEFAULT CURRENT_TIMESTAMP NOT NULL')
    expect(c).toContain(`"status" TEXT DEFAULT 'new'`)
    expect(c).toContain(`CHECK ("status" IN ('new', 'it''s done'))`)
    expect(c).toContain('"double_age" INT,')
    expect(c).toContain('CHECK ("age" BETWEEN 18 AND 130)')
    expect(c).toContain('CHECK ("age" > 0)')
    expect(c).toContain(`CHECK (("email" LIKE '%@%') OR "age" IS NULL)`)
    expect(c).toContain('FOREIGN KEY ("best_order") REFERENCES "orders" ("id")')
    expect(create(r, '"orders"')).toContain('FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED')
    expect(create(r, '"shipments"')).toContain('FOREIGN KEY ("order_id", "line_no") REFERENCES "lines" ("order_id", "line_no") ON DELETE SET DEFAULT')
    expect(create(r, '"audit_customers"')).toContain('"id" INT NOT NULL')
    expect(r.messages).toEqual([
      'schema audit not carried over to sqlite (no schemas): its tables go to the one namespace',
      'audit.customers renamed to audit_customers: another table of that name exists in sqlite\'s namespace',
      'customers.uid: DEFAULT gen_random_uuid() not carried over to sqlite',
      'customers.tags: array → JSON (a JSON array)',
      'customers.span: interval → TEXT',
      'customers.double_age: generated column (age * 2) becomes a plain nullable column in sqlite: it holds the values the clone copies and is not recomputed',
      "customers.CHECK (email ~ '^[^@]+@') not carried over to sqlite",
      "customers.CHECK (age > 0 AND email ~ 'x') only partly carried over to sqlite (the parts tdg understands)",
    ])
    for (const n of r.notes) expect(n.code).toBe('DDL_LOSSY')
    expect(r.notes.find((n) => n.message.startsWith('customers.tags'))).toMatchObject({ table: 'customers', column: 'tags' })
  })

  it('same dialect: declared types, WITHOUT ROWID and CHECK text as written', () => {
    const m: SchemaModel = {
      dialect: 'sqlite',
      enums: [],
      domains: [],
      tables: [
        table('kv', [col('k', { kind: 'text' }, { nativeType: 'TEXT', nullable: false }), col('v', { kind: 'unknown', native: '' }, { nativeType: '' })], {
          primaryKey: { columns: ['k'] },
          withoutRowid: true,
          checks: [{ expression: "k GLOB '[a-z]*'", parsed: [], fullyParsed: false }],
        }),
      ],
    }
    const r = render(sqliteDialect, m)
    expect(r.statements).toEqual([`CREATE TABLE "kv" (\n  "k" TEXT NOT NULL,\n  "v" ,\n  PRIMARY KEY ("k"),\n  CHECK (k GLOB '[a-z]*')\n) WITHOUT ROWID`])
  })
})

describe('renderSchema → MySQL/MariaDB', () => {
  it('from PostgreSQL: AUTO_INCREMENT, inline ENUM, datetime(6), char(36) uuids, unbounded text in keys as varchar(255), SET DEFAULT dropped', () => {
    const r = render(mysqlDialect, pgModel())
    const c = create(r, '`customers`')
    expect(c).toContain('`id` int AUTO_INCREMENT NOT NULL')
    expect(c).toContain('`uid` char(36),')
    expect(c).toContain('`seen` datetime(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL')
    expect(c).toContain("`status` enum('new','it''s done') DEFAULT 'new'")
    expect(c).toContain('`tags` json,')
    expect(c).toMatch(/\) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4$/)
    expect(create(r, '`audit_customers`')).toContain('`id` int NOT NULL')
    const s = create(r, '`shipments`')
    expect(s).toContain('`code` varchar(255) NOT NULL')
    expect(s).not.toContain('SET DEFAULT')
    expect(r.messages).toContain('audit.shipments: FOREIGN KEY (order_id, line_no) ON DELETE SET DEFAULT not carried over to mysql (NO ACTION instead)')
    expect(r.messages).toContain('audit.shipments.code: text in a key → varchar(255) (InnoDB indexes no unbounded text): longer values do not fit')
    expect(r.messages).toContain('customers.seen: timestamp with time zone → datetime(6): stored without a zone')
    expect(r.messages).toContain('orders: FOREIGN KEY (customer_id) is DEFERRABLE in the source; mysql checks it per statement')
    expect(r.statements.filter((x) => x.startsWith('ALTER TABLE'))).toEqual(['ALTER TABLE `orders` ADD FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE'])
  })

  it('an FK column takes the referenced column numeric type (InnoDB needs equal types), with a note', () => {
    const r = render(mysqlDialect, pgModel())
    // lines.order_id bigint → orders.id bigint: equal; customers.best_order integer → orders.id bigint: changed.
    expect(create(r, '`customers`')).toContain('`best_order` bigint,')
    expect(r.messages).toContain('customers.best_order: int → bigint, the type of the referenced orders.id (mysql needs equal types on both sides of an FK)')
  })
})

describe('renderSchema → SQL Server (rendered text only: no server here)', () => {
  it('from PostgreSQL: IDENTITY(start,inc), schemas created by EXEC, nvarchar, enum CHECK, RESTRICT dropped, len() in CHECKs', () => {
    const r = render(mssqlDialect, pgModel())
    expect(r.statements[0]).toBe("IF SCHEMA_ID(N'audit') IS NULL EXEC(N'CREATE SCHEMA [audit]')")
    const c = create(r, '[dbo].[customers]')
    expect(c).toContain('[id] int IDENTITY(1,1) NOT NULL')
    expect(c).toContain('[email] nvarchar(254) NOT NULL')
    expect(c).toContain('[uid] uniqueidentifier,')
    expect(c).toContain('[seen] datetimeoffset(7) DEFAULT SYSDATETIMEOFFSET() NOT NULL')
    expect(c).toContain("[status] nvarchar(9) DEFAULT N'new'")
    expect(c).toContain("CHECK ([status] IN (N'new', N'it''s done'))")
    expect(c).toContain('CHECK ([age] BETWEEN 18 AND 130)')
    expect(create(r, '[dbo].[orders]')).toContain('[id] bigint IDENTITY(100,10) NOT NULL')
    expect(create(r, '[audit].[customers]')).toContain('PRIMARY KEY ([id])')
    expect(create(r, '[audit].[shipments]')).toContain('[code] nvarchar(450) NOT NULL')
    expect(r.messages).toContain('lines: FOREIGN KEY (order_id) ON DELETE RESTRICT not carried over to mssql (NO ACTION instead)')
    expect(r.messages).toContain('customers.profile: json → nvarchar(max) (JSON text, not validated)')
    // NOT NULL email: a plain UNIQUE; nullable columns: a filtered index, so many NULLs stay allowed as in the source.
    expect(c).toContain('UNIQUE ([email])')
  })

  it('same dialect: native types, computed columns PERSISTED', () => {
    const m: SchemaModel = {
      dialect: 'mssql',
      enums: [],
      domains: [],
      tables: [
        table('T', [
          col('Id', { kind: 'integer', bytes: 4 }, { nativeType: 'int', nullable: false, identity: { kind: 'autoincrement', start: 5, increment: 2 } }),
          col('Name', { kind: 'string', maxLength: 40 }, { nativeType: 'nvarchar(40)', default: { kind: 'expression', sql: "N'x' + N'y'" } }),
          col('Up', { kind: 'string', maxLength: 40 }, { nativeType: 'nvarchar(40)', generated: { expression: 'upper([Name])', stored: true } }),
        ], { schema: 'dbo', primaryKey: { name: 'PK_T', columns: ['Id'] } }),
      ],
    }
    const c = render(mssqlDialect, m).statements[0]!
    expect(c).toContain('[Id] int IDENTITY(5,2) NOT NULL')
    expect(c).toContain("[Name] nvarchar(40) DEFAULT (N'x' + N'y')")
    expect(c).toContain('[Up] nvarchar(40) AS (upper([Name])) PERSISTED')
    expect(c).toContain('CONSTRAINT [PK_T] PRIMARY KEY ([Id])')
  })
})

describe('renderSchema from each source dialect', () => {
  const sources: SchemaModel['dialect'][] = ['postgres', 'mysql', 'sqlite', 'mssql']
  const targets = [postgresDialect, mysqlDialect, sqliteDialect, mssqlDialect]
  for (const source of sources) {
    it(`${source} → every target: one CREATE TABLE per table, parents first`, () => {
      const m: SchemaModel = {
        dialect: source,
        enums: [],
        domains: [],
        tables: [
          table('child', [col('id', { kind: 'integer', bytes: 4 }, { nativeType: 'int', nullable: false }), col('p', { kind: 'string', maxLength: 10 }, { nativeType: 'varchar(10)' })], {
            primaryKey: { columns: ['id'] },
            foreignKeys: [fk(['p'], 'parent', ['code'])],
          }),
          table('parent', [col('code', { kind: 'string', maxLength: 10 }, { nativeType: 'varchar(10)', nullable: false })], { primaryKey: { columns: ['code'] } }),
        ],
      }
      for (const d of targets) {
        const r = d.renderSchema!(m)
        const creates = r.statements.filter((s) => s.startsWith('CREATE TABLE'))
        expect(creates, `${source} → ${d.id}`).toHaveLength(2)
        expect(creates[0], `${source} → ${d.id}`).toContain(d.qualify({ name: 'parent' }))
        expect(creates[1], `${source} → ${d.id}`).toContain(`REFERENCES ${d.qualify({ name: 'parent' })} (${d.quoteIdent('code')})`)
        expect(r.notes, `${source} → ${d.id}`).toEqual([])
      }
    })
  }
})

describe('isNullColumns', () => {
  it('finds the columns tested with IS NULL in any quoting, not IS NOT NULL', () => {
    expect(isNullColumns('a > 0 OR "b c" IS NULL OR `d` is null OR [e] IS NULL OR f IS NOT NULL OR (g) IS NULL')).toEqual(['b c', 'd', 'e', 'g'])
  })
})

describe('renderSchema edge cases', () => {
  it('SQL Server: a UNIQUE over nullable columns becomes a filtered unique index (one NULL only otherwise)', () => {
    const m: SchemaModel = {
      dialect: 'postgres',
      enums: [],
      domains: [],
      tables: [table('s', [col('a', { kind: 'integer', bytes: 4 }, { nullable: false }), col('b', { kind: 'string', maxLength: 9 })], { schema: 'public', uniques: [{ columns: ['a', 'b'] }] })],
    }
    const r = render(mssqlDialect, m)
    expect(r.statements[0]).not.toContain('UNIQUE')
    expect(r.statements[1]).toBe('CREATE UNIQUE INDEX [s_a_b_key] ON [dbo].[s] ([a], [b]) WHERE [b] IS NOT NULL')
    expect(r.notes).toEqual([])
  })

  it('PostgreSQL: an inline enum type never takes a table name (a table has a row type of its name)', () => {
    const m: SchemaModel = {
      dialect: 'mysql',
      enums: [],
      domains: [],
      tables: [
        table('t', [col('kind', { kind: 'enum', values: ['a', 'b'] })]),
        table('t_kind', [col('id', { kind: 'integer', bytes: 4 })]),
      ],
    }
    const r = render(postgresDialect, m)
    expect(r.statements[0]).toBe(`CREATE TYPE "t_kind_2" AS ENUM ('a', 'b')`)
    expect(create(r, '"t"')).toContain('"kind" "t_kind_2"')
  })

  it('MySQL: key varchars cut to the 3072-byte key, varchars beyond the 65,535-byte row become longtext (widest first, never a key column), with notes; TEXT literal defaults in parentheses', () => {
    const wide = Array.from({ length: 6 }, (_, i) => col(`c${i}`, { kind: 'string', maxLength: 3000 + i }))
    const m: SchemaModel = {
      dialect: 'postgres',
      enums: [],
      domains: [],
      tables: [
        table('w', [col('k', { kind: 'string', maxLength: 5000 }, { nullable: false }), ...wide, col('t', { kind: 'text' }, { default: { kind: 'literal', value: 'x' } })], { primaryKey: { columns: ['k'] } }),
      ],
    }
    const r = render(mysqlDialect, m)
    const c = create(r, '`w`')
    // A key of varchar(5000) is 20 KB in utf8mb4: cut to 768 characters (3072 bytes). The row is then
    // ~75 KB of varchars: the two widest non-key ones go to longtext, which brings it under the limit.
    expect(c).toContain('`k` varchar(768) NOT NULL')
    expect(c).toContain('`c5` longtext')
    expect(c).toContain('`c4` longtext')
    expect(c).toContain('`c3` varchar(3003)')
    expect(c).toContain("`t` longtext DEFAULT ('x')")
    expect(r.messages).toEqual([
      "w.k: varchar(5000) → varchar(768) to fit InnoDB's 3072-byte index key in utf8mb4: longer values do not fit",
      "w.c4: varchar(3004) → longtext: the table's varchar columns exceed InnoDB's 65,535-byte row in utf8mb4",
      "w.c5: varchar(3005) → longtext: the table's varchar columns exceed InnoDB's 65,535-byte row in utf8mb4",
    ])
  })

  it('a PostgreSQL domain: created on PostgreSQL, its CHECKs on the column elsewhere', () => {
    const m: SchemaModel = {
      dialect: 'postgres',
      enums: [],
      domains: [{ schema: 'public', name: 'pos', baseType: 'integer', nullable: true, checks: [{ name: 'pos_check', expression: 'VALUE > 0', parsed: [{ kind: 'compare', column: 'VALUE', op: '>', value: 0 }], fullyParsed: true }] }],
      tables: [table('t', [col('n', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', domain: 'pos' })], { schema: 'public' })],
    }
    const pg = render(postgresDialect, m)
    expect(pg.statements).toEqual(['CREATE DOMAIN "pos" AS integer CONSTRAINT "pos_check" CHECK (VALUE > 0)', 'CREATE TABLE "t" (\n  "n" pos\n)'])
    expect(create(render(sqliteDialect, m), '"t"')).toContain('CHECK ("n" > 0)')
    expect(create(render(mssqlDialect, m), '[dbo].[t]')).toContain('CHECK ([n] > 0)')
  })

  it('an FK to a table outside the model is left out with a note', () => {
    const m: SchemaModel = { dialect: 'sqlite', enums: [], domains: [], tables: [table('t', [col('p', { kind: 'integer', bytes: 8 }, { nativeType: 'INTEGER' })], { foreignKeys: [fk(['p'], 'gone', ['id'])] })] }
    const r = render(postgresDialect, m)
    expect(create(r, '"t"')).not.toContain('FOREIGN KEY')
    expect(r.messages).toEqual(['t: FOREIGN KEY (p) to gone not carried over: that table is not in the schema'])
  })
})

describe('generated columns', () => {
  const m = (dialect: SchemaModel['dialect']): SchemaModel => ({
    dialect,
    enums: [],
    domains: [],
    tables: [table('g', [col('a', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', nullable: false }), col('b', { kind: 'integer', bytes: 4 }, { nativeType: 'integer', nullable: false, generated: { expression: 'a + 1', stored: false } })])],
  })
  it('same dialect: kept as generated, NOT NULL kept', () => {
    expect(render(sqliteDialect, m('sqlite')).statements[0]).toContain('"b" integer GENERATED ALWAYS AS (a + 1) VIRTUAL NOT NULL')
    expect(render(mysqlDialect, m('mysql')).statements[0]).toContain('`b` integer GENERATED ALWAYS AS (a + 1) VIRTUAL NOT NULL')
  })
  it('another dialect: a plain nullable column, with a note', () => {
    const r = render(sqliteDialect, m('postgres'))
    expect(r.statements[0]).toContain('"b" INT\n')
    expect(r.messages).toEqual(['g.b: generated column (a + 1) becomes a plain nullable column in sqlite: it holds the values the clone copies and is not recomputed'])
  })
})

describe('SQL Server cascade paths', () => {
  it('a self-reference, a cycle and a second path lose their cascading actions, with a note each; a tree keeps them', () => {
    const id = () => col('id', { kind: 'integer', bytes: 4 }, { nullable: false })
    const ref = (name: string) => col(name, { kind: 'integer', bytes: 4 })
    const m: SchemaModel = {
      dialect: 'postgres',
      enums: [],
      domains: [],
      tables: [
        table('a', [id(), ref('boss')], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['boss'], 'a', ['id'], { onDelete: 'set null' })] }),
        table('b', [id(), ref('a_id')], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['a_id'], 'a', ['id'], { onDelete: 'cascade' })] }),
        table('c', [id(), ref('a_id'), ref('b_id')], { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['a_id'], 'a', ['id'], { onDelete: 'cascade' }), fk(['b_id'], 'b', ['id'], { onDelete: 'cascade' })] }),
      ],
    }
    const r = render(mssqlDialect, m)
    expect(create(r, '[dbo].[a]')).not.toContain('ON DELETE')
    expect(create(r, '[dbo].[b]')).toContain('FOREIGN KEY ([a_id]) REFERENCES [dbo].[a] ([id]) ON DELETE CASCADE')
    expect(create(r, '[dbo].[c]')).toContain('FOREIGN KEY ([a_id]) REFERENCES [dbo].[a] ([id]) ON DELETE CASCADE')
    expect(create(r, '[dbo].[c]')).toContain('FOREIGN KEY ([b_id]) REFERENCES [dbo].[b] ([id])\n')
    expect(r.messages).toEqual([
      'a: FOREIGN KEY (boss) ON DELETE SET NULL not carried over to mssql (NO ACTION instead): it would make a second cascade path or a cascade cycle to a',
      'c: FOREIGN KEY (b_id) ON DELETE CASCADE not carried over to mssql (NO ACTION instead): it would make a second cascade path or a cascade cycle to c',
    ])
    // Other targets take all of them.
    expect(render(postgresDialect, m).notes).toEqual([])
  })
})
