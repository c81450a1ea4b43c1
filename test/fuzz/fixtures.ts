/**
 * Failure fixtures: `test/fuzz/failures/<dialect>-<seed>.sql` holds the shrunk schema's DDL with the
 * reproduction in its header; `<dialect>-<seed>.json` holds the abstract schema and run parameters the
 * replay test (replay.test.ts) and the validator need. `status` says whether the defect is still open.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderSchema } from './render.js'
import type { FSchema } from './schema.js'
import type { RunParams } from './property.js'

export const FAILURE_DIR = fileURLToPath(new URL('./failures/', import.meta.url))

export interface FailureFixture {
  /** File stem: `<dialect>-<seed>`. */
  id: string
  schema: FSchema
  params: RunParams
  problems: string[]
  /** `open`: tdg still fails it (the replay expects the failure); `fixed`: must pass now. */
  status: 'open' | 'fixed'
  /** One line on the defect (filled in by whoever triages it). */
  defect?: string
}

/** Write the fixture pair; returns the .sql path. */
export function saveFailure(schema: FSchema, params: RunParams, problems: string[], seed: number, dir: string = FAILURE_DIR): string {
  mkdirSync(dir, { recursive: true })
  let id = `${schema.dialect}-${seed}`
  for (let n = 2; existsSync(join(dir, `${id}.json`)); n++) id = `${schema.dialect}-${seed}-${n}`
  const fixture: FailureFixture = { id, schema, params, problems, status: 'open' }
  const header = [
    `-- tdg schema-fuzz failure ${id} (dialect ${schema.dialect})`,
    '-- Reproduce: create an empty database, run this file in it with the dialect\'s own client, then',
    schema.dialect === 'mssql'
      ? `--   tdg plan --schema ${id}.sql --dialect mssql --rows ${params.rows} --seed ${params.seed}`
      : `--   tdg seed --db <its URL> --rows ${params.rows} --seed ${params.seed}`,
    '-- or replay it: npx vitest run test/fuzz/replay.test.ts',
    '-- Problems found:',
    ...problems.flatMap((p) => p.split('\n')).map((l) => `--   ${l}`),
    '',
  ].join('\n')
  const sql = join(dir, `${id}.sql`)
  writeFileSync(sql, `${header}${renderSchema(schema)}`)
  writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(fixture, null, 2)}\n`)
  return sql
}

/** Every saved fixture. */
export function loadFailures(dir: string = FAILURE_DIR): FailureFixture[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FailureFixture)
}
