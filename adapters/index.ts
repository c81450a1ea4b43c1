/**
 * Dialect registry: dialect id → lazily imported adapter module and DDL parser.
 * Only composition roots (cli/, api/, scheduler/) import this file.
 */
import type { ConnectOptions, DdlParser, DialectId, DialectModule } from '../src/adapter/adapter.js'
import { TdgError } from '../src/errors.js'

interface DialectEntry {
  id: DialectId
  /** URL schemes (without colon) and CLI aliases that name this dialect. */
  schemes: string[]
  aliases: string[]
  load(): Promise<DialectModule>
  /** DDL front end; absent while a dialect has none. */
  loadDdl?(): Promise<DdlParser>
}

const entries: DialectEntry[] = [
  {
    id: 'postgres',
    schemes: ['postgres', 'postgresql'],
    aliases: ['postgres', 'postgresql', 'pg'],
    load: () => import('./postgres/index.js'),
    loadDdl: async () => {
      const [{ parsePostgresDdl }, { postgresDialect }] = await Promise.all([
        import('../src/ddl/postgres/parse.js'),
        import('./postgres/dialect.js'),
      ])
      return (text, opts) => parsePostgresDdl(text, { ...opts, dialect: postgresDialect })
    },
  },
  {
    id: 'sqlite',
    schemes: ['sqlite', 'file'],
    aliases: ['sqlite', 'sqlite3'],
    load: () => import('./sqlite/index.js'),
    // SQLite parses its own DDL: executed into :memory: and read back through the same catalog code.
    loadDdl: async () => (await import('./sqlite/ddl.js')).parseSqliteDdl,
  },
  {
    id: 'mysql',
    schemes: ['mysql', 'mariadb'],
    aliases: ['mysql', 'mariadb'],
    load: () => import('./mysql/index.js'),
    loadDdl: async () => {
      const [{ parseMysqlDdl }, { mysqlDialect }, { canonicalMysqlType }, { mysqlColumnDefault }] = await Promise.all([
        import('../src/ddl/mysql/parse.js'),
        import('./mysql/dialect.js'),
        import('./mysql/types.js'),
        import('./mysql/classify-default.js'),
      ])
      return (text, opts) => parseMysqlDdl(text, { ...opts, dialect: mysqlDialect, canonicalType: canonicalMysqlType, columnDefault: mysqlColumnDefault })
    },
  },
  {
    id: 'mssql',
    schemes: ['mssql', 'sqlserver'],
    aliases: ['mssql', 'sqlserver', 'tsql'],
    load: () => import('./mssql/index.js'),
    loadDdl: async () => {
      const [{ parseMssqlDdl }, { mssqlDialect }] = await Promise.all([import('../src/ddl/mssql/parse.js'), import('./mssql/dialect.js')])
      return (text, opts) => parseMssqlDdl(text, { ...opts, dialect: mssqlDialect })
    },
  },
]

/** All known dialect ids. */
export const dialectIds: DialectId[] = entries.map((e) => e.id)

/** Find a dialect by id or CLI alias (`pg`, `sqlite3`, …); TDG_DIALECT_UNSUPPORTED otherwise. */
export function dialectByName(name: string): DialectEntry {
  const n = name.toLowerCase()
  const e = entries.find((x) => x.id === n || x.aliases.includes(n))
  if (!e) throw new TdgError('TDG_DIALECT_UNSUPPORTED', `unknown dialect '${name}' (known: ${entries.map((x) => x.id).join(', ')})`)
  return e
}

/** Find a dialect by connection URL scheme; TDG_URL_INVALID for an unknown or missing scheme. */
export function dialectForUrl(url: string): DialectEntry {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url)
  const scheme = m?.[1]?.toLowerCase()
  const e = scheme ? entries.find((x) => x.schemes.includes(scheme)) : undefined
  if (!e) {
    const shown = scheme ? `'${scheme}:'` : 'none'
    throw new TdgError('TDG_URL_INVALID', `unsupported database URL scheme ${shown} (expected postgres://, postgresql://, mysql://, mariadb://, mssql://, sqlserver://, sqlite:./file.db or sqlite::memory:)`)
  }
  return e
}

/** Connect to a database URL through its dialect's adapter. */
export async function connect(url: string, opts?: ConnectOptions) {
  const mod = await dialectForUrl(url).load()
  return mod.connect(url, opts)
}

/** The DDL parser of a dialect; TDG_DIALECT_UNSUPPORTED when it has none. */
export async function ddlParser(dialect: DialectId): Promise<DdlParser> {
  const e = dialectByName(dialect)
  if (!e.loadDdl) throw new TdgError('TDG_DIALECT_UNSUPPORTED', `no DDL parser for dialect '${dialect}' yet`)
  return e.loadDdl()
}
