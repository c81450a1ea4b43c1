/**
 * An independent checker for generated rows: logical-type bounds, CHECK shapes, PK/UNIQUE and FKs,
 * written from the schema's point of view (it shares no code with the generators).
 */
import type { CheckShape, Column, SchemaModel, Table } from '../../../src/model/schema.js'
import type { Value } from '../../../src/model/rows.js'

/** Generated rows per table key, keyed by column name. */
export type Tables = Map<string, { columns: string[]; rows: Value[][] }>

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const TS = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\+00)?$/

/** Problems with one value against its column's type; '' when fine. */
export function typeProblem(c: Column, v: Value): string {
  if (v === null) return c.nullable ? '' : 'NULL in NOT NULL column'
  const t = c.type
  switch (t.kind) {
    case 'integer': {
      const bits = t.bytes * 8
      const [lo, hi] = t.unsigned ? [0, 2 ** bits - 1] : [-(2 ** (bits - 1)), 2 ** (bits - 1) - 1]
      return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? '' : `integer out of range: ${String(v)}`
    }
    case 'decimal': {
      const n = Number(v)
      if (t.precision === undefined) return Number.isFinite(n) ? '' : 'bad numeric'
      const p = t.precision
      const s = t.scale ?? 0
      const digits = String(v).split('.')[1]?.length ?? 0
      return Number.isFinite(n) && Math.abs(n) < 10 ** (p - s) && digits <= s ? '' : `decimal(${p},${s}) out of range: ${String(v)}`
    }
    case 'float':
      return typeof v === 'number' && Number.isFinite(v) ? '' : 'bad float'
    case 'boolean':
      return typeof v === 'boolean' ? '' : 'bad boolean'
    case 'string':
      if (typeof v !== 'string') return 'not a string'
      if (t.maxLength !== undefined && v.length > t.maxLength) return `longer than ${t.maxLength}`
      // char(n) values may be shorter than n: the database pads them.
      return v !== v.trimEnd() ? 'trailing space' : ''
    case 'text':
      return typeof v === 'string' ? '' : 'not text'
    case 'uuid':
      return typeof v === 'string' && UUID.test(v) ? '' : `bad uuid ${String(v)}`
    case 'date':
      return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) ? '' : 'bad date'
    case 'timestamp':
      return typeof v === 'string' && TS.test(v) && (t.tz ? v.endsWith('+00') : true) ? '' : 'bad timestamp'
    case 'enum':
      return typeof v === 'string' && t.values.includes(v) ? '' : 'not an enum label'
    case 'set':
      return typeof v === 'string' && (v === '' || v.split(',').every((x) => t.values.includes(x))) ? '' : 'not a set of labels'
    case 'time':
      return typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\+00)?$/.test(v) ? '' : 'bad time'
    case 'interval':
      return typeof v === 'string' && /^\d+ days \d\d:\d\d:\d\d$/.test(v) ? '' : 'bad interval'
    case 'json':
      return typeof v === 'object' && !(v instanceof Uint8Array) && JSON.parse(JSON.stringify(v)) !== null ? '' : 'bad json'
    case 'binary':
      return v instanceof Uint8Array && (t.maxLength === undefined || v.length <= t.maxLength) ? '' : 'bad binary'
    case 'inet':
      return typeof v === 'string' && /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(v) && v.split('.').every((o) => Number(o) < 256) ? '' : 'bad inet'
    case 'array':
      return Array.isArray(v) && v.every((x) => typeProblem({ ...c, type: t.element, nullable: false }, x) === '') ? '' : 'bad array'
    case 'unknown':
      return ''
  }
}

const cmp = (a: Value, b: string | number | Value): number => {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) - Number(b)
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0
}

/** SQL LIKE (case-sensitive, `\` escapes) as a RegExp. */
export function likeRegExp(pattern: string): RegExp {
  let re = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\') re += escape(pattern[++i] ?? '')
    else if (c === '_') re += '.'
    else if (c === '%') re += '.*'
    else re += escape(c)
  }
  return new RegExp(`^${re}$`, 's')
}
const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Whether a CHECK shape holds for a row (NULL operands pass, as in SQL; NOT NULL does not). */
export function shapeHolds(s: CheckShape, get: (c: string) => Value): boolean {
  const op = (a: Value, o: string, b: string | number | Value) => {
    const d = cmp(a, b)
    return o === '<' ? d < 0 : o === '<=' ? d <= 0 : o === '>' ? d > 0 : o === '>=' ? d >= 0 : o === '=' ? d === 0 : d !== 0
  }
  switch (s.kind) {
    case 'not-null':
      return get(s.column) !== null
    case 'columns': {
      const l = get(s.left)
      const r = get(s.right)
      return l === null || r === null || op(l, s.op, r)
    }
    // A branch with a NULL operand is unknown, which passes a CHECK like true (shapeHolds says true for it).
    case 'or':
      return s.branches.some((b) => b.every((x) => shapeHolds(x, get)))
  }
  const v = get(s.column)
  if (v === null) return true
  switch (s.kind) {
    case 'in':
      return s.values.some((x) => cmp(v, x) === 0)
    case 'compare':
      return op(v, s.op, s.value)
    case 'between':
      return cmp(v, s.min) >= 0 && cmp(v, s.max) <= 0
    case 'like':
      return likeRegExp(s.pattern).test(String(v)) !== (s.negated === true)
    case 'length':
      return op(String(v).length, s.op, s.value)
  }
}

const key = (t: Table) => (t.schema ? `${t.schema}.${t.name}` : t.name)

/** Every problem found in the generated tables (empty when all holds). Reports at most 20. */
export function validate(model: SchemaModel, data: Tables): string[] {
  const problems: string[] = []
  const add = (p: string) => problems.length < 20 && problems.push(p)
  for (const t of model.tables) {
    const d = data.get(key(t))
    if (!d) continue
    const at = (name: string) => d.columns.indexOf(name)
    for (const c of t.columns) {
      const j = at(c.name)
      if (j < 0) continue
      for (const r of d.rows) {
        const p = typeProblem(c, r[j]!)
        if (p) add(`${key(t)}.${c.name}: ${p}`)
      }
    }
    for (const ch of t.checks)
      for (const s of ch.parsed)
        for (const r of d.rows) if (!shapeHolds(s, (c) => (at(c) < 0 ? null : r[at(c)]!))) add(`${key(t)}: CHECK ${ch.name} (${s.kind}) fails`)
    for (const u of [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((x) => x.columns)]) {
      const seen = new Set<string>()
      let n = 0
      for (const r of d.rows) {
        const tuple = u.map((c) => r[at(c)]!)
        if (tuple.some((v) => v === null)) continue
        n++
        seen.add(JSON.stringify(tuple.map((v) => (v instanceof Uint8Array ? Array.from(v) : v))))
      }
      if (seen.size !== n) add(`${key(t)}: UNIQUE (${u.join(', ')}) has ${n - seen.size} duplicates`)
    }
    for (const f of t.foreignKeys) {
      const parent = data.get(f.references.table)
      if (!parent) continue
      const pk = new Set(parent.rows.map((r) => JSON.stringify(f.references.columns.map((c) => r[parent.columns.indexOf(c)]!))))
      let missing = 0
      for (const r of d.rows) {
        const tuple = f.columns.map((c) => r[at(c)]!)
        if (tuple.some((v) => v === null)) continue
        if (!pk.has(JSON.stringify(tuple))) missing++
      }
      if (missing > 0) add(`${key(t)}: FK (${f.columns.join(', ')}) → ${f.references.table}: ${missing} values with no parent`)
    }
  }
  return problems
}
