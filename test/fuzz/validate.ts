/**
 * The independent validator: reads what tdg wrote back through the raw driver and re-checks it against
 * the fuzzer's own abstract schema (never tdg's model or plan): row counts, PK/UNIQUE (NULLs distinct,
 * as in PostgreSQL, MySQL and SQLite), FKs (MATCH SIMPLE), NOT NULL, lengths, numeric ranges and scale,
 * enums, every CHECK evaluated by the database itself, and that the server still enforces every
 * constraint (nothing dropped, disabled or left unvalidated).
 */
import type { FuzzDb, LiveDialect } from './db.js'
import { checkSql, enumChecks, lengthFn, lit, q } from './render.js'
import type { FColumn, FSchema, FTable } from './schema.js'

const INT_RANGE = { 2: [-32768, 32767], 4: [-2147483648, 2147483647], 8: ['-9223372036854775808', '9223372036854775807'] } as const

/** Everything wrong with the database's content; empty when all holds. */
export async function validate(db: FuzzDb, schema: FSchema, expected: Record<string, number> | null): Promise<string[]> {
  const d = db.dialect
  const bad: string[] = []
  const count = async (what: string, sql: string): Promise<void> => {
    let n: number
    try {
      const rows = await db.query(sql)
      n = Number(Object.values(rows[0] ?? {})[0])
    } catch (e) {
      bad.push(`${what}: validator query failed: ${e instanceof Error ? e.message : String(e)} [${sql}]`)
      return
    }
    if (n !== 0) bad.push(`${what}: ${n} offending row(s)`)
  }
  for (const t of schema.tables) {
    const T = q(d, t.name)
    const rows = await db.query(`SELECT count(*) AS n FROM ${T}`)
    const n = Number(rows[0]?.n)
    if (expected && expected[t.name] !== undefined && expected[t.name] !== n) bad.push(`${t.name}: ${n} rows, plan said ${expected[t.name]}`)
    for (const c of t.columns) {
      const C = q(d, c.name)
      const what = `${t.name}.${c.name}`
      if (c.notNull) await count(`${what} NOT NULL`, `SELECT count(*) AS n FROM ${T} WHERE ${C} IS NULL`)
      for (const cond of columnConditions(d, c)) await count(`${what} ${cond.what}`, `SELECT count(*) AS n FROM ${T} WHERE ${C} IS NOT NULL AND (${cond.sql})`)
    }
    if (t.pk) {
      for (const c of t.pk) await count(`${t.name} PK column ${c} NULL`, `SELECT count(*) AS n FROM ${T} WHERE ${q(d, c)} IS NULL`)
      await count(`${t.name} PK (${t.pk.join(', ')}) duplicate`, dupSql(d, T, t.pk))
    }
    for (const u of t.uniques) await count(`${t.name} UNIQUE (${u.columns.join(', ')}) duplicate`, dupSql(d, T, u.columns))
    for (const fk of t.fks) {
      const p = schema.tables[fk.table] as FTable
      const notNull = fk.columns.map((c) => `c.${q(d, c)} IS NOT NULL`).join(' AND ')
      const join = fk.columns.map((c, i) => `p.${q(d, fk.refColumns[i] as string)} = c.${q(d, c)}`).join(' AND ')
      await count(`${t.name} FK (${fk.columns.join(', ')}) → ${p.name} orphan`, `SELECT count(*) AS n FROM ${T} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${q(d, p.name)} p WHERE ${join})`)
    }
    for (const ck of [...t.checks, ...enumChecks(d, t)]) await count(`${t.name} CHECK ${ck.name} (${checkSql(d, ck)})`, `SELECT count(*) AS n FROM ${T} WHERE NOT (${checkSql(d, ck)})`)
  }
  bad.push(...(await serverEnforces(db, schema)))
  return bad
}

/** Rows sharing a key whose columns are all non-NULL. */
function dupSql(d: LiveDialect, T: string, cols: string[]): string {
  const list = cols.map((c) => q(d, c)).join(', ')
  const nn = cols.map((c) => `${q(d, c)} IS NOT NULL`).join(' AND ')
  return `SELECT count(*) AS n FROM (SELECT 1 AS x FROM ${T} WHERE ${nn} GROUP BY ${list} HAVING count(*) > 1) s`
}

/** Conditions that mark a non-NULL value as wrong for its column's type. */
function columnConditions(d: LiveDialect, c: FColumn): Array<{ what: string; sql: string }> {
  const C = q(d, c.name)
  const t = c.type
  const out: Array<{ what: string; sql: string }> = []
  switch (t.k) {
    case 'int': {
      const [lo, hi] = INT_RANGE[t.bytes]
      out.push({ what: `outside int${t.bytes} range`, sql: `${C} < ${lo} OR ${C} > ${hi}` })
      if (d === 'sqlite') out.push({ what: 'not an integer', sql: `typeof(${C}) <> 'integer'` })
      break
    }
    case 'decimal': {
      out.push({ what: `outside decimal(${t.p},${t.s})`, sql: `abs(${C}) >= ${10 ** (t.p - t.s)}` })
      if (d === 'sqlite') {
        const f = 10 ** t.s
        out.push({ what: `more than ${t.s} decimals`, sql: `abs(${C} * ${f} - round(${C} * ${f})) > 1e-6 * max(1, abs(${C} * ${f}))` })
        out.push({ what: 'not a number', sql: `typeof(${C}) NOT IN ('integer', 'real')` })
      }
      break
    }
    case 'float':
      if (d === 'sqlite') out.push({ what: 'not a number', sql: `typeof(${C}) NOT IN ('integer', 'real')` })
      break
    case 'bool':
      if (d !== 'postgres') out.push({ what: 'not a boolean', sql: `${C} NOT IN (0, 1)` })
      break
    case 'varchar':
    case 'char':
      out.push({ what: `longer than ${t.n}`, sql: `${lengthFn(d)}(${C}) > ${t.n}` })
      break
    case 'binary':
      if (t.n !== undefined && d === 'mysql') out.push({ what: `longer than ${t.n} bytes`, sql: `length(${C}) > ${t.n}` })
      break
    case 'enum':
      out.push({ what: 'not an enum label', sql: `${d === 'postgres' ? `${C}::text` : C} NOT IN (${t.labels.map((l) => lit(d, l)).join(', ')})` })
      break
    case 'date':
      if (d === 'sqlite') out.push({ what: 'not a date', sql: `date(${C}) IS NULL` })
      break
    case 'year':
      out.push({ what: 'outside 1901..2155', sql: `${C} < 1901 OR ${C} > 2155` })
      break
    case 'timestamp':
      if (d === 'sqlite') out.push({ what: 'not a timestamp', sql: `datetime(${C}) IS NULL` })
      break
    case 'uuid':
      if (d === 'sqlite') out.push({ what: 'not a uuid', sql: `typeof(${C}) <> 'text' OR length(${C}) <> 36` })
      break
    case 'json':
      if (d === 'sqlite') out.push({ what: 'not JSON', sql: `json_valid(${C}) = 0` })
      break
    default:
      break
  }
  return out
}

/**
 * The server still enforces every constraint it was given: the same number of FKs and CHECKs exist,
 * PostgreSQL has none NOT VALID and no disabled trigger, MariaDB has foreign_key_checks on, SQLite's
 * foreign_key_check and integrity_check are clean.
 */
async function serverEnforces(db: FuzzDb, schema: FSchema): Promise<string[]> {
  const bad: string[] = []
  const d = db.dialect
  const fks = schema.tables.reduce((n, t) => n + t.fks.length, 0)
  const checks = schema.tables.reduce((n, t) => n + t.checks.length + enumChecks(d, t).length, 0)
  if (d === 'postgres') {
    const r = await db.query(`SELECT contype, count(*)::int AS n, sum(CASE WHEN convalidated THEN 0 ELSE 1 END)::int AS invalid, sum(CASE WHEN condeferrable THEN 1 ELSE 0 END)::int AS deferrable FROM pg_constraint c JOIN pg_namespace s ON s.oid = c.connamespace WHERE s.nspname = 'public' AND c.contype IN ('f', 'c') GROUP BY contype`)
    const by = Object.fromEntries(r.map((x) => [x.contype, x]))
    if (Number(by.f?.n ?? 0) !== fks) bad.push(`server: ${by.f?.n ?? 0} FKs, schema has ${fks}`)
    if (Number(by.c?.n ?? 0) !== checks) bad.push(`server: ${by.c?.n ?? 0} CHECKs, schema has ${checks}`)
    for (const x of r) if (Number(x.invalid) > 0) bad.push(`server: ${x.invalid} constraint(s) of type ${x.contype} NOT VALID`)
    if (Number(by.f?.deferrable ?? 0) > 0) bad.push(`server: ${by.f?.deferrable} FK(s) left DEFERRABLE`)
    const trg = await db.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgenabled = 'D'`)
    if (Number(trg[0]?.n) > 0) bad.push(`server: ${trg[0]?.n} disabled trigger(s)`)
  } else if (d === 'mysql') {
    const g = await db.query('SELECT @@GLOBAL.foreign_key_checks AS f')
    if (Number(g[0]?.f) !== 1) bad.push('server: global foreign_key_checks is off')
    const r = await db.query(`SELECT CONSTRAINT_TYPE AS t, count(*) AS n FROM information_schema.TABLE_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_TYPE IN ('FOREIGN KEY', 'CHECK') GROUP BY CONSTRAINT_TYPE`)
    const by = Object.fromEntries(r.map((x) => [x.t, Number(x.n)]))
    // MariaDB stores JSON as LONGTEXT with a json_valid CHECK of its own.
    const jsonChecks = schema.tables.reduce((n, t) => n + t.columns.filter((c) => c.type.k === 'json').length, 0)
    if ((by['FOREIGN KEY'] ?? 0) !== fks) bad.push(`server: ${by['FOREIGN KEY'] ?? 0} FKs, schema has ${fks}`)
    if ((by.CHECK ?? 0) !== checks + jsonChecks) bad.push(`server: ${by.CHECK ?? 0} CHECKs, schema has ${checks + jsonChecks}`)
  } else {
    const fkc = await db.query('PRAGMA foreign_key_check')
    if (fkc.length > 0) bad.push(`server: PRAGMA foreign_key_check reports ${fkc.length} row(s)`)
    const ic = await db.query('PRAGMA integrity_check')
    const msgs = ic.map((x) => String(Object.values(x)[0]))
    if (msgs.join() !== 'ok') bad.push(`server: PRAGMA integrity_check: ${msgs.slice(0, 3).join('; ')}`)
  }
  return bad
}

/** Total rows in the schema's tables (a refused run must have written none). */
export async function totalRows(db: FuzzDb, schema: FSchema): Promise<number> {
  let n = 0
  for (const t of schema.tables) n += Number((await db.query(`SELECT count(*) AS n FROM ${q(db.dialect, t.name)}`))[0]?.n)
  return n
}
