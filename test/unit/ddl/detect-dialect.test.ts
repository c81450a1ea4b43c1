import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectDialect } from '../../../src/ddl/detect-dialect.js'
import { sharedFixture } from '../../support/shared-fixtures.js'
import type { DialectId } from '../../../src/adapter/adapter.js'
import { loadSchema } from '../../../src/compose/load-schema.js'

describe('detectDialect', () => {
  it.each([
    ['test/fixtures/postgres/everything.sql', 'postgres'],
    ['test/fixtures/postgres/everything.dump.sql', 'postgres'],
    ['test/fixtures/sqlite/everything.sql', 'sqlite'],
    ['examples/shop.sql', 'sqlite'],
  ])('%s → %s', (file, dialect) => {
    expect(detectDialect(readFileSync(file, 'utf8'))?.dialect).toBe(dialect)
  })

  it('reads real dumps of other dialects', () => {
    expect(detectDialect(readFileSync(sharedFixture('northwind-postgres.sql'), 'utf8'))?.dialect).toBe('postgres')
    expect(detectDialect(readFileSync(sharedFixture('employees-mysql.sql'), 'utf8'))?.dialect).toBe('mysql')
    expect(detectDialect('CREATE TABLE [dbo].[t] ([id] int IDENTITY(1,1) NOT NULL)\nGO\n')?.dialect).toBe('mssql')
  })

  it('says why, and gives up on portable SQL', () => {
    expect(detectDialect('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);')?.reason).toMatch(/AUTOINCREMENT/)
    expect(detectDialect('CREATE TABLE t (id integer PRIMARY KEY, name varchar(20));')).toBeUndefined()
  })
})

/**
 * A corpus of small scripts per dialect, the tricky ones included. Each must be detected as its dialect
 * and then read by that dialect's parser (through loadSchema, as the CLI does).
 */
const CORPUS: Array<[string, DialectId, string]> = [
  ['SQLite with [bracket] names (Chinook style)', 'sqlite', `CREATE TABLE [Artist]
(
    [ArtistId] INTEGER  NOT NULL,
    [Name] NVARCHAR(120),
    CONSTRAINT [PK_Artist] PRIMARY KEY  ([ArtistId])
);
CREATE TABLE [Album]
(
    [AlbumId] INTEGER  NOT NULL,
    [Title] NVARCHAR(160)  NOT NULL,
    [ArtistId] INTEGER  NOT NULL,
    CONSTRAINT [PK_Album] PRIMARY KEY  ([AlbumId]),
    FOREIGN KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId])
		ON DELETE NO ACTION ON UPDATE NO ACTION
);
CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);
`],
  ['SQLite with brackets and INTEGER PRIMARY KEY', 'sqlite', 'CREATE TABLE [users] ([id] INTEGER PRIMARY KEY, [name] TEXT NOT NULL);\nCREATE TABLE [posts] ([id] INTEGER PRIMARY KEY, [user_id] INTEGER REFERENCES [users]([id]), [body] BLOB);\n'],
  ['SQLite STRICT table', 'sqlite', 'CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) STRICT;\n'],
  ['SQLite .dump', 'sqlite', 'PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\nCREATE TABLE t (id integer primary key, v text);\nCOMMIT;\n'],
  ['MySQL with "double quotes" under ANSI_QUOTES', 'mysql', `SET sql_mode = 'ANSI_QUOTES';
CREATE TABLE "users" (
  "id" INT UNSIGNED NOT NULL AUTO_INCREMENT,
  "email" VARCHAR(120) NOT NULL,
  PRIMARY KEY ("id")
);
`],
  ['MySQL with backticks', 'mysql', 'CREATE TABLE `t` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n'],
  ['T-SQL without GO', 'mssql', `CREATE TABLE dbo.Customers (
  Id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  Name NVARCHAR(100) NOT NULL,
  Created DATETIME2 NOT NULL DEFAULT SYSUTCDATETIME()
);
CREATE TABLE dbo.Orders (Id INT IDENTITY(1,1) PRIMARY KEY, CustomerId INT NOT NULL REFERENCES dbo.Customers(Id), Note NVARCHAR(MAX) NULL DEFAULT N'none');
`],
  ['T-SQL with brackets only and IDENTITY', 'mssql', 'CREATE TABLE [t] ([id] int IDENTITY(1,1) NOT NULL, [v] nvarchar(20) NULL, CONSTRAINT [PK_t] PRIMARY KEY CLUSTERED ([id]))\n'],
  ['T-SQL sqlcmd script', 'mssql', ':setvar Db "Shop"\nUSE [$(Db)];\nCREATE TABLE t (id int NOT NULL PRIMARY KEY);\n'],
  ['PostgreSQL with brackets inside strings and comments', 'postgres', `-- columns like [dbo].[x] are SQL Server, not here
CREATE TABLE t (
  id serial PRIMARY KEY,
  pattern text NOT NULL CHECK (pattern ~ '^[a-z]+$'),
  label text DEFAULT '[dbo].[label] GO',
  tags text[]
);
`],
  ['PostgreSQL with casts and dollar quotes', 'postgres', "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz DEFAULT now()::timestamptz);\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n"],
]

describe('detectDialect weighs every signal', () => {
  it.each(CORPUS)('%s → %s', async (_name, dialect, text) => {
    const guess = detectDialect(text)
    expect(guess?.dialect).toBe(dialect)
    expect(guess?.scores[0]?.dialect).toBe(dialect)
    // The detected dialect's parser reads it.
    const dir = mkdtempSync(join(tmpdir(), 'tdg-detect-'))
    const file = join(dir, 'schema.sql')
    writeFileSync(file, text)
    try {
      const r = await loadSchema({ kind: 'file', path: file })
      expect(r.model.dialect).toBe(dialect)
      expect(r.model.tables.length).toBeGreaterThan(0)
      expect(r.note).toMatch(new RegExp(`^dialect: ${dialect} \\(detected from `))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('does not count brackets, GO or :: inside strings and comments', () => {
    const g = detectDialect("-- GO\n/* [dbo].[x] */\nCREATE TABLE t (a text DEFAULT '[x] GO N''y''', b text);\n")
    expect(g).toBeUndefined()
    // T-SQL's securable scopes are not PostgreSQL casts.
    expect(detectDialect('GRANT SELECT ON SCHEMA::Sales TO app;\n')).toBeUndefined()
  })

  it('explains the choice with the top signals and the scores', () => {
    const g = detectDialect(CORPUS[0]?.[2] ?? '')
    expect(g?.reason).toMatch(/\[bracket\] names/)
    expect(g?.reason).toMatch(/\(sqlite \d+, mssql \d+/)
  })

  it('a parse failure after detection says what was detected, why, and to try --dialect', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-detect-'))
    const file = join(dir, 'bad.sql')
    writeFileSync(file, 'CREATE TABLE [users] (\n  [id] INTEGER PRIMARY KEY,\n  [name] TEXT NOT NULL,,\n  [email] TEXT\n);\n')
    try {
      await expect(loadSchema({ kind: 'file', path: file })).rejects.toThrow(/:3:\d+: .*\(read as sqlite: detected from INTEGER PRIMARY KEY.*\(sqlite \d+, mssql \d+.*pass --dialect/)
      // With --dialect, the message is the parser's alone.
      const err = await loadSchema({ kind: 'file', path: file, dialect: 'sqlite' }).catch((e: Error) => e)
      expect(String((err as Error).message)).not.toMatch(/read as/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
