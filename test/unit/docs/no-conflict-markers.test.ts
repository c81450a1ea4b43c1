/**
 * A merge that leaves `<<<<<<<` / `>>>>>>>` behind in a document is invisible to the compiler (a
 * README's code block is not compiled): every tracked text file is checked for the markers here.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/run-cli.js'

const TEXT = /\.(md|ts|mjs|js|json|yaml|yml|sql|sh|html|css)$/

describe('tracked files', () => {
  it('hold no merge conflict markers', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter((f) => TEXT.test(f))
    expect(files.length).toBeGreaterThan(100)
    const marked = files.filter((f) => /^(<{7}|>{7}) /m.test(readFileSync(`${repoRoot}${f}`, 'utf8')))
    expect(marked).toEqual([])
  })
})
