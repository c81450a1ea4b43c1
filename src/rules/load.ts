/**
 * Rules files (YAML or JSON) → a validated RuleSet. The text is parsed with the `yaml` Document API and a
 * LineCounter, so every error names the file, the dotted path and the line; zod checks the shape (strict:
 * unknown keys are errors, with a "did you mean"), then validate.ts checks what needs no schema.
 */
import { readFileSync } from 'node:fs'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Node } from 'yaml'
import type { z } from 'zod'
import { TdgError } from '../errors.js'
import { knownKeys, rulesFile, type RuleSet } from './schema.js'
import { didYouMean, dottedPath, rulesError, type RulePath } from './rule-error.js'
import { validateRules } from './validate.js'
import { decimalText } from './exact-value.js'

/** Read and validate a rules file. Throws TDG_FILE_READ or TDG_RULES_INVALID. */
export function loadRules(file: string): RuleSet {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read'
    throw new TdgError('TDG_FILE_READ', `${file}: ${why}`, { file }, { cause: e })
  }
  return parseRules(text, file)
}

/** Parse and validate rules text (`file` names it in messages). */
export function parseRules(text: string, file = 'rules'): RuleSet {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const first = doc.errors[0]
  if (first) {
    const line = first.linePos?.[0]?.line ?? lineCounter.linePos(first.pos[0]).line
    const why = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
    throw new TdgError('TDG_RULES_INVALID', `${file}:${line}: ${why}`, { file, path: '', line }, { cause: first })
  }
  if (doc.contents === null) throw rulesError({ file }, [], 'the rules file is empty')
  const lines: Record<string, number> = {}
  collectLines(doc.contents, [], lines, lineCounter)
  keepExactNumbers(doc, text)
  return fromObject(doc.toJS(), { file, lines })
}

/** Validate a rules object given in code (no lines); `source` names it in messages. */
export function rulesFromObject(raw: unknown, source = 'rules'): RuleSet {
  return fromObject(raw, { file: source, lines: {} })
}

function fromObject(raw: unknown, where: { file: string; lines: Record<string, number> }): RuleSet {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw rulesError(where, [], 'rules must be a mapping with templates, tables and/or match')
  const parsed = rulesFile.safeParse(raw, { reportInput: true })
  if (!parsed.success) {
    // A misspelt key usually also leaves a required key missing: report the misspelling.
    const issues = parsed.error.issues
    const { path, message } = describeIssue(issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!)
    throw rulesError(where, path, message)
  }
  const set: RuleSet = { rules: parsed.data, source: where.file, lines: where.lines }
  validateRules(set)
  return set
}

type Issue = z.core.$ZodIssue

/** The most specific issue and a one-line message for it. */
function describeIssue(issue: Issue, base: RulePath = []): { path: RulePath; message: string } {
  const path = issue.path as Array<string | number>
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!
    return { path: [...path, key], message: `unknown key '${key}'${didYouMean(key, knownKeys([...base, ...path]))}` }
  }
  if (issue.code === 'invalid_union') {
    // Prefer the branch that got furthest (a real object with a wrong key) over "expected null".
    const branches = issue.errors.filter((b) => b.length > 0 && !b.every((i) => i.code === 'invalid_type'))
    // A mapping with a misspelt key beats "must be one of" from a scalar branch (`distribution: { quantiels }`).
    const deep = branches.find((b) => b.some((i) => i.code === 'unrecognized_keys' || i.path.length > 0))
    const chosen = deep ?? branches[0]
    const best = chosen?.find((i) => i.code === 'unrecognized_keys') ?? chosen?.[0]
    if (best) {
      const inner = describeIssue(best, [...base, ...path])
      return { path: [...path, ...inner.path], message: inner.message }
    }
    return { path, message: 'is not a valid value here' }
  }
  if (issue.code === 'invalid_type') return { path, message: `expected ${issue.expected}${received(issue.input)}` }
  if (issue.code === 'invalid_value') return { path, message: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }
  if (issue.code === 'too_small' && issue.origin === 'array') return { path, message: issue.message.startsWith('Too small') ? `needs at least ${String(issue.minimum)} entries` : issue.message }
  if (issue.code === 'too_small' || issue.code === 'too_big') return { path, message: issue.message.replace(/^Too (small|big): expected (\w+) to have /, 'must be ') }
  return { path, message: issue.message }
}

function received(input: unknown): string {
  if (input === undefined) return ''
  const t = input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input === 'object' ? 'a mapping' : typeof input
  return `, got ${t}`
}

/** Line of every key and list item, by dotted path. */
function collectLines(node: Node | null, path: Array<string | number>, out: Record<string, number>, lc: LineCounter): void {
  if (!node) return
  const line = (n: { range?: [number, number, number] | null } | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : undefined)
  if (path.length === 0) {
    const l = line(node)
    if (l !== undefined) out[''] = l
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
      const p = [...path, key]
      const l = line(pair.key as Node)
      if (l !== undefined) out[dottedPath(p)] = l
      collectLines(pair.value as Node | null, p, out, lc)
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, j) => {
      const p = [...path, j]
      const l = line(item as Node)
      if (l !== undefined) out[dottedPath(p)] = l
      collectLines(item as Node | null, p, out, lc)
    })
  }
}

/**
 * A plain number a double cannot hold exactly (9223372036854775807, 12345678901234567890.0123456789)
 * stays the text it was written as, so bigint and decimal rule values reach the column unrounded.
 */
function keepExactNumbers(doc: ReturnType<typeof parseDocument>, text: string): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || !node.range || node.type !== 'PLAIN') return
      const source = text.slice(node.range[0], node.range[1]).trim()
      const exact = decimalText(source)
      if (exact !== undefined && decimalText(node.value) !== exact) node.value = source
    },
  })
}
