import type { DialectId } from '../adapter/adapter.js'

/** A dialect guess for a DDL file, with the evidence that decided it. */
export interface DialectGuess {
  dialect: DialectId
  /** The winning dialect's strongest signals and the scores, for messages: `AUTOINCREMENT, [brackets] (sqlite 9, mssql 3)`. */
  reason: string
  /** Every dialect that scored, highest first. */
  scores: Array<{ dialect: DialectId; score: number; signals: string[] }>
}

/**
 * One piece of evidence. `in: 'raw'` looks at the text as written (dump headers live in comments);
 * `in: 'code'` at the text with comments and string literals blanked out, so `'[a-z]'` in a CHECK or
 * a `--` comment mentioning `GO` is no evidence. `weights` lets one signal count for several dialects
 * (SQLite accepts `[brackets]` as well as SQL Server).
 */
interface Signal {
  what: string
  re: RegExp
  in: 'raw' | 'code'
  weights: Partial<Record<DialectId, number>>
  /** Portable SQL writes it too: it weighs in only beside a signal that is not weak. */
  weak?: true
}

const SIGNALS: Signal[] = [
  // PostgreSQL
  { what: 'a pg_dump header', re: /^--\s*PostgreSQL database dump/im, in: 'raw', weights: { postgres: 10 } },
  { what: 'psql meta commands', re: /^\\(?:restrict|connect|unrestrict|set|c)\b/m, in: 'raw', weights: { postgres: 10 } },
  { what: 'search_path/pg_catalog', re: /\bSET\s+search_path\b|\bpg_catalog\./i, in: 'code', weights: { postgres: 6 } },
  { what: 'OWNER TO / ALTER TABLE ONLY', re: /\bOWNER\s+TO\b|\bALTER\s+TABLE\s+ONLY\b/i, in: 'code', weights: { postgres: 6 } },
  { what: ':: casts', re: /(?<!\b(?:SCHEMA|OBJECT|DATABASE|TYPE|COLLECTION|ASSEMBLY|ROLE|USER|LOGIN|CERTIFICATE|ENDPOINT|SERVER|CATALOG|STOPLIST|PROPERTY\s+LIST)\s*)::\s*"?[a-z]/i, in: 'code', weights: { postgres: 5 } },
  { what: 'serial types', re: /\b(?:big|small)?serial\b/i, in: 'code', weights: { postgres: 5 } },
  { what: '$$ bodies', re: /\$(?:[A-Za-z_]\w*)?\$/, in: 'raw', weights: { postgres: 5 } },
  { what: 'CREATE TYPE … AS ENUM / DOMAIN / EXTENSION', re: /\bCREATE\s+TYPE\b[^;]*\bAS\s+ENUM\b|\bCREATE\s+(?:DOMAIN|EXTENSION)\b/i, in: 'code', weights: { postgres: 5 } },
  { what: 'nextval()', re: /\bnextval\s*\(/i, in: 'code', weights: { postgres: 5 } },
  { what: 'PostgreSQL types (jsonb, bytea, timestamptz, arrays)', re: /\b(?:jsonb|bytea|timestamptz|inet|cidr|tsvector)\b|\btimestamp\s+with(?:out)?\s+time\s+zone\b|\w\[\]/i, in: 'code', weights: { postgres: 4 } },
  { what: 'GENERATED … AS IDENTITY', re: /\bAS\s+IDENTITY\b/i, in: 'code', weights: { postgres: 4 } },
  // SQLite
  { what: 'PRAGMA', re: /^\s*PRAGMA\b/im, in: 'code', weights: { sqlite: 8 } },
  { what: 'sqlite_ names', re: /\bsqlite_(?:sequence|master|schema|stat\d)\b/i, in: 'code', weights: { sqlite: 8 } },
  { what: 'WITHOUT ROWID', re: /\bWITHOUT\s+ROWID\b/i, in: 'code', weights: { sqlite: 8 } },
  { what: 'STRICT tables', re: /\)\s*STRICT\s*(?:,|;|$)/im, in: 'code', weights: { sqlite: 6 } },
  { what: 'AUTOINCREMENT', re: /\bAUTOINCREMENT\b/i, in: 'code', weights: { sqlite: 6 } },
  { what: 'ON CONFLICT clauses in constraints', re: /\bON\s+CONFLICT\s+(?:ROLLBACK|ABORT|FAIL|IGNORE|REPLACE)\b/i, in: 'code', weights: { sqlite: 6 } },
  { what: 'INTEGER PRIMARY KEY', re: /\bINTEGER\s+(?:NOT\s+NULL\s+)?PRIMARY\s+KEY\b/i, in: 'code', weights: { sqlite: 4 }, weak: true },
  { what: 'a comment naming SQLite', re: /(?:--|\/\*|\*)[^\n]*\bsqlite\d?\b/i, in: 'raw', weights: { sqlite: 4 } },
  { what: 'SQLite date functions', re: /\b(?:strftime|julianday)\s*\(|\bdatetime\s*\(\s*'now'/i, in: 'raw', weights: { sqlite: 4 } },
  { what: 'INTEGER/BLOB column types', re: /\b(?:INTEGER|BLOB)\b/i, in: 'code', weights: { sqlite: 2, mysql: 1 }, weak: true },
  // MySQL / MariaDB
  { what: 'a mysqldump header', re: /^--\s*(?:MySQL|MariaDB) dump/im, in: 'raw', weights: { mysql: 10 } },
  { what: '/*!… executable comments', re: /\/\*!\d{5}/, in: 'raw', weights: { mysql: 8 } },
  { what: 'backtick names', re: /`[^`\n]+`/, in: 'code', weights: { mysql: 6 } },
  { what: 'ENGINE=', re: /\bENGINE\s*=/i, in: 'code', weights: { mysql: 6 } },
  { what: 'AUTO_INCREMENT', re: /\bAUTO_INCREMENT\b/i, in: 'code', weights: { mysql: 6 } },
  { what: 'sql_mode / ANSI_QUOTES', re: /\bsql_mode\b|\bANSI_QUOTES\b/i, in: 'raw', weights: { mysql: 6 } },
  { what: 'DELIMITER / LOCK TABLES / SET NAMES', re: /^\s*(?:DELIMITER\s|LOCK\s+TABLES\b|SET\s+NAMES\b)/im, in: 'code', weights: { mysql: 5 } },
  { what: 'UNSIGNED / CHARSET', re: /\bUNSIGNED\b|\bDEFAULT\s+CHARSET\b|\bCHARACTER\s+SET\s+utf8/i, in: 'code', weights: { mysql: 4 } },
  // SQL Server
  { what: 'sqlcmd directives', re: /^[ \t]*:(?:setvar|on\s+error|r)\b/im, in: 'raw', weights: { mssql: 10 } },
  { what: 'GO batch separators', re: /^[ \t]*GO(?:[ \t]+\d+)?[ \t]*$/im, in: 'code', weights: { mssql: 8 } },
  { what: 'SET ANSI_NULLS/QUOTED_IDENTIFIER/NOCOUNT/IDENTITY_INSERT', re: /\bSET\s+(?:ANSI_NULLS|QUOTED_IDENTIFIER|NOCOUNT|IDENTITY_INSERT|XACT_ABORT)\b/i, in: 'code', weights: { mssql: 6 } },
  { what: 'CLUSTERED indexes', re: /\b(?:NON)?CLUSTERED\b/i, in: 'code', weights: { mssql: 5 } },
  { what: 'ON [PRIMARY] / TEXTIMAGE_ON', re: /\bON\s+\[PRIMARY\]|\bTEXTIMAGE_ON\b/i, in: 'code', weights: { mssql: 6 } },
  { what: 'EXEC sp_… procedures', re: /\bEXEC(?:UTE)?\s+(?:\[?sys\]?\.)?\[?sp_/i, in: 'code', weights: { mssql: 6 } },
  { what: 'IDENTITY(seed, step)', re: /\bIDENTITY\s*\(\s*-?\d+\s*,/i, in: 'code', weights: { mssql: 5 } },
  { what: 'the dbo schema', re: /\[dbo\]|\bdbo\s*\./i, in: 'code', weights: { mssql: 4 } },
  { what: 'T-SQL types (nvarchar(max), uniqueidentifier, datetime2, money, …)', re: /\b(?:n?varchar|varbinary)\s*\(\s*max\s*\)|\b(?:uniqueidentifier|datetime2|datetimeoffset|smalldatetime|smallmoney|hierarchyid|sysname|rowversion)\b/i, in: 'code', weights: { mssql: 4 } },
  { what: "N'…' strings", re: /(?<![\w'])N'/, in: 'code', weights: { mssql: 3 } },
  { what: '[bracket] names', re: /\[[\p{L}_][^\]\n]*\]/u, in: 'code', weights: { mssql: 3, sqlite: 2 } },
]

/** When scores tie, the more permissive reader wins: SQLite reads SQL Server's brackets, not the reverse. */
const TIE_ORDER: DialectId[] = ['sqlite', 'postgres', 'mysql', 'mssql']

/**
 * Guess the dialect of DDL text by weighing every signal: each signal found adds its weight to the
 * dialects it points at; the highest total wins (ties: see TIE_ORDER). Returns `undefined` when nothing
 * dialect-specific is present; callers then use their default (PostgreSQL, the most portable grammar).
 */
export function detectDialect(text: string): DialectGuess | undefined {
  const code = blankCommentsAndStrings(text)
  const found = SIGNALS.filter((s) => s.re.test(s.in === 'raw' ? text : code))
  // `integer PRIMARY KEY` alone is portable SQL, not a SQLite script.
  if (found.every((s) => s.weak)) return undefined
  const totals = new Map<DialectId, { score: number; signals: Array<{ what: string; weight: number }> }>()
  for (const s of found) {
    for (const [dialect, weight] of Object.entries(s.weights) as Array<[DialectId, number]>) {
      const t = totals.get(dialect) ?? { score: 0, signals: [] }
      t.score += weight
      t.signals.push({ what: s.what, weight })
      totals.set(dialect, t)
    }
  }
  if (totals.size === 0) return undefined
  const scores = [...totals.entries()]
    .map(([dialect, t]) => ({ dialect, score: t.score, signals: [...t.signals].sort((a, b) => b.weight - a.weight).map((x) => x.what) }))
    .sort((a, b) => b.score - a.score || TIE_ORDER.indexOf(a.dialect) - TIE_ORDER.indexOf(b.dialect))
  const best = scores[0] as (typeof scores)[number]
  const tally = scores.map((s) => `${s.dialect} ${s.score}`).join(', ')
  return { dialect: best.dialect, reason: `${best.signals.slice(0, 3).join(', ')} (${tally})`, scores }
}

/**
 * The text with `--` and `/* *\/` comments and `'…'` strings (quotes kept, `''` inside) replaced by
 * spaces, newlines kept, so line-anchored signals still work.
 */
function blankCommentsAndStrings(text: string): string {
  let out = ''
  const n = text.length
  let i = 0
  const blank = (from: number, to: number) => text.slice(from, to).replace(/[^\n]/g, ' ')
  while (i < n) {
    const c = text[i]
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i)
      const to = end === -1 ? n : end
      out += blank(i, to)
      i = to
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const to = end === -1 ? n : end + 2
      out += blank(i, to)
      i = to
    } else if (c === "'") {
      let j = i + 1
      for (; j < n; j++) {
        if (text[j] === "'" && text[j + 1] === "'") j++
        else if (text[j] === "'") break
      }
      out += j >= n ? `'${blank(i + 1, n)}` : `'${blank(i + 1, j)}'`
      i = j + 1
    } else {
      out += c
      i++
    }
  }
  return out
}
