/** URL parsing and redaction for the PostgreSQL adapter (no database needed). */
import { describe, expect, it } from 'vitest'
import { parsePostgresUrl } from '../../adapters/postgres/url.js'
import { arrayLiteral, copyField } from '../../adapters/postgres/copy-text.js'
import { checkExpression } from '../../adapters/postgres/introspect.js'
import { redactUrl } from '../../src/adapter/redact-url.js'

describe('redactUrl', () => {
  it.each([
    ['postgres://app:s3cret@localhost:5499/shop', 'postgres://app:***@localhost:5499/shop'],
    ['postgresql://app:p%40ss@h/db?schema=a', 'postgresql://app:***@h/db?schema=a'],
    ['postgres://app:p@ss@h/db', 'postgres://app:***@h/db'],
    ['postgres://app@h/db', 'postgres://app@h/db'],
    ['postgres://h/db?password=abc&schema=x', 'postgres://h/db?password=***&schema=x'],
    ['sqlite:./x.db', 'sqlite:./x.db'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected)
  })
})

describe('parsePostgresUrl', () => {
  it('reads host, port, credentials, database, schemas and sslmode', () => {
    const u = parsePostgresUrl('postgresql://app:p%40ss@db.example:5499/shop?schema=sales,%20hr&sslmode=require')
    expect(u).toMatchObject({ host: 'db.example', port: 5499, user: 'app', password: 'p@ss', database: 'shop', schemas: ['sales', 'hr'], ssl: { rejectUnauthorized: false } })
    expect(u.redacted).toBe('postgresql://app:***@db.example:5499/shop?schema=sales,%20hr&sslmode=require')
  })

  it('defaults: port 5432, schema public, no TLS, 5 s timeout', () => {
    expect(parsePostgresUrl('postgres://localhost/x')).toMatchObject({ port: 5432, schemas: ['public'], ssl: false, connectTimeoutMs: 5000 })
    expect(parsePostgresUrl('postgres://localhost/x?sslmode=verify-full').ssl).toEqual({ rejectUnauthorized: true })
  })

  it('rejects unknown options and sslmodes without echoing the password', () => {
    expect(() => parsePostgresUrl('postgres://a:topsecret@h/d?bogus=1')).toThrow(/unknown option 'bogus'/)
    try {
      parsePostgresUrl('postgres://a:topsecret@h/d?sslmode=maybe')
      expect.unreachable()
    } catch (e) {
      expect((e as Error).message).toContain('a:***@h')
      expect((e as Error).message).not.toContain('topsecret')
    }
  })
})

describe('COPY text encoding', () => {
  it('escapes the COPY specials and marks NULL', () => {
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e')
    expect(copyField(null)).toBe('\\N')
    expect(copyField('\\N')).toBe('\\\\N')
    expect(copyField(true)).toBe('t')
    expect(copyField(12n)).toBe('12')
    expect(copyField(new Uint8Array([1, 171]))).toBe('\\\\x01ab')
    expect(copyField(new Date('2024-01-02T03:04:05.000Z'))).toBe('2024-01-02T03:04:05.000Z')
    expect(copyField({ a: 1 })).toBe('{"a":1}')
    expect(copyField([1, 2], true)).toBe('[1,2]')
  })

  it('builds array literals with quoting and NULLs', () => {
    expect(arrayLiteral([1, null, 'x"y', 'a\\b', [true, false]])).toBe('{"1",NULL,"x\\"y","a\\\\b",{"t","f"}}')
    expect(arrayLiteral([])).toBe('{}')
  })

  it('takes the body of CHECK (…)', () => {
    expect(checkExpression('CHECK ((qty > 0))')).toBe('(qty > 0)')
    expect(checkExpression('CHECK ((qty > 0)) NOT VALID')).toBe('(qty > 0)')
  })
})
