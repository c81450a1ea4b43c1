/**
 * Test helpers for the file sinks: tables, row streams re-batched at will, temp dirs, and a small
 * RFC 4180 reader that keeps NULL (empty unquoted field) apart from the empty string (`""`).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { SqlDialect } from '../../../src/adapter/adapter.js'
import type { RowBatch, RowStream, Value } from '../../../src/model/rows.js'
import type { Column, LogicalType, Table } from '../../../src/model/schema.js'

/** A table with the given columns (name → logical type); nothing else. */
export function table(name: string, cols: Record<string, LogicalType>, extra: Partial<Table> = {}): Table {
  const columns: Column[] = Object.entries(cols).map(([n, type]) => ({ name: n, nativeType: type.kind, type, nullable: true }))
  return { name, columns, uniques: [], foreignKeys: [], checks: [], ...extra }
}

/** `rows` as a RowStream cut into batches of `size` (the same rows, whatever the size). */
export async function* batches(columns: string[], rows: Value[][], size: number): RowStream {
  for (let i = 0; i < rows.length; i += size) yield { columns, rows: rows.slice(i, i + size) } satisfies RowBatch
}

/** A fresh temp directory; `cleanup` removes it. */
export function tempDir(): { root: string; cleanup(): void } {
  const root = mkdtempSync(join(tmpdir(), 'tdg-sinks-'))
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) }
}

/** Every file under `dir` (relative path → bytes), for byte-for-byte comparisons. */
export function readTree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out[relative(dir, p)] = readFileSync(p)
    }
  }
  walk(dir)
  return out
}

/**
 * Parse RFC 4180 text: records of fields, `null` for an empty unquoted field, `''` for `""`.
 * Accepts LF or CRLF record ends; a quoted field may hold commas, quotes (doubled) and line breaks.
 * Throws on malformed input (a quote inside an unquoted field, text after a closing quote).
 */
export function parseCsv(text: string): Array<Array<string | null>> {
  const records: Array<Array<string | null>> = []
  let i = 0
  const n = text.length
  while (i < n) {
    const rec: Array<string | null> = []
    for (;;) {
      if (text[i] === '"') {
        let s = ''
        i++
        for (;;) {
          if (i >= n) throw new Error('unterminated quoted field')
          const ch = text[i] as string
          if (ch === '"') {
            if (text[i + 1] === '"') {
              s += '"'
              i += 2
            } else {
              i++
              break
            }
          } else {
            s += ch
            i++
          }
        }
        rec.push(s)
      } else {
        let s = ''
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new Error(`quote inside unquoted field at ${i}`)
          s += text[i]
          i++
        }
        rec.push(s === '' ? null : s)
      }
      if (i >= n) break
      const ch = text[i]
      if (ch === ',') {
        i++
        continue
      }
      if (ch === '\r' && text[i + 1] === '\n') i += 2
      else if (ch === '\n') i++
      else throw new Error(`unexpected ${JSON.stringify(ch)} after field at ${i}`)
      break
    }
    records.push(rec)
  }
  return records
}

/** A minimal SQL dialect as test input (no database involved): quoting and literals only. */
export function stubDialect(maxRowsPerInsert?: number, identitySyncSql?: (t: Table) => string[]): SqlDialect {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`
  return {
    id: 'postgres',
    quoteIdent: q,
    qualify: (ref) => (ref.schema ? `${q(ref.schema)}.${q(ref.name)}` : q(ref.name)),
    literal: (v: Value) => {
      if (v === null) return 'NULL'
      if (typeof v === 'number' || typeof v === 'bigint') return String(v)
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE'
      if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`
      if (v instanceof Date) return `'${v.toISOString()}'`
      return `'${JSON.stringify(v)}'`
    },
    toLogicalType: () => ({ kind: 'text' }),
    classifyDefault: (sql) => ({ kind: 'expression', sql }),
    truncateSql: (tables) => tables.map((t) => `TRUNCATE ${q(t.name)}`),
    deferConstraintsSql: () => ({ before: ['SET CONSTRAINTS ALL DEFERRED'], aroundStep: {}, after: [] }),
    deferralMechanism: () => 'SET CONSTRAINTS ALL DEFERRED',
    limits: maxRowsPerInsert === undefined ? { maxParams: 1000 } : { maxParams: 1000, maxRowsPerInsert },
    ...(identitySyncSql ? { identitySyncSql } : {}),
  }
}
