/**
 * The dialect-neutral half of `SqlDialect.renderSchema`: a SchemaModel (from any dialect) → CREATE
 * statements for an empty target. This file decides order (schemas, then what a target declares before
 * its tables, then tables parents first, then FKs that close cycles, then indexes), names, keys, NOT NULL,
 * defaults and CHECKs; each adapters/<dialect>/render-ddl.ts supplies a `DdlTarget` (types, identity,
 * enums, current-time defaults, what the dialect cannot hold). No `if (dialect === …)` here.
 */
import type { RenderedSchema } from './adapter.js'
import type { CheckConstraint, Column, ColumnDefault, FkAction, ForeignKey, SchemaModel, Table, TableRef } from '../model/schema.js'
import type { Issue } from '../errors.js'
import { isNullColumns, renderCheckShapes } from './render-check.js'
import type { DdlTarget, TypeChoice } from './ddl-target.js'

export type { ColumnContext, DdlTarget, TypeChoice } from './ddl-target.js'

/** The schema every dialect resolves unqualified names to (data, not a branch): its tables render unqualified. */
const SOURCE_DEFAULT_SCHEMA: Record<SchemaModel['dialect'], string | undefined> = { postgres: 'public', mssql: 'dbo', sqlite: 'main', mysql: undefined }

/** Render `model` for `target`. Pure: statements and notes only. */
export function renderSchemaFor(model: SchemaModel, target: DdlTarget): RenderedSchema {
  const r = new Renderer(model, target)
  return r.render()
}

const CASCADING: FkAction[] = ['cascade', 'set null', 'set default']

const tableKey = (schema: string | undefined, name: string) => `${schema ?? ''}\u0000${name}`

class Renderer {
  private readonly notes: Issue[] = []
  private readonly same: boolean
  private readonly q: (s: string) => string
  /** Source table key → target ref. */
  private readonly refs = new Map<string, TableRef>()
  private readonly byKey = new Map<string, Table>()
  /** FKs that keep no cascading action (see `limitCascades`). */
  private readonly uncascaded = new Set<ForeignKey>()
  /** Target type of every column, by table. */
  private readonly types = new Map<Table, Map<string, TypeChoice>>()

  constructor(
    private readonly model: SchemaModel,
    private readonly target: DdlTarget,
  ) {
    this.same = model.dialect === target.dialect.id
    this.q = (s) => target.dialect.quoteIdent(s)
  }

  render(): RenderedSchema {
    const schemas = this.mapTables()
    this.typeColumns()
    if (this.target.singleCascadePath) this.limitCascades()
    const order = this.order()
    const created = new Set<string>()
    const tables: string[] = []
    const late: string[] = []
    const indexes: string[] = []
    for (const t of order) {
      const key = tableKey(t.schema, t.name)
      const { create, alters, after } = this.table(t, created)
      created.add(key)
      tables.push(create)
      late.push(...alters)
      indexes.push(...after)
    }
    const statements = [...schemas, ...(this.target.prelude?.() ?? []), ...tables, ...late, ...indexes]
    return { statements, notes: this.notes }
  }

  private note(message: string, table?: Table, column?: string): void {
    const issue: Issue = { code: 'DDL_LOSSY', message }
    if (table) issue.table = this.label(table)
    if (column !== undefined) issue.column = column
    this.notes.push(issue)
  }

  private label(t: Table): string {
    return t.schema && t.schema !== SOURCE_DEFAULT_SCHEMA[this.model.dialect] ? `${t.schema}.${t.name}` : t.name
  }

  /** Target refs for every table; CREATE SCHEMA statements for the non-default schemas the target keeps. */
  private mapTables(): string[] {
    const sourceDefault = SOURCE_DEFAULT_SCHEMA[this.model.dialect]
    const schemas: string[] = []
    const dropped = new Set<string>()
    const taken = new Set<string>()
    for (const t of this.model.tables) {
      this.byKey.set(this.key(t.schema, t.name), t)
      const isDefault = t.schema === undefined || t.schema === sourceDefault
      let ref: TableRef = { name: t.name }
      if (!isDefault && this.target.createSchema) {
        ref = { schema: t.schema, name: t.name }
        if (!schemas.includes(t.schema as string)) schemas.push(t.schema as string)
      } else if (!isDefault) {
        if (!dropped.has(t.schema as string)) {
          dropped.add(t.schema as string)
          this.note(`schema ${t.schema} not carried over to ${this.target.label} (no schemas): its tables go to the one namespace`)
        }
      }
      const flat = `${ref.schema ?? ''}.${ref.name.toLowerCase()}`
      if (taken.has(flat)) {
        ref = { ...ref, name: `${t.schema}_${t.name}` }
        this.note(`${this.label(t)} renamed to ${ref.name}: another table of that name exists in ${this.target.label}'s namespace`, t)
      }
      taken.add(`${ref.schema ?? ''}.${ref.name.toLowerCase()}`)
      this.refs.set(tableKey(t.schema, t.name), ref)
    }
    return schemas.map((s) => this.target.createSchema!(s))
  }

  /** Every column's target type, up front: an FK column may have to take its parent column's type. */
  private typeColumns(): void {
    for (const t of this.model.tables) {
      const ref = this.refs.get(tableKey(t.schema, t.name)) as TableRef
      const keyCols = new Set([...(t.primaryKey?.columns ?? []), ...t.uniques.flatMap((u) => u.columns), ...t.foreignKeys.flatMap((f) => f.columns)])
      const types = new Map<string, TypeChoice>()
      for (const c of t.columns) types.set(c.name, this.target.columnType(c, { table: t, ref, inKey: keyCols.has(c.name), same: this.same, model: this.model }))
      this.types.set(t, types)
    }
    if (!this.target.fkSameNumericType) return
    for (const t of this.model.tables) {
      for (const fk of t.foreignKeys) {
        const parent = this.parent(t, fk)
        if (!parent) continue
        fk.columns.forEach((col, i) => {
          const mine = this.types.get(t)?.get(col)
          const theirs = this.types.get(parent)?.get(fk.references.columns[i] as string)
          const numeric = (x: TypeChoice) => x.logical.kind === 'integer' || x.logical.kind === 'decimal'
          if (!mine || !theirs || mine.sql === theirs.sql || !numeric(mine) || !numeric(theirs)) return
          const note = `${mine.sql} → ${theirs.sql}, the type of the referenced ${this.label(parent)}.${fk.references.columns[i]} (${this.target.label} needs equal types on both sides of an FK)`
          this.types.get(t)?.set(col, { sql: theirs.sql, logical: theirs.logical, note: mine.note ? `${mine.note}; ${note}` : note })
        })
      }
    }
  }

  /**
   * FKs whose cascading actions must go (SQL Server: between two tables at most one path of cascading
   * FKs, and none back to the same table). FKs in model order; an FK p → c keeps its actions unless some
   * table reaching p by cascades (p included) already reaches c (c included).
   */
  private limitCascades(): void {
    const up = new Map<Table, Set<Table>>()
    const ancestors = (x: Table): Set<Table> => new Set([x, ...(up.get(x) ?? [])])
    for (const t of this.model.tables) {
      for (const fk of t.foreignKeys) {
        if (!CASCADING.includes(fk.onDelete) && !CASCADING.includes(fk.onUpdate)) continue
        const parent = this.parent(t, fk)
        if (!parent) continue
        const fromParent = ancestors(parent)
        const toChild = ancestors(t)
        if ([...fromParent].some((x) => toChild.has(x))) {
          this.uncascaded.add(fk)
          continue
        }
        // Every table below t (t included) now has parent's cascade ancestors too.
        for (const d of this.model.tables) {
          if (d === t || up.get(d)?.has(t)) up.set(d, new Set([...(up.get(d) ?? []), ...fromParent]))
        }
      }
    }
  }

  /** Tables parents first (depth-first over FKs, model order otherwise); cycle edges are left to ALTER. */
  private order(): Table[] {
    const out: Table[] = []
    const state = new Map<Table, 'visiting' | 'done'>()
    const visit = (t: Table) => {
      if (state.has(t)) return
      state.set(t, 'visiting')
      for (const fk of t.foreignKeys) {
        const p = this.parent(t, fk)
        if (p && p !== t) visit(p)
      }
      state.set(t, 'done')
      out.push(t)
    }
    for (const t of this.model.tables) visit(t)
    return out
  }

  /** The referenced table; an unqualified reference means the child's schema first, then any schema. */
  private parent(t: Table, fk: ForeignKey): Table | undefined {
    const ref = fk.references
    return this.byKey.get(this.key(ref.schema ?? t.schema, ref.table)) ?? (ref.schema === undefined ? this.model.tables.find((x) => x.name === ref.table) : undefined)
  }

  /** Table identity with the source's default schema and no schema the same (`public.t` = `t`). */
  private key(schema: string | undefined, name: string): string {
    return tableKey(schema === SOURCE_DEFAULT_SCHEMA[this.model.dialect] ? undefined : schema, name)
  }

  private table(t: Table, created: Set<string>): { create: string; alters: string[]; after: string[] } {
    const ref = this.refs.get(tableKey(t.schema, t.name)) as TableRef
    this.namesInTable = new Set()
    const qualified = this.target.dialect.qualify(ref)
    const types = this.types.get(t) as Map<string, TypeChoice>
    const pk = t.primaryKey?.columns ?? []
    const lines: string[] = []
    const checks: string[] = []
    let pkInline = false
    for (const c of t.columns) {
      const type = types.get(c.name) as TypeChoice
      if (type.note) this.note(`${this.label(t)}.${c.name}: ${type.note}`, t, c.name)
      if (type.check) checks.push(type.check)
      let typeSql = type.sql
      const parts: string[] = []
      if (c.generated) {
        if (this.same) parts.push(this.target.generated(c.generated.expression, c.generated.stored))
        else this.note(`${this.label(t)}.${c.name}: generated column (${c.generated.expression}) becomes a plain nullable column in ${this.target.label}: it holds the values the clone copies and is not recomputed`, t, c.name)
      }
      if (c.identity) {
        const id = this.target.identity(c, type, pk.length === 1 && pk[0] === c.name, this.same)
        if ('note' in id) this.note(`${this.label(t)}.${c.name}: ${id.note}`, t, c.name)
        else {
          parts.push(id.clause)
          if (id.type) typeSql = id.type
          if (id.inlinePk) pkInline = true
        }
      }
      const dflt = c.identity || c.generated ? undefined : this.defaultSql(t, c, c.default, type)
      if (dflt !== undefined) parts.push(`DEFAULT ${dflt}`)
      // A generated column made plain stays nullable: whether the clone copies its values is the clone's choice.
      const plainGenerated = c.generated !== undefined && !this.same
      if (!plainGenerated && (!c.nullable || pk.includes(c.name))) parts.push('NOT NULL')
      lines.push([this.q(c.name), typeSql, ...parts].join(' '))
    }
    if (t.primaryKey && !pkInline) lines.push(`${this.constraintName(t.primaryKey.name)}PRIMARY KEY (${pk.map(this.q).join(', ')})`)
    const after: string[] = []
    for (const u of t.uniques) {
      const nullable = u.columns.filter((name) => t.columns.find((c) => c.name === name)?.nullable ?? false)
      const index = this.same || nullable.length === 0 ? undefined : this.target.nullableUnique?.(`${ref.name}_${u.columns.join('_')}_key`.slice(0, this.target.maxIdentifier), ref, u.columns, nullable)
      if (index) after.push(index)
      else lines.push(`${this.constraintName(u.name)}UNIQUE (${u.columns.map(this.q).join(', ')})`)
    }
    for (const c of t.columns) if (c.domain) checks.push(...this.domainChecks(t, c))
    for (const ch of t.checks) {
      const sql = this.checkSql(t, ch, undefined)
      if (sql !== undefined) checks.push(`${this.constraintName(ch.name)}CHECK (${sql})`)
    }
    lines.push(...checks.map((c) => (/^(CONSTRAINT\s|CHECK\s*\()/i.test(c) ? c : `CHECK (${c})`)))
    const alters: string[] = []
    for (const fk of t.foreignKeys) {
      const parent = this.parent(t, fk)
      if (!parent) {
        this.note(`${this.label(t)}: FOREIGN KEY (${fk.columns.join(', ')}) to ${fk.references.table} not carried over: that table is not in the schema`, t)
        continue
      }
      const clause = this.fkClause(t, fk, parent)
      const parentKey = tableKey(parent.schema, parent.name)
      if (this.target.lateFkBinding || parent === t || created.has(parentKey)) lines.push(clause)
      else alters.push(`ALTER TABLE ${qualified} ADD ${clause}`)
    }
    for (const fu of t.foldedUniques ?? []) {
      const cols = fu.columns.map((name) => {
        const col = t.columns.find((c) => c.name === name)
        return { name, fold: col !== undefined && ['string', 'text'].includes(col.type.kind) }
      })
      const name = (fu.name && this.same ? fu.name : `${ref.name}_${fu.columns.join('_')}_folded_key`).slice(0, this.target.maxIdentifier)
      const sql = this.target.foldedUnique?.(name, ref, cols)
      if (sql) after.push(sql)
      else this.note(`${this.label(t)}: case-insensitive unique index on (${fu.columns.join(', ')}) not carried over to ${this.target.label}`, t)
    }
    const suffix = this.target.tableSuffix?.(t, this.same) ?? ''
    const create = `CREATE TABLE ${qualified} (\n  ${lines.join(',\n  ')}\n)${suffix ? ` ${suffix}` : ''}`
    return { create, alters, after }
  }

  /** Constraint names given in the current table (MariaDB names a column CHECK after its column, like its UNIQUE). */
  private namesInTable = new Set<string>()

  /**
   * `CONSTRAINT "name" ` when the source is the same dialect (names are only sure to be valid there) and
   * the name is not taken in this table yet; else nothing (the target names it).
   */
  private constraintName(name: string | undefined): string {
    if (!this.same || !name || name === 'PRIMARY' || this.namesInTable.has(name.toLowerCase())) return ''
    this.namesInTable.add(name.toLowerCase())
    return `CONSTRAINT ${this.q(name)} `
  }

  private fkClause(t: Table, fk: ForeignKey, parent: Table): string {
    const pref = this.refs.get(tableKey(parent.schema, parent.name)) as TableRef
    let sql = `${this.constraintName(fk.name)}FOREIGN KEY (${fk.columns.map(this.q).join(', ')}) REFERENCES ${this.target.dialect.qualify(pref)} (${fk.references.columns.map(this.q).join(', ')})`
    const action = (what: 'DELETE' | 'UPDATE', a: FkAction) => {
      if (a === 'no action') return
      if (this.uncascaded.has(fk) && CASCADING.includes(a)) {
        this.note(`${this.label(t)}: FOREIGN KEY (${fk.columns.join(', ')}) ON ${what} ${a.toUpperCase()} not carried over to ${this.target.label} (NO ACTION instead): it would make a second cascade path or a cascade cycle to ${this.label(t)}`, t)
        return
      }
      if (this.target.unsupportedActions.includes(a)) {
        this.note(`${this.label(t)}: FOREIGN KEY (${fk.columns.join(', ')}) ON ${what} ${a.toUpperCase()} not carried over to ${this.target.label} (NO ACTION instead)`, t)
        return
      }
      sql += ` ON ${what} ${a.toUpperCase()}`
    }
    action('DELETE', fk.onDelete)
    action('UPDATE', fk.onUpdate)
    if (fk.deferrable) {
      if (this.target.deferrable) sql += fk.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE INITIALLY IMMEDIATE'
      else this.note(`${this.label(t)}: FOREIGN KEY (${fk.columns.join(', ')}) is DEFERRABLE in the source; ${this.target.label} checks it per statement`, t)
    }
    return sql
  }

  /** The DEFAULT expression, or undefined (no default, or one that cannot be carried over: noted). */
  private defaultSql(t: Table, c: Column, d: ColumnDefault | undefined, type: TypeChoice): string | undefined {
    if (!d) return undefined
    const where = `${this.label(t)}.${c.name}`
    switch (d.kind) {
      case 'literal':
        if (d.value === null) return undefined
        if (type.logical.kind === 'json' || type.logical.kind === 'array') {
          if (this.same) break
          this.note(`${where}: DEFAULT ${String(d.value)} not carried over to ${this.target.label} (${c.type.kind} default)`, t, c.name)
          return undefined
        }
        return this.literal(d.value, type)
      case 'now': {
        const now = this.target.nowDefault(type.logical)
        if (now === undefined) this.note(`${where}: current-time DEFAULT not carried over to ${this.target.label} (${type.sql})`, t, c.name)
        return now
      }
      case 'sequence':
        this.note(`${where}: DEFAULT nextval of sequence ${d.sequence} not carried over (sequences are not created)`, t, c.name)
        return undefined
      case 'expression':
        if (this.same) return wrapExpression(d.sql)
        this.note(`${where}: DEFAULT ${d.sql} not carried over to ${this.target.label}`, t, c.name)
        return undefined
    }
    return this.literal(d.value, type)
  }

  private literal(value: string | number | boolean, type: TypeChoice): string {
    const sql = this.target.dialect.literal(value, type.logical)
    return this.target.literalDefault ? this.target.literalDefault(sql, type) : sql
  }

  /** A CHECK's SQL in the target, or undefined with a note when it cannot be carried over. */
  private checkSql(t: Table, ch: CheckConstraint, value: { domain: string; column: string } | undefined): string | undefined {
    if (this.same && value === undefined) return ch.expression.replace(/^\s*check\s*(?=\()/i, '')
    const rename = value ? (col: string) => (col.toUpperCase() === 'VALUE' ? value.column : col) : (col: string) => col
    const shown = value ? `domain ${value.domain} CHECK (${ch.expression}) on ${value.column}` : `CHECK (${ch.expression})`
    if (ch.parsed.length === 0) {
      this.note(`${this.label(t)}.${shown} not carried over to ${this.target.label}`, t, value?.column)
      return undefined
    }
    if (!ch.fullyParsed) this.note(`${this.label(t)}.${shown} only partly carried over to ${this.target.label} (the parts tdg understands)`, t, value?.column)
    return renderCheckShapes(ch.parsed, rename, this.target.check, isNullColumns(ch.expression))
  }

  /** A PostgreSQL domain's NOT NULL is folded into the column already; its CHECKs become the column's. */
  private domainChecks(t: Table, c: Column): string[] {
    const domain = this.model.domains.find((d) => d.name === c.domain || `${d.schema}.${d.name}` === c.domain)
    if (!domain || this.target.dialect.id === this.model.dialect) return []
    return domain.checks.flatMap((ch) => {
      const sql = this.checkSql(t, ch, { domain: domain.name, column: c.name })
      return sql === undefined ? [] : [`CHECK (${sql})`]
    })
  }
}

/** A default expression as DEFAULT takes it in every dialect: parenthesised (MySQL 8 and SQLite need it). */
function wrapExpression(sql: string): string {
  return `(${sql.trim()})`
}
