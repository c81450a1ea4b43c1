/** CREATE TYPE … AS ENUM, ALTER TYPE … ADD VALUE, CREATE DOMAIN. */
import type { AlterEnumStmt, Constraint, CreateDomainStmt, CreateEnumStmt } from 'libpg-query'
import type { CheckShape, DomainType } from '../../model/schema.js'
import { nodeAs, strings } from './ast.js'
import { checkFromNode } from './expr.js'
import { chooseName } from './names.js'
import type { DdlState } from './state.js'
import { resolveType } from './type-name.js'

/** Split `[schema, name]` as written; schema defaults to where CREATE would put it. */
function qualified(state: DdlState, names: string[]): { schema: string; name: string; written?: string } {
  const name = names[names.length - 1] ?? ''
  const written = names.length > 1 ? names[names.length - 2] : undefined
  return written === undefined ? { schema: state.creationSchema, name } : { schema: written, name, written }
}

export function createEnum(state: DdlState, stmt: CreateEnumStmt): void {
  const { schema, name } = qualified(state, strings(stmt.typeName))
  if (state.enums.some((e) => e.schema === schema && e.name === name) || state.domains.has(`${schema}.${name}`)) {
    throw state.error(`type "${name}" already exists`)
  }
  state.enums.push({ schema, name, values: strings(stmt.vals) })
}

export function alterEnum(state: DdlState, stmt: AlterEnumStmt): void {
  const names = strings(stmt.typeName)
  const q = qualified(state, names)
  const en = state.findEnum(q.written, q.name)
  if (!en) throw state.error(`type "${names.join('.')}" does not exist`)
  if (stmt.oldVal) {
    const i = en.values.indexOf(stmt.oldVal)
    if (i < 0) throw state.error(`"${stmt.oldVal}" is not an existing enum label of type "${en.name}"`)
    en.values[i] = stmt.newVal ?? ''
    return
  }
  const value = stmt.newVal ?? ''
  if (en.values.includes(value)) {
    if (stmt.skipIfNewValExists) return
    throw state.error(`enum label "${value}" already exists`)
  }
  const neighbour = stmt.newValNeighbor ? en.values.indexOf(stmt.newValNeighbor) : -1
  if (neighbour < 0) en.values.push(value)
  else en.values.splice(stmt.newValIsAfter ? neighbour + 1 : neighbour, 0, value)
}

/** Domain checks talk about VALUE; keep the catalog's upper-case spelling for its shapes. */
function valueColumn(shape: CheckShape): CheckShape {
  const fix = (c: string) => (c.toLowerCase() === 'value' ? 'VALUE' : c)
  if (shape.kind === 'columns') return { ...shape, left: fix(shape.left), right: fix(shape.right) }
  if (shape.kind === 'or') return { ...shape, branches: shape.branches.map((b) => b.map(valueColumn)) }
  return { ...shape, column: fix(shape.column) }
}

export function createDomain(state: DdlState, stmt: CreateDomainStmt): void {
  const { schema, name } = qualified(state, strings(stmt.domainname))
  if (!stmt.typeName) throw state.error(`domain "${name}" has no base type`)
  const base = resolveType(state, stmt.typeName)
  const domain: DomainType = { schema, name, baseType: base.nativeType, nullable: !base.domainNotNull, checks: [] }
  const taken = state.names(schema)
  for (const node of stmt.constraints ?? []) {
    const con = nodeAs<Constraint>(node, 'Constraint')
    if (con?.contype === 'CONSTR_NOTNULL') domain.nullable = false
    else if (con?.contype === 'CONSTR_NULL') domain.nullable = true
    else if (con?.contype === 'CONSTR_CHECK' && con.raw_expr) {
      const check = checkFromNode(con.raw_expr, con.conname ?? chooseName(name, [], 'check', taken))
      check.parsed = check.parsed.map(valueColumn)
      domain.checks.push(check)
      if (!check.fullyParsed) state.issue('CHECK_UNPARSED', `CHECK ${check.name} on domain ${name}: ${check.expression} is not fully understood`, { at: con.location })
    }
  }
  state.domains.set(`${schema}.${name}`, { domain, baseLogical: base.type })
}
