import { describe, expect, it } from 'vitest'
import { redactArgv, redactOptions } from '../../../src/audit/redact-options.js'
import { canonicalJson } from '../../../src/audit/audit-record.js'

describe('audit redaction', () => {
  it('URL passwords, secret-named options and known secrets become ***; key files stay paths', () => {
    const secrets = ['s3cr3t-mask-key']
    expect(redactArgv(['clone', '--from', 'postgres://app:pw@h/db', '--to=mysql://r:x@h/d', '--token', 'abc', '--key-file', 'k.bin', 'note s3cr3t-mask-key'], secrets)).toEqual([
      'clone', '--from', 'postgres://app:***@h/db', '--to=mysql://r:***@h/d', '--token', '***', '--key-file', 'k.bin', 'note ***',
    ])
    expect(redactOptions({ db: 'postgres://u:p@h/d?password=q', keyFile: 'k.bin', apiToken: 'zzz', subset: ['a:5%'], rows: 3 }, secrets)).toEqual({ db: 'postgres://u:***@h/d?password=***', keyFile: 'k.bin', apiToken: '***', subset: ['a:5%'], rows: 3 })
  })

  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}')
  })
})
