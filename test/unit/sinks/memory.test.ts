/**
 * Bounded memory: a 1M-row export streams through fixed-size buffers. Rows are produced lazily (as the
 * generators will), RSS is sampled at every batch, and the peak growth is printed. The bound asserted is
 * loose on purpose (GC timing varies); holding the output in memory would exceed it several times over.
 */
import { createReadStream, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RowStream } from '../../../src/model/rows.js'
import { openFileTarget, type FileFormat } from '../../../src/sinks/file-target.js'
import { stubDialect, table, tempDir } from './helpers.js'

const ROWS = 1_000_000
const users = table('users', {
  id: { kind: 'integer', bytes: 8 },
  email: { kind: 'text' },
  name: { kind: 'text' },
  created_at: { kind: 'timestamp', tz: true },
  amount: { kind: 'decimal', precision: 12, scale: 2 },
  active: { kind: 'boolean' },
  bio: { kind: 'text' },
})
const columns = users.columns.map((c) => c.name)

async function* lazyRows(sample: () => void): RowStream {
  const size = 5000
  for (let start = 0; start < ROWS; start += size) {
    const rows = []
    for (let i = start; i < start + size; i++) {
      rows.push([BigInt(i + 1), `user${i}@example.com`, `Name "${i}", Jr.`, new Date(1_700_000_000_000 + i * 1000), `${i % 100000}.${i % 100}`, i % 2 === 0, i % 10 === 0 ? null : 'a short bio, with a comma'])
    }
    yield { columns, rows }
    sample()
  }
}

async function countLines(path: string): Promise<number> {
  let n = 0
  for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) n++
  return n
}

describe('1M-row export keeps memory flat', () => {
  const tmp = tempDir()
  afterAll(() => tmp.cleanup())

  for (const format of ['csv', 'sql'] as FileFormat[]) {
    it(format, async () => {
      const dir = join(tmp.root, format)
      const base = process.memoryUsage().rss
      let peak = base
      const sample = () => {
        peak = Math.max(peak, process.memoryUsage().rss)
      }
      const t0 = performance.now()
      const stats = await openFileTarget({ dir, format, dialect: stubDialect(), tables: [users] }).transaction((w) => w.insert({ name: 'users' }, lazyRows(sample)))
      const ms = performance.now() - t0
      const file = join(dir, `001-users.${format}`)
      const bytes = statSync(file).size
      const growthMb = (peak - base) / 1024 / 1024
      console.log(
        `[sinks] ${format}: ${ROWS.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(0)} MB file, ` +
          `peak RSS growth ${growthMb.toFixed(1)} MB, ${(ms / 1000).toFixed(1)} s (${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} rows/s)`,
      )
      expect(stats.rows).toBe(ROWS)
      if (format === 'csv') expect(await countLines(file)).toBe(ROWS + 1)
      else expect(await countLines(file)).toBe(ROWS + ROWS / 1000) // rows + INSERT heads (BEGIN/COMMIT live in 000-pre.sql / 999-fixups.sql)
      expect(growthMb).toBeLessThan(200)
    }, 120_000)
  }
})
