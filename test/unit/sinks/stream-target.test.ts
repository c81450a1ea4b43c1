import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { openStreamTarget, type StreamFormat } from '../../../src/sinks/stream-target.js'
import { batches, stubDialect, table } from './helpers.js'

const users = table('users', { id: { kind: 'integer', bytes: 8 }, email: { kind: 'text' } }, { schema: 'app' })
const orders = table('orders', { id: { kind: 'integer', bytes: 8 }, user_id: { kind: 'integer', bytes: 8 }, note: { kind: 'text' } })

/** Run two inserts and one fixup into a stream of `format`; resolves with everything written. */
async function written(format: StreamFormat, batchSize: number): Promise<string> {
  const stream = new PassThrough()
  let out = ''
  stream.on('data', (d: Buffer) => (out += d.toString()))
  await openStreamTarget({ stream, format, dialect: stubDialect(), tables: [users, orders] }).transaction(async (w) => {
    await w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email'], [[1, 'a@x'], [2, 'b,"c"']], batchSize))
    await w.insert({ name: 'orders' }, batches(['id', 'user_id', 'note'], [[1, 1, null], [2, 2, 'x\ny'], [3, 1, '']], batchSize))
    await w.update({ name: 'orders' }, ['id'], batches(['id', 'user_id'], [[3, 2]], batchSize))
  })
  return out
}

describe('stream target (--output -)', () => {
  it('ndjson: one {"table","row"} line per row, fixups as {"table","update","keyColumns"}; independent of batching', async () => {
    const text = await written('ndjson', 1)
    expect(text).toBe(await written('ndjson', 100))
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines).toEqual([
      { table: 'app.users', row: { id: 1, email: 'a@x' } },
      { table: 'app.users', row: { id: 2, email: 'b,"c"' } },
      { table: 'orders', row: { id: 1, user_id: 1, note: null } },
      { table: 'orders', row: { id: 2, user_id: 2, note: 'x\ny' } },
      { table: 'orders', row: { id: 3, user_id: 1, note: '' } },
      { table: 'orders', update: { id: 3, user_id: 2 }, keyColumns: ['id'] },
    ])
  })

  it('csv: a section per table with a leading table column, an empty line between sections', async () => {
    const text = await written('csv', 2)
    expect(text).toBe(await written('csv', 1))
    expect(text).toBe(
      'table,id,email\napp.users,1,a@x\napp.users,2,"b,""c"""\n' +
        '\ntable,id,user_id,note\norders,1,1,\norders,2,2,"x\ny"\norders,3,1,""\n' +
        '\nupdate,id,user_id\norders,3,2\n',
    )
  })

  it('sql: one script, BEGIN … COMMIT, inserts in call order, then the fixup UPDATE', async () => {
    const text = await written('sql', 1)
    expect(text.startsWith('BEGIN;\n')).toBe(true)
    expect(text.endsWith('COMMIT;\n')).toBe(true)
    expect(text.indexOf('INSERT INTO "app"."users"')).toBeLessThan(text.indexOf('INSERT INTO "orders"'))
    expect(text).toContain(`UPDATE "orders" SET "user_id" = 2 WHERE "id" = 3;`)
    expect(text).toBe(await written('sql', 100))
  })

  it('json is refused: it needs a directory', () => {
    expect(() => openStreamTarget({ stream: new PassThrough(), format: 'json' as StreamFormat, tables: [] })).toThrow(/json needs a directory/)
  })

  it('a stream that fails (a closed pipe) fails the transaction with its error', async () => {
    const stream = new PassThrough()
    stream.destroy()
    const work = openStreamTarget({ stream, format: 'ndjson', tables: [users] }).transaction((w) =>
      w.insert({ schema: 'app', name: 'users' }, batches(['id', 'email'], [[1, 'a']], 1)),
    )
    await expect(work).rejects.toThrow()
  })
})
