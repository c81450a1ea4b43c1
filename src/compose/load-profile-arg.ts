/**
 * What `tdg report --source/--target/--profile ARG` names, as a Profile. The one place that tells the
 * kinds of argument apart: today a profile JSON file; a database URL and a directory of generated
 * files are recognised and refused with a usage line until the profiler (`profileInput`) is wired here.
 */
import { readFile, stat } from 'node:fs/promises'
import { TdgError } from '../errors.js'
import type { Profile } from '../model/profile.js'
import { parseProfile } from '../report/read-profile.js'

/** A connection URL (`postgres://…`, `sqlite:./app.db`) rather than a path. */
const URL_LIKE = /^(postgres(ql)?|mysql|mariadb|mssql|sqlserver|sqlite):/i

/**
 * Resolve one report argument to a Profile. A file must hold profile JSON (`tdg profile --json`):
 * TDG_FILE_READ when it cannot be read, TDG_PROFILE_INVALID when it is not a profile of this version.
 */
export async function loadProfileArg(arg: string): Promise<Profile> {
  if (URL_LIKE.test(arg)) {
    throw new TdgError('TDG_USAGE', `${redactArg(arg)}: tdg report reads profile files only for now; run tdg profile --db … --json > profile.json and pass that file`)
  }
  const info = await stat(arg).catch((e: NodeJS.ErrnoException) => {
    throw new TdgError('TDG_FILE_READ', `${arg}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, { file: arg }, { cause: e })
  })
  if (info.isDirectory()) {
    throw new TdgError('TDG_USAGE', `${arg}: a directory; tdg report reads profile files only for now (tdg profile --json > profile.json)`, { file: arg })
  }
  let text: string
  try {
    text = await readFile(arg, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new TdgError('TDG_FILE_READ', `${arg}: ${code === 'EACCES' ? 'permission denied' : 'cannot be read'}`, { file: arg }, { cause: e })
  }
  return parseProfile(text, arg)
}

/** The argument with a URL password hidden (`postgres://u:***@h/db`). */
function redactArg(arg: string): string {
  return arg.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@')
}
