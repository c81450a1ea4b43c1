import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { compareNames } from '../../../src/plan/name-order.js'

const moduleUrl = new URL('../../../src/plan/name-order.ts', import.meta.url).href

/** compareNames's order of `names` in a child process whose LANG is `lang` (the default collation follows it). */
function orderUnder(lang: string, names: string[]): string[] {
  const script = `import { compareNames } from ${JSON.stringify(moduleUrl)}; console.log(JSON.stringify(${JSON.stringify(names)}.sort(compareNames)))`
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, LANG: lang, LC_ALL: lang },
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
  })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout) as string[]
}

describe('compareNames: the plan tie-break order', () => {
  const names = ['z_y', 'aa_x', 'Orders', 'order_items', 'orders', 'ab']

  it('is en-US collation', () => {
    expect([...names].sort(compareNames)).toEqual(['aa_x', 'ab', 'order_items', 'orders', 'Orders', 'z_y'])
  })

  it('does not follow the process locale (Danish sorts "aa" after "z")', () => {
    // The premise: under da_DK the default collation does reorder these, so the test can fail.
    const danish = spawnSync(process.execPath, ['-e', `console.log(JSON.stringify(['z_y','aa_x'].sort((a,b)=>a.localeCompare(b))))`], { env: { ...process.env, LANG: 'da_DK.UTF-8', LC_ALL: 'da_DK.UTF-8' }, encoding: 'utf8' })
    expect(JSON.parse(danish.stdout)).toEqual(['z_y', 'aa_x'])
    expect(orderUnder('da_DK.UTF-8', names)).toEqual([...names].sort(compareNames))
  })
})

describe('compareNames: names of [a-z0-9_] alone, compared without ICU', () => {
  const icu = new Intl.Collator('en-US')
  const sign = (n: number) => Math.sign(n)

  it('agrees with ICU on every pair of names up to 2 characters, and on long random ones', () => {
    const alphabet = '_0123456789abcdefghijklmnopqrstuvwxyz'
    const names = ['']
    for (let len = 1; len <= 2; len++) for (const prefix of names.filter((n) => n.length === len - 1)) for (const c of alphabet) names.push(prefix + c)
    const some = ['a_', 'a0', 'a_0', 'a0_', '_a', '__', 'order_items', 'orders', 'orders2', 'orders_2', 'z', 'z9_']
    const all = [...names, ...some]
    for (const a of all) for (const b of all) if (sign(compareNames(a, b)) !== sign(icu.compare(a, b))) expect.fail(`${a} vs ${b}`)
    // Long names that differ late, in their length, or only in their tails.
    let x = 7
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % alphabet.length
    for (let k = 0; k < 5000; k++) {
      const base = Array.from({ length: 4 + (k % 12) }, () => alphabet[rand()]).join('')
      const a = base + Array.from({ length: k % 3 }, () => alphabet[rand()]).join('')
      const b = base + Array.from({ length: (k >> 1) % 3 }, () => alphabet[rand()]).join('')
      expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(icu.compare(a, b)))
    }
  })

  it('leaves every other name to ICU (upper case, dots, hyphens, non-ASCII)', () => {
    const names = ['Orders', 'orders', 'public.orders', 'public_orders', 'order-items', 'order_items', 'ørders', 'oz', 'o', 'a.b', 'a_b', 'aB', 'ab']
    for (const a of names) for (const b of names) expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(icu.compare(a, b)))
  })
})
