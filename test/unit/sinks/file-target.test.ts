import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Value } from '../../../src/model/rows.js'
import { openFileTarget, type FileFormat } from '../../../src/sinks/file-target.js'
import { orderedFileName, safeFileName } from '../../../src/sinks/file-name.js'
import { batches, readTree, stubDialect, table, tempDir } from './helpers.js'

/** The size and SHA-256 the manifest must give `file`, from the file itself. */
const sums = (dir: string, file: string) => {
  const b = readFileSync(join(dir, file))
  return { bytes: b.length, sha256: createHash('sha256').update(b).digest('hex') }
}

const users = table('users', { id: { kind: 'integer', bytes: 8 }, email: { kind: 'text' }, bio: { kind: 'text' } }, { schema: 'app' })
const orders = table('orders', {
  id: { kind: 'integer', bytes: 8 },
  user_id: { kind: 'integer', bytes: 8 },
  total: { kind: 'decimal', precision: 12, scale: 2 },
  note: { kind: 'text' },
})

describe('file names', () => {
  it('escapes separators and control characters one-to-one and keeps unicode', () => {
    expect(safeFileName('a/b\\c')).toBe('a%2Fb%5Cc')
    expect(safeFileName('tab\there\u0000nul\u007f')).toBe('tab%09here%00nul%7F')
    expect(safeFileName('50%_off')).toBe('50%25_off')
    expect(safeFileName('a_b')).not.toBe(safeFileName('a/b'))
    expect(safeFileName('客户 ümlaut 🎉')).toBe('客户 ümlaut 🎉')
    expect(safeFileName('..')).toBe('.%2E')
    expect(orderedFileName(7, 3, { schema: 'sales', name: 'q/1' }, 'csv')).toBe('007-sales.q%2F1.csv')
    expect(orderedFileName(12, 4, { name: 't' }, 'sql')).toBe('0012-t.sql')
    // The dialect's default schema is left out; any other schema stays, so two schemas never collide.
    expect(orderedFileName(1, 3, { schema: 'public', name: 'products' }, 'csv', 'public')).toBe('001-products.csv')
    expect(orderedFileName(2, 3, { schema: 'audit', name: 'products' }, 'csv', 'public')).toBe('002-audit.products.csv')
    expect(orderedFileName(3, 3, { schema: 'dbo', name: 'a.b' }, 'sql', 'dbo')).toBe('003-a.b.sql')
  })
})

describe('file target', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  const siblings = () => readdirSync(tmp.root).filter((n) => n.includes('.tdg-tmp-'))

  it('numbers files in first-insert order, appends repeated inserts and writes a deterministic manifest', async () => {
    const dir = join(tmp.root, 'nested', 'out')
    const target = openFileTarget({ dir, format: 'ndjson', tables: [orders, users], manifest: { seed: 42, rows: 3 } })
    const res = await target.transaction(async (w) => {
      await w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email', 'bio'], [[1n, 'a@x', null]], 1))
      await w.insert({ name: 'orders' }, batches(['id', 'user_id', 'total', 'note'], [[1n, 1n, '9.99', 'n']], 1))
      await w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email', 'bio'], [[2n, 'b@x', 'hi']], 1))
      await w.execute('TRUNCATE x') // meaningless to ndjson: ignored
      await w.syncIdentity({ name: 'orders' }) // likewise
      return 'done'
    })
    await target.close()
    expect(res).toBe('done')
    expect(readdirSync(dir).sort()).toEqual(['001-app.users.ndjson', '002-orders.ndjson', 'manifest.json'])
    expect(readFileSync(join(dir, '001-app.users.ndjson'), 'utf8')).toBe('{"id":1,"email":"a@x","bio":null}\n{"id":2,"email":"b@x","bio":"hi"}\n')
    const manifest = readFileSync(join(dir, 'manifest.json'), 'utf8')
    expect(JSON.parse(manifest)).toEqual({
      format: 'ndjson',
      tables: [
        { table: 'app.users', file: '001-app.users.ndjson', rows: 2, columns: ['id', 'email', 'bio'], ...sums(dir, '001-app.users.ndjson') },
        { table: 'orders', file: '002-orders.ndjson', rows: 1, columns: ['id', 'user_id', 'total', 'note'], ...sums(dir, '002-orders.ndjson') },
      ],
      fixups: [],
      seed: 42,
      rows: 3,
    })
    expect(manifest).not.toMatch(/createdAt|time/i)
    expect(siblings()).toEqual([])
    await expect(target.transaction(async () => 1)).rejects.toMatchObject({ code: 'TDG_INTERNAL' })
  })

  it('serialises overlapping inserts into one table: whole calls in call order, never interleaved', async () => {
    const dir = join(tmp.root, 'overlap')
    const slow = async function* () {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 2))
        yield { columns: ['id'], rows: [[i]] }
      }
    }
    const stats = await openFileTarget({ dir, format: 'csv', tables: [orders] }).transaction((w) =>
      Promise.all([w.insert({ name: 'orders' }, slow()), w.insert({ name: 'orders' }, batches(['id'], [[100], [101]], 1))]),
    )
    expect(stats.map((s) => s.rows)).toEqual([5, 2])
    expect(readFileSync(join(dir, '001-orders.csv'), 'utf8')).toBe('id\n0\n1\n2\n3\n4\n100\n101\n')
  })

  it('writes fixups of data formats to fixups/<table>.<ext> with key + updated columns', async () => {
    const dir = join(tmp.root, 'fx')
    await openFileTarget({ dir, format: 'csv', tables: [users] }).transaction(async (w) => {
      await w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email', 'bio'], [[1, 'a', null]], 1))
      await w.update({ schema: 'app', name: 'users' }, ['id'], batches(['id', 'bio'], [[1, 'x'], [2, 'y']], 1))
    })
    expect(readFileSync(join(dir, 'fixups', 'app.users.csv'), 'utf8')).toBe('id,bio\n1,x\n2,y\n')
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    expect(m.fixups).toEqual([{ table: 'app.users', file: 'fixups/app.users.csv', rows: 2, columns: ['id', 'bio'], keyColumns: ['id'], ...sums(dir, 'fixups/app.users.csv') }])
    expect(m.fixups[0].bytes).toBe('id,bio\n1,x\n2,y\n'.length)
  })

  it('replaces an earlier output as a whole: no file of the earlier run is left beside the new ones', async () => {
    const dir = join(tmp.root, 'existing')
    mkdirSync(dir)
    writeFileSync(join(dir, '001-orders.csv'), 'old\n')
    writeFileSync(join(dir, '002-gone.csv'), 'old\n')
    writeFileSync(join(dir, 'manifest.json'), '{}\n')
    await openFileTarget({ dir, format: 'csv', tables: [orders] }).transaction((w) =>
      w.insert({ name: 'orders' }, batches(['id', 'user_id', 'total', 'note'], [[1, 2, '3.00', '']], 1)),
    )
    expect(readFileSync(join(dir, '001-orders.csv'), 'utf8')).toBe('id,user_id,total,note\n1,2,3.00,""\n')
    expect(readdirSync(dir).sort()).toEqual(['001-orders.csv', 'manifest.json'])
    expect(readdirSync(tmp.root)).toEqual(['existing'])
  })

  it('refuses a directory holding other files (TDG_USAGE, untouched, work never runs) unless force', async () => {
    const dir = join(tmp.root, 'mine')
    mkdirSync(dir)
    writeFileSync(join(dir, 'keep.txt'), 'mine\n')
    let ran = false
    const work = openFileTarget({ dir, format: 'csv', tables: [orders] }).transaction(async () => {
      ran = true
    })
    await expect(work).rejects.toMatchObject({ code: 'TDG_USAGE', details: { dir } })
    expect(ran).toBe(false)
    expect(readdirSync(dir)).toEqual(['keep.txt'])
    await openFileTarget({ dir, format: 'csv', tables: [orders], force: true }).transaction((w) => w.insert({ name: 'orders' }, batches(['id'], [[1]], 1)))
    expect(readdirSync(dir).sort()).toEqual(['001-orders.csv', 'manifest.json'])
    expect(readdirSync(tmp.root)).toEqual(['mine'])
  })

  it('rolls back: when work throws, dir is byte-for-byte unchanged, no temp dir is left, the error passes unchanged', async () => {
    const dir = join(tmp.root, 'rb')
    mkdirSync(dir)
    writeFileSync(join(dir, '001-orders.sql'), 'previous run\n')
    writeFileSync(join(dir, 'manifest.json'), '{}\n')
    const before = readTree(dir)
    const boom = new Error('injected failure in the last table')
    const many: Value[][] = Array.from({ length: 20_000 }, (_, i) => [i, i, '1.00', 'x'.repeat(50)])
    const work = openFileTarget({ dir, format: 'sql', dialect: stubDialect(), tables: [orders, users] }).transaction(async (w) => {
      await w.insert({ name: 'orders' }, batches(['id', 'user_id', 'total', 'note'], many, 500))
      await w.insert({ schema: 'app', name: 'users' }, (async function* () {
        yield { columns: ['id', 'email', 'bio'], rows: [[1, 'a', 'b']] }
        throw boom
      })())
    })
    await expect(work).rejects.toBe(boom)
    expect(readTree(dir)).toEqual(before)
    expect(siblings()).toEqual([])
  })

  it('rolls back without creating a missing dir or its missing parents', async () => {
    const dir = join(tmp.root, 'a', 'b', 'c')
    const work = openFileTarget({ dir, format: 'csv', tables: [orders] }).transaction(async (w) => {
      await w.insert({ name: 'orders' }, batches(['id'], [[1]], 1)).catch(() => undefined)
      throw new Error('stop')
    })
    await expect(work).rejects.toThrow('stop')
    expect(existsSync(join(tmp.root, 'a'))).toBe(false)
    expect(readdirSync(tmp.root)).toEqual([])
  })

  it('fails with TDG_WRITE_FAILED naming the dir when it is a file or under a file, before running work', async () => {
    const file = join(tmp.root, 'plain-file')
    writeFileSync(file, 'x')
    let ran = false
    const work = async () => {
      ran = true
    }
    const e1 = openFileTarget({ dir: file, format: 'csv', tables: [] }).transaction(work)
    await expect(e1).rejects.toMatchObject({ code: 'TDG_WRITE_FAILED', message: `${file}: not a directory`, details: { dir: file } })
    const under = join(file, 'out')
    const e2 = openFileTarget({ dir: under, format: 'csv', tables: [] }).transaction(work)
    await expect(e2).rejects.toMatchObject({ code: 'TDG_WRITE_FAILED', message: `${under}: not a directory` })
    expect(ran).toBe(false)
  })

  it('names table and column, never the value, when a value cannot be encoded', async () => {
    const dir = join(tmp.root, 'enc')
    const work = openFileTarget({ dir, format: 'csv', tables: [users] }).transaction((w) =>
      w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email', 'bio'], [[1, 'secret@example.com', new Date(Number.NaN)]], 1)),
    )
    const err = (await work.then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { code: string }
    expect(err.code).toBe('TDG_WRITE_FAILED')
    expect(err.message).toBe(`${dir}: table app.users, column bio: cannot encode a value (RangeError)`)
    expect(err.message).not.toContain('secret')
    expect(existsSync(dir)).toBe(false)
  })

  it('rejects tables and columns the schema does not have', async () => {
    const t = openFileTarget({ dir: join(tmp.root, 'u'), format: 'json', tables: [users] })
    await expect(t.transaction((w) => w.insert({ name: 'nope' }, batches(['id'], [[1]], 1)))).rejects.toMatchObject({ code: 'TDG_TABLE_NOT_FOUND' })
    await expect(t.transaction((w) => w.insert({ name: 'users' }, batches(['id', 'zzz'], [[1, 2]], 1)))).rejects.toMatchObject({
      code: 'TDG_WRITE_FAILED',
      message: expect.stringContaining('table app.users has no column zzz'),
    })
    expect(siblings()).toEqual([])
  })

  describe('determinism: the same rows give byte-identical files whatever the batch size', () => {
    const rows: Value[][] = Array.from({ length: 6000 }, (_, i) => [
      BigInt(i + 1),
      BigInt((i * 7919) % 6000) + 1n,
      `${(i % 1000) + 0.25}`,
      i % 11 === 0 ? null : `order ${i} ${'é,"\n'.repeat(i % 5)}${'x'.repeat(i % 4000)}`,
    ])
    const userRows: Value[][] = Array.from({ length: 1200 }, (_, i) => [BigInt(i + 1), `u${i}@example.com`, i % 3 ? 'bio' : null])

    async function exportWith(format: FileFormat, batchSize: number, dir: string) {
      const dialect = stubDialect()
      await openFileTarget({ dir, format, dialect, tables: [users, orders], manifest: { seed: 7 } }).transaction(async (w) => {
        await w.execute('SET CONSTRAINTS ALL DEFERRED')
        await w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email', 'bio'], userRows, batchSize))
        await w.insert({ name: 'orders' }, batches(['id', 'user_id', 'total', 'note'], rows.slice(0, 4000), batchSize))
        await w.insert({ name: 'orders' }, batches(['id', 'user_id', 'total', 'note'], rows.slice(4000), batchSize))
        await w.update({ schema: 'app', name: 'users' }, ['id'], batches(['id', 'bio'], userRows.map((r) => [r[0] as Value, 'fixed']), batchSize))
      })
      return readTree(dir)
    }

    for (const format of ['csv', 'json', 'ndjson', 'sql'] as const) {
      it(format, async () => {
        const one = await exportWith(format, 1, join(tmp.root, `${format}-1`))
        const many = await exportWith(format, 997, join(tmp.root, `${format}-997`))
        expect(Object.keys(one).length).toBeGreaterThanOrEqual(4)
        expect(Object.keys(many)).toEqual(Object.keys(one))
        for (const [name, bytes] of Object.entries(one)) expect(many[name]?.equals(bytes), name).toBe(true)
        const sizes = Object.values(one).reduce((s, b) => s + b.length, 0)
        expect(sizes).toBeGreaterThan(8_000_000) // large enough to cross chunk and statement boundaries
        if (format === 'sql') {
          // 6000 rows at ≤ 1000 per statement would be 7 statements over the two inserts; the ~1 MB cap cuts more.
          const inserts = (one['002-orders.sql'] as Buffer).toString('utf8').split('\n').filter((l) => l.startsWith('INSERT INTO'))
          expect(inserts.length).toBeGreaterThan(10)
        }
      })
    }
  })
})
