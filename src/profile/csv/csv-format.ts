/**
 * What was sniffed about one CSV file: how to decode and split it. Plain data, shared by the sniffer,
 * the record reader and the input's `describe()`.
 */

/** Text encodings the reader decodes (WHATWG names, as `TextDecoder` takes them). */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export interface CsvFormat {
  encoding: CsvEncoding
  /** A byte-order mark opened the file (it is not part of the first field). */
  bom: boolean
  /** One of `,` `;` tab `|`. */
  delimiter: string
  /** `"` or `'`. */
  quote: string
  newline: '\n' | '\r\n' | '\r'
  /** The first record names the columns. */
  header: boolean
  /** Column names: the header's (trimmed, blanks and duplicates renamed) or `column_1…`. */
  columns: string[]
  /** Why each choice was made, in words (for `describe()`). */
  reasons: string[]
}

const NEWLINE_NAMES: Record<CsvFormat['newline'], string> = { '\n': 'LF', '\r\n': 'CRLF', '\r': 'CR' }
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }

/** One line for a profile's label: `UTF-8 (BOM), comma-delimited, "-quoted, CRLF, header row, 10 columns`. */
export function describeFormat(f: CsvFormat): string {
  const enc = f.encoding.toUpperCase().replace('WINDOWS-', 'Windows-')
  return [
    `${enc}${f.bom ? ' (BOM)' : ''}`,
    `${DELIMITER_NAMES[f.delimiter] ?? JSON.stringify(f.delimiter)}-delimited`,
    `${f.quote}-quoted`,
    NEWLINE_NAMES[f.newline],
    f.header ? 'header row' : 'no header row',
    `${f.columns.length} columns`,
  ].join(', ')
}
