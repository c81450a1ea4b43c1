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
