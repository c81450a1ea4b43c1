/**
 * Streams a CSV file as batches of records (arrays of field texts), never holding the file: bytes are
 * read in 64 KB pieces, decoded with a streaming `TextDecoder` and split by papaparse's own parser
 * (`Papa.Parser`), the unfinished last record carried into the next piece. 64 KB pieces are ~7× faster
 * than 1 MB ones on papaparse's quote-aware path (bench/csv-parsers.ts).
 *
 * Records are padded/truncated to the column count; such ragged records are tolerated up to
 * `10 + 1 %` of the records read, beyond that the read fails with TDG_CSV_INVALID naming file and line.
 * An empty field (quoted or not: papaparse does not tell them apart) is `''`; the caller maps it to NULL.
 */
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import Papa from 'papaparse'
import { TdgError } from '../../errors.js'
import type { CsvFormat } from './csv-format.js'

/** Bytes decoded and parsed per piece. */
export const PIECE_BYTES = 1 << 16
/**
 * Bytes read from the file per read call, the next read already in flight while a block is parsed:
 * one 64 KB read per piece left the main thread waiting on the thread pool for ~15 % of a 1M-row read.
 */
export const READ_BYTES = 1 << 20
/** A record longer than this (characters) is refused: an unterminated quote would otherwise read the whole file into memory. */
export const MAX_RECORD_CHARS = 16 << 20

/** One decoded, split batch. `firstRecord` is the 0-based index of `records[0]` among the data records. */
export interface RecordBatch {
  records: string[][]
  firstRecord: number
}

/** Counts the reader keeps while it runs; read them after the stream ended. */
export interface ReadStats {
  records: number
  ragged: number
  /** 1-based line of the first ragged record. */
  firstRaggedLine?: number
}

/** Thrown when the bytes are not valid in the encoding asked for with `fatal`. */
export class DecodeError extends Error {}

/**
 * Data records of `path` (the header record skipped when `format.header`), in batches of ≤ ~64 KB of text.
 * `fatal`: invalid bytes throw `DecodeError` instead of becoming U+FFFD (the scan uses it to fall back
 * from UTF-8 to Windows-1252).
 */
export async function* readRecords(path: string, format: CsvFormat, stats: ReadStats, fatal = false): AsyncGenerator<RecordBatch> {
  const width = format.columns.length
  const decoder = new TextDecoder(format.encoding, { fatal })
  const parser = new Papa.Parser({ delimiter: format.delimiter, newline: format.newline, quoteChar: format.quote })
  const nlChar = format.newline === '\r' ? '\r' : '\n'
  const file = basename(path)
  const stream = blocks(path)
  let partial = ''
  let line = 1
  let skipHeader = format.header
  const decode = (bytes?: Buffer): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode()
    } catch {
      throw new DecodeError(`${file}: not valid ${format.encoding}`)
    }
  }
  function split(text: string, last: boolean): RecordBatch | undefined {
    const res = parser.parse(text, 0, !last) as { data: string[][]; meta: { cursor: number } }
    const cursor = last ? text.length : res.meta.cursor
    partial = text.slice(cursor)
    if (partial.length > MAX_RECORD_CHARS) {
      throw new TdgError('TDG_CSV_INVALID', `${file}:${line}: a record longer than ${MAX_RECORD_CHARS >> 20} M characters (an unterminated ${format.quote} quote?)`, { file: path, line })
    }
    const startLine = line
    for (let i = text.indexOf(nlChar); i >= 0 && i < cursor; i = text.indexOf(nlChar, i + 1)) line++
    const out: string[][] = []
    const data = res.data
    for (let j = 0; j < data.length; j++) {
      const rec = data[j] as string[]
      // A blank line is one empty field; it is no record.
      if (rec.length === 1 && rec[0] === '') continue
      if (skipHeader) {
        skipHeader = false
        continue
      }
      if (rec.length !== width) {
        const recLine = lineOf(data, j, startLine, nlChar)
        stats.ragged++
        stats.firstRaggedLine ??= recLine
        if (stats.ragged > 10 + (stats.records + out.length) / 100) {
          throw new TdgError(
            'TDG_CSV_INVALID',
            `${file}:${recLine}: ${stats.ragged} records do not have the ${width} fields of the first record (this one has ${rec.length}; tolerated: 10 + 1 %)`,
            { file: path, line: recLine },
          )
        }
        if (rec.length < width) while (rec.length < width) rec.push('')
        else rec.length = width
      }
      out.push(rec)
    }
    if (out.length === 0) return undefined
    const batch = { records: out, firstRecord: stats.records }
    stats.records += out.length
    return batch
  }
  try {
    for await (const block of stream) {
      for (let at = 0; at < block.length; at += PIECE_BYTES) {
        const text = partial + decode(block.subarray(at, Math.min(block.length, at + PIECE_BYTES)))
        const b = split(text, false)
        if (b) yield b
      }
    }
    const text = partial + decode()
    if (text.length > 0) {
      const b = split(text, true)
      if (b) yield b
    }
  } catch (e) {
    if (e instanceof TdgError || e instanceof DecodeError) throw e
    throw new TdgError('TDG_FILE_READ', `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'read error'})`, { file: path }, { cause: e })
  } finally {
    await stream.return(undefined)
  }
}

/** The bytes of `path` in blocks of up to READ_BYTES, each read started while the previous block is used. */
async function* blocks(path: string): AsyncGenerator<Buffer, void, undefined> {
  const fh = await open(path, 'r')
  let next: Promise<{ bytesRead: number; buffer: Buffer }> | undefined
  try {
    let spare: Buffer = Buffer.allocUnsafe(READ_BYTES)
    next = fh.read(Buffer.allocUnsafe(READ_BYTES), 0, READ_BYTES, null)
    for (;;) {
      const { bytesRead, buffer } = await next
      if (bytesRead === 0) return
      // The other buffer takes the next read while this one is decoded (the decoder copies what it keeps).
      next = fh.read(spare, 0, READ_BYTES, null)
      spare = buffer
      yield buffer.subarray(0, bytesRead)
    }
  } finally {
    // A read still in flight (the consumer stopped early) ends before the handle closes.
    await next?.catch(() => undefined)
    await fh.close()
  }
}

/** 1-based line of `data[j]`: the piece's first line plus each earlier record's lines (quoted newlines included); only computed for a record that needs it. */
function lineOf(data: string[][], j: number, startLine: number, nl: string): number {
  let line = startLine
  for (let r = 0; r < j; r++) {
    line++
    for (const f of data[r] as string[]) for (let i = f.indexOf(nl); i >= 0; i = f.indexOf(nl, i + 1)) line++
  }
  return line
}
