/**
 * Parity: a DDL file parsed by parseSqliteDdl gives the same model as the database the sqlite3 CLI (an
 * independent SQLite build and executor) creates from that file, introspected through connect().
 * Plus the one-line open errors.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/sqlite/index.js'
import { parseSqliteDdl } from '../../adapters/sqlite/ddl.js'
import { isTdgError, type Issue, type TdgError } from '../../src/errors.js'

const SQLITE3 = '/usr/bin/sqlite3'
const hasCli = existsSync(SQLITE3)
if (!hasCli) console.warn(`[sqlite-parity] ${SQLITE3} not found: the parity tests are skipped`)

const dir = mkdtempSync(join(tmpdir(), 'tdg-sqlite-parity-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fixturePath = (name: string): string => fileURLToPath(new URL(`../fixtures/sqlite/${name}`, import.meta.url))

/** Issues as a live database gives them: no file locations, no DDL-only skips. */
const comparable = (issues: Issue[]): Issue[] =>
  issues.filter((i) => i.code !== 'DDL_SKIPPED').map(({ location: _location, ...rest }) => rest)

describe.skipIf(!hasCli)('parseSqliteDdl ≡ sqlite3 CLI + connect().introspect()', () => {
  for (const name of ['everything.sql', 'hostile-names.sql']) {
    it(name, async () => {
      const text = readFileSync(fixturePath(name), 'utf8')
      const file = join(dir, `${name}.db`)
      execFileSync(SQLITE3, ['-bail', file], { input: text })
      const fromDdl = await parseSqliteDdl(text, { file: name })
      const adapter = await connect(`sqlite:${file}`)
      try {
        const live = await adapter.introspect()
        expect(live.model.tables.length).toBeGreaterThan(2)
        expect(fromDdl.model).toEqual(live.model)
        expect(comparable(fromDdl.issues)).toEqual(live.issues)
      } finally {
        await adapter.close()
      }
    })
  }
})

async function openError(url: string, opts?: { create?: boolean }): Promise<TdgError> {
  try {
    const a = await connect(url, opts)
    await a.close()
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error(`expected ${url} to fail`)
}

describe('connect() open errors', () => {
  it('a missing file is not created', async () => {
    const file = join(dir, 'missing.db')
    const e = await openError(`sqlite:${file}`)
    expect(e.code).toBe('TDG_CONNECT_FAILED')
    expect(e.message).toBe(`cannot open sqlite:${file}: no such file`)
    expect(existsSync(file)).toBe(false)
  })

  it('a relative missing file names the URL as written', async () => {
    const e = await openError('sqlite:./no-such-tdg-file.db')
    expect(e.message).toBe('cannot open sqlite:./no-such-tdg-file.db: no such file')
  })

  it('a directory', async () => {
    const sub = join(dir, 'a-directory.db')
    mkdirSync(sub)
    const e = await openError(`sqlite:${sub}`)
    expect(e.code).toBe('TDG_CONNECT_FAILED')
    expect(e.message).toBe(`cannot open sqlite:${sub}: is a directory`)
  })

  it('a file that is not a SQLite database', async () => {
    const file = join(dir, 'not-a-db.db')
    writeFileSync(file, 'this is plain text, not a database file '.repeat(40))
    const e = await openError(`sqlite:${file}`)
    expect(e.code).toBe('TDG_CONNECT_FAILED')
    expect(e.message).toBe(`cannot open sqlite:${file}: file is not a database`)
    expect(e.message.includes('\n')).toBe(false)
    expect(e.cause).toBeInstanceOf(Error)
  })

  it('create: true creates the file, but not a missing directory', async () => {
    const file = join(dir, 'created.db')
    const a = await connect(`sqlite:${file}`, { create: true })
    expect(a.redactedUrl).toBe(`sqlite:${file}`)
    expect((await a.introspect()).model.tables).toEqual([])
    await a.close()
    expect(existsSync(file)).toBe(true)
    const e = await openError(`sqlite:${join(dir, 'nope', 'x.db')}`, { create: true })
    expect(e.message).toBe(`cannot open sqlite:${join(dir, 'nope', 'x.db')}: no such directory`)
  })

  it('sqlite:///abs and file: URLs open the same file', async () => {
    const file = join(dir, 'created.db')
    for (const url of [`sqlite://${file}`, `file:${file}`, `file://${file}`]) {
      const a = await connect(url)
      expect((await a.introspect()).model.dialect).toBe('sqlite')
      await a.close()
    }
  })
})
