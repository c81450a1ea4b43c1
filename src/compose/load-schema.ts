import { readFile } from 'node:fs/promises'
import type { DialectId } from '../adapter/adapter.js'
import type { Introspection } from '../model/introspection.js'
import { TdgError } from '../errors.js'
import { detectDialect } from '../ddl/detect-dialect.js'
import { connect, dialectByName, ddlParser } from '../../adapters/index.js'

/** Where a schema comes from: a DDL file or a live database. */
export type SchemaSource = { kind: 'file'; path: string; dialect?: string } | { kind: 'db'; url: string }

/** A loaded schema and a human note on how it was read (e.g. which dialect was detected). */
export interface LoadedSchema extends Introspection {
  note?: string
}

/**
 * Read a schema from a DDL file (dialect from `dialect`, else detected, else PostgreSQL) or a live database.
 * Fails with TDG_FILE_READ, TDG_DDL_PARSE (also for a file that defines no table), TDG_URL_INVALID or TDG_CONNECT_FAILED.
 */
export async function loadSchema(source: SchemaSource): Promise<LoadedSchema> {
  if (source.kind === 'db') {
    const adapter = await connect(source.url)
    try {
      return await adapter.introspect()
    } finally {
      await adapter.close()
    }
  }
  const text = await readSchemaText(source.path)
  const shown = source.path === '-' ? '<stdin>' : source.path
  if (text.trim() === '') throw new TdgError('TDG_DDL_PARSE', `no tables in ${shown}`, { file: shown })
  let dialect: DialectId
  let note: string | undefined
  let detected: string | undefined
  if (source.dialect) {
    dialect = dialectByName(source.dialect).id
  } else {
    const guess = detectDialect(text)
    dialect = guess?.dialect ?? 'postgres'
    detected = guess ? `detected from ${guess.reason}` : 'nothing dialect-specific found, so the default'
    note = `dialect: ${dialect} (${detected}; override with --dialect)`
  }
  const parse = await ddlParser(dialect)
  let result: Introspection
  try {
    result = await parse(text, { file: shown })
  } catch (e) {
    // A guessed dialect may be the wrong one: say which was read, why, and how to choose another.
    if (detected === undefined || !(e instanceof TdgError) || e.code !== 'TDG_DDL_PARSE') throw e
    throw new TdgError(e.code, `${e.message} (read as ${dialect}: ${detected}; if the file is another dialect, pass --dialect postgres|mysql|sqlite|mssql)`, { ...e.details, dialect }, { cause: e.cause })
  }
  // A file of comments (or one whose statements make no table) would plan nothing and "succeed".
  if (result.model.tables.length === 0) throw new TdgError('TDG_DDL_PARSE', `no tables in ${shown}`, { file: shown })
  return note === undefined ? result : { ...result, note }
}

let stdinText: Promise<string> | undefined

/**
 * The text of a DDL file; `-` is standard input, read once (a seed run reads its schema twice: to
 * plan and, with `--create`, to execute it). TDG_FILE_READ naming the file when it cannot be read.
 */
export async function readSchemaText(path: string): Promise<string> {
  if (path === '-') return (stdinText ??= readStdin())
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read'
    throw new TdgError('TDG_FILE_READ', `${path}: ${why}`, { file: path }, { cause: e })
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new TdgError('TDG_USAGE', '--schema -: standard input is a terminal; pipe the DDL in (tdg … --schema - < schema.sql)')
  const chunks: Buffer[] = []
  try {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  } catch (e) {
    throw new TdgError('TDG_FILE_READ', '<stdin>: cannot be read', { file: '<stdin>' }, { cause: e })
  }
  return Buffer.concat(chunks).toString('utf8')
}
