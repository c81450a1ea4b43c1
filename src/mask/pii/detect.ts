/**
 * PII detection over a schema: each column's name (several languages) and, when a sample source is
 * given, up to `sampleRows` sampled values per table, weighed into findings with a confidence, reasons
 * and a proposed masker. Quasi-identifiers (city, ZIP, company…) count only in tables that hold people.
 */
import type { PiiFinding } from '../../model/mask.js'
import type { RowStream } from '../../model/rows.js'
import type { SchemaModel, TableRef } from '../../model/schema.js'
import { NEEDS_PERSON, NO_PERSON_FACTOR, PERSONAL, UNSURE_FLOOR } from './evidence.js'
import { judgeColumn, type Verdict } from './judge-column.js'
import { nameDictionary } from './name-dictionary.js'
import { nameHit } from './name-rules.js'
import { isIdentifying, suggestMask } from './suggest.js'
import { profileValues, type ValueProfile } from './value-profile.js'

/** Options of `detectPii`. */
export interface DetectOptions {
  /** Rows sampled per table; default 1000. */
  sampleRows?: number
  /** Findings at or above this are `findings`, the rest (down to 0.25) `unsure`; default 0.5. */
  minConfidence?: number
}

/** Rows of `columns` of `table` (e.g. `Adapter.sample`), or undefined when there are none to read (names alone decide). */
export type SampleSource = (table: TableRef, columns: string[]) => RowStream | undefined

/** Detection's result, both lists in schema order (tables, then columns). */
export interface PiiDetection {
  findings: PiiFinding[]
  /** Below `minConfidence` but worth a look (listed as comments in the rules file). */
  unsure: PiiFinding[]
}

const PERSON_TABLE = /(user|customer|person|people|employee|member|staff|student|patient|client|contact|account|profile|driver|teacher|owner|author|applicant|candidate|guest|passenger|subscriber|kunde|mitarbeiter|benutzer|client|utilisateur|cliente|usuario|empleado|funcionario|dipendente|utente|klant|medewerker|gebruiker)/

/** Detect the sensitive columns of `model`; `samples` may return undefined (or be `() => undefined`) to decide by names alone. */
export async function detectPii(model: SchemaModel, samples: SampleSource, opts: DetectOptions = {}): Promise<PiiDetection> {
  const sampleRows = opts.sampleRows ?? 1000
  const minConfidence = opts.minConfidence ?? 0.5
  const dict = await nameDictionary()
  const findings: PiiFinding[] = []
  const unsure: PiiFinding[] = []
  for (const table of model.tables) {
    const readable = table.columns.filter((c) => !c.generated && ['string', 'text', 'unknown', 'enum'].includes(c.type.kind)).map((c) => c.name)
    const rows = readable.length > 0 && sampleRows > 0 ? samples({ schema: table.schema, name: table.name }, readable) : undefined
    const profiles = rows ? await profileValues(rows, readable, dict, sampleRows) : undefined
    const verdicts = table.columns.map((c) => {
      const profile: ValueProfile | undefined = profiles ? (profiles.get(c.name) ?? { rows: 0, texts: 0, counts: {} }) : undefined
      return judgeColumn(table, c, nameHit(c.name, table.name), profile)
    })
    const personal = PERSON_TABLE.test(table.name.toLowerCase()) || verdicts.some((v) => v && PERSONAL.has(v.category) && v.confidence >= minConfidence)
    // An "address" beside city/ZIP columns holds the street only: its fake must not repeat city and ZIP.
    const splitAddress = verdicts.some((v) => v && (v.category === 'city' || v.category === 'zip'))
    table.columns.forEach((column, i) => {
      const v = verdicts[i]
      if (!v) return
      const verdict = personal || !NEEDS_PERSON.has(v.category) ? v : lowered(v)
      if (verdict.confidence < UNSURE_FLOOR) return
      const finding: PiiFinding = {
        table: { schema: table.schema, name: table.name },
        column: column.name,
        category: verdict.category,
        confidence: verdict.confidence,
        reasons: verdict.reasons,
        suggested: suggestMask(verdict.category === 'address-line' && splitAddress ? 'street' : verdict.category, table, column),
        identifying: isIdentifying(verdict.category),
      }
      ;(verdict.confidence >= minConfidence ? findings : unsure).push(finding)
    })
  }
  return { findings, unsure }
}

function lowered(v: Verdict): Verdict {
  return { ...v, confidence: Math.round(v.confidence * NO_PERSON_FACTOR * 100) / 100, reasons: [...v.reasons, 'no person in this table'] }
}

/** `schema.table` of a finding where the model has schemas, else the bare name. */
export function findingKey(f: PiiFinding): string {
  return f.table.schema === undefined ? `${f.table.name}.${f.column}` : `${f.table.schema}.${f.table.name}.${f.column}`
}

