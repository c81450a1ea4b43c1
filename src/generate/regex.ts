/**
 * Bounded generation of strings matching a regular expression: a small parser for character classes,
 * quantifiers ({n,m} ? * +, unbounded ones capped at `min + UNBOUNDED_EXTRA`), groups, alternation and
 * escapes (\d \w \s and their negations). Backreferences, lookarounds, word boundaries and Unicode
 * properties are refused with a RegexError (a generator cannot honour them by construction).
 * Generation from the parsed tree is compiled per column in regex-generator.ts.
 */
import { BIG } from './strings.js'

/** Extra repetitions allowed for `*`, `+` and `{n,}`. */
export const UNBOUNDED_EXTRA = 8

export type RegexNode =
  | { t: 'chars'; set: string[]; id: number }
  | { t: 'seq'; items: RegexNode[] }
  | { t: 'alt'; options: RegexNode[] }
  | { t: 'rep'; node: RegexNode; min: number; max: number }

/** A pattern the generator cannot honour; `at` is the 0-based offset in the pattern. */
export class RegexError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(`${message} at offset ${at}`)
    this.name = 'RegexError'
  }
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, j) => String.fromCharCode(a + j))
const PRINTABLE = range(32, 126)
const DIGIT = range(48, 57)
const WORD = [...range(65, 90), ...range(97, 122), ...DIGIT, '_']
const SPACE = [' ']
const minus = (set: string[]) => PRINTABLE.filter((c) => !set.includes(c))

/** Parse a pattern (JavaScript syntax, anchors allowed only at its ends). Throws RegexError. */
export function parseRegex(pattern: string): RegexNode {
  let pos = 0
  let ids = 0
  const src = pattern
  const chars = (set: string[]): RegexNode => ({ t: 'chars', set, id: ids++ })
  const fail = (msg: string, at = pos): never => {
    throw new RegexError(msg, at)
  }

  function alt(): RegexNode {
    const options = [seq()]
    while (src[pos] === '|') {
      pos++
      options.push(seq())
    }
    return options.length === 1 ? options[0]! : { t: 'alt', options }
  }

  function seq(): RegexNode {
    const items: RegexNode[] = []
    while (pos < src.length && src[pos] !== '|' && src[pos] !== ')') {
      const c = src[pos]!
      if (c === '^') {
        if (pos !== 0) fail("'^' is only allowed at the start")
        pos++
        continue
      }
      if (c === '$') {
        if (pos !== src.length - 1) fail("'$' is only allowed at the end")
        pos++
        continue
      }
      const a = atom()
      items.push(quantified(a))
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items }
  }

  function atom(): RegexNode {
    const start = pos
    const c = src[pos++]!
    if (c === '(') {
      if (src[pos] === '?') {
        const ahead = src.slice(pos, pos + 3)
        if (ahead.startsWith('?:')) pos += 2
        else if (ahead === '?<=' || ahead === '?<!' || ahead.startsWith('?=') || ahead.startsWith('?!')) fail('lookarounds are not supported', start)
        else if (ahead.startsWith('?<')) {
          const close = src.indexOf('>', pos)
          if (close < 0) fail('unterminated group name', start)
          pos = close + 1
        } else fail("unsupported group '(?'", start)
      }
      const inner = alt()
      if (src[pos] !== ')') fail("missing ')'", start)
      pos++
      return inner
    }
    if (c === ')') fail("unmatched ')'", start)
    if (c === '[') return klass(start)
    if (c === '.') return chars(PRINTABLE)
    if (c === '\\') return chars(escape(false))
    if (c === '*' || c === '+' || c === '?' || c === '{') fail(`nothing to repeat before '${c}'`, start)
    return chars([c])
  }

  function escape(inClass: boolean): string[] {
    const at = pos - 1
    const e = src[pos++]
    if (e === undefined) fail('trailing backslash', at)
    switch (e) {
      case 'd': return DIGIT
      case 'D': return minus(DIGIT)
      case 'w': return WORD
      case 'W': return minus(WORD)
      case 's': return SPACE
      case 'S': return minus(SPACE)
      case 'n': return ['\n']
      case 't': return ['\t']
      case 'r': return ['\r']
      case 'b': if (inClass) return ['\b']; return fail('word boundaries (\\b) are not supported', at)
      case 'B': return fail('word boundaries (\\B) are not supported', at)
      case 'k': return fail('backreferences are not supported', at)
      case 'p': case 'P': return fail('Unicode property escapes are not supported', at)
      case 'x': case 'u': {
        const n = e === 'x' ? 2 : 4
        const hex = src.slice(pos, pos + n)
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) fail(`bad \\${e} escape`, at)
        pos += n
        return [String.fromCharCode(parseInt(hex, 16))]
      }
      default:
        if (e! >= '1' && e! <= '9') fail('backreferences are not supported', at)
        return [e!]
    }
  }

  function klass(start: number): RegexNode {
    let negate = false
    if (src[pos] === '^') {
      negate = true
      pos++
    }
    const set = new Set<string>()
    let first = true
    while (pos < src.length && (src[pos] !== ']' || first)) {
      first = false
      const lo = member()
      if (src[pos] === '-' && src[pos + 1] !== undefined && src[pos + 1] !== ']' && lo.length === 1) {
        pos++
        const hi = member()
        if (hi.length !== 1) fail('bad class range', pos)
        const a = lo[0]!.charCodeAt(0)
        const b = hi[0]!.charCodeAt(0)
        if (b < a) fail(`class range ${lo[0]}-${hi[0]} is out of order`, pos)
        for (const ch of range(a, b)) set.add(ch)
      } else for (const ch of lo) set.add(ch)
    }
    if (src[pos] !== ']') fail("missing ']'", start)
    pos++
    const out = negate ? PRINTABLE.filter((c) => !set.has(c)) : [...set]
    if (out.length === 0) fail('character class matches nothing', start)
    return chars(out)
  }

  function member(): string[] {
    const c = src[pos++]!
    return c === '\\' ? escape(true) : [c]
  }

  function quantified(a: RegexNode): RegexNode {
    const start = pos
    const q = src[pos]
    let min: number
    let max: number
    if (q === '*') [min, max] = [0, UNBOUNDED_EXTRA]
    else if (q === '+') [min, max] = [1, 1 + UNBOUNDED_EXTRA]
    else if (q === '?') [min, max] = [0, 1]
    else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(pos))
      if (!m) return fail("bad quantifier '{'", start)
      min = Number(m[1])
      max = m[2] === undefined ? min : m[3] === '' ? min + UNBOUNDED_EXTRA : Number(m[3])
      if (max < min) fail(`quantifier {${min},${max}} is out of order`, start)
      if (max > 1000) fail('quantifier above 1000', start)
      pos += m[0].length - 1
    } else return a
    pos++
    if (src[pos] === '?') pos++ // lazy: the same language
    else if (src[pos] === '+' || src[pos] === '*' || src[pos] === '{') fail('nested quantifier', pos)
    return { t: 'rep', node: a, min, max }
  }

  const root = alt()
  if (pos < src.length) fail("unmatched ')'", pos)
  return root
}

/** Longest string the pattern generates. */
export function regexMaxLength(n: RegexNode): number {
  switch (n.t) {
    case 'chars': return 1
    case 'seq': return n.items.reduce((s, x) => s + regexMaxLength(x), 0)
    case 'alt': return Math.max(...n.options.map(regexMaxLength))
    case 'rep': return n.max * regexMaxLength(n.node)
  }
}

const sizes = new WeakMap<RegexNode, number>()

/** Number of derivations (distinct strings for unambiguous patterns), capped at BIG; memoised per node. */
export function regexSize(n: RegexNode): number {
  let s = sizes.get(n)
  if (s === undefined) sizes.set(n, (s = sizeOf(n)))
  return s
}

function sizeOf(n: RegexNode): number {
  switch (n.t) {
    case 'chars': return n.set.length
    case 'seq': return n.items.reduce((p, x) => Math.min(BIG, p * regexSize(x)), 1)
    case 'alt': return Math.min(BIG, n.options.reduce((s, x) => s + regexSize(x), 0))
    case 'rep': {
      const s = regexSize(n.node)
      let total = 0
      for (let c = n.min; c <= n.max; c++) total = Math.min(BIG, total + Math.min(BIG, Math.pow(s, c)))
      return total
    }
  }
}
