/**
 * The realism score of tdg's own output (issue 10): each realism schema and the bundled shop example is
 * seeded into SQLite (`--rows 500 --seed 1`) and measured with `tdg check --json`. Every applicable
 * invariant must reach its threshold (98 %; 100 % for time order, lifecycles, fan-out and name
 * variety), except the entries of PENDING_REALISM: what today's generators do not meet yet, with the
 * score they had when listed. The test prints every score; it fails when a non-pending result drops
 * below its threshold, when a pending entry now passes (move it out), and when an invariant stops
 * applying where it should.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const SCHEMAS: Array<{ schema: string; file: string; applies: string[] }> = [
  { schema: 'shop', file: 'examples/shop.sql', applies: ['email-name', 'temporal-row', 'temporal-fk', 'lifecycle', 'vocabulary', 'price-copy', 'fan-out', 'name-distinct'] },
  { schema: 'crm', file: 'test/fixtures/realism/crm.sql', applies: ['email-name', 'full-name', 'address', 'temporal-row', 'temporal-fk', 'lifecycle', 'vocabulary', 'fan-out', 'name-distinct'] },
  { schema: 'hr', file: 'test/fixtures/realism/hr.sql', applies: ['email-name', 'full-name', 'age-birth', 'address', 'temporal-row', 'temporal-fk', 'lifecycle', 'vocabulary', 'fan-out', 'name-distinct'] },
  { schema: 'saas-billing', file: 'test/fixtures/realism/saas-billing.sql', applies: ['email-name', 'address', 'temporal-row', 'temporal-fk', 'lifecycle', 'vocabulary', 'price-copy', 'fan-out', 'name-distinct'] },
  { schema: 'blog', file: 'test/fixtures/realism/blog.sql', applies: ['email-name', 'full-name', 'age-birth', 'address', 'temporal-row', 'temporal-fk', 'lifecycle', 'vocabulary', 'fan-out', 'name-distinct'] },
]

/** The data's "now" for ages (and for generation, once `tdg seed` takes `--now`). */
const NOW = '2026-12-05'

/** Invariants held to 100 %: orders of time, lifecycles, and the per-FK / per-column shape checks. */
const EXACT = new Set(['temporal-row', 'temporal-fk', 'lifecycle', 'fan-out', 'name-distinct'])
const threshold = (invariant: string) => (EXACT.has(invariant) ? 1 : 0.98)

/**
 * Not met by today's generators: schema, invariant, result (`table (columns)` as `tdg check` names it)
 * and its score when listed (seed 1, 500 rows). Move an entry out when the generators meet it.
 */
export const PENDING_REALISM: Array<{ schema: string; invariant: string; result: string; today: number }> = []

interface JsonResult {
  table: string
  columns: string[]
  unit: string
  applicable: number
  passed: number
  score: number | null
  note?: string
}
interface JsonReport {
  invariants: Array<{ id: string; results: JsonResult[] }>
}

const dir = mkdtempSync(join(tmpdir(), 'tdg-realism-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function seedAndCheck(schema: string, file: string): Promise<JsonReport> {
  const db = `sqlite:${join(dir, `${schema}.db`)}`
  const help = await runCli(['seed', '--help'])
  const now = /--now\b/.test(help.stdout) ? ['--now', NOW] : []
  const seeded = await runCli(['seed', '--db', db, '--schema', file, '--create', '--rows', '500', '--seed', '1', '-q', ...now], { timeoutMs: 120_000 })
  expect(seeded.code, seeded.stderr).toBe(0)
  const r = await runCli(['check', '--db', db, '--now', NOW, '--json'], { timeoutMs: 120_000 })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout) as JsonReport
}

const pct = (s: number) => `${(Math.floor(s * 1000) / 10).toFixed(1)}%`

describe('realism score of tdg output (seed 1, 500 rows)', () => {
  for (const s of SCHEMAS) {
    it(`${s.schema}: every applicable invariant meets its threshold or is pending`, async () => {
      const report = await seedAndCheck(s.schema, s.file)
      const lines: string[] = []
      const problems: string[] = []
      for (const inv of report.invariants) {
        if (inv.results.length === 0) lines.push(`  ${inv.id.padEnd(14)} n/a`)
        for (const r of inv.results) {
          const result = `${r.table} (${r.columns.join(', ')})`
          const score = r.score ?? 1
          const pending = PENDING_REALISM.find((p) => p.schema === s.schema && p.invariant === inv.id && p.result === result)
          const ok = score >= threshold(inv.id)
          lines.push(`  ${inv.id.padEnd(14)} ${pct(score).padStart(6)}  ${(ok ? 'ok' : pending ? 'PENDING' : 'BELOW').padEnd(7)}  ${result}: ${r.passed}/${r.applicable}${r.unit === 'row' ? '' : ` ${r.unit}`}`)
          if (!ok && !pending) problems.push(`${inv.id} on ${result}: ${pct(score)} < ${pct(threshold(inv.id))}`)
          if (!ok && !pending) console.log(`PENDING_CANDIDATE ${JSON.stringify({ schema: s.schema, invariant: inv.id, result, today: Math.floor(score * 1000) / 1000 })}`)
          if (ok && pending) problems.push(`${inv.id} on ${result} now meets ${pct(threshold(inv.id))}: move it out of PENDING_REALISM`)
        }
      }
      console.log(`realism ${s.schema}:\n${lines.join('\n')}`)
      const applied = report.invariants.filter((i) => i.results.length > 0).map((i) => i.id)
      expect(applied, 'invariants that must apply').toEqual(expect.arrayContaining(s.applies))
      expect(problems).toEqual([])
    })
  }

  it('every invariant applies to at least one schema', () => {
    const all = new Set(SCHEMAS.flatMap((s) => s.applies))
    expect([...all].sort()).toEqual(['address', 'age-birth', 'email-name', 'fan-out', 'full-name', 'lifecycle', 'name-distinct', 'price-copy', 'temporal-fk', 'temporal-row', 'vocabulary'])
  })
})
