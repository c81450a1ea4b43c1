/**
 * renderReport's page as text: self-contained (no URL, no external resource), one chart element per
 * compared column and FK, and every name escaped — a table, column, category value or source name
 * shaped like HTML stays text.
 */
import { describe, expect, it } from 'vitest'
import type { Profile } from '../../../src/model/profile.js'
import { fidelity, renderReport } from '../../../src/report/index.js'
import { shopPair } from '../../support/profile-fixtures.js'

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

function hostilePair(): { source: Profile; target: Profile } {
  const { source, target } = shopPair(HOSTILE)
  for (const p of [source, target]) {
    p.source.name = `${HOSTILE}.csv`
    p.tables[1]!.name = `orders${HOSTILE}`
  }
  return { source, target }
}

describe('renderReport', () => {
  it('escapes every name: no element comes from a profile', () => {
    const { source, target } = hostilePair()
    const html = renderReport(fidelity(source, target), source, target)
    expect(html).not.toContain('<img')
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html).not.toContain('alert("x")')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;')
  })

  it('is self-contained: one inline style and script, no URL or external resource', () => {
    const { source, target } = shopPair()
    const html = renderReport(fidelity(source, target), source, target)
    expect(html.startsWith('<!doctype html>')).toBe(true)
    expect(html.match(/<style>/g)).toHaveLength(1)
    expect(html).not.toMatch(/https?:|@import|url\(|<link|<img|<iframe|\ssrc=|@font-face/i)
    // Links only within the page; the one `//` is the source's own name (postgres://ro@prod/shop).
    expect(html.match(/href="[^"]*"/g)!.every((h) => h.startsWith('href="#'))).toBe(true)
    expect(html.replaceAll(source.source.name, '')).not.toMatch(/\/\/[a-z]/i)
  })

  it('draws one chart per compared column and foreign key, with the overall score on top', () => {
    const { source, target } = shopPair()
    const r = fidelity(source, target)
    const html = renderReport(r, source, target)
    expect(html.match(/data-chart="column"/g)).toHaveLength(r.tables.reduce((n, t) => n + t.columns.length, 0))
    expect(html.match(/data-chart="fan-out"/g)).toHaveLength(2)
    expect(html.indexOf('data-overall-score')).toBeLessThan(html.indexOf('data-chart='))
    expect(html).toContain(`>${r.score.toFixed(3)}</div>`)
    // Dates as dates on date and timestamp axes.
    const birth = html.slice(html.indexOf('data-column="birth_date"'))
    expect(birth.slice(0, birth.indexOf('</section>'))).toMatch(/class="tick"[^>]*>\d{4}-\d{2}-\d{2}</)
  })
})
