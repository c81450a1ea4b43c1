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

describe('compareNames: names of printable ASCII, compared without ICU', () => {
  const icu = new Intl.Collator('en-US')
  const sign = (n: number) => Math.sign(n)
  let x = 7
  const rand = (n: number) => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n

  it('agrees with ICU on 1–2 character names over lower case, digits and punctuation (300 random partners each)', () => {
    const chars: string[] = []
    for (let c = 32; c < 127; c++) if (c < 65 || c > 90) chars.push(String.fromCharCode(c))
    const names = [...chars, ...chars.flatMap((a) => chars.map((b) => a + b))]
    let bad = 0
    for (const a of names) for (let k = 0; k < 300; k++) {
      const b = names[rand(names.length)]!
      if (sign(compareNames(a, b)) !== sign(icu.compare(a, b))) bad++
    }
    expect(bad).toBe(0)
  })

  it('agrees with ICU on long names that differ late, in length, or only in case', () => {
    const alphabet = ' _-.:$0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rand(alphabet.length)]).join('')
    const flipCase = (s: string) => s.replace(/[a-z]/gi, (c) => (rand(2) ? c.toUpperCase() : c.toLowerCase()))
    for (let k = 0; k < 20000; k++) {
      const base = word(2 + (k % 14))
      const a = base + word(k % 3)
      const b = k % 4 === 0 ? flipCase(a) : base + word((k >> 1) % 3)
      expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(icu.compare(a, b)))
    }
  })

  it('leaves names beyond printable ASCII to ICU', () => {
    const names = ['ørders', 'orders', 'Ørders', 'öl', 'ol', 'oz', 'é', 'e', 'f', 'a\tb', 'ab']
    for (const a of names) for (const b of names) expect(sign(compareNames(a, b)), `${a} vs ${b}`).toBe(sign(icu.compare(a, b)))
  })
})
