/**
 * Sniffing a CSV file from its first 64 KB: encoding (a BOM says UTF-8 / UTF-16 LE / BE; without one,
 * UTF-16 by its zero bytes, else UTF-8 when the bytes are valid UTF-8, else Windows-1252 — the scan
 * falls back to Windows-1252 too if invalid UTF-8 shows up later), line ending (the first one), the
 * delimiter among `,` `;` tab `|` and the quote among `"` `'` (the pair under which the most sampled
 * records have the first record's field count, at least 2; then the wider; ties go in that order), and whether the first record is
 * a header: all of its cells distinct, non-empty, not numbers or dates, and either some column's later
 * values are typed (numbers, dates, booleans…) or, in an all-text file, the first cells look like
 * names and none of them recurs in its column.
 */
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import Papa from 'papaparse'
import { TdgError } from '../../errors.js'
import type { CsvEncoding, CsvFormat } from './csv-format.js'
import { ColumnInference } from './infer-type.js'

/** Bytes sniffed. */
export const SNIFF_BYTES = 1 << 16
const SNIFF_RECORDS = 200
const DELIMITERS = [',', ';', '\t', '|']
const QUOTES = ['"', "'"]

/** What the caller may force instead of sniffing. */
export interface SniffOverrides {
  encoding?: CsvEncoding
  delimiter?: string
  quote?: string
  header?: boolean
}

/** Sniff `path`. Throws TDG_FILE_READ (missing, unreadable) or TDG_CSV_INVALID (empty, binary, no delimiter). */
export async function sniffCsv(path: string, overrides: SniffOverrides = {}): Promise<CsvFormat> {
  const file = basename(path)
  let bytes: Buffer
  try {
    const st = await stat(path)
    if (!st.isFile()) throw new TdgError('TDG_FILE_READ', `${file}: not a file`, { file: path })
    const fh = await open(path, 'r')
    try {
      const buf = Buffer.alloc(Math.min(SNIFF_BYTES, st.size))
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0)
      bytes = buf.subarray(0, bytesRead)
    } finally {
      await fh.close()
    }
  } catch (e) {
    if (e instanceof TdgError) throw e
    const code = (e as NodeJS.ErrnoException).code
    throw new TdgError('TDG_FILE_READ', `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})`}`, { file: path }, { cause: e })
  }
  const reasons: string[] = []
  const { encoding, bom } = overrides.encoding ? { encoding: overrides.encoding, bom: hasBom(bytes, overrides.encoding) } : sniffEncoding(bytes, reasons)
  const text = new TextDecoder(encoding).decode(bytes, { stream: true })
  if (text.trim().length === 0) throw new TdgError('TDG_CSV_INVALID', `${file}:1: empty file`, { file: path, line: 1 })
  if (looksBinary(text)) throw new TdgError('TDG_CSV_INVALID', `${file}:1: not delimited text (binary content)`, { file: path, line: 1 })
  const newline = sniffNewline(text)
  const whole = bytes.length < SNIFF_BYTES
  const best = sniffSplit(text, newline, whole, overrides) ?? singleColumn(text, newline, whole)
  if (!best) {
    throw new TdgError('TDG_CSV_INVALID', `${file}:1: not delimited text (no , ; tab or | splits the first lines into the same number of fields)`, { file: path, line: 1 })
  }
  reasons.push(best.reason)
  const first = best.records[0] as string[]
  const rest = best.records.slice(1)
  const header = overrides.header ?? isHeader(first, rest, best.delimiter !== ',')
  reasons.push(overrides.header === undefined ? (header ? 'first record names the columns' : 'first record holds values: columns named column_1…') : 'header as given')
  return { encoding, bom, delimiter: best.delimiter, quote: best.quote, newline, header, columns: header ? columnNames(first) : first.map((_, i) => `column_${i + 1}`), reasons }
}

function hasBom(b: Buffer, enc: CsvEncoding): boolean {
  if (enc === 'utf-8') return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf
  if (enc === 'utf-16le') return b[0] === 0xff && b[1] === 0xfe
  if (enc === 'utf-16be') return b[0] === 0xfe && b[1] === 0xff
  return false
}

function sniffEncoding(b: Buffer, reasons: string[]): { encoding: CsvEncoding; bom: boolean } {
  for (const enc of ['utf-8', 'utf-16le', 'utf-16be'] as const) {
    if (hasBom(b, enc)) {
      reasons.push(`${enc} byte-order mark`)
      return { encoding: enc, bom: true }
    }
  }
  // ASCII text in UTF-16 has a zero byte in every other position.
  const pairs = Math.floor(Math.min(b.length, 4096) / 2)
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < pairs; i++) {
    if (b[2 * i] === 0) evenZero++
    if (b[2 * i + 1] === 0) oddZero++
  }
  if (pairs > 0 && oddZero > pairs * 0.4 && evenZero === 0) {
    reasons.push('zero bytes in odd positions: UTF-16 LE without BOM')
    return { encoding: 'utf-16le', bom: false }
  }
  if (pairs > 0 && evenZero > pairs * 0.4 && oddZero === 0) {
    reasons.push('zero bytes in even positions: UTF-16 BE without BOM')
    return { encoding: 'utf-16be', bom: false }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true })
    reasons.push('valid UTF-8')
    return { encoding: 'utf-8', bom: false }
  } catch {
    reasons.push('not valid UTF-8: read as Windows-1252')
    return { encoding: 'windows-1252', bom: false }
  }
}

function looksBinary(text: string): boolean {
  let control = 0
  const n = Math.min(text.length, 8192)
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return true
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++
  }
  return control > n / 100
}

/** The line end most lines of the sample use (a file with mixed ends is read by the majority). */
function sniffNewline(text: string): CsvFormat['newline'] {
  let lf = 0
  let crlf = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++
    else lf++
  }
  if (lf + crlf > 0) return crlf > lf ? '\r\n' : '\n'
  return text.includes('\r') ? '\r' : '\n'
}

interface Split {
  delimiter: string
  quote: string
  records: string[][]
  reason: string
}

/** The delimiter/quote pair under which the most sampled records share one field count (≥ 2). */
function sniffSplit(text: string, newline: CsvFormat['newline'], whole: boolean, o: SniffOverrides): Split | undefined {
  let best: (Split & { share: number; width: number }) | undefined
  for (const quote of o.quote ? [o.quote] : QUOTES) {
    // A single quote is only a quote character where a field starts with it.
    if (quote === "'" && !o.quote && !new RegExp(`(^|[,;\\t|\\n])'`).test(text)) continue
    for (const delimiter of o.delimiter ? [o.delimiter] : DELIMITERS) {
      const parser = new Papa.Parser({ delimiter, newline, quoteChar: quote, preview: SNIFF_RECORDS })
      const res = parser.parse(text, 0, !whole) as { data: string[][] }
      const records = res.data.filter((r) => !(r.length === 1 && r[0] === ''))
      if (records.length === 0) continue
      // The first record sets the columns: score how many records share its width.
      const width = (records[0] as string[]).length
      if (width < 2 && !o.delimiter) continue
      let n = 0
      for (const r of records) if (r.length === width) n++
      const share = n / records.length
      if (!best || share > best.share + 1e-9 || (Math.abs(share - best.share) < 1e-9 && width > best.width)) {
        best = { delimiter, quote, records, share, width, reason: `${width} fields in ${Math.round(share * 100)} % of the first ${records.length} records` }
      }
    }
  }
  return best
}

/**
 * A one-column file: no delimiter anywhere in the sampled records and a first line that is an
 * identifier (`email`), so prose is still refused. Read with `,` (which never occurs in it).
 */
function singleColumn(text: string, newline: CsvFormat['newline'], whole: boolean): Split | undefined {
  const res = new Papa.Parser({ delimiter: ',', newline, quoteChar: '"', preview: SNIFF_RECORDS }).parse(text, 0, !whole) as { data: string[][] }
  const records = res.data.filter((r) => !(r.length === 1 && r[0] === ''))
  if (records.length < 2 || records.some((r) => r.length !== 1 || /[;\t|]/.test(r[0] as string))) return undefined
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test((records[0] as string[])[0]?.trim() ?? '')) return undefined
  return { delimiter: ',', quote: '"', records, reason: 'one column (no delimiter in the first records)' }
}

const NAME_RE = /^[\p{L}_][\p{L}\p{N}_ .#()/-]{0,63}$/u

/** Whether `first` names the columns of `rest` (see the module comment). */
function isHeader(first: string[], rest: string[][], decimalComma: boolean): boolean {
  const cells = first.map((c) => c.trim())
  if (cells.some((c) => c === '') || new Set(cells).size !== cells.length) return false
  const typed = (c: string) => {
    const inf = new ColumnInference(decimalComma)
    inf.see(c)
    return inf.result().type.kind !== 'string'
  }
  if (cells.some(typed)) return false
  if (rest.length === 0) return cells.every((c) => NAME_RE.test(c))
  let typedBelow = false
  let recurs = false
  first.forEach((cell, i) => {
    const inf = new ColumnInference(decimalComma)
    for (const r of rest) {
      const v = r[i] ?? ''
      inf.see(v)
      if (v === cell) recurs = true
    }
    if (inf.result().type.kind !== 'string' && inf.nonNull > 0) typedBelow = true
  })
  return typedBelow || (!recurs && cells.every((c) => NAME_RE.test(c)))
}

/** Header cells as column names: trimmed, blanks → `column_<i>`, repeats → `<name>_2`. */
function columnNames(first: string[]): string[] {
  const seen = new Set<string>()
  return first.map((raw, i) => {
    let name = raw.trim() || `column_${i + 1}`
    for (let k = 2; seen.has(name); k++) name = `${raw.trim() || `column_${i + 1}`}_${k}`
    seen.add(name)
    return name
  })
}
