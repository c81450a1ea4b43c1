/**
 * SQL Server has no server here: its schemas are rendered as T-SQL, read by tdg's T-SQL parser and
 * compared with the abstract schema (tables, columns, nullability, keys, FKs, CHECKs understood), then
 * planned. A parse error, a lost constraint or a planner crash is a violation.
 */
import { ddlParser } from '../../adapters/index.js'
import { buildPlan } from '../../src/index.js'
import { isTdgError } from '../../src/errors.js'
import type { Table } from '../../src/model/schema.js'
import { renderSchema, enumChecks } from './render.js'
import type { FSchema } from './schema.js'
import { knownRefusal, type Outcome, type RunParams } from './property.js'

const same = (a: string[], b: string[]) => [...a].sort().join('\0') === [...b].sort().join('\0')

/** Parse the rendered T-SQL and plan it. */
export async function checkMssql(schema: FSchema, p: RunParams): Promise<Outcome> {
  const text = renderSchema(schema)
  const command = `tdg plan --schema <file> --dialect mssql --rows ${p.rows} --seed ${p.seed}`
  const problems: string[] = []
  let model
  try {
    model = (await (await ddlParser('mssql'))(text, { file: 'fuzz.sql' })).model
  } catch (e) {
    return { kind: 'violation', problems: [`T-SQL parse failed: ${e instanceof Error ? e.message : String(e)}`], command }
  }
  for (const t of schema.tables) {
    const m = model.tables.find((x: Table) => x.name === t.name)
    if (!m) {
      problems.push(`table ${t.name} missing from the parsed model (has: ${model.tables.map((x) => x.name).join(', ')})`)
      continue
    }
    if (!same(m.columns.map((c) => c.name), t.columns.map((c) => c.name))) problems.push(`${t.name}: columns ${m.columns.map((c) => c.name).join(', ')} ≠ ${t.columns.map((c) => c.name).join(', ')}`)
    for (const c of t.columns) {
      const mc = m.columns.find((x) => x.name === c.name)
      if (mc && mc.nullable === c.notNull) problems.push(`${t.name}.${c.name}: nullable ${mc.nullable}, DDL says ${c.notNull ? 'NOT NULL' : 'NULL'}`)
      if (mc && c.type.k !== 'unknown' && mc.type.kind === 'unknown') problems.push(`${t.name}.${c.name}: type ${mc.nativeType} not understood`)
    }
    if (!same(m.primaryKey?.columns ?? [], t.pk ?? [])) problems.push(`${t.name}: PK ${m.primaryKey?.columns.join(', ')} ≠ ${t.pk?.join(', ')}`)
    if (m.uniques.length !== t.uniques.length) problems.push(`${t.name}: ${m.uniques.length} UNIQUEs parsed, ${t.uniques.length} declared`)
    if (m.foreignKeys.length !== t.fks.length) problems.push(`${t.name}: ${m.foreignKeys.length} FKs parsed, ${t.fks.length} declared`)
    const checks = [...t.checks, ...enumChecks('mssql', t)]
    if (m.checks.length !== checks.length) problems.push(`${t.name}: ${m.checks.length} CHECKs parsed, ${checks.length} declared`)
    for (const ck of m.checks) {
      const mine = checks.find((c) => ck.name === c.name || ck.name === `t${schema.tables.indexOf(t)}_${c.name}`)
      if (mine && !mine.any && !ck.fullyParsed) problems.push(`${t.name}: CHECK ${ck.name} (${ck.expression}) not understood`)
    }
  }
  if (problems.length > 0) return { kind: 'violation', problems, command }
  try {
    const plan = buildPlan(model, { rows: p.rows, seed: p.seed })
    return { kind: 'seeded', rows: plan.steps.reduce((n, s) => n + s.rows, 0) }
  } catch (e) {
    const known = isTdgError(e) && e.exitCode === 4 ? knownRefusal(schema, e.code, e.message) : undefined
    if (known && isTdgError(e)) return { kind: 'refused', known, message: e.message }
    return { kind: 'violation', problems: [`plan failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`], command }
  }
}
