/**
 * `SqlDialect.renderSchema` end to end: real schemas (shared northwind/employees, the hand-written
 * fixtures of every dialect, hostile names) parsed with tdg's DDL front ends, rendered for SQLite,
 * MariaDB and PostgreSQL, executed through the target adapter's own writer on an empty database, read
 * back with `introspect`, and compared with the source: tables, columns, logical types (up to the
 * documented mappings), NOT NULL, PKs, UNIQUEs, FKs (composite included), carried CHECKs.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { connect, ddlParser } from '../../adapters/index.js'
import type { DialectId, SqlDialect } from '../../src/adapter/adapter.js'
import type { Issue } from '../../src/errors.js'
import type { CheckShape, LogicalType, SchemaModel, Table } from '../../src/model/schema.js'
import { postgresDialect } from '../../adapters/postgres/dialect.js'
import { mysqlDialect } from '../../adapters/mysql/dialect.js'
import { sqliteDialect } from '../../adapters/sqlite/dialect.js'
import { freshMysqlDatabase, freshPostgresDatabase, mariadbCliArgs, mysqlAvailable, postgresAvailable } from '../support/databases.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { runCli } from '../support/run-cli.js'
import { insertOrder } from '../../src/plan/insert-order.js'

interface Source {
  name: string
  dialect: DialectId
  file: string
  /** DDL given inline instead of read from `file`. */
  text?: string
}

const sources: Source[] = [
  { name: 'northwind (shared, PostgreSQL)', dialect: 'postgres', file: sharedFixture('northwind-postgres.sql') },
  { name: 'employees (shared, MySQL)', dialect: 'mysql', file: sharedFixture('employees-mysql.sql') },
  { name: 'postgres everything', dialect: 'postgres', file: 'test/fixtures/postgres/everything.sql' },
  { name: 'postgres hard', dialect: 'postgres', file: 'test/fixtures/postgres/hard.sql' },
  { name: 'postgres hostile names', dialect: 'postgres', file: 'test/fixtures/postgres/hostile-names.sql' },
  { name: 'mysql everything', dialect: 'mysql', file: 'test/fixtures/mysql/everything.sql' },
  { name: 'mysql hostile names', dialect: 'mysql', file: 'test/fixtures/mysql/hostile-names.sql' },
  { name: 'sqlite everything', dialect: 'sqlite', file: 'test/fixtures/sqlite/everything.sql' },
  { name: 'sqlite hard', dialect: 'sqlite', file: 'test/fixtures/sqlite/hard.sql' },
  { name: 'postgres NOT NULL cycles', dialect: 'postgres', file: 'test/fixtures/postgres/not-null-cycles.sql' },
  { name: 'postgres rules shop', dialect: 'postgres', file: 'test/fixtures/postgres/rules-shop.sql' },
  { name: 'mysql hard', dialect: 'mysql', file: 'test/fixtures/mysql/hard.sql' },
  { name: 'mysql NOT NULL cycles', dialect: 'mysql', file: 'test/fixtures/mysql/not-null-cycles.sql' },
  { name: 'sqlite NOT NULL cycles', dialect: 'sqlite', file: 'test/fixtures/sqlite/not-null-cycles.sql' },
  { name: 'sqlite hostile names', dialect: 'sqlite', file: 'test/fixtures/sqlite/hostile-names.sql' },
  {
    name: 'wide varchars (row beyond InnoDB 65,535 bytes)',
    dialect: 'postgres',
    file: 'inline',
    text: `CREATE TABLE wide (k varchar(2000) PRIMARY KEY, ${Array.from({ length: 8 }, (_, i) => `c${i} varchar(${2000 + i * 100})`).join(', ')}, t text DEFAULT 'x', a text, b text, c varchar(900), UNIQUE (a, b, c));`,
  },
  { name: 'mssql northwind', dialect: 'mssql', file: 'test/fixtures/mssql/northwind.sql' },
  { name: 'mssql hostile names', dialect: 'mssql', file: 'test/fixtures/mssql/hostile-names.sql' },
  { name: 'mssql wideworldimporters-like (schemas)', dialect: 'mssql', file: 'test/fixtures/mssql/wideworldimporters-like.sql' },
  { name: 'mssql adventureworks', dialect: 'mssql', file: 'test/fixtures/mssql/adventureworks.sql' },
]

interface Target {
  dialect: SqlDialect
  available: boolean
  /** An empty database: URL to connect to (schemas listed where the adapter needs them) and cleanup. */
  fresh(schemas: string[]): Promise<{ url: string; drop(): Promise<void> }>
}

const targets: Target[] = [
  {
    dialect: sqliteDialect,
    available: true,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tdg-render-'))
      return { url: `sqlite:${join(dir, 'x.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) }
    },
  },
  {
    dialect: postgresDialect,
    available: postgresAvailable(),
    fresh: async (schemas) => {
      const db = await freshPostgresDatabase()
      return { url: `${db.url}?schema=${['public', ...schemas].join(',')}`, drop: db.drop }
    },
  },
  {
    dialect: mysqlDialect,
    available: mysqlAvailable(),
    fresh: async () => {
      const db = await freshMysqlDatabase()
      return { url: db.url, drop: db.drop }
    },
  },
]

const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of cleanups) await c()
})

async function parseSource(s: Source): Promise<SchemaModel> {
  // The employees script `source`s data files that are not part of the fixture.
  const text = (s.text ?? readFileSync(s.file, 'utf8')).replace(/^\s*source\s+.*$/gm, '')
  return (await (await ddlParser(s.dialect))(text, { file: s.file })).model
}

/** Render `model` for `target`, run it through the target adapter's writer, introspect the result. */
async function roundTrip(model: SchemaModel, target: Target) {
  const rendered = target.dialect.renderSchema!(model)
  const defaults = new Set(['public', 'dbo', 'main'])
  const schemas = [...new Set(model.tables.map((t) => t.schema).filter((s): s is string => s !== undefined && !defaults.has(s)))]
  const db = await target.fresh(schemas)
  cleanups.push(db.drop)
  const adapter = await connect(db.url, { create: true })
  try {
    await adapter.transaction(async (w) => {
      for (const sql of rendered.statements) await w.execute(sql)
    })
    return { rendered, back: (await adapter.introspect()).model }
  } finally {
    await adapter.close()
  }
}

/**
 * The logical type a source column has after the trip, per the mappings documented in each
 * adapters/<dialect>/render-ddl.ts. Identity columns that become SQLite's rowid are 8-byte integers.
 */
function expectedType(t: LogicalType, target: DialectId, source: DialectId, ctx: { inKey: boolean; rowid: boolean }): LogicalType {
  if (source === target) return t
  const str = (n: number): LogicalType => ({ kind: 'string', maxLength: n })
  switch (target) {
    case 'sqlite':
      if (ctx.rowid) return { kind: 'integer', bytes: 8 }
      switch (t.kind) {
        case 'integer':
          return { kind: 'integer', bytes: t.bytes, ...(t.unsigned && { unsigned: true }) }
        case 'float':
          return { kind: 'float', bytes: 8 }
        case 'time':
          return { kind: 'time' }
        case 'enum': case 'set': case 'interval': case 'inet': case 'unknown':
          return { kind: 'text' }
        case 'array':
          return { kind: 'json' }
        default:
          return t
      }
    case 'mysql': {
      const unbounded: LogicalType = ctx.inKey ? str(255) : { kind: 'text' }
      switch (t.kind) {
        case 'integer':
          return { kind: 'integer', bytes: t.bytes, ...(t.unsigned && { unsigned: true }) }
        case 'decimal':
          return t.precision === undefined ? { kind: 'decimal', precision: 65, scale: 30 } : { kind: 'decimal', precision: t.precision, scale: t.scale ?? 0 }
        case 'string':
          return t.maxLength === undefined || t.maxLength > 16383 ? unbounded : t.fixed && t.maxLength <= 255 ? t : str(t.maxLength)
        case 'text': case 'unknown':
          return unbounded
        case 'uuid':
          return { kind: 'string', maxLength: 36, fixed: true }
        case 'time':
          return { kind: 'time', tz: false }
        case 'timestamp':
          return { kind: 'timestamp', tz: false }
        case 'interval':
          return str(100)
        case 'json': case 'array':
          return { kind: 'json' }
        case 'inet':
          return str(43)
        case 'binary':
          return t.maxLength !== undefined && t.maxLength <= 65535 ? t : { kind: 'binary' }
        case 'enum':
          return { kind: 'enum', values: t.values }
        default:
          return t
      }
    }
    case 'postgres':
      switch (t.kind) {
        case 'integer': {
          const need = t.unsigned ? t.bytes * 2 : t.bytes
          return need <= 2 ? { kind: 'integer', bytes: 2 } : need <= 4 ? { kind: 'integer', bytes: 4 } : need <= 8 ? { kind: 'integer', bytes: 8 } : { kind: 'decimal', precision: 20, scale: 0 }
        }
        case 'binary':
          return { kind: 'binary' }
        case 'set': case 'unknown':
          return { kind: 'text' }
        case 'time':
          return { kind: 'time', tz: t.tz ?? false }
        case 'array':
          return { kind: 'array', element: expectedType(t.element, target, source, ctx) }
        default:
          return t
      }
    default:
      return t
  }
}

/** Enum type names are the target's business (`<table>_<column>` for an inline enum). */
function withoutEnumName(t: LogicalType): LogicalType {
  if (t.kind === 'enum') return { kind: 'enum', values: t.values }
  if (t.kind === 'array') return { kind: 'array', element: withoutEnumName(t.element) }
  return t
}

const sorted = (xs: string[][]) => xs.map((x) => x.join(',')).sort()

function findTable(back: SchemaModel, t: Table, keepsSchemas: boolean): Table | undefined {
  const defaults = new Set(['public', 'dbo', 'main', undefined])
  const schema = keepsSchemas && !defaults.has(t.schema) ? t.schema : undefined
  return back.tables.find((b) => b.name === t.name && (defaults.has(b.schema) ? undefined : b.schema) === schema)
}

/** A shape as JSON text, BETWEEN as its two comparisons. */
function unbetween(s: CheckShape): string[] {
  if (s.kind !== 'between') return [JSON.stringify(s)]
  return [JSON.stringify({ kind: 'compare', column: s.column, op: '>=', value: s.min }), JSON.stringify({ kind: 'compare', column: s.column, op: '<=', value: s.max })]
}

function compare(source: SchemaModel, back: SchemaModel, target: DialectId, notes: Issue[]) {
  const noted = (t: Table, column: string, word: string) => notes.some((n) => n.column === column && n.table?.endsWith(t.name) && n.message.includes(word))
  const keepsSchemas = target === 'postgres'
  expect(back.tables.length).toBe(source.tables.length)
  for (const t of source.tables) {
    const b = findTable(back, t, keepsSchemas)
    expect(b, `${t.schema}.${t.name}`).toBeDefined()
    if (!b) continue
    const where = `${target}: ${t.name}`
    expect(b.columns.map((c) => c.name), where).toEqual(t.columns.map((c) => c.name))
    const keyCols = new Set([...(t.primaryKey?.columns ?? []), ...t.uniques.flatMap((u) => u.columns), ...t.foreignKeys.flatMap((f) => f.columns)])
    for (const c of t.columns) {
      const bc = b.columns.find((x) => x.name === c.name)!
      const rowid = c.identity !== undefined && t.primaryKey?.columns.length === 1 && t.primaryKey.columns[0] === c.name && c.type.kind === 'integer'
      const exp = expectedType(c.type, target, source.dialect, { inKey: keyCols.has(c.name), rowid: target === 'sqlite' && rowid })
      // MySQL: an FK column that took its parent column's numeric type says so in a note.
      const fk = t.foreignKeys.find((f) => f.columns.includes(c.name))
      if (fk && noted(t, c.name, 'needs equal types')) {
        const parent = back.tables.find((x) => x.name === fk.references.table)
        expect(bc.type, `${where}.${c.name}`).toEqual(parent?.columns.find((x) => x.name === fk.references.columns[fk.columns.indexOf(c.name)])?.type)
      } else if (noted(t, c.name, "to fit InnoDB's 3072-byte index key")) expect(bc.type).toMatchObject({ kind: 'string' })
      else if (noted(t, c.name, '→ longtext: the table')) expect(bc.type).toEqual({ kind: 'text' })
      else expect(withoutEnumName(bc.type), `${where}.${c.name}`).toEqual(withoutEnumName(exp))
      // A generated column becomes a plain nullable column in another dialect (and is never NOT NULL there).
      if (!c.generated) expect(bc.nullable, `${where}.${c.name} nullable`).toBe(c.nullable && !(t.primaryKey?.columns.includes(c.name) ?? false))
      if (c.identity && !noted(t, c.name, 'identity')) expect(bc.identity, `${where}.${c.name} identity`).toBeDefined()
      // Literal and current-time defaults come back as such unless a note says why not.
      if (!c.identity && !c.generated && (c.default?.kind === 'now' || (c.default?.kind === 'literal' && c.default.value !== null)) && !noted(t, c.name, 'DEFAULT')) {
        expect(bc.default?.kind, `${where}.${c.name} default`).toBe(c.default.kind)
      }
    }
    expect(b.primaryKey?.columns, `${where} PK`).toEqual(t.primaryKey?.columns)
    expect(sorted(b.uniques.map((u) => u.columns)), `${where} uniques`).toEqual(sorted(t.uniques.map((u) => u.columns)))
    const fks = (x: Table) => x.foreignKeys.map((f) => [...f.columns, '→', f.references.table, ...f.references.columns]).map((a) => a.join(',')).sort()
    expect(fks(b), `${where} FKs`).toEqual(fks(t))
    // Every fully understood CHECK comes back with the same shapes.
    // (PostgreSQL's catalog re-prints BETWEEN as two comparisons: the same constraint.)
    const have = new Set(b.checks.flatMap((c) => c.parsed.flatMap(unbetween)))
    for (const ch of t.checks.filter((c) => c.fullyParsed)) for (const s of ch.parsed.flatMap(unbetween)) expect(have.has(s), `${where} CHECK ${ch.expression}`).toBe(true)
  }
}

for (const target of targets) {
  describe.skipIf(!target.available)(`renderSchema → ${target.dialect.id} (executed, introspected back)`, () => {
    for (const source of sources) {
      it(`${source.name}`, async () => {
        const model = await parseSource(source)
        const { rendered, back } = await roundTrip(model, target)
        compare(model, back, target.dialect.id, rendered.notes)
        for (const n of rendered.notes) expect(n.code).toBe('DDL_LOSSY')
      })
    }
  })
}

describe('tdg introspect --ddl (built CLI)', () => {
  it('prints a PostgreSQL schema as SQLite DDL that a fresh SQLite file takes, notes on stderr', async () => {
    const r = await runCli(['introspect', '--schema', 'test/fixtures/postgres/everything.sql', '--ddl', 'sqlite'])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('tdg: note: customers.tags: array → JSON (a JSON array)')
    const dir = mkdtempSync(join(tmpdir(), 'tdg-render-cli-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    const db = new Database(join(dir, 'x.db'))
    try {
      db.exec(r.stdout)
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((x) => x.name)
      expect(names).toEqual(['bins', 'customers', 'order_lines', 'orders', 'products', 'shipments'])
    } finally {
      db.close()
    }
  })

  it('an unknown target dialect is a usage error naming the known ones', async () => {
    const r = await runCli(['introspect', '--schema', 'test/fixtures/postgres/everything.sql', '--ddl', 'oracle'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain("unknown dialect 'oracle' (known: postgres, sqlite, mysql, mssql)")
    expect(r.stdout).toBe('')
  })
})

/**
 * The created schema takes real data: northwind with its rows loaded into PostgreSQL with psql,
 * introspected live (the model a clone reads), rendered for each target, created, and every table
 * copied with the adapters' own scan → insert (parents first). Row counts match and, on SQLite,
 * `PRAGMA foreign_key_check` finds no orphan.
 */
describe.skipIf(!postgresAvailable())('renderSchema: a live PostgreSQL source with rows, copied into the created schema', () => {
  // Self-references (employees.reports_to) point at later rows: the copy checks FKs after each table.
  const around: Record<string, { before: string[]; after: string[] }> = {
    sqlite: { before: ['PRAGMA defer_foreign_keys = ON'], after: [] },
    mysql: { before: ['SET foreign_key_checks = 0'], after: ['SET foreign_key_checks = 1'] },
    postgres: { before: [], after: [] },
  }
  for (const target of targets) {
    it.skipIf(!target.available)(`northwind → ${target.dialect.id}`, async () => {
      const src = await freshPostgresDatabase()
      cleanups.push(src.drop)
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', src.url, '-f', sharedFixture('northwind-postgres.sql')], { stdio: ['ignore', 'ignore', 'pipe'] })
      const source = await connect(src.url)
      const dst = await target.fresh([])
      cleanups.push(dst.drop)
      const copy = await connect(dst.url, { create: true })
      try {
        const model = (await source.introspect()).model
        const rendered = target.dialect.renderSchema!(model)
        const counts: Record<string, [number, number]> = {}
        await copy.transaction(async (w) => {
          for (const sql of rendered.statements) await w.execute(sql)
          for (const name of insertOrder(model).order) {
            const t = model.tables.find((x) => `${x.schema}.${x.name}` === name || x.name === name)!
            const columns = t.columns.filter((c) => !c.generated).map((c) => c.name)
            for (const sql of around[target.dialect.id]!.before) await w.execute(sql)
            const { rows } = await w.insert({ name: t.name }, source.scan(t, { columns }))
            for (const sql of around[target.dialect.id]!.after) await w.execute(sql)
            counts[t.name] = [rows, 0]
          }
        })
        // The live-introspected model (catalog spellings of CHECKs and defaults) round-trips like a parsed one.
        compare(model, (await copy.introspect()).model, target.dialect.id, rendered.notes)
        for (const t of model.tables) counts[t.name]![1] = await copy.rowCount!({ name: t.name })
        const expected = Object.fromEntries(await Promise.all(model.tables.map(async (t) => [t.name, [await source.rowCount!(t), await source.rowCount!(t)]])))
        expect(counts).toEqual(expected)
        expect(counts['orders']![1]).toBe(830)
        expect(counts['order_details']![1]).toBe(2155)
      } finally {
        await copy.close()
        await source.close()
      }
      if (target.dialect.id === 'sqlite') {
        const db = new Database(dst.url.slice('sqlite:'.length))
        try {
          expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
        } finally {
          db.close()
        }
      }
    })
  }
})

/** Fixtures loaded into a real database of their own dialect and introspected live: the model `clone` reads. */
describe('renderSchema from live-introspected sources', () => {
  const live: Array<{ name: string; dialect: DialectId; file: string; available: boolean }> = [
    { name: 'postgres everything (live)', dialect: 'postgres', file: 'test/fixtures/postgres/everything.sql', available: postgresAvailable() },
    { name: 'mysql everything (live MariaDB)', dialect: 'mysql', file: 'test/fixtures/mysql/everything.sql', available: mysqlAvailable() },
    { name: 'employees (live MariaDB)', dialect: 'mysql', file: sharedFixture('employees-mysql.sql'), available: mysqlAvailable() },
    { name: 'sqlite everything (live)', dialect: 'sqlite', file: 'test/fixtures/sqlite/everything.sql', available: true },
  ]
  async function load(src: (typeof live)[number]): Promise<SchemaModel> {
    let url: string
    if (src.dialect === 'postgres') {
      const db = await freshPostgresDatabase()
      cleanups.push(db.drop)
      execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', src.file], { stdio: ['ignore', 'ignore', 'pipe'] })
      url = `${db.url}?schema=public,inventory`
    } else if (src.dialect === 'mysql') {
      const db = await freshMysqlDatabase()
      cleanups.push(db.drop)
      const sql = readFileSync(src.file, 'utf8').replace(/^\s*(source|use|drop database|create database)\b.*$/gim, '')
      execFileSync('mariadb', mariadbCliArgs(db.url), { input: sql, stdio: ['pipe', 'ignore', 'pipe'] })
      url = db.url
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'tdg-render-src-'))
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
      const db = new Database(join(dir, 'src.db'))
      db.exec(readFileSync(src.file, 'utf8'))
      db.close()
      url = `sqlite:${join(dir, 'src.db')}`
    }
    const adapter = await connect(url)
    try {
      return (await adapter.introspect()).model
    } finally {
      await adapter.close()
    }
  }
  for (const src of live) {
    for (const target of targets) {
      it.skipIf(!src.available || !target.available)(`${src.name} → ${target.dialect.id}`, async () => {
        const model = await load(src)
        const { rendered, back } = await roundTrip(model, target)
        compare(model, back, target.dialect.id, rendered.notes)
      })
    }
  }
})
