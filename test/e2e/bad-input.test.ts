/**
 * The bad-input corpus: every broken DDL file, URL and invocation gives one clear line naming the
 * problem and where it is, a non-zero exit (2 for bad input, 3 for unreachable databases) and no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const dir = 'test/bad-input'
const scratch = mkdtempSync(join(tmpdir(), 'tdg-bad-'))
writeFileSync(join(scratch, 'not-a-database.db'), 'this is plain text, not SQLite\n')

interface Case {
  name: string
  args: string[]
  exit: number
  /** The one stderr line must match all of these. */
  expect: RegExp[]
}

const ddl = (file: string, exit: number, ...expect: RegExp[]): Case => ({
  name: file,
  args: ['introspect', '--schema', `${dir}/${file}`, ...(file.startsWith('sqlite-') ? ['--dialect', 'sqlite'] : [])],
  exit,
  expect: [/TDG_DDL_PARSE/, new RegExp(file.replace('.', '\\.')), ...expect],
})

const cases: Case[] = [
  ddl('pg-keyword-typo.sql', 2, /:1:1: /, /"CREAT"/),
  ddl('pg-missing-paren.sql', 2, /:3:\d+: /, /";"/),
  ddl('pg-bad-type-modifier.sql', 2, /:2:\d+: /),
  ddl('pg-fk-unknown-table.sql', 2, /:3:\d+: /, /customers/),
  ddl('pg-unterminated-string.sql', 2, /:2:\d+: /, /unterminated/i),
  ddl('pg-alter-unknown-table.sql', 2, /:3:\d+: /, /nope/),
  ddl('pg-dump-double-comma.sql', 2, /:9:\d+: /, /","/),
  ddl('pg-fk-unknown-column.sql', 2, /:1:\d+: /, /nope/),
  ddl('pg-duplicate-table.sql', 2, /:2:\d+: /, /"t"|\bt\b/),
  ddl('sqlite-keyword-typo.sql', 2, /:1:\d+: /, /TABL/),
  ddl('sqlite-bad-check.sql', 2, /:3:\d+: /, /syntax error/),
  ddl('sqlite-duplicate-column.sql', 2, /:5:\d+: /, /t_id/),
  ddl('sqlite-autoincrement-on-text.sql', 2, /:2:\d+: /, /AUTOINCREMENT/i),
  ddl('mssql-keyword-typo.sql', 2, /:3:1: /, /"CREAT"/),
  ddl('mssql-missing-comma.sql', 2, /:3:2: /, /"\[CustomerID\]"/),
  ddl('mssql-fk-unknown-table.sql', 2, /:4:12: /, /dbo\.Customers/),
  ddl('mssql-unterminated-bracket.sql', 2, /:3:2: /, /unterminated quoted name/),
  ddl('mssql-bad-identity.sql', 2, /:2:24: /, /"x"/),
  ddl('mssql-default-unknown-column.sql', 2, /:3:67: /, /column "b"/),
  { name: 'mssql URL with a bad boolean', args: ['introspect', '--db', 'mssql://sa:s3cret-pw@localhost/db?encrypt=maybe'], exit: 2, expect: [/TDG_URL_INVALID/, /'encrypt'/, /\*\*\*/] },
  { name: 'sqlserver URL with bad port', args: ['introspect', '--db', 'sqlserver://sa:s3cret-pw@localhost:notaport/db'], exit: 2, expect: [/TDG_URL_INVALID/, /\*\*\*/] },
  { name: 'mssql port refused', args: ['introspect', '--db', 'mssql://sa:s3cret-pw@127.0.0.1:1/db?connect_timeout=5'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /127\.0\.0\.1:1/, /connection refused/] },
  { name: 'mssql unknown host', args: ['introspect', '--db', 'mssql://sa:s3cret-pw@nonexistent.invalid/db?connect_timeout=5'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /nonexistent\.invalid/, /host not found/] },
  // MySQL/MariaDB: detected from the file (backticks, ENGINE=, AUTO_INCREMENT, a dump header) without --dialect.
  ...([
    ['mysql-keyword-typo.sql', /:1:1: /, /"CREAT"/],
    ['mysql-missing-paren.sql', /:3:19: /, /";"/],
    ['mysql-unterminated-string.sql', /:2:28: /, /unterminated/],
    ['mysql-fk-unknown-table.sql', /:3:\d+: /, /customers/],
    ['mysql-enum-unquoted.sql', /:3:15: /, /"M"/],
    ['mysql-dump-double-comma.sql', /:7:31: /, /","/],
    ['mysql-alter-unknown-column.sql', /:4:\d+: /, /nope/],
  ] as Array<[string, RegExp, RegExp]>).map(([file, at, token]): Case => ({
    name: file,
    args: ['introspect', '--schema', `${dir}/${file}`],
    exit: 2,
    expect: [/TDG_DDL_PARSE/, new RegExp(file.replace('.', '\\.')), at, token],
  })),
  { name: 'binary garbage', args: ['introspect', '--schema', `${dir}/binary-garbage.sql`, '--dialect', 'postgres'], exit: 2, expect: [/TDG_DDL_PARSE/, /binary-garbage\.sql:\d+:\d+/] },
  { name: 'missing file', args: ['introspect', '--schema', 'no/such/file.sql'], exit: 2, expect: [/TDG_FILE_READ/, /no\/such\/file\.sql: no such file/] },
  { name: 'directory as schema', args: ['introspect', '--schema', 'test'], exit: 2, expect: [/TDG_FILE_READ/, /test: is a directory/] },
  { name: 'unknown dialect', args: ['introspect', '--schema', 'examples/shop.sql', '--dialect', 'oracle'], exit: 2, expect: [/TDG_DIALECT_UNSUPPORTED/, /'oracle'/] },
  { name: 'neither --schema nor --db', args: ['introspect'], exit: 2, expect: [/TDG_USAGE/, /--schema.*--db/] },
  { name: 'both --schema and --db', args: ['introspect', '--schema', 'examples/shop.sql', '--db', 'sqlite::memory:'], exit: 2, expect: [/TDG_USAGE/] },
  { name: 'unknown URL scheme', args: ['introspect', '--db', 'oracle://scott:tiger@localhost/orcl'], exit: 2, expect: [/TDG_URL_INVALID/, /'oracle:'/] },
  { name: 'not a URL', args: ['introspect', '--db', 'just some words'], exit: 2, expect: [/TDG_URL_INVALID/] },
  { name: 'postgres URL with bad port', args: ['introspect', '--db', 'postgres://app:s3cret-pw@localhost:notaport/shop'], exit: 2, expect: [/TDG_URL_INVALID/, /\*\*\*/] },
  { name: 'postgres port refused', args: ['introspect', '--db', 'postgres://app:s3cret-pw@127.0.0.1:1/shop'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /127\.0\.0\.1:1/, /\*\*\*/] },
  { name: 'postgres unknown host', args: ['introspect', '--db', 'postgres://app:s3cret-pw@nonexistent.invalid:5432/shop'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /nonexistent\.invalid/] },
  { name: 'sqlite missing file', args: ['introspect', '--db', 'sqlite:./no-such-dir/missing.db'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /missing\.db/] },
  { name: 'sqlite not a database', args: ['introspect', '--db', `sqlite:${join(scratch, 'not-a-database.db')}`], exit: 3, expect: [/TDG_CONNECT_FAILED/, /not-a-database\.db/] },
  { name: 'mysql URL without a database', args: ['introspect', '--db', 'mysql://app:s3cret-pw@localhost:3306/'], exit: 2, expect: [/TDG_URL_INVALID/, /names no database/, /\*\*\*/] },
  { name: 'mariadb URL with a bad ssl mode', args: ['introspect', '--db', 'mariadb://app:s3cret-pw@localhost/shop?sslmode=maybe'], exit: 2, expect: [/TDG_URL_INVALID/, /unknown ssl mode 'maybe'/] },
  { name: 'mysql port refused', args: ['introspect', '--db', 'mysql://app:s3cret-pw@127.0.0.1:1/shop'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /127\.0\.0\.1:1\/shop: connection refused/, /\*\*\*/] },
  { name: 'mysql unknown host', args: ['introspect', '--db', 'mysql://app:s3cret-pw@nonexistent.invalid/shop?connect_timeout=3'], exit: 3, expect: [/TDG_CONNECT_FAILED/, /nonexistent\.invalid/, /host not found/] },
  { name: 'unknown option', args: ['introspect', '--schema', 'examples/shop.sql', '--colour'], exit: 2, expect: [/unknown option '--colour'/] },
]

describe('bad input gives one clear line and a non-zero exit', () => {
  it('has a corpus of at least 15 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15)
  })

  for (const c of cases) {
    it(c.name, async () => {
      const r = await runCli(c.args)
      expect(r.code, r.stderr).toBe(c.exit)
      expect(r.stdout).toBe('')
      const lines = r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('(run tdg --help'))
      expect(lines, r.stderr).toHaveLength(1)
      for (const re of c.expect) expect(lines[0]).toMatch(re)
      expect(r.stderr).not.toMatch(/^\s+at /m) // no stack trace without --debug
      expect(r.stderr).not.toContain('s3cret-pw')
    })
  }

  it('--debug adds the stack trace', async () => {
    const r = await runCli(['introspect', '--schema', `${dir}/pg-keyword-typo.sql`, '--debug'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^\s+at /m)
  })
})
