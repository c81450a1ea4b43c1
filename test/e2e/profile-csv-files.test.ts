/**
 * A `tdg generate --format csv` output directory read back as a profiling input: one table per file
 * (named by the manifest), and FK candidates that are exactly the schema's real single-column FKs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadSchema } from '../../src/compose/load-schema.js'
import { csvProfileInput } from '../../src/profile/csv/csv-input.js'
import { runCli } from '../support/run-cli.js'

const work = mkdtempSync(join(tmpdir(), 'tdg-profile-csv-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('csvProfileInput on tdg generate output', () => {
  it.each([
    ['test/fixtures/postgres/rules-shop.sql', 200],
    ['test/fixtures/postgres/realism.sql', 300],
  ])('%s: proposes exactly the real foreign keys', async (schema, rows) => {
    const out = join(work, schema.replace(/\W+/g, '-'))
    const r = await runCli(['generate', '--schema', schema, '--rows', String(rows), '--format', 'csv', '--output', out, '--seed', '11'])
    expect(r.code, r.stderr).toBe(0)
    const { model } = await loadSchema({ kind: 'file', path: schema })
    const real = model.tables
      .flatMap((t) => t.foreignKeys.map((f) => `${t.name}(${f.columns.join()}) → ${f.references.table}(${f.references.columns.join()})`))
      .sort()
    expect(real.length).toBeGreaterThan(1)

    const input = await csvProfileInput(out)
    expect(input.kind).toBe('files')
    const tables = await input.tables()
    expect(tables.map((t) => t.name).sort()).toEqual(model.tables.map((t) => t.name).sort())
    expect(tables.every((t) => t.schema === 'public')).toBe(true)
    const proposed = tables.flatMap((t) => t.foreignKeys.map((f) => `${t.name}(${f.columns.join()}) → ${f.references.table}(${f.references.columns.join()})`)).sort()
    expect(proposed).toEqual(real)
    expect(tables.flatMap((t) => t.foreignKeys).every((f) => f.name?.startsWith('candidate_'))).toBe(true)
    // Row counts come from the lines read and match what the manifest says was written.
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { tables: Array<{ table: string; rows: number }> }
    for (const t of tables) {
      const written = manifest.tables.find((m) => m.table === `${t.schema}.${t.name}`)?.rows
      expect(await input.rowCount(t)).toEqual({ count: written, exact: true, method: `all ${written} lines` })
    }
    // Every single-column `id` key is found as the primary key candidate.
    for (const t of model.tables.filter((m) => m.primaryKey?.columns.join() === 'id')) {
      expect(tables.find((c) => c.name === t.name)?.primaryKey).toEqual({ columns: ['id'] })
    }
  })
})
