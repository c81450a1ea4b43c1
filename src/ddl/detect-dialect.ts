import type { DialectId } from '../adapter/adapter.js'

/** A dialect guess for a DDL file, with the evidence that decided it. */
export interface DialectGuess {
  dialect: DialectId
  reason: string
}

/** Markers that only one dialect writes, strongest first. Each hit scores its weight. */
const MARKERS: Array<{ dialect: DialectId; re: RegExp; weight: number; what: string }> = [
  { dialect: 'postgres', re: /^--\s*PostgreSQL database dump/im, weight: 10, what: 'a pg_dump header' },
  { dialect: 'postgres', re: /^\\(restrict|connect|unrestrict)\b/m, weight: 10, what: 'psql meta commands' },
  { dialect: 'postgres', re: /\bSET\s+search_path\b|\bpg_catalog\./i, weight: 6, what: 'search_path/pg_catalog' },
  { dialect: 'postgres', re: /\b(big|small)?serial\b|\bAS\s+IDENTITY\b|::\s*[a-z]|\bCREATE\s+TYPE\b[^;]*\bAS\s+ENUM\b|\bCREATE\s+DOMAIN\b|\bjsonb\b|\bbytea\b|\btimestamptz\b/i, weight: 3, what: 'PostgreSQL types or casts' },
  { dialect: 'sqlite', re: /\bAUTOINCREMENT\b/i, weight: 6, what: 'AUTOINCREMENT' },
  { dialect: 'sqlite', re: /\bWITHOUT\s+ROWID\b|\bPRAGMA\b|\bsqlite_sequence\b/i, weight: 8, what: 'SQLite pragmas or WITHOUT ROWID' },
  { dialect: 'mysql', re: /^--\s*(MySQL|MariaDB) dump/im, weight: 10, what: 'a mysqldump header' },
  { dialect: 'mysql', re: /`[^`\n]+`|\bENGINE\s*=|\bAUTO_INCREMENT\b|\/\*!\d{5}/i, weight: 6, what: 'backticks, ENGINE= or AUTO_INCREMENT' },
  { dialect: 'mssql', re: /^\s*GO\s*$/im, weight: 8, what: 'GO batch separators' },
  { dialect: 'mssql', re: /\[[^\]\n]+\]\.\[|\bIDENTITY\s*\(\s*\d+\s*,|\bNVARCHAR\s*\(\s*MAX\s*\)|\buniqueidentifier\b/i, weight: 6, what: 'T-SQL brackets, IDENTITY(seed,step) or nvarchar(max)' },
]

/**
 * Guess the dialect of DDL text from dialect-only markers. Returns `undefined` when nothing
 * dialect-specific is present; callers then use their default (PostgreSQL, the most portable grammar).
 */
export function detectDialect(text: string): DialectGuess | undefined {
  const scores = new Map<DialectId, { score: number; what: string[] }>()
  for (const m of MARKERS) {
    if (!m.re.test(text)) continue
    const s = scores.get(m.dialect) ?? { score: 0, what: [] }
    s.score += m.weight
    s.what.push(m.what)
    scores.set(m.dialect, s)
  }
  let best: DialectGuess | undefined
  let bestScore = 0
  for (const [dialect, s] of scores) {
    if (s.score > bestScore) {
      bestScore = s.score
      best = { dialect, reason: s.what.join(', ') }
    }
  }
  return best
}
