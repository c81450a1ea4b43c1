/**
 * Live PostgreSQL catalog → `Introspection` (the same shape the DDL parser produces).
 * One catalog statement returning every concern's rows (see catalog.ts); this file only assembles them.
 */
import type pg from 'pg'
import type { SqlDialect } from '../../src/adapter/adapter.js'
import { analyzeCheck } from '../../src/adapter/check-shape.js'
import { TdgError, type Issue } from '../../src/errors.js'
import type { Introspection } from '../../src/model/introspection.js'
import type {
  CheckConstraint,
  Column,
  DomainType,
  EnumType,
  FkAction,
  ForeignKey,
  LogicalType,
  Table,
} from '../../src/model/schema.js'
import * as q from './catalog.js'
import type { RawPool } from './pool.js'

const FK_ACTIONS: Record<string, FkAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

/** The text inside `CHECK (…)` of pg_get_constraintdef, without NOT VALID / NO INHERIT. */
export function checkExpression(definition: string): string {
  const body = definition.replace(/\s+(NOT VALID|NO INHERIT)\s*$/g, '').replace(/\s+(NOT VALID|NO INHERIT)\s*$/g, '')
  const m = /^CHECK\s*\(([\s\S]*)\)$/.exec(body.trim())
  return m?.[1] ?? body
}

/** A CHECK with its analysis; an Issue when only part of it was understood. */
function check(name: string, expression: string, issues: Issue[], table?: string): CheckConstraint {
  const { parsed, fullyParsed } = analyzeCheck(expression)
  if (!fullyParsed) {
    issues.push({ code: 'CHECK_UNPARSED', message: `CHECK ${name} (${expression}) is not fully understood; generated rows may violate it`, ...(table ? { table } : {}) })
  }
  return { name, expression, parsed, fullyParsed }
}

/**
 * Read tables, columns, keys, uniques, checks, enums, domains, sequences and comments of `schemas`.
 * Catalog failures throw TDG_INTROSPECT_FAILED with the driver error as cause.
 */
export async function introspectPostgres(pool: RawPool, dialect: SqlDialect, schemas: string[]): Promise<Introspection> {
  let db: pg.ClientBase | undefined
  try {
    db = await pool.acquire()
    return await read(db, dialect, schemas)
  } catch (e) {
    if (e instanceof TdgError) throw e
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_INTROSPECT_FAILED', `reading the catalog of schema(s) ${schemas.join(', ')} failed: ${reason}`, { schemas }, { cause: e })
  } finally {
    if (db) await pool.release(db)
  }
}

async function read(db: pg.ClientBase, dialect: SqlDialect, schemas: string[]): Promise<Introspection> {
  const issues: Issue[] = []
  const catalog = (await db.query<q.CatalogRows>(q.INTROSPECT_SQL, [schemas])).rows[0]
  if (!catalog) throw new Error('the catalog query returned no row')
  const tableRows: q.TableRow[] = []
  for (const t of catalog.tables) {
    if (t.is_partition) {
      issues.push({ code: 'OBJECT_SKIPPED', message: `partition ${t.schema}.${t.name} of ${t.parent ?? '?'} skipped: rows are written and read through the parent`, table: t.name })
      continue
    }
    if (t.parent) {
      issues.push({ code: 'OBJECT_SKIPPED', message: `inheritance of ${t.schema}.${t.name} from ${t.parent} is not modelled: it is treated as a plain table (inherited columns included)`, table: t.name })
    }
    tableRows.push(t)
  }
  const { enums: enumRows, domains: domainRows, columns: columnRows, indexes: indexRows, sequences: sequenceRows, comments: commentRows, constraints: constraintRows } = catalog

  const enumByOid = new Map(enumRows.map((e) => [e.oid, e]))
  const enumByArrayOid = new Map(enumRows.map((e) => [e.array_oid, e]))
  const domainByOid = new Map(domainRows.map((d) => [d.oid, d]))
  const usedEnums = new Set<number>()
  const usedDomains = new Set<number>()
  const comments = new Map(commentRows.map((c) => [`${c.table_oid}:${c.attnum}`, c.description]))
  const sequences = new Map(sequenceRows.map((s) => [`${s.table_oid}:${s.attnum}`, s]))

  // Enum names as in the DDL front end: unquoted, `schema.name` outside public.
  const enumType = (e: q.EnumRow): LogicalType => ({ kind: 'enum', values: e.values, name: e.schema === 'public' ? e.name : `${e.schema}.${e.name}` })

  const tables = new Map<number, Table>()
  for (const t of tableRows) {
    const comment = comments.get(`${t.oid}:0`)
    tables.set(t.oid, { schema: t.schema, name: t.name, columns: [], uniques: [], foreignKeys: [], checks: [], ...(comment !== undefined ? { comment } : {}) })
  }

  for (const c of columnRows) {
    const table = tables.get(c.table_oid)
    if (!table) continue
    let nativeType = c.native_type
    let notNull = c.not_null
    let typeOid = c.type_oid
    let domain: string | undefined
    let domainDefault: string | null = null
    // Follow domains (possibly over domains) down to the base type.
    for (let d = domainByOid.get(typeOid); d; d = domainByOid.get(typeOid)) {
      usedDomains.add(d.oid)
      domain ??= d.name
      domainDefault ??= d.default_sql
      nativeType = d.base_type
      notNull ||= d.not_null
      typeOid = d.base_oid
    }
    const en = enumByOid.get(typeOid)
    const arrayOfEnum = enumByArrayOid.get(typeOid)
    if (en) usedEnums.add(en.oid)
    if (arrayOfEnum) usedEnums.add(arrayOfEnum.oid)
    const type: LogicalType = en ? enumType(en) : arrayOfEnum ? { kind: 'array', element: enumType(arrayOfEnum) } : dialect.toLogicalType(nativeType)
    if (type.kind === 'unknown') {
      issues.push({ code: 'TYPE_UNKNOWN', message: `type ${nativeType} of ${table.name}.${c.name} is not known; the column is written as NULL or its default`, table: table.name, column: c.name })
    }
    const col: Column = { name: c.name, nativeType, type, nullable: !notNull }
    if (domain !== undefined) col.domain = domain
    const seq = sequences.get(`${c.table_oid}:${c.attnum}`)
    const seqName = seq ? (seq.seq_schema === table.schema ? seq.seq_name : `${seq.seq_schema}.${seq.seq_name}`) : undefined
    const seqNumbers = seq ? { start: Number(seq.start), increment: Number(seq.increment) } : {}
    if (c.generated === 's') {
      col.generated = { expression: c.default_sql ?? '', stored: true }
    } else if (c.identity === 'a' || c.identity === 'd') {
      col.identity = { kind: c.identity === 'a' ? 'always' : 'by-default', ...(seqName ? { sequence: seqName } : {}), ...seqNumbers }
    } else {
      const sql = c.default_sql ?? domainDefault
      if (sql !== null) {
        const def = dialect.classifyDefault(sql)
        if (seq?.deptype === 'a' && seqName && /^nextval\(/i.test(sql)) {
          // serial: a nextval default of a sequence OWNED BY this column.
          col.identity = { kind: 'serial', sequence: seqName, ...seqNumbers }
          col.default = { kind: 'sequence', sequence: seqName }
        } else if (def.kind === 'sequence' && def.sequence.startsWith(`${table.schema}.`)) {
          // pg_get_expr qualifies by search_path; the model leaves the table's own schema out.
          col.default = { kind: 'sequence', sequence: def.sequence.slice(table.schema!.length + 1) }
        } else {
          col.default = def
        }
      }
    }
    const comment = comments.get(`${c.table_oid}:${c.attnum}`)
    if (comment !== undefined) col.comment = comment
    table.columns.push(col)
  }

  const domainChecks = new Map<number, CheckConstraint[]>()
  for (const k of constraintRows) {
    if (k.type_oid !== 0) {
      const list = domainChecks.get(k.type_oid) ?? []
      list.push(check(k.name, checkExpression(k.definition), issues))
      domainChecks.set(k.type_oid, list)
      continue
    }
    const table = tables.get(k.table_oid)
    if (!table) continue
    if (k.type === 'p') table.primaryKey = { name: k.name, columns: k.columns }
    else if (k.type === 'c') table.checks.push(check(k.name, checkExpression(k.definition), issues, table.name))
    else table.foreignKeys.push(foreignKey(k))
  }

  for (const i of indexRows) {
    const table = tables.get(i.table_oid)
    if (!table) continue
    if (i.partial) issues.push({ code: 'INDEX_PARTIAL', message: `partial unique index ${i.name} on ${table.name} is not modelled`, table: table.name })
    else if (i.has_expressions) {
      const folded = foldedColumns(i.key_defs)
      if (folded) (table.foldedUniques ??= []).push({ name: i.name, columns: folded })
      issues.push({
        code: 'INDEX_EXPRESSION',
        message: folded
          ? `unique index ${i.name} on ${table.name} uses case-folding expressions: generated as unique (${folded.join(', ')})`
          : `unique index ${i.name} on ${table.name} uses expressions and is not modelled`,
        table: table.name,
      })
    } else table.uniques.push({ name: i.name, columns: i.columns })
  }

  const inScope = (schema: string, used: boolean) => used || schemas.includes(schema)
  const enums: EnumType[] = enumRows.filter((e) => inScope(e.schema, usedEnums.has(e.oid))).map((e) => ({ schema: e.schema, name: e.name, values: e.values }))
  const domains: DomainType[] = domainRows
    .filter((d) => inScope(d.schema, usedDomains.has(d.oid)))
    .map((d) => ({ schema: d.schema, name: d.name, baseType: d.base_type, nullable: !d.not_null, checks: domainChecks.get(d.oid) ?? [] }))

  // Rebuild each table so keys come out in the model's field order (stable `--json`).
  const ordered = [...tables.values()].map(({ schema, name, columns, primaryKey, uniques, foreignKeys, checks, foldedUniques, comment }): Table => ({
    schema,
    name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks,
    ...(foldedUniques ? { foldedUniques } : {}),
    ...(comment !== undefined ? { comment } : {}),
  }))
  return { model: { dialect: 'postgres', tables: ordered, enums, domains }, issues }
}

/**
 * The columns of an index whose keys are plain columns or `lower(col)` / `upper(col)` (casts allowed),
 * from pg_get_indexdef's per-key text; undefined for any other expression.
 */
export function foldedColumns(keyDefs: string[]): string[] | undefined {
  const ident = String.raw`("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)`
  const cast = String.raw`(?:::[a-z ]+(?:\(\d+\))?)?`
  const plain = new RegExp(`^${ident}$`)
  const folded = new RegExp(`^(?:lower|upper)\\(\\(?${ident}${cast}\\)?${cast}\\)$`)
  const out: string[] = []
  for (const def of keyDefs) {
    const m = plain.exec(def) ?? folded.exec(def)
    if (!m?.[1]) return undefined
    out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1])
  }
  return out
}

function foreignKey(k: q.ConstraintRow): ForeignKey {
  return {
    name: k.name,
    columns: k.columns,
    references: { ...(k.ref_schema !== null ? { schema: k.ref_schema } : {}), table: k.ref_table ?? '', columns: k.ref_columns },
    onDelete: FK_ACTIONS[k.on_delete] ?? 'no action',
    onUpdate: FK_ACTIONS[k.on_update] ?? 'no action',
    deferrable: k.deferrable,
    initiallyDeferred: k.deferred,
  }
}
