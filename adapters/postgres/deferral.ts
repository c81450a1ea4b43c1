/**
 * PostgreSQL: how deferred FKs wait for the load. Declared DEFERRABLE ones: `SET CONSTRAINTS ALL
 * DEFERRED`, checked at COMMIT. NOT DEFERRABLE ones of a NOT NULL cycle (`forced`): made `DEFERRABLE
 * INITIALLY DEFERRED` for the load (DDL is transactional, so a rollback undoes it too), then
 * `SET CONSTRAINTS ALL IMMEDIATE` checks every queued row and `ALTER CONSTRAINT … NOT DEFERRABLE` restores
 * the definition before COMMIT — in that order, because ALTER TABLE refuses a table with pending trigger
 * events. ALTER TABLE needs ownership of the table.
 */
import type { DeferralSql } from '../../src/adapter/adapter.js'
import { crossRowDeferred, cyclesText, fkText } from '../../src/adapter/deferral-text.js'
import type { DeferredConstraint } from '../../src/model/plan.js'
import type { TableRef } from '../../src/model/schema.js'

type Quote = (name: string) => string
type Qualify = (ref: TableRef) => string

const str = (s: string) => `'${s.replace(/'/g, "''")}'`

/** Build `SqlDialect.deferConstraintsSql` for PostgreSQL from its quoting functions. */
export function postgresDeferral(quoteIdent: Quote, qualify: Qualify): (deferred: DeferredConstraint[]) => DeferralSql {
  return (deferred) => {
    const cross = crossRowDeferred(deferred)
    if (cross.length === 0) return { before: [], aroundStep: {}, after: [] }
    const forced = cross.filter((d) => d.forced)
    const alter = (d: DeferredConstraint, to: string) =>
      d.constraint ? `ALTER TABLE ${qualify(d.table)} ALTER CONSTRAINT ${quoteIdent(d.constraint)} ${to}` : alterByColumns(d, to, qualify)
    return {
      before: [...forced.map((d) => alter(d, 'DEFERRABLE INITIALLY DEFERRED')), 'SET CONSTRAINTS ALL DEFERRED'],
      aroundStep: {},
      after:
        forced.length === 0
          ? []
          : [
              { sql: 'SET CONSTRAINTS ALL IMMEDIATE', fails: `rows of the foreign-key cycle ${cyclesText(forced, true)} break a foreign key` },
              ...forced.map((d) => ({ sql: alter(d, 'NOT DEFERRABLE') })),
            ],
      ...(forced.length > 0 ? { requires: 'ownership of the tables (ALTER TABLE … ALTER CONSTRAINT)' } : {}),
    }
  }
}

/** `tdg plan`'s line for one deferred FK. */
export function postgresDeferralMechanism(d: DeferredConstraint): string | undefined {
  if (d.sameRow) return undefined
  return d.forced
    ? 'NOT NULL, not deferrable: ALTER CONSTRAINT … DEFERRABLE for the load, every row checked and NOT DEFERRABLE restored before COMMIT (needs table ownership)'
    : 'DEFERRABLE: SET CONSTRAINTS ALL DEFERRED, checked at COMMIT'
}

/**
 * A DO block that finds the FK by its table, parent and columns in the live catalog (a DDL file may
 * leave inline FKs unnamed; the server named them) and alters it; it raises when there is no such FK.
 */
function alterByColumns(d: DeferredConstraint, to: string, qualify: Qualify): string {
  const cols = `ARRAY[${d.columns.map(str).join(', ')}]::text[]`
  return [
    'DO $tdg$ DECLARE n name; BEGIN',
    `SELECT c.conname INTO n FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ${str(qualify(d.table))}::regclass AND c.confrelid = ${str(qualify(d.parent))}::regclass`,
    `AND c.conkey = ARRAY(SELECT a.attnum FROM unnest(${cols}) WITH ORDINALITY AS k(col, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = k.col ORDER BY k.i)::int2[] LIMIT 1;`,
    `IF n IS NULL THEN RAISE EXCEPTION 'tdg found no foreign key % in the catalog', ${str(fkText(d))}; END IF;`,
    `EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I ${to}', ${str(qualify(d.table))}, n);`,
    'END $tdg$',
  ].join('\n')
}
