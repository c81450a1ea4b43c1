/**
 * The seed's `tdg --profile existing_data.csv --rules custom_rules.yaml --rows 10000 --output ./data`:
 * profile the source (CSV file, directory or database), turn the profile into rules, and hand back the
 * source's tables (the schema to generate) with those rules. With `rulesFile` the learned rules are
 * written there first, for the user to edit and reuse; a file tdg profile did not write is never replaced.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { TdgError } from '../errors.js'
import type { SchemaModel } from '../model/schema.js'
import { profileToRules } from '../profile/emit-rules.js'
import type { RuleSet } from '../rules/schema.js'
import { profileSource } from './profile-source.js'

/** The first line `tdg profile` writes into a rules file: such a file may be replaced by a new profile. */
const HEADER = '# tdg profile: rules learned from'

export interface LearnedRules {
  model: SchemaModel
  rules: RuleSet
  /** Where the rules were written, when they were. */
  written?: string
}

/**
 * Learn rules from `source`. `sample`: rows read per table at most. `dropRows`: leave row counts to the
 * command line (`--rows`), not the source's. `rulesFile`: write the commented rules there (TDG_USAGE when
 * it exists and was not written by tdg profile).
 */
export async function learnRules(source: string, opts: { sample: number; dropRows: boolean; rulesFile?: string }): Promise<LearnedRules> {
  if (opts.rulesFile && existsSync(opts.rulesFile) && !readFileSync(opts.rulesFile, 'utf8').startsWith(HEADER))
    throw new TdgError('TDG_USAGE', `--profile with --rules ${opts.rulesFile}: the file exists and was not written by tdg profile; it is where the learned rules go, so name a new file (or remove it)`, { file: opts.rulesFile })
  const { profile, model } = await profileSource(source, { sample: opts.sample })
  const emitted = profileToRules(profile, { tables: model.tables })
  const rules = structuredClone(emitted.rules)
  if (opts.dropRows) for (const t of Object.values(rules.tables ?? {})) delete t.rows
  if (opts.rulesFile) {
    const tmp = join(dirname(opts.rulesFile), `.${basename(opts.rulesFile)}.${process.pid}.tmp`)
    try {
      writeFileSync(tmp, emitted.yaml)
      renameSync(tmp, opts.rulesFile)
    } catch (e) {
      rmSync(tmp, { force: true })
      throw new TdgError('TDG_WRITE_FAILED', `cannot write ${opts.rulesFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: opts.rulesFile }, { cause: e })
    }
  }
  return { model, rules: { rules, source: opts.rulesFile ?? `rules learned from ${source}` }, ...(opts.rulesFile ? { written: opts.rulesFile } : {}) }
}
