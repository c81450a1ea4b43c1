/**
 * What `tdg report --source/--target/--profile ARG` names, as a Profile. The one place that tells the
 * kinds of argument apart: a profile JSON file (`tdg profile --json`), a database URL, a CSV file or a
 * directory of CSV files (tdg's own `--format csv` output included), the last three profiled on the spot.
 */
import { readFile, stat } from 'node:fs/promises'
import { TdgError } from '../errors.js'
import type { Profile } from '../model/profile.js'
import { parseProfile } from '../report/read-profile.js'
import { profileSource, URL_LIKE } from './profile-source.js'

/** Rows read per table when a report profiles a database or CSV files itself (as `tdg profile`'s default). */
export const REPORT_SAMPLE = 10_000

/**
 * Resolve one report argument to a Profile. A `*.json` file must hold profile JSON (`tdg profile --json`):
 * TDG_FILE_READ when it cannot be read, TDG_PROFILE_INVALID when it is not a profile of this version. A
 * database URL, a CSV file or a directory is profiled (`sample` rows per table at most, default 10 000).
 */
export async function loadProfileArg(arg: string, opts: { sample?: number } = {}): Promise<Profile> {
  if (URL_LIKE.test(arg)) return (await profileSource(arg, { sample: opts.sample ?? REPORT_SAMPLE })).profile
  const info = await stat(arg).catch((e: NodeJS.ErrnoException) => {
    throw new TdgError('TDG_FILE_READ', `${arg}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, { file: arg }, { cause: e })
  })
  if (info.isDirectory() || /\.(csv|tsv|txt)$/i.test(arg)) return (await profileSource(arg, { sample: opts.sample ?? REPORT_SAMPLE })).profile
  let text: string
  try {
    text = await readFile(arg, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new TdgError('TDG_FILE_READ', `${arg}: ${code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, { file: arg }, { cause: e })
  }
  return parseProfile(text, arg)
}

