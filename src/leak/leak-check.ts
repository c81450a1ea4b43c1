/**
 * The leak check: did any original sensitive value survive into the target? Two tests per checked column:
 *
 * 1. **In its row.** Source rows are matched to target rows through the masked key (the source row's key
 *    masked by the same maskers → the target row's key), and the column's original is compared with the
 *    target's value (case- and accent-folded).
 * 2. **Anywhere.** Identifying originals (emails, phones, street addresses, card/IBAN/national-id numbers,
 *    usernames, password hashes) are looked for in every text column of every target table: whole values,
 *    emails and digit runs inside text, and windows of up to five words — an email leaking into `notes`.
 *
 * Equal values of a non-identifying column (first names, cities, countries) are *overlap*, which a fake
 * pool also produces; they count as survivors only when the column was evidently kept or shuffled: more
 * than `keptShare` of its matched rows equal, or — a column of many distinct values (≥ 50, ≥ 20 % of its
 * rows) — its values as a multiset nearly the originals' (≥ `shuffledShare` in common, counting
 * repeats): a shuffle. A fake pool shares common values with real data, but not their counts. Only fingerprints of values are held (see fingerprints.ts); nothing
 * reports a value.
 */
import type { SnapshotReader } from '../adapter/adapter.js'
import type { ColumnMask, PiiCategory, PiiFinding, TableMask } from '../model/mask.js'
import type { Table } from '../model/schema.js'
import type { TableMasker } from '../mask/masker.js'
import { tableKey } from '../plan/insert-order.js'
import { canonical, digitsOf, fingerprint, pieces, wordForm } from './fingerprints.js'

/** Categories whose values identify a person wherever they appear. */
export const IDENTIFYING: ReadonlySet<PiiCategory> = new Set(['email', 'phone', 'street', 'address-line', 'card', 'iban', 'national-id', 'username', 'password'])

/** One source/target table pair to check. */
export interface LeakTable {
  source: Table
  target: Table
  /** Source column → target column (same position in the copy). */
  columns: Map<string, string>
  /** The table's maskers (as the clone used them). */
  mask?: TableMask
  /** Compiled maskers; needed to find a row's target key when a key column is masked. */
  masker?: TableMasker
}

/** Options of `leakCheck`. */
export interface LeakCheckOptions {
  /** What PII detection flags (sensitive columns to check even when no masker covers them). */
  findings: PiiFinding[]
  /** Columns the rules keep on purpose (`tableKey\u0000column`): reported as kept, never survivors. */
  kept?: ReadonlySet<string>
  /** Share of matched rows equal above which a non-identifying column counts as kept. Default 0.5. */
  keptShare?: number
  /** Multiset overlap with the originals (Σ min(count) / rows) above which a many-valued column counts as shuffled. Default 0.9. */
  shuffledShare?: number
  batchSize?: number
}

/** The verdict on one checked column. */
export interface LeakColumnResult {
  table: string
  column: string
  category: PiiCategory | 'masked'
  identifying: boolean
  masker: string
  /** Source rows found in the target by key. */
  matchedRows: number
  /** Of those, rows whose value equals the original. */
  equalInRow: number
  /** The column's values in common with its originals as multisets (Σ min(count) / target rows), 0..1: shuffle evidence. */
  multisetOverlap: number
  /** Target cells anywhere holding one of this column's identifying originals. */
  foundElsewhere: number
  survivors: number
  verdict: 'clean' | 'overlap' | 'survived' | 'kept'
  note?: string
}

export interface LeakReport {
  columns: LeakColumnResult[]
  survivors: number
  /** Tables whose rows could not be matched (no key), so only the anywhere test ran on them. */
  unmatched: string[]
}

interface Checked {
  pair: LeakTable
  /** Kept on purpose by a rule: looked at, never a survivor, and its values are not searched for elsewhere. */
  kept: boolean
  sourceColumn: string
  targetColumn: string
  category: PiiCategory | 'masked'
  identifying: boolean
  masker: string
  /** target key → fingerprint of the target value, filled from the target scan. */
  result: LeakColumnResult
  /** Fingerprint → count, source side and target side. */
  originals: Map<number, number>
  targetValues: Map<number, number>
}

/** Run the check over `tables`, reading both sides through their snapshots. */
export async function leakCheck(source: SnapshotReader, target: SnapshotReader, tables: LeakTable[], opts: LeakCheckOptions): Promise<LeakReport> {
  const keptShare = opts.keptShare ?? 0.5
  const shuffledShare = opts.shuffledShare ?? 0.9
  const batchSize = opts.batchSize ?? 5000
  const finding = new Map(opts.findings.map((f) => [`${tableKey(f.table)}\u0000${f.column}`, f]))
  const checked: Checked[] = []
  const unmatched: string[] = []
  const identifying = new Set<number>()
  const identifyingDigits = new Set<number>()
  const owners = new Map<number, Checked>()
  for (const pair of tables) {
    const skey = tableKey(pair.source)
    const masks = new Map((pair.mask?.columns ?? []).map((c) => [c.column, c]))
    const cols = pair.source.columns.filter((c) => pair.columns.has(c.name) && (masks.has(c.name) || finding.has(`${skey}\u0000${c.name}`)))
    const keptByRule = (c: string) => opts.kept?.has(`${skey}\u0000${c}`) === true
    const key = keyColumns(pair.source)
    if (!key) unmatched.push(skey)
    const mine: Checked[] = cols.map((c) => {
      const f = finding.get(`${skey}\u0000${c.name}`)
      const m: ColumnMask | undefined = masks.get(c.name)
      const category = f?.category ?? 'masked'
      const ident = f ? f.identifying : m?.mask.kind === 'fake' ? ['email', 'phone', 'street', 'address-line', 'username'].includes(m.mask.field) : false
      return {
        pair,
        sourceColumn: c.name,
        targetColumn: pair.columns.get(c.name)!,
        category,
        identifying: ident,
        masker: m ? m.mask.kind : 'none (copied)',
        kept: keptByRule(c.name),
        result: { table: skey, column: c.name, category, identifying: ident, masker: m ? m.mask.kind : keptByRule(c.name) ? 'keep (rule)' : 'none (copied)', matchedRows: 0, equalInRow: 0, multisetOverlap: 0, foundElsewhere: 0, survivors: 0, verdict: 'clean' },
        originals: new Map(),
        targetValues: new Map(),
      }
    })
    checked.push(...mine)
    if (mine.length === 0) continue
    // Target side first: key → fingerprints of the checked columns.
    const byKey = new Map<string, number[]>()
    const tcols = [...new Set([...(key ?? []).map((k) => pair.columns.get(k) ?? k), ...mine.map((c) => c.targetColumn)])]
    for await (const b of target.scan(pair.target, { columns: tcols, batchSize })) {
      const ki = (key ?? []).map((k) => b.columns.indexOf(pair.columns.get(k) ?? k))
      const vi = mine.map((c) => b.columns.indexOf(c.targetColumn))
      for (const row of b.rows) {
        const fps = vi.map((i, j) => {
          const t = canonical(row[i]!)
          if (t === undefined) return -1
          const fp = fingerprint(t)
          const tv = mine[j]!.targetValues
          tv.set(fp, (tv.get(fp) ?? 0) + 1)
          return fp
        })
        if (key) byKey.set(keyText(ki.map((i) => row[i]!)), fps)
      }
    }
    // Source side: originals, masked keys, in-row comparison.
    const scols = pair.source.columns.filter((c) => pair.columns.has(c.name)).map((c) => c.name)
    for await (const b of source.scan(pair.source, { columns: scols, batchSize })) {
      const masked = pair.masker ? pair.masker.mask(b) : b
      const ki = (key ?? []).map((k) => masked.columns.indexOf(k))
      const vi = mine.map((c) => b.columns.indexOf(c.sourceColumn))
      b.rows.forEach((row, r) => {
        const there = key ? byKey.get(keyText(ki.map((i) => masked.rows[r]![i]!))) : undefined
        mine.forEach((c, j) => {
          const t = canonical(row[vi[j]!]!)
          if (t === undefined) return
          const fp = fingerprint(t)
          c.originals.set(fp, (c.originals.get(fp) ?? 0) + 1)
          if (c.identifying && !c.kept && t.length >= 4) {
            const w = fingerprint(wordForm(t))
            identifying.add(w)
            identifying.add(fp)
            owners.set(w, c)
            owners.set(fp, c)
            const d = digitsOf(t)
            if (d.length >= 6 && /^[\d\s().+\/-]+$/.test(t)) {
              identifyingDigits.add(fingerprint(d))
              owners.set(fingerprint(d), c)
            }
          }
          if (!there) return
          c.result.matchedRows++
          if (there[j] === fp) c.result.equalInRow++
        })
      })
    }
  }
  // Anywhere: every text column of every target table.
  for (const pair of tables) {
    const textCols = pair.target.columns.filter((c) => c.type.kind === 'string' || c.type.kind === 'text' || c.type.kind === 'json').map((c) => c.name)
    if (textCols.length === 0 || identifying.size === 0) continue
    for await (const b of target.scan(pair.target, { columns: textCols, batchSize })) {
      for (const row of b.rows) {
        for (const v of row) {
          const t = canonical(v)
          if (t === undefined) continue
          const hit = new Set<Checked>()
          pieces(
            t,
            (fp) => {
              if (identifying.has(fp)) hit.add(owners.get(fp)!)
            },
            (fp) => {
              if (identifyingDigits.has(fp)) hit.add(owners.get(fp)!)
            },
          )
          for (const c of hit) c.result.foundElsewhere++
        }
      }
    }
  }
  for (const c of checked) {
    const r = c.result
    let common = 0
    let rows = 0
    for (const [fp, n] of c.targetValues) {
      rows += n
      common += Math.min(n, c.originals.get(fp) ?? 0)
    }
    r.multisetOverlap = rows === 0 ? 0 : common / rows
    const manyValued = c.targetValues.size >= 50 && c.targetValues.size >= 0.2 * rows
    if (c.kept) {
      r.verdict = 'kept'
      r.note = 'mask: keep in the rules'
      continue
    }
    const keptLike = (r.matchedRows > 0 && r.equalInRow / r.matchedRows > keptShare) || (manyValued && r.multisetOverlap >= shuffledShare)
    if (c.identifying) {
      // Found elsewhere counts its own cell too: an in-row survivor is also found "anywhere".
      r.survivors = Math.max(r.equalInRow, r.foundElsewhere)
      r.verdict = r.survivors > 0 ? 'survived' : 'clean'
    } else if (keptLike) {
      r.survivors = Math.max(r.equalInRow, 1)
      r.verdict = 'survived'
      r.note = r.equalInRow / Math.max(1, r.matchedRows) > keptShare ? 'most rows keep their original: evidently kept' : 'the originals reappear, with their counts, in other rows: evidently shuffled'
    } else {
      r.verdict = r.equalInRow > 0 || common > 0 ? 'overlap' : 'clean'
    }
  }
  const columns = checked.map((c) => c.result)
  return { columns, survivors: columns.reduce((n, c) => n + c.survivors, 0), unmatched }
}

/** The PK, else the first UNIQUE whose columns are all NOT NULL. */
function keyColumns(t: Table): string[] | undefined {
  if (t.primaryKey) return t.primaryKey.columns
  return t.uniques.find((u) => u.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable === false))?.columns
}

function keyText(values: unknown[]): string {
  return values.map((v) => (v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : String(v))).join('\u0000')
}
