/**
 * Row coherence of companies (issue 10 §1): domain, website and generic mailbox come from the row's
 * company name; a unique domain stays unique by digits before the TLD.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { planRows } from '../plan/plan-rows.js'
import { domainLabel } from '../../../src/generate/company-web.js'
import { col, int, model, table, varchar } from '../plan/model-builders.js'

const m = model([
  table('companies', [col('id', int()), col('name', varchar(80)), col('domain', varchar(60)), col('website', varchar(100), { nullable: true }), col('email', varchar(100))], {
    primaryKey: { columns: ['id'] },
    uniques: [{ columns: ['domain'] }],
  }),
])

describe("the row's company", () => {
  it('domain, website and mailbox are made from the name; unique domains stay unique', () => {
    const plan = buildPlan(m, { rows: 3000, seed: 4 })
    const rows = planRows(plan, 'companies')
    expect(new Set(rows.map((r) => r.domain)).size).toBe(3000)
    for (const r of rows) {
      const label = domainLabel(String(r.name))
      expect(String(r.domain)).toMatch(new RegExp(`^${label}\\d{4}\\.[a-z]+$`))
      if (r.website !== null) expect(String(r.website)).toMatch(new RegExp(`^https://(www\\.)?${label}\\.[a-z]+$`))
      expect(String(r.email)).toMatch(new RegExp(`^[a-z]+@${label}\\.[a-z]+$`))
    }
  })

  it('domain labels drop legal forms and joiners', () => {
    expect(domainLabel('Rempel, Hills and Kohler')).toBe('rempelhills')
    expect(domainLabel('Schmidt - Kühn GmbH')).toBe('schmidtkuehn')
    expect(domainLabel('Weimann and Sons')).toBe('weimann')
    expect(domainLabel('Inc.')).toBe('company')
  })
})
