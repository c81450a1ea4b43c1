import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { describeFormat } from '../../../../src/profile/csv/csv-format.js'
import { sniffCsv } from '../../../../src/profile/csv/sniff.js'
import { isTdgError } from '../../../../src/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-sniff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, content: string | Buffer): string {
  const p = join(dir, name)
  writeFileSync(p, content)
  return p
}

const ROWS = ['id,name,price', '1,Ada,3.50', '2,"Grace, Admiral",4.25', '3,Alan,10.00']

describe('sniffCsv', () => {
  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('finds the %j delimiter', async (d, word) => {
    const p = file(`delim-${word}.csv`, `${ROWS.map((r) => r.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, d)).join('\n')}\n`)
    const f = await sniffCsv(p)
    expect(f.delimiter).toBe(d)
    expect(f.quote).toBe('"')
    expect(f.header).toBe(true)
    expect(f.columns).toEqual(['id', 'name', 'price'])
    expect(describeFormat(f)).toContain(`${word}-delimited`)
  })

  it('prefers the semicolon over a decimal comma', async () => {
    const f = await sniffCsv(file('decimal-comma.csv', 'id;amount;note\n1;3,50;a\n2;4,25;b\n3;10,00;c\n'))
    expect(f.delimiter).toBe(';')
  })

  it("finds a single-quote quote character and CRLF line ends", async () => {
    const f = await sniffCsv(file('single-quote.csv', "id,name\r\n1,'Hopper, Grace'\r\n2,'Lovelace, Ada'\r\n3,Turing\r\n"))
    expect(f.quote).toBe("'")
    expect(f.newline).toBe('\r\n')
    expect(describeFormat(f)).toContain('CRLF')
  })

  it('reads a file without header as column_1…', async () => {
    const f = await sniffCsv(file('no-header.csv', '1,Ada,3.50\n2,Grace,4.25\n3,Alan,10.00\n'))
    expect(f.header).toBe(false)
    expect(f.columns).toEqual(['column_1', 'column_2', 'column_3'])
  })

  it('tells a header of an all-text file by names that do not recur', async () => {
    expect((await sniffCsv(file('text-header.csv', 'first_name,city\nAda,London\nGrace,New York\n'))).header).toBe(true)
    // The first record's values recur below: data, not names.
    expect((await sniffCsv(file('text-data.csv', 'Ada,London\nGrace,London\nAlan,Wilmslow\nAda,Paris\n'))).header).toBe(false)
  })

  it('reads a one-column file whose first line is a name, and refuses prose', async () => {
    const f = await sniffCsv(file('one-column.csv', 'email\na@example.com\nb@example.com\n'))
    expect([f.columns, f.header]).toEqual([['email'], true])
  })

  it('the header can be forced', async () => {
    const f = await sniffCsv(file('forced.csv', 'a,b\nc,d\n'), { header: false })
    expect(f.columns).toEqual(['column_1', 'column_2'])
  })

  it('names blank and repeated header cells', async () => {
    const f = await sniffCsv(file('dup-header.csv', 'id,name,name,\n1,a,b,c\n2,d,e,f\n'), { header: true })
    expect(f.columns).toEqual(['id', 'name', 'name_2', 'column_4'])
  })

  it('detects UTF-8 with and without BOM', async () => {
    const body = 'id,city\n1,Zürich\n2,Kraków\n'
    const plain = await sniffCsv(file('utf8.csv', body))
    expect([plain.encoding, plain.bom]).toEqual(['utf-8', false])
    const bom = await sniffCsv(file('utf8-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])))
    expect([bom.encoding, bom.bom]).toEqual(['utf-8', true])
    // The BOM is not part of the first column's name.
    expect(bom.columns[0]).toBe('id')
  })

  it('detects UTF-16 LE and BE by their BOM', async () => {
    const body = 'id,city\n1,Zürich\n2,Kraków\n'
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    const fle = await sniffCsv(file('utf16le.csv', le))
    const fbe = await sniffCsv(file('utf16be.csv', be))
    expect([fle.encoding, fle.bom, fle.columns]).toEqual(['utf-16le', true, ['id', 'city']])
    expect([fbe.encoding, fbe.bom, fbe.columns]).toEqual(['utf-16be', true, ['id', 'city']])
  })

  it('reads bytes that are not UTF-8 as Windows-1252', async () => {
    // "café" and a euro sign in Windows-1252: 0xE9, 0x80.
    const bytes = Buffer.concat([Buffer.from('id,label\n1,caf'), Buffer.from([0xe9]), Buffer.from('\n2,'), Buffer.from([0x80]), Buffer.from('5\n')])
    const f = await sniffCsv(file('cp1252.csv', bytes))
    expect(f.encoding).toBe('windows-1252')
    expect(describeFormat(f)).toMatch(/^Windows-1252/)
  })

  it.each([
    ['missing', undefined, 'TDG_FILE_READ', /no such file/],
    ['empty', '', 'TDG_CSV_INVALID', /empty\.csv:1: empty file/],
    ['binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 1, 2, 3]), 'TDG_CSV_INVALID', /binary\.csv:1: not delimited text/],
    ['prose', 'This is a letter.\nIt has lines of prose.\nNo fields at all.\n', 'TDG_CSV_INVALID', /prose\.csv:1: not delimited text/],
  ])('refuses a %s file with one line naming it', async (name, content, code, message) => {
    const p = content === undefined ? join(dir, `${name}.csv`) : file(`${name}.csv`, content)
    const e = await sniffCsv(p).catch((x: unknown) => x)
    expect(isTdgError(e)).toBe(true)
    expect((e as { code: string }).code).toBe(code)
    expect((e as Error).message).toMatch(message)
    expect((e as Error).message).not.toContain('\n')
  })
})
