/**
 * Client-side handling of an SQL script for `Writer.execute`: the server runs several `;`-separated
 * statements in one call (multipleStatements), but `DELIMITER` lines are a mysql-client command, so a
 * script with them (procedure/trigger bodies) is split here, honouring quotes and comments.
 */

/** The script's statements when it uses DELIMITER; `[sql]` unchanged otherwise. */
export function splitScript(sql: string): string[] {
  if (!/^[ \t]*delimiter[ \t]+\S/im.test(sql)) return [sql]
  const out: string[] = []
  let delimiter = ';'
  let start = 0
  let i = 0
  const push = (end: number) => {
    const s = sql.slice(start, end).trim()
    if (s !== '') out.push(s)
  }
  while (i < sql.length) {
    const lineStart = i === 0 || sql[i - 1] === '\n'
    if (lineStart) {
      const m = /^[ \t]*delimiter[ \t]+(\S+)[^\n]*\n?/i.exec(sql.slice(i, i + 200))
      if (m && sql.slice(start, i).trim() === '') {
        delimiter = m[1] as string
        i += m[0].length
        start = i
        continue
      }
    }
    const c = sql[i] as string
    if (c === "'" || c === '"' || c === '`') {
      i++
      while (i < sql.length && sql[i] !== c) i += sql[i] === '\\' && c !== '`' ? 2 : 1
      i++
      continue
    }
    if ((c === '-' && sql[i + 1] === '-' && /\s/.test(sql[i + 2] ?? ' ')) || c === '#') {
      while (i < sql.length && sql[i] !== '\n') i++
      continue
    }
    if (c === '/' && sql[i + 1] === '*' && sql[i + 2] !== '!') {
      const end = sql.indexOf('*/', i + 2)
      i = end < 0 ? sql.length : end + 2
      continue
    }
    if (sql.startsWith(delimiter, i)) {
      push(i)
      i += delimiter.length
      start = i
      continue
    }
    i++
  }
  push(sql.length)
  return out
}
