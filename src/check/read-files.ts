/**
 * Reading a `tdg generate` output directory back: `manifest.json` lists each table's file and columns;
 * CSV (RFC 4180, NULL = an empty unquoted field, `""` = the empty string), JSON (an array of objects)
 * and NDJSON (one object per line) become positional rows. SQL output is not read (it is a script).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { TdgError } from '../errors.js'
import type { Value } from '../model/rows.js'

/** One table's file as the manifest lists it. */
export interface ManifestEntry {
  table: string
  file: string
  columns: string[]
}

/** What `tdg check --input` needs from manifest.json. */
export interface Manifest {
  format: string
  tables: ManifestEntry[]
  /** A schema file recorded by the writer, relative to the directory (not written by tdg today). */
  schema?: string
}

/** Read and validate `dir/manifest.json`. */
export async function readManifest(dir: string): Promise<Manifest> {
  const path = join(dir, 'manifest.json')
  let doc: unknown
  try {
    doc = JSON.parse(await readFile(path, 'utf8'))
  } catch (e) {
    const what = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no manifest.json (not a tdg generate output directory)' : 'manifest.json is not valid JSON'
    throw new TdgError('TDG_FILE_READ', `${dir}: ${what}`, { file: path })
  }
  const m = doc as Partial<Manifest>
  if (typeof m !== 'object' || m === null || typeof m.format !== 'string' || !Array.isArray(m.tables) || m.tables.some((t) => typeof t?.table !== 'string' || typeof t?.file !== 'string' || !Array.isArray(t?.columns))) {
    throw new TdgError('TDG_FILE_READ', `${path}: not a tdg manifest (needs format and tables[] with table, file, columns)`, { file: path })
  }
  if (m.format === 'sql') throw new TdgError('TDG_USAGE', `${dir}: SQL output cannot be checked as files; load it into a database and use tdg check --db`, { dir })
  if (m.format === 'parquet') throw new TdgError('TDG_USAGE', `${dir}: tdg check does not read Parquet output yet; check the same seed written with --format csv, or load it and use tdg check --db`, { dir })
  return m as Manifest
}

/** The rows of one table file, positional in the manifest's column order. */
export async function readTableFile(dir: string, format: string, entry: ManifestEntry): Promise<Value[][]> {
  const path = join(dir, entry.file)
  let body: string
  try {
    body = await readFile(path, 'utf8')
  } catch {
    throw new TdgError('TDG_FILE_READ', `${path}: cannot be read`, { file: path })
  }
  try {
    if (format === 'csv') return parseCsv(body).slice(1)
    const objects: Array<Record<string, Value>> =
      format === 'json'
        ? (JSON.parse(body) as Array<Record<string, Value>>)
        : body.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, Value>)
    return objects.map((o) => entry.columns.map((c) => o[c] ?? null))
  } catch (e) {
    if (e instanceof TdgError) throw e
    throw new TdgError('TDG_FILE_READ', `${path}: not valid ${format}`, { file: path })
  }
}

/**
 * RFC 4180 CSV into rows of cells; an empty unquoted field is NULL, a quoted one is text. Throws a
 * TdgError on an unterminated quote.
 */
export function parseCsv(body: string): Value[][] {
  const rows: Value[][] = []
  let row: Value[] = []
  let i = 0
  const n = body.length
  if (n === 0) return rows
  for (;;) {
    let cell: Value
    if (body[i] === '"') {
      let s = ''
      i++
      for (;;) {
        const q = body.indexOf('"', i)
        if (q < 0) throw new TdgError('TDG_FILE_READ', `unterminated quoted CSV field in row ${rows.length + 1}`)
        s += body.slice(i, q)
        if (body[q + 1] === '"') {
          s += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
      cell = s
    } else {
      let j = i
      while (j < n && body[j] !== ',' && body[j] !== '\n' && body[j] !== '\r') j++
      cell = j === i ? null : body.slice(i, j)
      i = j
    }
    row.push(cell)
    if (i >= n) {
      rows.push(row)
      break
    }
    const c = body[i]
    if (c === ',') {
      i++
      continue
    }
    if (c === '\r' && body[i + 1] === '\n') i++
    i++
    rows.push(row)
    row = []
    if (i >= n) break
  }
  return rows
}
