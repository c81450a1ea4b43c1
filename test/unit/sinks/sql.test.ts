import { createHash } from 'node:crypto'
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Value } from '../../../src/model/rows.js'
import { openFileTarget } from '../../../src/sinks/file-target.js'
import { MAX_STATEMENT_BYTES } from '../../../src/sinks/sql.js'
import { batches, stubDialect, table, tempDir } from './helpers.js'

const items = table('items', { id: { kind: 'integer', bytes: 4 }, name: { kind: 'text' } }, { schema: 'shop' })
const plain = table('plain', { id: { kind: 'integer', bytes: 4 }, body: { kind: 'text' } })

const statements = (text: string) => text.split('\n').filter((l) => l.startsWith('INSERT INTO'))

describe('sql export', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  it('writes batched multi-row INSERTs with dialect literals; BEGIN and COMMIT open and close the whole export', async () => {
    const dir = join(tmp.root, 'out')
    const rows: Value[][] = Array.from({ length: 5 }, (_, i) => [i, i === 1 ? "O'Brien" : i === 2 ? null : `n${i}`])
    await openFileTarget({ dir, format: 'sql', dialect: stubDialect(2), tables: [items] }).transaction((w) =>
      w.insert({ schema: 'shop', name: 'items' }, batches(['id', 'name'], rows, 3)),
    )
    expect(readFileSync(join(dir, '001-shop.items.sql'), 'utf8')).toBe(
      [
        'INSERT INTO "shop"."items" ("id", "name") VALUES',
        "(0, 'n0'),",
        "(1, 'O''Brien');",
        'INSERT INTO "shop"."items" ("id", "name") VALUES',
        '(2, NULL),',
        "(3, 'n3');",
        'INSERT INTO "shop"."items" ("id", "name") VALUES',
        "(4, 'n4');",
        '',
      ].join('\n'),
    )
    expect(readFileSync(join(dir, '000-pre.sql'), 'utf8')).toBe('BEGIN;\n')
    expect(readFileSync(join(dir, '999-fixups.sql'), 'utf8')).toBe('COMMIT;\n')
  })

  it('defaults to 1000 rows per statement when the dialect sets no limit', async () => {
    const dir = join(tmp.root, 'd')
    const rows: Value[][] = Array.from({ length: 2500 }, (_, i) => [i, 'x'])
    await openFileTarget({ dir, format: 'sql', dialect: stubDialect(), tables: [plain] }).transaction((w) =>
      w.insert({ name: 'plain' }, batches(['id', 'body'], rows, 333)),
    )
    const text = readFileSync(join(dir, '001-plain.sql'), 'utf8')
    expect(statements(text)).toHaveLength(3)
    expect(text.split('\n').filter((l) => l.startsWith('(')).length).toBe(2500)
  })

  it('keeps every statement under ~1 MB; a single huge row gets a statement of its own', async () => {
    const dir = join(tmp.root, 'big')
    const rows: Value[][] = Array.from({ length: 10 }, (_, i) => [i, 'y'.repeat(300_000)])
    rows.push([10, 'z'.repeat(1_200_000)], [11, 'small'])
    await openFileTarget({ dir, format: 'sql', dialect: stubDialect(), tables: [plain] }).transaction((w) =>
      w.insert({ name: 'plain' }, batches(['id', 'body'], rows, 4)),
    )
    const text = readFileSync(join(dir, '001-plain.sql'), 'utf8')
    const stmts = text.split(';\n').filter((s) => s.includes('INSERT INTO'))
    // 300 KB rows: 3 per statement → 4 statements; then the 1.2 MB row alone; then the small row.
    expect(stmts.map((s) => s.split('\n').length - 1)).toEqual([3, 3, 3, 1, 1, 1])
    for (const s of stmts) if (s.split('\n').length > 2) expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_STATEMENT_BYTES)
  })

  it('writes fixups as UPDATEs in a last file, execute() verbatim in 000-pre.sql, identity syncs before COMMIT', async () => {
    const dir = join(tmp.root, 'fx')
    const dialect = stubDialect(undefined, (t) => (t.name === 'plain' ? [`SELECT sync_identity('${t.name}')`] : []))
    const people = table('people', { id: { kind: 'integer', bytes: 4 }, boss_id: { kind: 'integer', bytes: 4 }, mentor_id: { kind: 'integer', bytes: 4 } })
    await openFileTarget({ dir, format: 'sql', dialect, tables: [plain, people], manifest: { seed: 42 } }).transaction(async (w) => {
      await w.execute('CREATE TABLE t (a int)')
      await w.execute('TRUNCATE "plain";  \n')
      await w.insert({ name: 'plain' }, batches(['id', 'body'], [[1, 'a']], 1))
      await w.insert({ name: 'people' }, batches(['id', 'boss_id', 'mentor_id'], [[1, null, null], [2, null, null]], 1))
      await w.update({ name: 'people' }, ['id'], batches(['id', 'boss_id', 'mentor_id'], [[1, 2, null], [2, 1, 1]], 1))
      await w.syncIdentity({ name: 'plain' })
      await w.syncIdentity({ name: 'people' })
    })
    expect(readFileSync(join(dir, '000-pre.sql'), 'utf8')).toBe('BEGIN;\nCREATE TABLE t (a int);\nTRUNCATE "plain";\n')
    expect(readFileSync(join(dir, '001-plain.sql'), 'utf8')).toBe(
      'INSERT INTO "plain" ("id", "body") VALUES\n(1, \'a\');\nSELECT sync_identity(\'plain\');\n',
    )
    expect(readFileSync(join(dir, '002-people.sql'), 'utf8')).not.toContain('sync_identity')
    expect(readFileSync(join(dir, '999-fixups.sql'), 'utf8')).toBe(
      [
        'UPDATE "people" SET "boss_id" = 2, "mentor_id" = NULL WHERE "id" = 1;',
        'UPDATE "people" SET "boss_id" = 1, "mentor_id" = 1 WHERE "id" = 2;',
        'COMMIT;',
        '',
      ].join('\n'),
    )
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    const sums = (file: string) => {
      const b = readFileSync(join(dir, file))
      return { bytes: b.length, sha256: createHash('sha256').update(b).digest('hex') }
    }
    expect(manifest).toEqual({
      format: 'sql',
      dialect: 'postgres',
      tables: [
        { table: 'plain', file: '001-plain.sql', rows: 1, columns: ['id', 'body'], ...sums('001-plain.sql') },
        { table: 'people', file: '002-people.sql', rows: 2, columns: ['id', 'boss_id', 'mentor_id'], ...sums('002-people.sql') },
      ],
      fixups: [{ table: 'people', file: '999-fixups.sql', rows: 2, columns: ['id', 'boss_id', 'mentor_id'], keyColumns: ['id'], ...sums('999-fixups.sql') }],
      pre: { file: '000-pre.sql', statements: 2, ...sums('000-pre.sql') },
      seed: 42,
    })
  })

  it('fixup rows without their key column fail with TDG_WRITE_FAILED naming table and column', async () => {
    const dir = join(tmp.root, 'bad')
    const work = openFileTarget({ dir, format: 'sql', dialect: stubDialect(), tables: [plain] }).transaction((w) =>
      w.update({ name: 'plain' }, ['id'], batches(['body'], [['x']], 1)),
    )
    await expect(work).rejects.toMatchObject({ code: 'TDG_WRITE_FAILED', message: expect.stringMatching(/plain.*key column id/) })
    expect(existsSync(dir)).toBe(false)
  })

  it('requires a dialect for the sql format', () => {
    expect(() => openFileTarget({ dir: join(tmp.root, 'x'), format: 'sql', tables: [] })).toThrow(expect.objectContaining({ code: 'TDG_USAGE' }))
  })
})
