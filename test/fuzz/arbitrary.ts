/**
 * fast-check arbitrary of random schemas. It draws a *blueprint* of plain numbers and flags, then a
 * deterministic builder turns it into a valid schema for one dialect (indices taken modulo what
 * exists), so every shrunk blueprint is still a valid schema: fewer tables, columns, FKs or CHECKs.
 */
import fc from 'fast-check'
import { labels, NameSet, namePool } from './names.js'
import type { PendingFeature } from './pending.js'
import type { FCheck, FCheckPart, FColumn, FSchema, FTable, FType, FuzzDialect } from './schema.js'

interface ColumnBp { name: number; type: number; notNull: boolean; def: boolean; param: number; labels: number[] }
interface FkBp { target: number; viaUnique: boolean; notNull: boolean; unique: boolean; name: number }
interface CheckBp { col: number; shape: number; v: number; orNull: boolean; any: boolean }
interface TableBp {
  name: number
  pk: number
  pkName: number
  columns: ColumnBp[]
  uniques: Array<{ cols: number[] }>
  fks: FkBp[]
  checks: CheckBp[]
}

const small = fc.nat({ max: 1000 })
const columnBp: fc.Arbitrary<ColumnBp> = fc.record({ name: small, type: small, notNull: fc.boolean(), def: fc.boolean(), param: small, labels: fc.array(small, { minLength: 1, maxLength: 5 }) })
const fkBp: fc.Arbitrary<FkBp> = fc.record({ target: small, viaUnique: fc.boolean(), notNull: fc.boolean(), unique: fc.boolean(), name: small })
const checkBp: fc.Arbitrary<CheckBp> = fc.record({ col: small, shape: small, v: small, orNull: fc.boolean(), any: fc.boolean() })
const tableBp: fc.Arbitrary<TableBp> = fc.record({
  name: small,
  pk: small,
  pkName: small,
  columns: fc.array(columnBp, { maxLength: 6 }),
  uniques: fc.array(fc.record({ cols: fc.array(small, { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
  fks: fc.array(fkBp, { maxLength: 3 }),
  checks: fc.array(checkBp, { maxLength: 3 }),
})

/** Column types each dialect can hold (SQL Server is rendered and parsed only). */
function typeKinds(d: FuzzDialect, pending: ReadonlySet<PendingFeature>): FType['k'][] {
  const common: FType['k'][] = ['int', 'int', 'decimal', 'float', 'bool', 'varchar', 'varchar', 'char', 'text', 'uuid', 'date', 'time', 'timestamp', 'json', 'binary', 'enum', 'unknown']
  if (d === 'postgres') return [...common, 'interval', 'inet', 'array']
  if (d === 'mysql') return [...common, 'inet', 'year']
  return common
}

function makeType(d: FuzzDialect, kind: FType['k'], param: number, lab: number[], enumName: string, pending: ReadonlySet<PendingFeature>): FType {
  switch (kind) {
    case 'int': return { k: 'int', bytes: ([2, 4, 8] as const)[param % 3] as 2 | 4 | 8 }
    case 'decimal': {
      const p = 1 + (param % 18)
      const s = (param >> 3) % (p + 1)
      return { k: 'decimal', p, s: pending.has('decimal-high-scale') ? s : Math.min(s, 8) }
    }
    case 'float': return { k: 'float', bytes: param % 2 === 0 ? 4 : 8 }
    case 'bool': return { k: 'bool' }
    case 'varchar': return { k: 'varchar', n: 1 + (param % (d === 'mysql' ? 255 : 300)) }
    case 'char': return { k: 'char', n: 1 + (param % 20) }
    case 'text': return { k: 'text' }
    case 'uuid': return { k: 'uuid' }
    case 'date': return { k: 'date' }
    case 'time': return { k: 'time' }
    case 'timestamp': return { k: 'timestamp', tz: param % 2 === 0 }
    case 'json': return { k: 'json' }
    case 'binary': return param % 2 === 0 ? { k: 'binary', n: 1 + (param % 64) } : { k: 'binary' }
    case 'enum': return { k: 'enum', labels: labels(lab), type: enumName }
    case 'interval': return { k: 'interval' }
    case 'inet': return { k: 'inet' }
    case 'array': return { k: 'array', of: param % 2 === 0 ? 'int' : 'text' }
    case 'year': return { k: 'year' }
    case 'unknown': return { k: 'unknown' }
  }
}

/** Types a PK/UNIQUE/FK may use on the dialect. */
function keyable(d: FuzzDialect, t: FType): boolean {
  if (['int', 'varchar', 'char', 'uuid', 'date', 'decimal'].includes(t.k)) return !(t.k === 'varchar' && t.n < 4) && !(t.k === 'char' && t.n < 4) && !(t.k === 'decimal' && t.p - t.s < 2)
  return d !== 'mysql' && t.k === 'text'
}

function defaultFor(d: FuzzDialect, t: FType): string | undefined {
  const str = (s: string) => `'${s.replace(/'/g, "''")}'`
  switch (t.k) {
    case 'int': return '7'
    case 'decimal': return t.p - t.s >= 1 ? '1' : undefined
    case 'float': return '0.5'
    case 'bool': return d === 'postgres' ? 'true' : '1'
    case 'varchar': return t.n >= 3 ? str("d'x") : undefined
    case 'char': return t.n >= 3 ? str("d'x") : undefined
    case 'text': return d === 'mssql' ? undefined : str('dflt')
    case 'date': return str('2020-02-29')
    case 'time': return str('12:34:56')
    case 'timestamp': return 'CURRENT_TIMESTAMP'
    case 'enum': return str(t.labels[0] as string)
    case 'year': return '2024'
    // MariaDB takes no literal default for a geometry column.
    case 'unknown': return d === 'postgres' ? str('(1,2)') : d === 'sqlite' ? '42' : undefined
    default: return undefined
  }
}

/** Options of the builder: which pending shapes may appear. */
export interface BuildOptions {
  pending: ReadonlySet<PendingFeature>
}

/** An arbitrary of schemas for one dialect. */
export function schemaArb(d: FuzzDialect, opts: BuildOptions): fc.Arbitrary<FSchema> {
  return fc.array(tableBp, { minLength: 1, maxLength: 6 }).map((bps) => buildSchema(d, bps, opts))
}

/** Blueprint → schema (exported for tests of the builder itself). */
export function buildSchema(d: FuzzDialect, bps: TableBp[], opts: BuildOptions): FSchema {
  const pool = namePool(d)
  const tableNames = new NameSet(d)
  const enumNames = new NameSet(d)
  const tables: FTable[] = bps.map((bp) => ({ name: tableNames.take(pool[bp.name % pool.length] as string), columns: [], uniques: [], fks: [], checks: [] }))
  const colNames = tables.map(() => new NameSet(d))
  const fkCols = tables.map(() => new Set<string>())
  const addColumn = (ti: number, wanted: string, col: Omit<FColumn, 'name'>): FColumn => {
    const c = { name: (colNames[ti] as NameSet).take(wanted), ...col }
    ;(tables[ti] as FTable).columns.push(c)
    return c
  }

  // Phase 1: keys and own columns.
  bps.forEach((bp, ti) => {
    const t = tables[ti] as FTable
    const pkWanted = pool[bp.pkName % pool.length] as string
    const kind = bp.pk % 9
    if (kind === 0 || kind === 1) t.pk = [addColumn(ti, pkWanted, { type: { k: 'int', bytes: kind === 0 ? 4 : 8 }, notNull: true, identity: true }).name]
    else if (kind === 2) t.pk = [addColumn(ti, pkWanted, { type: { k: 'int', bytes: ([2, 4, 8] as const)[bp.pkName % 3] as 2 | 4 | 8 }, notNull: true }).name]
    else if (kind === 3) t.pk = [addColumn(ti, pkWanted, { type: { k: 'varchar', n: 8 + (bp.pkName % 60) }, notNull: true }).name]
    else if (kind === 4) t.pk = [addColumn(ti, pkWanted, { type: { k: 'uuid' }, notNull: true }).name]
    else if (kind === 5 || kind === 6) {
      const a = addColumn(ti, pkWanted, { type: { k: 'int', bytes: 4 }, notNull: true })
      const b = addColumn(ti, pool[(bp.pkName + 7) % pool.length] as string, { type: kind === 5 ? { k: 'varchar', n: 12 } : { k: 'int', bytes: 2 }, notNull: true })
      t.pk = [a.name, b.name]
    } else if (kind === 7) t.pk = [addColumn(ti, pkWanted, { type: { k: 'int', bytes: 4 }, notNull: true, identity: true }).name]
    // kind 8: no primary key.
    const kinds = typeKinds(d, opts.pending)
    for (const cb of bp.columns) {
      const kindOf = kinds[cb.type % kinds.length] as FType['k']
      const type = makeType(d, kindOf, cb.param, cb.labels, enumNames.take(`enum ${pool[cb.name % pool.length]}`), opts.pending)
      const def = cb.def ? defaultFor(d, type) : undefined
      let notNull = cb.notNull
      if (type.k === 'unknown' && notNull && def === undefined && !opts.pending.has('unknown-not-null')) notNull = false
      addColumn(ti, pool[cb.name % pool.length] as string, { type, notNull, ...(def !== undefined ? { default: { sql: def } } : {}) })
    }
    if (t.columns.length === 0) addColumn(ti, pkWanted, { type: { k: 'int', bytes: 4 }, notNull: false })
    const ownKeyable = t.columns.filter((c) => !t.pk?.includes(c.name) && keyable(d, c.type))
    bp.uniques.forEach((u, ui) => {
      if (ownKeyable.length === 0) return
      const cols = [...new Set(u.cols.map((i) => (ownKeyable[i % ownKeyable.length] as FColumn).name))]
      if (t.uniques.some((x) => x.columns.join('\0') === cols.join('\0'))) return
      t.uniques.push({ name: `t${ti}_uq${ui}`, columns: cols })
    })
  })

  // Phase 2: FKs reference a PK or UNIQUE of the target, fixed in phase 1.
  bps.forEach((bp, ti) => {
    const t = tables[ti] as FTable
    bp.fks.forEach((fb, fi) => {
      const target = fb.target % tables.length
      const tt = tables[target] as FTable
      const refs = fb.viaUnique && tt.uniques.length > 0 ? (tt.uniques[fb.name % tt.uniques.length] as { columns: string[] }).columns : (tt.pk ?? tt.uniques[0]?.columns)
      if (!refs) return
      if (refs.some((r) => fkCols[target]?.has(r)) && !opts.pending.has('fk-to-fk-unique')) return
      const backEdge = target >= ti
      const refNullable = refs.some((r) => !tt.columns.find((c) => c.name === r)?.notNull)
      const notNull = fb.notNull && (!backEdge || opts.pending.has('not-null-cycle')) && (!refNullable || opts.pending.has('not-null-fk-to-nullable-unique'))
      if (d === 'sqlite' && notNull && target === ti && refs.some((r) => fkCols[target]?.has(r)) && !opts.pending.has('sqlite-self-fk-to-fixup-unique')) return
      const cols = refs.map((r, k) => {
        const rc = tt.columns.find((c) => c.name === r) as FColumn
        const c = addColumn(ti, pool[(fb.name + k) % pool.length] as string, { type: rc.type, notNull })
        fkCols[ti]?.add(c.name)
        return c.name
      })
      t.fks.push({ name: `t${ti}_fk${fi}`, columns: cols, table: target, refColumns: refs })
      if (fb.unique && !t.uniques.some((u) => u.columns.join('\0') === cols.join('\0'))) t.uniques.push({ name: `t${ti}_fu${fi}`, columns: cols })
    })
  })

  // Phase 3: CHECKs on own columns (key columns only with the pending feature).
  bps.forEach((bp, ti) => {
    const t = tables[ti] as FTable
    const keyCols = new Set([...(t.pk ?? []), ...t.uniques.flatMap((u) => u.columns)])
    const candidates = t.columns.filter((c) => !fkCols[ti]?.has(c.name) && !c.identity && (opts.pending.has('check-on-key') || !keyCols.has(c.name)))
    // One CHECK per column at most: two random CHECKs on a column may contradict each other.
    const checked = new Set<string>()
    bp.checks.forEach((cb, ci) => {
      const free = candidates.filter((c) => !checked.has(c.name))
      if (free.length === 0) return
      const col = free[cb.col % free.length] as FColumn
      const parts = checkParts(d, t, col, cb, opts, free)
      if (!parts) return
      for (const p of parts) for (const c of p.s === 'cols' ? [p.left, p.right] : [p.col]) checked.add(c)
      const anyOk = opts.pending.has('check-disjunction') && cb.any && parts.length === 2
      const check: FCheck = { name: `t${ti}_ck${ci}`, all: parts, ...(anyOk ? { any: true } : {}) }
      const cols = new Set(parts.flatMap((p) => (p.s === 'cols' ? [p.left, p.right] : [p.col])))
      // `x IS NULL OR (a AND b)` is a disjunction tdg does not take apart yet: pending with them.
      if (cb.orNull && cols.size === 1 && !col.notNull && (parts.length === 1 || opts.pending.has('check-disjunction')) && ((parts[0]?.s !== 'len-between' && parts[0]?.s !== 'between') || opts.pending.has('null-or-between'))) check.orNull = col.name
      t.checks.push(check)
      for (const c of t.columns) if (cols.has(c.name)) delete c.default
    })
  })
  return { dialect: d, tables }
}

/**
 * Whether `CHECK (a op b)` may relate these columns: not when each is in a PK/UNIQUE without the other
 * (both keep their own unique values, so tdg can derive neither), unless that pending shape is on.
 */
function peerOk(t: FTable, a: string, b: string, opts: BuildOptions): boolean {
  if (opts.pending.has('check-between-keys')) return true
  const sets = [...(t.pk ? [t.pk] : []), ...t.uniques.map((u) => u.columns)]
  const apart = (x: string, y: string) => sets.some((set) => set.includes(x) && !set.includes(y))
  return !(apart(a, b) && apart(b, a))
}

const DATES = ['2000-01-01', '2010-06-15', '2020-02-29', '2024-12-31']

function checkParts(d: FuzzDialect, t: FTable, col: FColumn, cb: CheckBp, opts: BuildOptions, candidates: FColumn[]): FCheckPart[] | null {
  const degraded = opts.pending.has('degraded-checks')
  const disj = opts.pending.has('check-disjunction') && cb.any
  const v = cb.v
  const c = col.name
  const ty = col.type
  if (ty.k === 'int' || ty.k === 'decimal' || ty.k === 'float') {
    const max = ty.k === 'int' && ty.bytes === 2 ? 30000 : ty.k === 'decimal' ? Math.min(10 ** (ty.p - ty.s) - 1, 1e6) : 1e6
    if (max < 1) return null
    const lo = v % Math.max(1, Math.floor(max / 2))
    const hi = lo + 1 + (v % Math.max(1, max - lo))
    if (disj) return [{ s: 'cmp', col: c, op: '<', value: lo }, { s: 'cmp', col: c, op: '>', value: Math.min(hi, max) }]
    const shapes: FCheckPart[][] = [
      [{ s: 'cmp', col: c, op: '>=', value: lo }],
      v % 3 === 2 ? [{ s: 'cmp', col: c, op: '>', value: lo }] : [{ s: 'cmp', col: c, op: v % 3 === 0 ? '<' : '<=', value: Math.max(Math.min(hi, max), 1) }],
      [{ s: 'between', col: c, min: lo, max: Math.min(hi, max) }],
      [{ s: 'cmp', col: c, op: '>', value: lo }, { s: 'cmp', col: c, op: '<=', value: Math.min(hi + 1, max) }],
    ]
    if (ty.k === 'int') shapes.push([{ s: 'in', col: c, values: [lo, lo + 1, lo + 3, Math.min(hi, max)].filter((x, i, a) => a.indexOf(x) === i) }])
    const peer = candidates.find((o) => o !== col && o.type.k === ty.k && JSON.stringify(o.type) === JSON.stringify(ty) && peerOk(t, c, o.name, opts))
    if (peer) shapes.push([{ s: 'cols', left: c, op: (['<', '<=', '>', '>='] as const)[v % 4] as '<', right: peer.name }])
    if (degraded) shapes.push([{ s: 'cmp', col: c, op: '<>', value: lo }])
    return shapes[cb.shape % shapes.length] as FCheckPart[]
  }
  if (ty.k === 'varchar' || ty.k === 'text' || ty.k === 'char') {
    const n = ty.k === 'text' ? 40 : ty.n
    const fixed = ty.k === 'char'
    const ins = labels([v, v + 3, v + 7]).filter((l) => [...l].length <= n)
    if (disj && !fixed) return [{ s: 'like', col: c, pattern: '%a%' }, { s: 'like', col: c, pattern: '%b%' }]
    const shapes: FCheckPart[][] = []
    if (ins.length > 0) shapes.push([{ s: 'in', col: c, values: ins }])
    if (!fixed && n >= 3) shapes.push([{ s: 'like', col: c, pattern: (['AB%', '_x%', '%-z', 'K_%_'] as const)[v % 4] as string }])
    if (!fixed) shapes.push([{ s: 'len', col: c, op: '>=', value: 1 + (v % Math.min(n, 10)) }])
    if (!fixed && n >= 2) shapes.push([{ s: 'len-between', col: c, min: 1 + (v % Math.min(n - 1, 5)), max: n }])
    if (!fixed) shapes.push([{ s: 'len', col: c, op: '<=', value: Math.max(1, Math.min(n, 1 + (v % 30))) }])
    if (degraded && !fixed) shapes.push([{ s: 'like', col: c, pattern: '%q%', not: true }])
    return shapes.length === 0 ? null : (shapes[cb.shape % shapes.length] as FCheckPart[])
  }
  if (ty.k === 'date') {
    const lo = DATES[v % 2] as string
    const hi = DATES[2 + (v % 2)] as string
    const shapes: FCheckPart[][] = [[{ s: 'cmp', col: c, op: '>=', value: lo }], [{ s: 'between', col: c, min: lo, max: hi }]]
    const peer = candidates.find((o) => o !== col && o.type.k === 'date' && peerOk(t, c, o.name, opts))
    if (peer) shapes.push([{ s: 'cols', left: c, op: '<=', right: peer.name }])
    return shapes[cb.shape % shapes.length] as FCheckPart[]
  }
  void t
  void d
  return null
}
