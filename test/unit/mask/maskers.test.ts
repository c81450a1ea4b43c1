/**
 * The maskers one by one: deterministic per value under a key, different under another key, equal across
 * columns that share a masker (PK/FK), and every value fitted to its column (type, length, labels, range).
 */
import { describe, expect, it } from 'vitest'
import type { Value } from '../../../src/model/rows.js'
import { check, col, int, table, thrown, varchar } from '../plan/model-builders.js'
import { isIban, isLuhnCard } from '../../../src/mask/maskers/checksums.js'
import { KEY, OTHER_KEY, maskColumn, maskRows } from './helpers.js'

const t = table('t', [
  col('id', int(4)),
  col('big', int(8), { nullable: true }),
  col('small', int(2), { nullable: true }),
  col('code', varchar(20), { nullable: true }),
  col('short', varchar(6), { nullable: true }),
  col('note', { kind: 'text' }, { nullable: true }),
  col('status', { kind: 'enum', values: ['new', 'paid', 'shipped'] }, { nullable: true }),
  col('uid', { kind: 'uuid' }, { nullable: true }),
  col('price', { kind: 'decimal', precision: 6, scale: 2 }, { nullable: true }),
  col('day', { kind: 'date' }, { nullable: true }),
  col('at', { kind: 'timestamp', tz: true }, { nullable: true }),
  col('must', varchar(10)),
], { primaryKey: { columns: ['id'] } })

describe('determinism and keys', () => {
  const values = ['alice@example.com', 'bob@example.com', 'alice@example.com', 'Zoë Ünal', '12345']
  for (const spec of [{ kind: 'hash', encoding: 'hex' }, { kind: 'scramble' }, { kind: 'permute' }, { kind: 'fake', field: 'company' }, { kind: 'fake', field: 'email' }] as const) {
    it(`${spec.kind}${'field' in spec ? `:${spec.field}` : ''}: same key → same output, other key → other output`, () => {
      const a = maskColumn(t, 'note', spec, values)
      const b = maskColumn(t, 'note', spec, values)
      const c = maskColumn(t, 'note', spec, values, OTHER_KEY)
      expect(a).toEqual(b)
      expect(a[0]).toBe(a[2])
      expect(a.filter((v, i) => v !== c[i]).length).toBeGreaterThanOrEqual(4)
      expect(a.some((v, i) => v === values[i])).toBe(false)
    })
  }
  it('a PK and an FK with the same masker mask identically in different tables', () => {
    const parent = table('customers', [col('customer_id', int(8)), col('email', varchar(100))], { primaryKey: { columns: ['customer_id'] } })
    const child = table('orders', [col('order_id', int(8)), col('customer_id', int(8)), col('contact', varchar(60))], { primaryKey: { columns: ['order_id'] } })
    const ids: Value[] = [1, 2, 3, 42, 1000, 99999, 123456789012n, '77']
    const p = maskColumn(parent, 'customer_id', { kind: 'permute' }, ids)
    const c = maskColumn(child, 'customer_id', { kind: 'permute' }, ids)
    expect(c).toEqual(p)
    // A CHECK on the PK alone does not change its permutation (the FK has none), nor does scramble.
    const checked = table('customers', [col('customer_id', int(8))], { checks: [check('pos', { kind: 'compare', column: 'customer_id', op: '>', value: 0 })] })
    expect(maskColumn(checked, 'customer_id', { kind: 'permute' }, ids)).toEqual(p)
    expect(maskColumn(child, 'customer_id', { kind: 'scramble' }, ids)).toEqual(p)
    // An email masks alike in another table and column.
    const e1 = maskColumn(parent, 'email', { kind: 'fake', field: 'email' }, ['ann@corp.example'])
    const e2 = maskColumn(child, 'contact', { kind: 'fake', field: 'email' }, ['ann@corp.example'])
    expect(e1).toEqual(e2)
  })
  it('NULL stays NULL for every masker but constant and generate', () => {
    const specs = [
      ['code', { kind: 'hash', encoding: 'base64' }],
      ['code', { kind: 'scramble' }],
      ['big', { kind: 'permute' }],
      ['code', { kind: 'redact' }],
      ['code', { kind: 'fake', field: 'phone' }],
      ['day', { kind: 'shift', maxDays: 30 }],
      ['price', { kind: 'noise', percent: 10 }],
      ['price', { kind: 'generalize', how: { round: 10 } }],
      ['code', { kind: 'shuffle' }],
    ] as const
    for (const [c, spec] of specs) expect(maskRows(t, { [c]: spec }, [{ id: 1, [c]: null }])[0]![c]).toBeNull()
    expect(maskColumn(t, 'code', { kind: 'constant', value: 'x' }, [null])).toEqual(['x'])
  })
})

describe('fitting the column', () => {
  it('hash: hex and base64 cut to the column, uuid columns get uuids', () => {
    const hex = maskColumn(t, 'short', { kind: 'hash', encoding: 'hex' }, ['a', 'b']) as string[]
    expect(hex.every((v) => /^[0-9a-f]{6}$/.test(v))).toBe(true)
    const b64 = maskColumn(t, 'code', { kind: 'hash', encoding: 'base64', length: 20 }, ['a']) as string[]
    expect(b64[0]).toMatch(/^[A-Za-z0-9+/]{20}$/)
    // The default 16 characters (their own fast path) are the first 16 of any longer base64 hash.
    const b16 = maskColumn(t, 'code', { kind: 'hash', encoding: 'base64' }, ['a']) as string[]
    expect(b16[0]).toBe(b64[0]!.slice(0, 16))
    const u = maskColumn(t, 'uid', { kind: 'hash', encoding: 'hex' }, ['3f2a9c1e-0b7d-4e21-9a55-6c0d2e1f7b88'])
    expect(u[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(thrown(() => maskColumn(t, 'price', { kind: 'hash', encoding: 'hex' }, [1])).code).toBe('TDG_MASK_UNSATISFIABLE')
  })
  it('enum columns: fake and scramble give a keyed label, permute a bijection of the labels', () => {
    const labels = ['new', 'paid', 'shipped']
    for (const spec of [{ kind: 'fake', field: 'company' }, { kind: 'scramble' }] as const) {
      const out = maskColumn(t, 'status', spec, ['new', 'paid', 'shipped', 'new'])
      expect(out.every((v) => labels.includes(v as string))).toBe(true)
      expect(out[0]).toBe(out[3])
    }
    expect(new Set(maskColumn(t, 'status', { kind: 'permute' }, labels))).toEqual(new Set(labels))
  })
  it('a CHECK IN list and a length CHECK are followed', () => {
    const c = table('c', [col('tier', varchar(20)), col('code', varchar(40))], { checks: [check('tier_in', { kind: 'in', column: 'tier', values: ['gold', 'silver'] }), check('len', { kind: 'length', column: 'code', op: '<=', value: 8 })] })
    expect(['gold', 'silver']).toContain(maskColumn(c, 'tier', { kind: 'fake', field: 'company' }, ['gold'])[0])
    expect((maskColumn(c, 'code', { kind: 'hash', encoding: 'hex' }, ['x'])[0] as string).length).toBe(8)
  })
  it('refuses what cannot fit, naming table.column and masker, never the value', () => {
    const e = thrown(() => maskColumn(t, 'must', { kind: 'null' }, ['secret-value']))
    expect(e.code).toBe('TDG_MASK_UNSATISFIABLE')
    expect(e.message).toContain('t.must')
    expect(e.message).toContain("'null'")
    expect(thrown(() => maskColumn(t, 'short', { kind: 'constant', value: 'far too long' }, ['x'])).code).toBe('TDG_MASK_UNSATISFIABLE')
    expect(thrown(() => maskColumn(t, 'day', { kind: 'permute' }, ['2024-01-01'])).code).toBe('TDG_MASK_UNSATISFIABLE')
    const bad = thrown(() => maskColumn(t, 'big', { kind: 'noise', percent: 5 }, ['not-a-number-secret']))
    expect(bad.code).toBe('TDG_MASK_UNSATISFIABLE')
    expect(bad.message).not.toContain('secret')
  })
  it('redact: fixed text cut to the column, or the original length', () => {
    expect(maskColumn(t, 'short', { kind: 'redact' }, ['whatever'])).toEqual(['REDACT'])
    expect(maskColumn(t, 'code', { kind: 'redact', keepLength: true, char: '#' }, ['abcd'])).toEqual(['####'])
  })
  it('permute keeps integers in range, sign and digit count, and types', () => {
    const vs: Value[] = [32767, -32768, 5, 0, -7, 1234]
    const out = maskColumn(t, 'small', { kind: 'permute' }, vs) as number[]
    out.forEach((v, i) => {
      expect(v).toBeGreaterThanOrEqual(-32768)
      expect(v).toBeLessThanOrEqual(32767)
      expect(String(Math.abs(v)).length).toBe(String(Math.abs(vs[i] as number)).length)
      expect(Math.sign(v)).toBe(Math.sign(vs[i] as number))
    })
    expect(out[3]).toBe(0)
    const big = maskColumn(t, 'big', { kind: 'permute' }, [9223372036854775807n, '123'])
    expect(typeof big[0]).toBe('bigint')
    expect((big[0] as bigint) <= 9223372036854775807n).toBe(true)
    expect(big[1]).toMatch(/^[1-9][0-9]{2}$/)
  })
  it('noise stays within ±percent, the scale and the decimal range; generalize rounds and buckets', () => {
    const vs = Array.from({ length: 200 }, (_, i) => (i * 37.31) % 9999)
    const out = maskColumn(t, 'price', { kind: 'noise', percent: 10 }, vs.map((v) => v.toFixed(2))) as string[]
    out.forEach((s, i) => {
      expect(s).toMatch(/^-?[0-9]+\.[0-9]{2}$/)
      expect(Math.abs(Number(s) - vs[i]!)).toBeLessThanOrEqual(vs[i]! * 0.1 + 0.006)
      expect(Number(s)).toBeLessThanOrEqual(9999.99)
    })
    expect(maskColumn(t, 'small', { kind: 'generalize', how: { bucket: 10 } }, [37, 40, -1])).toEqual([30, 40, -10])
    expect(maskColumn(t, 'price', { kind: 'generalize', how: { round: 5 } }, [12.4, '17.6'])).toEqual([10, '20.00'])
    expect(maskColumn(t, 'at', { kind: 'generalize', how: { truncate: 'month' } }, ['2024-05-17 13:45:10.123+02', new Date('2024-05-17T13:45:10Z')])).toEqual([
      '2024-05-01 00:00:00.000+02',
      new Date('2024-05-01T00:00:00Z'),
    ])
  })
})

describe('scramble', () => {
  it('keeps length, classes and separators; unique originals stay unique', () => {
    const vs = Array.from({ length: 2000 }, (_, i) => `AB-${String(i).padStart(4, '0')}-x`)
    const out = maskColumn(t, 'code', { kind: 'scramble' }, vs) as string[]
    expect(new Set(out).size).toBe(vs.length)
    expect(out.every((v) => /^[A-Z]{2}-[0-9]{4}-[a-z]$/.test(v))).toBe(true)
  })
  it('card numbers keep a valid Luhn digit (detected or forced)', () => {
    const cards = ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011111111111117']
    const out = maskColumn(t, 'code', { kind: 'scramble' }, cards) as string[]
    out.forEach((v, i) => {
      expect(isLuhnCard(v)).toBe(true)
      expect(v).not.toBe(cards[i])
      expect(v.replace(/[0-9]/g, '0')).toBe(cards[i]!.replace(/[0-9]/g, '0'))
      expect(v[0]).toBe(cards[i]![0])
    })
  })
  it('IBANs keep their country and get valid check digits', () => {
    const ibans = ['DE89370400440532013000', 'GB82 WEST 1234 5698 7654 32', 'FR1420041010050500013M02606']
    const wide = table('w', [col('iban', varchar(40))])
    const out = maskColumn(wide, 'iban', { kind: 'scramble' }, ibans) as string[]
    out.forEach((v, i) => {
      expect(isIban(v)).toBe(true)
      expect(v.slice(0, 2)).toBe(ibans[i]!.slice(0, 2))
      expect(v).not.toBe(ibans[i])
      expect(v.length).toBe(ibans[i]!.length)
    })
  })
})

describe('shift', () => {
  it('moves all dates of one entity by the same non-zero offset, keeping intervals', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: i % 100, day: `2024-0${1 + (i % 9)}-1${i % 10}`, at: new Date(Date.UTC(2024, 0, 1 + i, 10, 30)) }))
    const out = maskRows(t, { day: { kind: 'shift', maxDays: 60 }, at: { kind: 'shift', maxDays: 60 } }, rows)
    const offset = new Map<number, number>()
    rows.forEach((r, i) => {
      const d1 = (Date.parse(out[i]!.day as string) - Date.parse(r.day)) / 86_400_000
      const d2 = ((out[i]!.at as Date).getTime() - r.at.getTime()) / 86_400_000
      expect(d1).toBe(d2)
      expect(d1).not.toBe(0)
      expect(Math.abs(d1)).toBeLessThanOrEqual(60)
      if (offset.has(r.id)) expect(offset.get(r.id)).toBe(d1)
      offset.set(r.id, d1)
    })
    expect(new Set(offset.values()).size).toBeGreaterThan(30)
  })
  it('keeps the time and zone of text timestamps', () => {
    const out = maskRows(t, { at: { kind: 'shift', maxDays: 10 } }, [{ id: 5, at: '2024-02-28 23:59:59.5-05' }])
    expect(out[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2} 23:59:59\.5-05$/)
  })
})

describe('shuffle and generate', () => {
  it('shuffle keeps the column distribution exactly and moves values', () => {
    const vs = Array.from({ length: 2500 }, (_, i) => `v${i % 700}`)
    const out = maskColumn(t, 'code', { kind: 'shuffle', window: 1000 }, vs) as string[]
    expect([...out].sort()).toEqual([...vs].sort())
    expect(out.filter((v, i) => v === vs[i]).length).toBeLessThan(50)
    expect(maskColumn(t, 'code', { kind: 'shuffle', window: 1000 }, vs)).toEqual(out)
  })
  it('generate draws a generator at the keyed index of the original', () => {
    const out = maskColumn(t, 'code', { kind: 'generate', generator: { kind: 'like', pattern: 'C-____', minLength: 6, maxLength: 6 } }, ['a', 'b', 'a'])
    expect(out[0]).toMatch(/^C-.{4}$/)
    expect(out[0]).toBe(out[2])
    const e = thrown(() => maskColumn(t, 'code', { kind: 'generate', generator: { kind: 'relative', from: 'x', op: '<', maxDelta: 1, of: { kind: 'date', min: 0, max: 1, start: 0 } } }, ['a']))
    expect(e.code).toBe('TDG_MASK_UNSATISFIABLE')
  })
})

describe('batch layout', () => {
  it('a masker reading a column the batch lacks is TDG_INTERNAL', async () => {
    const { compileTableMasker } = await import('../../../src/mask/compile-table.js')
    const m = compileTableMasker(t, { table: { name: 't' }, columns: [{ column: 'day', mask: { kind: 'shift', maxDays: 5 }, source: 'rule', reason: '' }] }, KEY)
    expect(thrown(() => m.mask({ columns: ['day'], rows: [['2024-01-01']] })).code).toBe('TDG_INTERNAL')
    const ok = m.mask({ columns: ['id', 'day', 'note'], rows: [[1, '2024-01-01', 'n']] })
    expect(ok.rows[0]![2]).toBe('n')
  })
})
