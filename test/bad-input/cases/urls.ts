/**
 * Bad database URLs and unreachable databases: exit 2 for a URL that is wrong as text, 3 for one that
 * cannot be reached or logged into. The fake password `s3cret-pw` (and the throwaway servers' own)
 * must never be printed.
 */
import type { BadInputCase } from '../case.js'

const introspect = (url: string) => ['introspect', '--db', url]

function url(name: string, u: string, exit: number, code: BadInputCase['code'], ...expect: RegExp[]): BadInputCase {
  return { name: `url: ${name}`, group: 'url', args: introspect(u), exit, code, expect }
}

export const urlCases: BadInputCase[] = [
  url('mssql URL with a bad boolean', 'mssql://sa:s3cret-pw@localhost/db?encrypt=maybe', 2, 'TDG_URL_INVALID', /'encrypt'/, /\*\*\*/),
  url('sqlserver URL with a bad port', 'sqlserver://sa:s3cret-pw@localhost:notaport/db', 2, 'TDG_URL_INVALID', /\*\*\*/),
  url('mssql port refused', 'mssql://sa:s3cret-pw@127.0.0.1:1/db?connect_timeout=5', 3, 'TDG_CONNECT_FAILED', /127\.0\.0\.1:1/, /connection refused/),
  url('mssql unknown host', 'mssql://sa:s3cret-pw@nonexistent.invalid/db?connect_timeout=5', 3, 'TDG_CONNECT_FAILED', /nonexistent\.invalid/, /host not found/),
  url('unknown URL scheme', 'oracle://scott:s3cret-pw@localhost/orcl', 2, 'TDG_URL_INVALID', /'oracle:'/),
  url('http URL', 'http://app:s3cret-pw@localhost/shop', 2, 'TDG_URL_INVALID', /'http:'/),
  url('not a URL', 'just some words', 2, 'TDG_URL_INVALID'),
  url('empty URL', '', 2, ['TDG_URL_INVALID', 'TDG_USAGE'] as const),
  url('postgres URL with a bad port', 'postgres://app:s3cret-pw@localhost:notaport/shop', 2, 'TDG_URL_INVALID', /\*\*\*/),
  url('postgres URL with a bad sslmode', 'postgres://app:s3cret-pw@localhost/shop?sslmode=maybe', 2, 'TDG_URL_INVALID', /maybe/),
  url('postgres port refused', 'postgres://app:s3cret-pw@127.0.0.1:1/shop', 3, 'TDG_CONNECT_FAILED', /127\.0\.0\.1:1/, /\*\*\*/),
  url('postgres unknown host', 'postgres://app:s3cret-pw@nonexistent.invalid:5432/shop', 3, 'TDG_CONNECT_FAILED', /nonexistent\.invalid/),
  url('postgres wrong password', 'postgres://{pgUser}:s3cret-pw@{pgServer}/postgres', 3, 'TDG_CONNECT_FAILED', /\*\*\*/, /password|authentication/i),
  url('postgres unknown user', 'postgres://nobody_here:s3cret-pw@{pgServer}/postgres', 3, 'TDG_CONNECT_FAILED', /nobody_here|authentication|password/i),
  url('postgres missing database', 'postgres://{pgUser}:{pgPassword}@{pgServer}/no_such_db_9', 3, 'TDG_CONNECT_FAILED', /no_such_db_9/, /\*\*\*/),
  url('postgres sslmode=require against a server without TLS', 'postgres://{pgUser}:{pgPassword}@{pgServer}/postgres?sslmode=require', 3, 'TDG_CONNECT_FAILED', /\*\*\*/),
  url('mysql URL without a database', 'mysql://app:s3cret-pw@localhost:3306/', 2, 'TDG_URL_INVALID', /names no database/, /\*\*\*/),
  url('mariadb URL with a bad ssl mode', 'mariadb://app:s3cret-pw@localhost/shop?sslmode=maybe', 2, 'TDG_URL_INVALID', /unknown ssl mode 'maybe'/),
  url('mysql port refused', 'mysql://app:s3cret-pw@127.0.0.1:1/shop', 3, 'TDG_CONNECT_FAILED', /127\.0\.0\.1:1\/shop: connection refused/, /\*\*\*/),
  url('mysql unknown host', 'mysql://app:s3cret-pw@nonexistent.invalid/shop?connect_timeout=3', 3, 'TDG_CONNECT_FAILED', /nonexistent\.invalid/, /host not found/),
  url('mysql wrong password', 'mysql://{mysqlUser}:s3cret-pw@{mysqlServer}/mysql', 3, 'TDG_CONNECT_FAILED', /\*\*\*/),
  url('mysql unknown user', 'mysql://nobody_here:s3cret-pw@{mysqlServer}/mysql', 3, 'TDG_CONNECT_FAILED', /\*\*\*/),
  url('mysql missing database', 'mysql://{mysqlUser}:{mysqlPassword}@{mysqlServer}/no_such_db_9', 3, 'TDG_CONNECT_FAILED', /no_such_db_9/, /\*\*\*/),
  url('sqlite missing file', 'sqlite:./no-such-dir/missing.db', 3, 'TDG_CONNECT_FAILED', /missing\.db/),
  {
    ...url('sqlite not a database', 'sqlite:{tmp}/not-a-database.db', 3, 'TDG_CONNECT_FAILED', /not-a-database\.db/),
    setup: { files: { 'not-a-database.db': 'this is plain text, not SQLite\n' } },
  },
  url('sqlite path is a directory', 'sqlite:{tmp}', 3, 'TDG_CONNECT_FAILED'),
  url('sqlite URL naming a host', 'sqlite://otherhost/x.db', 2, 'TDG_URL_INVALID', /otherhost/),
  url('sqlite URL naming no file', 'sqlite:', 2, 'TDG_URL_INVALID'),
  {
    name: 'url: seed into a missing SQLite file without --create creates nothing',
    group: 'url',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--schema', 'examples/shop.sql', '--rows', '5'],
    exit: 3,
    code: 'TDG_CONNECT_FAILED',
    expect: [/db\.sqlite/, /--create/],
    dependsOn: '§3',
    note: 'the CLI should say how (with --create), like the API must (§3)',
  },
  {
    name: 'url: seed into a refused PostgreSQL port hides the password',
    group: 'url',
    args: ['seed', '--db', 'postgres://app:s3cret-pw@127.0.0.1:1/shop', '--rows', '5'],
    exit: 3,
    code: 'TDG_CONNECT_FAILED',
    expect: [/\*\*\*/],
  },
  {
    name: 'url: generate --db from an unknown MariaDB host makes no output directory',
    group: 'url',
    args: ['generate', '--db', 'mysql://app:s3cret-pw@nonexistent.invalid/shop?connect_timeout=3', '--rows', '5', '--output', '{out}'],
    exit: 3,
    code: 'TDG_CONNECT_FAILED',
  },
]
