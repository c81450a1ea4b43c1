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
export const PENDING_REALISM: Array<{ schema: string; invariant: string; result: string; today: number }> = [
  { schema: 'shop', invariant: 'email-name', result: 'customers (email, first_name, last_name)', today: 0.002 },
  { schema: 'shop', invariant: 'temporal-fk', result: 'customers (referred_by, created_at, customers.created_at)', today: 0.464 },
  { schema: 'shop', invariant: 'temporal-fk', result: 'orders (customer_id, ordered_at, customers.created_at)', today: 0.236 },
  { schema: 'shop', invariant: 'lifecycle', result: 'orders (shipped_at, status)', today: 0.38 },
  { schema: 'shop', invariant: 'price-copy', result: 'order_items (product_id, unit_price, products.price)', today: 0.238 },
  { schema: 'shop', invariant: 'fan-out', result: 'order_items (order_id, → orders)', today: 0 },
  { schema: 'crm', invariant: 'email-name', result: 'contacts (email, first_name, last_name)', today: 0.002 },
  { schema: 'crm', invariant: 'email-name', result: 'users (email, first_name, last_name)', today: 0.006 },
  { schema: 'crm', invariant: 'full-name', result: 'contacts (full_name, first_name, last_name)', today: 0 },
  { schema: 'crm', invariant: 'full-name', result: 'users (display_name, first_name, last_name)', today: 0 },
  { schema: 'crm', invariant: 'address', result: 'companies (city, state, zip, country)', today: 0 },
  { schema: 'crm', invariant: 'temporal-row', result: 'activities (created_at, completed_at)', today: 0.251 },
  { schema: 'crm', invariant: 'temporal-row', result: 'contacts (created_at, updated_at, deleted_at)', today: 0.317 },
  { schema: 'crm', invariant: 'temporal-row', result: 'deals (created_at, updated_at, closed_at)', today: 0.321 },
  { schema: 'crm', invariant: 'temporal-row', result: 'users (created_at, deleted_at, last_login_at)', today: 0.089 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'activities (deal_id, created_at, deals.created_at)', today: 0.502 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'activities (user_id, created_at, users.created_at)', today: 0.464 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'companies (owner_id, created_at, users.created_at)', today: 0.484 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'contacts (company_id, created_at, companies.created_at)', today: 0.536 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'deals (company_id, created_at, companies.created_at)', today: 0.522 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'deals (contact_id, created_at, contacts.created_at)', today: 0.49 },
  { schema: 'crm', invariant: 'temporal-fk', result: 'deals (owner_id, created_at, users.created_at)', today: 0.492 },
  { schema: 'crm', invariant: 'lifecycle', result: 'contacts (deleted_at, status, is_active)', today: 0.177 },
  { schema: 'crm', invariant: 'lifecycle', result: 'users (deleted_at, is_active)', today: 0.11 },
  { schema: 'crm', invariant: 'vocabulary', result: 'activities (type)', today: 0 },
  { schema: 'crm', invariant: 'vocabulary', result: 'deals (status)', today: 0.026 },
  { schema: 'crm', invariant: 'vocabulary', result: 'users (role)', today: 0.004 },
  { schema: 'crm', invariant: 'vocabulary', result: 'users (timezone)', today: 0.006 },
  { schema: 'hr', invariant: 'email-name', result: 'employees (email, first_name, last_name)', today: 0.004 },
  { schema: 'hr', invariant: 'full-name', result: 'employees (full_name, first_name, last_name)', today: 0 },
  { schema: 'hr', invariant: 'age-birth', result: 'employees (age, birth_date)', today: 0.03 },
  { schema: 'hr', invariant: 'address', result: 'employees (city, state, zip_code, country)', today: 0.008 },
  { schema: 'hr', invariant: 'temporal-row', result: 'employees (created_at, updated_at, terminated_at, hire_date)', today: 0.264 },
  { schema: 'hr', invariant: 'temporal-row', result: 'salaries (start_date, end_date)', today: 0.504 },
  { schema: 'hr', invariant: 'temporal-row', result: 'time_off_requests (created_at, approved_at, cancelled_at, start_date, end_date)', today: 0.048 },
  { schema: 'hr', invariant: 'temporal-fk', result: 'employees (department_id, created_at, departments.created_at)', today: 0.496 },
  { schema: 'hr', invariant: 'temporal-fk', result: 'employees (manager_id, created_at, employees.created_at)', today: 0.439 },
  { schema: 'hr', invariant: 'temporal-fk', result: 'salaries (employee_id, created_at, employees.created_at)', today: 0.486 },
  { schema: 'hr', invariant: 'temporal-fk', result: 'time_off_requests (employee_id, created_at, employees.created_at)', today: 0.508 },
  { schema: 'hr', invariant: 'lifecycle', result: 'employees (terminated_at, status)', today: 0.56 },
  { schema: 'hr', invariant: 'lifecycle', result: 'time_off_requests (cancelled_at, status)', today: 0.728 },
  { schema: 'hr', invariant: 'vocabulary', result: 'employees (employment_type)', today: 0.004 },
  { schema: 'hr', invariant: 'vocabulary', result: 'jobs (level)', today: 0.008 },
  { schema: 'hr', invariant: 'vocabulary', result: 'time_off_requests (type)', today: 0 },
  { schema: 'saas-billing', invariant: 'email-name', result: 'users (email, first_name, last_name)', today: 0.006 },
  { schema: 'saas-billing', invariant: 'address', result: 'accounts (city, state, postal_code, country)', today: 0 },
  { schema: 'saas-billing', invariant: 'temporal-row', result: 'accounts (created_at, updated_at, deleted_at)', today: 0.296 },
  { schema: 'saas-billing', invariant: 'temporal-row', result: 'invoices (created_at, paid_at, due_date)', today: 0.1 },
  { schema: 'saas-billing', invariant: 'temporal-row', result: 'payments (created_at, refunded_at)', today: 0.239 },
  { schema: 'saas-billing', invariant: 'temporal-row', result: 'subscriptions (created_at, canceled_at, ended_at)', today: 0.131 },
  { schema: 'saas-billing', invariant: 'temporal-row', result: 'users (created_at, deleted_at, last_login_at)', today: 0.089 },
  { schema: 'saas-billing', invariant: 'temporal-fk', result: 'invoices (subscription_id, created_at, subscriptions.created_at)', today: 0.514 },
  { schema: 'saas-billing', invariant: 'temporal-fk', result: 'payments (invoice_id, created_at, invoices.created_at)', today: 0.484 },
  { schema: 'saas-billing', invariant: 'temporal-fk', result: 'subscriptions (account_id, created_at, accounts.created_at)', today: 0.506 },
  { schema: 'saas-billing', invariant: 'temporal-fk', result: 'subscriptions (plan_id, created_at, plans.created_at)', today: 0.5 },
  { schema: 'saas-billing', invariant: 'temporal-fk', result: 'users (account_id, created_at, accounts.created_at)', today: 0.522 },
  { schema: 'saas-billing', invariant: 'lifecycle', result: 'accounts (deleted_at, is_active)', today: 0.111 },
  { schema: 'saas-billing', invariant: 'lifecycle', result: 'invoices (paid_at, status)', today: 0.254 },
  { schema: 'saas-billing', invariant: 'lifecycle', result: 'subscriptions (ended_at, status)', today: 0.56 },
  { schema: 'saas-billing', invariant: 'vocabulary', result: 'payments (status)', today: 0 },
  { schema: 'saas-billing', invariant: 'vocabulary', result: 'users (role)', today: 0.004 },
  { schema: 'saas-billing', invariant: 'vocabulary', result: 'users (language)', today: 0.094 },
  { schema: 'saas-billing', invariant: 'vocabulary', result: 'users (timezone)', today: 0.006 },
  { schema: 'saas-billing', invariant: 'price-copy', result: 'invoice_items (plan_id, unit_price, plans.price)', today: 0.29 },
  { schema: 'saas-billing', invariant: 'price-copy', result: 'subscriptions (plan_id, price, plans.price)', today: 0.25 },
  { schema: 'blog', invariant: 'email-name', result: 'authors (email, first_name, last_name)', today: 0.002 },
  { schema: 'blog', invariant: 'full-name', result: 'authors (display_name, first_name, last_name)', today: 0 },
  { schema: 'blog', invariant: 'age-birth', result: 'authors (age, birth_date)', today: 0.045 },
  { schema: 'blog', invariant: 'address', result: 'authors (city, country)', today: 0 },
  { schema: 'blog', invariant: 'temporal-row', result: 'authors (created_at, updated_at, deleted_at)', today: 0.327 },
  { schema: 'blog', invariant: 'temporal-row', result: 'comments (created_at, deleted_at)', today: 0.249 },
  { schema: 'blog', invariant: 'temporal-row', result: 'posts (created_at, updated_at, published_at, archived_at)', today: 0.102 },
  { schema: 'blog', invariant: 'temporal-fk', result: 'comments (post_id, created_at, posts.created_at)', today: 0.5 },
  { schema: 'blog', invariant: 'temporal-fk', result: 'comments (parent_id, created_at, comments.created_at)', today: 0.497 },
  { schema: 'blog', invariant: 'temporal-fk', result: 'posts (author_id, created_at, authors.created_at)', today: 0.476 },
  { schema: 'blog', invariant: 'temporal-fk', result: 'posts (category_id, created_at, categories.created_at)', today: 0.501 },
  { schema: 'blog', invariant: 'lifecycle', result: 'authors (deleted_at, is_active)', today: 0.091 },
  { schema: 'blog', invariant: 'lifecycle', result: 'posts (published_at, status)', today: 0.526 },
  { schema: 'blog', invariant: 'lifecycle', result: 'posts (archived_at, status)', today: 0.396 },
  { schema: 'blog', invariant: 'vocabulary', result: 'comments (status)', today: 0.004 },
  { schema: 'blog', invariant: 'vocabulary', result: 'posts (language)', today: 0.14 },
  { schema: 'blog', invariant: 'fan-out', result: 'post_tags (post_id, → posts)', today: 0 },
]

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
