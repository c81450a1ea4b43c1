/**
 * A table's maskers compiled once (subkeys derived, pools built, groups formed) into a pure batch
 * transform, and the stream stage that applies it between `scan` and a `Writer`.
 */
import { TdgError } from '../errors.js'
import { loadLocales } from '../generate/locales.js'
import type { MaskSpec, TableMask } from '../model/mask.js'
import type { RowBatch, RowStream, Value } from '../model/rows.js'
import type { Table } from '../model/schema.js'
import type { CarriedAnchors, MaskCarry, MaskKey, MaskerRecipe, TableMasker } from './masker.js'
import { compileColumnMasker, type ColumnMasker } from './maskers/index.js'
import { fitOf, type GroupAnchors, type MaskContext } from './maskers/context.js'
import { ADDRESS_FIELDS, groupMaskers, PERSON_FIELDS, type GroupMember } from './maskers/fake-group.js'

type Bound = { at: number; value: (v: Value, row: readonly Value[], i: number) => Value; startBatch?: (rows: readonly (readonly Value[])[]) => void } | { at: number; batch: (values: readonly Value[]) => Value[] }

/**
 * Compile `mask` for `table` under `key`. `opts.locale`: the faker locale of fake values (default `en`;
 * any other must be loaded with `loadLocales` first). Person and address `fake` fields of the table
 * form one group each per locale (see fake-group.ts). Throws TDG_MASK_UNSATISFIABLE when a masker can
 * never fit its column, TDG_INTERNAL when the mask names a column the table lacks. `opts.expectedRows`:
 * the rows it will mask, if known (sizes the unique guards up front; the output does not depend on it).
 */
export function compileTableMasker(table: Table, mask: TableMask, key: MaskKey, opts: { locale?: string; expectedRows?: number; writes?: readonly string[] } = {}): TableMasker {
  const maskers = new Map<string, ColumnMasker>()
  const groups = new Map<string, { kind: 'person' | 'address'; locale: string | undefined; members: GroupMember[] }>()
  for (const cm of mask.columns) {
    const column = table.columns.find((c) => c.name === cm.column)
    if (!column) throw new TdgError('TDG_INTERNAL', `mask of ${table.name} names column '${cm.column}' the table does not have`, { table: table.name, column: cm.column })
    const ctx: MaskContext = { table, column, spec: cm.mask, key, ...(opts.locale ? { locale: opts.locale } : {}), ...(opts.expectedRows !== undefined ? { expectedRows: opts.expectedRows } : {}) }
    const spec: MaskSpec = cm.mask
    if (spec.kind === 'fake' && (PERSON_FIELDS[spec.field] || ADDRESS_FIELDS[spec.field])) {
      const kind = PERSON_FIELDS[spec.field] ? 'person' : 'address'
      const locale = spec.locale ?? opts.locale
      const id = `${kind}:${locale ?? ''}`
      let g = groups.get(id)
      if (!g) groups.set(id, (g = { kind, locale, members: [] }))
      const fit = fitOf(table, column)
      if (!fit.text) throw compileColumnError(ctx, `writes text and the column is ${column.type.kind}`)
      g.members.push({ ctx, field: spec.field, unique: spec.unique === true, fit })
      continue
    }
    maskers.set(cm.column, compileColumnMasker(ctx))
  }
  for (const g of groups.values()) for (const [name, m] of groupMaskers(g.kind, g.members, g.locale)) maskers.set(name, m)
  const recipe: MaskerRecipe = { table, mask, key: { bytes: key.bytes, fingerprint: key.fingerprint }, ...(opts.locale ? { locale: opts.locale } : {}), ...(opts.writes ? { writes: [...opts.writes] } : {}) }
  // A stage writes some of the compiled maskers: the others only feed them (a group's anchor).
  const written = opts.writes ? new Map([...maskers].filter(([c]) => opts.writes!.includes(c))) : maskers
  return new CompiledTableMasker(table, written, maskers, recipe)
}

function compileColumnError(ctx: MaskContext, why: string): TdgError {
  return new TdgError('TDG_MASK_UNSATISFIABLE', `${ctx.table.name}.${ctx.column.name}: masker '${ctx.spec.kind}' ${why}`, { table: ctx.table.name, column: ctx.column.name, masker: ctx.spec.kind })
}

class CompiledTableMasker implements TableMasker {
  private layout = ''
  private bound: Bound[] = []
  readonly masked: string[]
  readonly reads: string[]
  /** The coherence groups' anchors (handed between stages: MaskCarry). */
  private readonly groups: GroupAnchors[]

  /** `maskers`: the ones it writes; `all`: every compiled one (a stage's recipe compiles more than it writes). */
  constructor(
    private readonly table: Table,
    private readonly maskers: Map<string, ColumnMasker>,
    private readonly all: Map<string, ColumnMasker>,
    readonly recipe: MaskerRecipe,
  ) {
    this.masked = [...maskers.keys()]
    this.groups = [...new Set([...all.values()].flatMap((m) => ('anchors' in m && m.anchors ? [m.anchors] : [])))]
    this.reads = [...new Set([...this.masked, ...[...maskers.values()].flatMap((m) => m.reads)])]
  }

  readsOf(column: string): readonly string[] {
    const m = this.all.get(column)
    return ((m && 'dependsOn' in m ? m.dependsOn : undefined) ?? m?.reads ?? []).filter((c) => c !== column)
  }

  /** Bind every masker to this batch's column positions (once per distinct column list). */
  private bind(columns: string[]): Bound[] {
    const layout = columns.join('\u0001')
    if (layout === this.layout) return this.bound
    const index = new Map(columns.map((c, i) => [c, i]))
    const bound: Bound[] = []
    for (const [name, m] of this.maskers) {
      const at = index.get(name)
      // A masked column the batch does not carry (a generated column, a narrower read) has nothing to mask.
      if (at === undefined) continue
      const pos = (c: string) => {
        const p = index.get(c)
        if (p === undefined)
          throw new TdgError('TDG_INTERNAL', `masking ${this.table.name}.${name} reads column '${c}', which the batch does not carry`, { table: this.table.name, column: name, reads: c })
        return p
      }
      for (const r of m.reads) pos(r)
      bound.push('batch' in m ? { at, batch: m.batch } : { at, value: m.bind(pos), ...(m.startBatch ? { startBatch: m.startBatch } : {}) })
    }
    this.layout = layout
    this.bound = bound
    return bound
  }

  mask(batch: RowBatch): RowBatch {
    const src = batch.rows
    const n = src.length
    const { columns, values } = this.maskColumns(batch)
    const at = columns.map((c) => batch.columns.indexOf(c))
    const rows = new Array<Value[]>(n)
    for (let i = 0; i < n; i++) {
      const row = src[i]!.slice()
      for (let j = 0; j < at.length; j++) row[at[j]!] = values[j]![i]!
      rows[i] = row
    }
    return { columns: batch.columns, rows }
  }

  maskColumns(batch: RowBatch, carry?: MaskCarry): { columns: string[]; values: Value[][] } {
    const bound = this.bind(batch.columns)
    const src = batch.rows
    const n = src.length
    const values: Value[][] = []
    const groups = this.groups
    for (const g of groups) {
      // An earlier stage's anchors of this group, when its tiers begin with ours (then they are ours).
      const c = carry?.given?.find((a) => a.group === g.group && a.words.length === 3 * n && g.tiers.every((t, j) => sameColumns(t, a.tiers[j])))
      g.give(c?.words)
      if (carry?.record) g.record(n)
    }
    // Every masker reads the originals (`src` is not written), so masked columns never see each other's output.
    for (const b of bound) {
      const at = b.at
      if ('value' in b) {
        b.startBatch?.(src)
        values.push(maskValues(b.value, src, at))
      } else values.push(b.batch(columnOf(src, at)))
    }
    if (carry?.record) {
      const made: CarriedAnchors[] = []
      for (const g of groups) {
        const words = g.made(src)
        if (words) made.push({ group: g.group, tiers: g.tiers, words })
      }
      carry.made = made
    }
    for (const g of groups) g.give(undefined)
    return { columns: bound.map((b) => batch.columns[b.at]!), values }
  }
}

// The row loops are functions of their own, not parts of maskColumns (docs/architecture.md, "A hot row
// loop is a function of its own").

/** `f` of each row's value at `at` (with the row and its index). */
function maskValues(f: (v: Value, row: readonly Value[], i: number) => Value, src: readonly (readonly Value[])[], at: number): Value[] {
  const n = src.length
  const out = new Array<Value>(n)
  for (let i = 0; i < n; i++) {
    const row = src[i]!
    out[i] = f(row[at]!, row, i)
  }
  return out
}

/** The values at `at` of the rows. */
function columnOf(src: readonly (readonly Value[])[], at: number): Value[] {
  const n = src.length
  const col = new Array<Value>(n)
  for (let i = 0; i < n; i++) col[i] = src[i]![at]!
  return col
}

function sameColumns(a: readonly string[], b: readonly string[] | undefined): boolean {
  return b !== undefined && a.length === b.length && a.every((c, i) => c === b[i])
}

/**
 * Load the faker locales the masks' `fake` and `generate` maskers need (besides `opts.locale`), before
 * `compileTableMasker` (English is always loaded). An unknown code: TDG_USAGE naming it.
 */
export async function loadMaskLocales(masks: readonly TableMask[], opts: { locale?: string } = {}): Promise<void> {
  const codes = new Set<string>()
  if (opts.locale) codes.add(opts.locale)
  for (const m of masks)
    for (const c of m.columns) {
      if (c.mask.kind === 'fake' && c.mask.locale) codes.add(c.mask.locale)
      if (c.mask.kind === 'generate' && 'locale' in c.mask.generator && typeof c.mask.generator.locale === 'string') codes.add(c.mask.generator.locale)
    }
  await loadLocales(codes)
}

/** The stream with every batch masked by `m`: one batch in, one batch out (bounded memory). */
export async function* maskStream(rows: RowStream, m: TableMasker): RowStream {
  for await (const batch of rows) yield m.mask(batch)
}
