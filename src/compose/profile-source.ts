/**
 * Profile what an argument names: a database URL (`dbProfileInput` over its adapter) or a CSV file /
 * directory of CSV files (`csvProfileInput`, tdg's own output directories included). Shared by
 * `tdg profile`, `tdg report` and the seed's `tdg --profile data.csv` form, so they read sources alike.
 */
import { stat } from 'node:fs/promises'
import { connect } from '../../adapters/index.js'
import { TdgError } from '../errors.js'
import type { Profile } from '../model/profile.js'
import type { SchemaModel, Table } from '../model/schema.js'
import { csvProfileInput } from '../profile/csv/csv-input.js'
import { dbProfileInput } from '../profile/db-input.js'
import type { ProfileInput } from '../profile/profile-input.js'
import { profileInput, type ProfileOptions } from '../profile/profile.js'

/** A connection URL (`postgres://…`, `sqlite:./app.db`) rather than a path. */
export const URL_LIKE = /^(postgres(ql)?|mysql|mariadb|mssql|sqlserver|sqlite):/i

/** What was profiled: the profile, and the tables it came from (CSV: inferred) as a schema model. */
export interface ProfiledSource {
  profile: Profile
  model: SchemaModel
}

/**
 * Profile `arg` (a URL, a CSV file or a directory) with `opts`. TDG_FILE_READ when a path cannot be read.
 * CSV tables travel as a PostgreSQL-flavoured model (their inferred type names are PostgreSQL's).
 */
export async function profileSource(arg: string, opts: ProfileOptions = {}): Promise<ProfiledSource> {
  let input: ProfileInput
  let dialect: SchemaModel['dialect'] = 'postgres'
  if (URL_LIKE.test(arg)) {
    const adapter = await connect(arg)
    dialect = adapter.dialect.id as SchemaModel['dialect']
    input = dbProfileInput(adapter)
  } else {
    await stat(arg).catch((e: NodeJS.ErrnoException) => {
      throw new TdgError('TDG_FILE_READ', `${arg}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, { file: arg }, { cause: e })
    })
    // The profiler reads each table once right after listing it: a CSV read in full needs one read, not two.
    input = await csvProfileInput(arg, { readOnce: true, ...(opts.sample !== undefined ? { sampleLimit: opts.sample } : {}) })
  }
  try {
    const profile = await profileInput(input, opts)
    const tables: Table[] = await input.tables()
    const picked = new Set(profile.tables.map((t) => `${t.schema ?? ''}.${t.name}`))
    const kept = tables.filter((t) => picked.has(`${t.schema ?? ''}.${t.name}`))
    // A CSV's longest value is an observation, not a limit: generating to it would cut emails and names short.
    const model = input.kind === 'db' ? kept : kept.map((t) => ({ ...t, columns: t.columns.map((c) => (c.type.kind === 'string' ? { ...c, type: { kind: 'text' as const } } : c)) }))
    return { profile, model: { dialect, tables: model, enums: [], domains: [] } }
  } finally {
    await input.close()
  }
}
