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
    const order = [...out.matchAll(/^\d+\. (\w+): ([\d,]+) rows$/gm)].map((m) => [m[1], m[2]])
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
    expect(out).toMatch(/^ {3}email\s+faker email \[unique\] — email by name$/m)
    expect(out).toMatch(/^ {3}country\s+faker country-code — country-code by name$/m)
    expect(out).toMatch(/^ {3}tier\s+one of free, pro, enterprise — CHECK \(IN list\)$/m)
    expect(out).toMatch(/^ {3}referred_by\s+FK → customers\.id \[10% null\] — FK → customers\.id: self-reference to an earlier row$/m)
    expect(out).toMatch(/^ {3}shipped_at\s+>= ordered_at \[10% null\] — timestamp; kept >= ordered_at$/m)
    expect(out).toMatch(/^ {3}sku\s+matches LIKE 'SKU-%' \[unique\] — CHECK \(LIKE pattern\)$/m)
    expect(out).toMatch(/^ {3}order_id\s+FK → orders\.id \[unique\] — FK → orders\.id: parents in turn \(part of a composite key\)$/m)
    expect(out).toMatch(/^ {3}quantity\s+integer in \[1, 99\] — integer, quantity by name$/m)
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
