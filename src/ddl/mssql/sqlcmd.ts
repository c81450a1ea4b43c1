/**
 * sqlcmd scripting, as Microsoft's sample installers (instawdb.sql, WideWorldImporters) and SSDT publish
 * scripts use it, applied before tokenizing:
 *
 * - `:setvar Name Value` / `:setvar Name "Value"` defines a variable; `$(Name)` is replaced by its value
 *   everywhere after (in names, strings and comments alike, as sqlcmd does);
 * - every other directive line (`:on error exit`, `:r file`, `:connect`, `:out`, `!!cmd`, …) is dropped;
 *   `:r` (an included file tdg does not read) is reported.
 *
 * Directive lines become empty lines, so line numbers stay those of the file; a line with a `$(…)`
 * substitution reports columns of the substituted text. A `$(Name)` with no `:setvar` (sqlcmd's `-v`)
 * is replaced by `Name` and reported.
 */

/** What the pre-pass reports: a message and the 1-based line it is about. */
export interface SqlcmdNote {
  message: string
  line: number
  column: number
}

export interface SqlcmdResult {
  text: string
  notes: SqlcmdNote[]
}

const DIRECTIVE = /^[ \t]*(?::[A-Za-z]|!!)/
const SETVAR = /^[ \t]*:setvar[ \t]+([A-Za-z_][\w]*)(?:[ \t]+(?:"((?:[^"]|"")*)"|(\S+)))?[ \t]*$/i
const VAR = /\$\(([A-Za-z_][\w]*)\)/g

/** Apply sqlcmd directives and `$(var)` substitution; text without any is returned as it is. */
export function applySqlcmd(text: string): SqlcmdResult {
  if (!/^[ \t]*(?::|!!)/m.test(text) && !text.includes('$(')) return { text, notes: [] }
  const vars = new Map<string, string>()
  const notes: SqlcmdNote[] = []
  const undefinedSeen = new Set<string>()
  const lines = text.split('\n')
  let directives = 0
  let firstDirective = 0
  const lexical = { str: false, comment: 0 }
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string
    const body = line.replace(/\r$/, '')
    // A line inside a multi-line string or block comment is text, never a directive.
    const atCode = !lexical.str && lexical.comment === 0
    track(body, lexical)
    if (atCode && DIRECTIVE.test(body) && !/^[ \t]*::/.test(body)) {
      const set = SETVAR.exec(body)
      if (set) {
        vars.set((set[1] as string).toLowerCase(), substitute(set[2]?.replace(/""/g, '"') ?? set[3] ?? '', vars, notes, undefinedSeen, k + 1))
      } else if (/^[ \t]*:r[ \t]/i.test(body)) {
        notes.push({ message: `sqlcmd ${body.trim()} skipped: included files are not read (pass them to tdg separately)`, line: k + 1, column: body.search(/\S/) + 1 })
      } else if (directives++ === 0) firstDirective = k + 1
      lines[k] = body.endsWith('\r') ? '\r' : ''
      continue
    }
    if (line.includes('$(')) lines[k] = substitute(line, vars, notes, undefinedSeen, k + 1)
  }
  if (directives > 0) notes.push({ message: `${directives} sqlcmd directive(s) (:on error, :connect, …) skipped`, line: firstDirective, column: 1 })
  return { text: lines.join('\n'), notes }
}

/** Carry string / block-comment state across one line (`''` inside strings, nested comments). */
function track(line: string, st: { str: boolean; comment: number }): void {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (st.str) {
      if (c === "'") {
        if (line[i + 1] === "'") i++
        else st.str = false
      }
    } else if (st.comment > 0) {
      if (c === '*' && line[i + 1] === '/') { st.comment--; i++ } else if (c === '/' && line[i + 1] === '*') { st.comment++; i++ }
    } else if (c === '-' && line[i + 1] === '-') return
    else if (c === '/' && line[i + 1] === '*') { st.comment++; i++ } else if (c === "'") st.str = true
    else if (c === '[' || c === '"') {
      // A [quoted name] or "quoted name" may hold quotes: skip to its end on this line.
      const end = line.indexOf(c === '[' ? ']' : '"', i + 1)
      if (end !== -1) i = end
    }
  }
}

function substitute(line: string, vars: Map<string, string>, notes: SqlcmdNote[], undefinedSeen: Set<string>, lineNo: number): string {
  return line.replace(VAR, (whole, name: string, offset: number) => {
    const v = vars.get(name.toLowerCase())
    if (v !== undefined) return v
    if (!undefinedSeen.has(name.toLowerCase())) {
      undefinedSeen.add(name.toLowerCase())
      notes.push({ message: `sqlcmd variable $(${name}) has no :setvar in the script; read as ${name}`, line: lineNo, column: offset + 1 })
    }
    return whole === '' ? '' : name
  })
}
