/**
 * Make a psql script parseable by the server grammar without moving anything: psql meta-command lines
 * (`\connect`, `\restrict …`, `\.`) and the data rows of `COPY … FROM stdin;` blocks are blanked —
 * every character replaced by a space, line breaks kept — so that offsets, lines and columns reported
 * by the parser still point into the original text.
 */

const COPY_FROM_STDIN = /^\s*COPY\b[^;]*\bFROM\s+stdin\b[^;]*;\s*$/i

/** Blank psql-only lines; returns text of the same length and the same lines. */
export function blankPsqlLines(text: string): string {
  const lines = text.split('\n')
  let inCopyData = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (inCopyData) {
      // Data rows are not SQL; the block ends at a line holding only `\.`.
      if (/^\\\.\r?$/.test(line)) inCopyData = false
      lines[i] = blank(line)
    } else if (/^\s*\\/.test(line)) {
      lines[i] = blank(line)
    } else if (COPY_FROM_STDIN.test(line)) {
      inCopyData = true
    }
  }
  return lines.join('\n')
}

/** Same number of characters (code points), all spaces; a trailing CR is kept. */
function blank(line: string): string {
  const cr = line.endsWith('\r')
  const body = cr ? line.slice(0, -1) : line
  return ' '.repeat([...body].length) + (cr ? '\r' : '')
}
