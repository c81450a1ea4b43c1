/**
 * The simple CHECK shapes of a table, gathered per column: bounds, exclusions, IN lists, LIKE
 * patterns, length bounds, NOT NULL and column-vs-column relations. Generators are then chosen inside
 * these, so every understood CHECK holds by construction.
 */
import type { CheckShape, DomainType, Table } from '../model/schema.js'

/** A bound on a column's value; `value` as the CHECK gave it (number, or text for dates). */
export interface Bound {
  value: string | number
  inclusive: boolean
}

export interface ColumnConstraints {
  lower: Bound[]
  upper: Bound[]
  /** Values the column must differ from (`<>`). */
  exclude: Array<string | number>
  /** Must equal (`=`). */
  equals?: string | number
  /** Intersection of IN lists, in the first list's order. */
  inList?: Array<string | number>
  likes: string[]
  notLikes: string[]
  minLength: number
  maxLength?: number
  notNull: boolean
}

/** A relation between two columns of a row (`left op right`). */
export interface ColumnRelation {
  left: string
  op: '<' | '<=' | '>' | '>=' | '<>'
  right: string
}

export interface TableConstraints {
  columns: Map<string, ColumnConstraints>
  relations: ColumnRelation[]
}

/** Empty constraints for a column. */
export function emptyConstraints(): ColumnConstraints {
  return { lower: [], upper: [], exclude: [], likes: [], notLikes: [], minLength: 0, notNull: false }
}

/**
 * Gather the parsed CHECK shapes of `table` (also partially parsed checks: their parsed conjuncts hold),
 * plus those of the domains its columns are declared with (`VALUE` standing for the column).
 */
export function tableConstraints(table: Table, domains: DomainType[] = []): TableConstraints {
  const columns = new Map<string, ColumnConstraints>()
  const relations: ColumnRelation[] = []
  const resolve = (name: string) => table.columns.find((c) => c.name === name)?.name ?? table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.name
  const of = (name: string) => {
    const key = resolve(name) ?? name
    let c = columns.get(key)
    if (!c) columns.set(key, (c = emptyConstraints()))
    return c
  }
  for (const check of table.checks) for (const shape of check.parsed) apply(shape)
  for (const column of table.columns) {
    const domain = column.domain === undefined ? undefined : findDomain(domains, column.domain, table.schema)
    for (const check of domain?.checks ?? []) for (const shape of check.parsed) if (shape.kind !== 'columns') apply({ ...shape, column: column.name })
  }
  return { columns, relations }

  function apply(s: CheckShape): void {
    switch (s.kind) {
      case 'in': {
        const c = of(s.column)
        c.inList = c.inList ? c.inList.filter((v) => s.values.some((w) => String(w) === String(v))) : [...s.values]
        return
      }
      case 'compare': {
        const c = of(s.column)
        if (s.op === '=') c.equals = s.value
        else if (s.op === '<>') c.exclude.push(s.value)
        else if (s.op === '>' || s.op === '>=') c.lower.push({ value: s.value, inclusive: s.op === '>=' })
        else c.upper.push({ value: s.value, inclusive: s.op === '<=' })
        return
      }
      case 'between': {
        const c = of(s.column)
        c.lower.push({ value: s.min, inclusive: true })
        c.upper.push({ value: s.max, inclusive: true })
        return
      }
      case 'like':
        ;(s.negated ? of(s.column).notLikes : of(s.column).likes).push(s.pattern)
        return
      case 'length': {
        const c = of(s.column)
        const v = s.value
        if (s.op === '>' || s.op === '>=' || s.op === '=') c.minLength = Math.max(c.minLength, s.op === '>' ? v + 1 : v)
        if (s.op === '<' || s.op === '<=' || s.op === '=') {
          const m = s.op === '<' ? v - 1 : v
          c.maxLength = c.maxLength === undefined ? m : Math.min(c.maxLength, m)
        }
        return
      }
      case 'columns':
        relations.push({ left: resolve(s.left) ?? s.left, op: s.op, right: resolve(s.right) ?? s.right })
        return
      case 'not-null':
        of(s.column).notNull = true
        return
    }
  }
}

/** A domain by `name` or `schema.name`; unqualified names prefer the table's schema. */
function findDomain(domains: DomainType[], name: string, schema: string | undefined): DomainType | undefined {
  const dot = name.lastIndexOf('.')
  if (dot > 0) return domains.find((d) => d.name === name.slice(dot + 1) && d.schema === name.slice(0, dot))
  return domains.find((d) => d.name === name && d.schema === schema) ?? domains.find((d) => d.name === name)
}
