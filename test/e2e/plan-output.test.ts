/**
 * Issue 3 acceptance: `tdg plan` is a dry run that prints the order, the row counts and every column's
 * generator with the reason for it — nothing is written.
 */
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

describe('tdg plan --schema … --rows 1000', () => {
  it('examples/shop.sql: order, counts, and a generator with a reason for every column', async () => {
    const r = await runCli(['plan', '--schema', 'examples/shop.sql', '--rows', '1000', '--seed', '3'])
    expect(r.code, r.stderr).toBe(0)
    const out = r.stdout
    expect(out).toMatch(/^Plan \(seed 3, now \d{4}-\d{2}-\d{2}, sqlite\): 4 tables, parents first$/m)
    // Parents first: customers before orders, orders and products before order_items.
    const order = [...out.matchAll(/^\d+\. (\w+): ([\d,]+) rows(?:; fast load: .*)?$/gm)].map((m) => [m[1], m[2]])
    expect(order).toEqual([
      ['customers', '1,000'],
      ['orders', '1,000'],
      ['products', '1,000'],
      ['order_items', '1,000'],
    ])
    // Every column line has "generator — reason".
    const columnLines = out.split('\n').filter((l) => /^ {3}\S/.test(l))
    expect(columnLines).toHaveLength(8 + 5 + 6 + 5)
    for (const l of columnLines) expect(l, l).toMatch(/^ {3}\S+\s+\S.* — \S/)
    expect(out).toMatch(/^ {3}id\s+key 1, 2, … \[unique\] — key sequence$/m)
    expect(out).toMatch(/^ {3}email\s+the row's person: email from the names \[unique\] — email by name; the row's person \(made from the names\)$/m)
    expect(out).toMatch(/^ {3}country\s+one of US [\d.]+%, CN [\d.]+%, DE 7\d\.\d%, .* — DEFAULT 'DE' for ~75 % of rows \(what the application writes\), else country-code by name; countries weighted by GDP \(2023\)$/m)
    expect(out).toMatch(/^ {3}created_at\s+timestamp after customers\.created_at, before now — creation time: last 5 years; after the earlier customers row referred_by points to \(times grow with the row\), before now$/m)
    expect(out).toMatch(/^ {3}unit_price\s+copy of products\.price via product_id — .*; copies products\.price of the row its product_id points to$/m)
    expect(out).toMatch(/^ {3}tier\s+one of free 94\.4%, pro 4\.7%, enterprise 0\.9% — DEFAULT 'free' for ~75 % of rows \(what the application writes\), else CHECK \(IN list\), weighted by the plan tier vocabulary \(table customers\)$/m)
    expect(out).toMatch(/^ {3}status\s+one of new 10%, paid 15%, shipped 62%, cancelled 13% — CHECK \(IN list\), weighted by the order status vocabulary \(table orders\)$/m)
    expect(out).toMatch(/^ {3}price\s+lognormal decimal in \[1, 581\] — price by name: log-normal, median ~30$/m)
    expect(out).toMatch(/^ {3}referred_by\s+FK → customers\.id \[10% null\] — FK → customers\.id: self-reference to an earlier row$/m)
    expect(out).toMatch(/^ {3}shipped_at\s+when status in \(shipped\) — timestamp; kept >= ordered_at; set only when status is shipped$/m)
    expect(out).toMatch(/^ {3}sku\s+matches LIKE 'SKU-%' \[unique\] — CHECK \(LIKE pattern\)$/m)
    expect(out).toMatch(/^ {3}order_id\s+FK → orders\.id \[unique\] — FK → orders\.id: 1000 rows over \d+ of 1000 orders, 1–10 each \(mostly 1–3\), skewed \(default line fan-out\)$/m)
    expect(out).toMatch(/^ {3}line_no\s+1, 2, … per order_id \[unique\] — 16-bit integer; 1, 2, … within each order_id \(line fan-out\)$/m)
    expect(out).toMatch(/^ {3}customer_id\s+FK → customers\.id — FK → customers\.id: a parent row, skewed \(some parents get many children, many one or none\)$/m)
    expect(out).toMatch(/^ {3}quantity\s+one of 1 52%, 2 21%, 3 11%, 4 5%, 5 4%, 6 2%, … — quantity by name: mostly 1–3, rarely more$/m)
  })

  it('the hard schema: deferred constraints, fixups and 1:1 picks are part of the plan', async () => {
    const r = await runCli(['plan', '--schema', 'test/fixtures/postgres/hard.sql', '--rows', '1000', '--seed', '3'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain(
      'Deferred foreign keys (NOT NULL cycles and same-row self-references; the database checks every row before COMMIT):\n' +
        '  cycle public.invoices → public.payments → public.invoices: DEFERRABLE: SET CONSTRAINTS ALL DEFERRED, checked at COMMIT\n' +
        '    public.invoices (last_payment_id) → public.payments [invoices_last_payment_fk]\n' +
        '    public.payments (invoice_id) → public.invoices [payments_invoice_id_fkey]',
    )
    expect(r.stdout).toContain('Fixups after all inserts (cycle cuts):\n  public.departments: set manager_id by id — cycle through public.departments → public.staff cut at this nullable FK')
    expect(r.stdout).toMatch(/^ {3}staff_id\s+FK → public\.staff\.id \[unique\] — FK → public\.staff\.id: one row per parent row \(1:1\)$/m)
    expect(r.stdout).toMatch(/^ {3}closed_on\s+> opened_on \[10% null\] — date; kept > opened_on$/m)
    expect(r.stdout).not.toContain('Issues')
  })

  it('--json is the same plan as data', async () => {
    const r = await runCli(['plan', '--schema', 'examples/shop.sql', '--rows', '1000', '--seed', '3', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const plan = JSON.parse(r.stdout)
    expect(plan.steps.map((s: { id: string; rows: number }) => `${s.id}:${s.rows}`)).toEqual(['customers:1000', 'orders:1000', 'products:1000', 'order_items:1000'])
    for (const s of plan.steps) for (const c of s.columns) expect(c.reason, `${s.id}.${c.column}`).toMatch(/\S/)
  })
})
