/**
 * A parsed pattern (regex.ts) compiled once per column into string tables, so a row costs a few
 * table lookups and concatenations instead of one draw and one concatenation per character.
 * Fixed-shape runs (literals, classes, fixed repeats) are cut into chunks of at most CHUNK strings,
 * each chunk a table of every text it can take. Sizes follow `regexSize` exactly, and `unrank` is a
 * mixed-radix decomposition over the same tree (first parts take the lowest digits), so it is injective
 * for unambiguous patterns such as `DE[0-9]{9}`.
 */
import { below, mix32 } from './prng.js'
import type { RegexNode } from './regex.js'
import { BIG } from './strings.js'

/** Most strings in one chunk table. */
const CHUNK = 4096
/** Longest fixed run flattened into chunks (longer ones are built part by part). */
const MAX_FLAT = 4096

/** A compiled pattern. */
export interface RegexGenerator {
  /** Number of derivations (capped at BIG); `unrank` is defined on [0, size). */
  size: number
  /** The k-th derivation. */
  unrank(k: number): string
  /** Row i's random derivation. */
  random(i: number): string
}

/** Options: `h` seeds random draws, `h2` rotates each chunk's alphabet (variety, still a bijection). */
export interface RegexOptions {
  h: number
  h2: number
  lowercase?: boolean
}

/** Per-row draw state: row index and the number of draws so far (no closure per row). */
interface Draws {
  i: number
  j: number
  next(n: number): number
}

interface Part {
  size: number
  unrank(k: number): string
  random(d: Draws): string
}

/** Compile `root` (see RegexOptions). */
export function compileRegex(root: RegexNode, opts: RegexOptions): RegexGenerator {
  const lower = opts.lowercase === true
  let tables = 0
  const hashes = Array.from({ length: 64 }, (_, j) => mix32(opts.h + Math.imul(j + 1, 0x9e3779b9)))
  const d: Draws = {
    i: 0,
    j: 0,
    next(n) {
      return below(this.j < 64 ? hashes[this.j++]! : mix32(opts.h ^ this.j++), this.i, n)
    },
  }

  /** A fixed run of character sets as chunk tables. */
  function flat(sets: string[][]): Part {
    const chunks: string[][] = []
    for (let at = 0; at < sets.length; ) {
      let product = 1
      let end = at
      while (end < sets.length && (end === at || product * sets[end]!.length <= CHUNK)) product *= sets[end++]!.length
      chunks.push(table(sets.slice(at, end), product, mix32(opts.h2 ^ Math.imul(++tables, 0x85ebca6b))))
      at = end
    }
    const sizes = chunks.map((c) => c.length)
    const size = sizes.reduce((p, s) => Math.min(BIG, p * s), 1)
    const n = chunks.length
    if (n === 1) {
      const t = chunks[0]!
      const m = t.length
      return { size, unrank: (k) => t[k % m]!, random: m === 1 ? () => t[0]! : (dr) => t[dr.next(m)]! }
    }
    return {
      size,
      unrank(k) {
        let s = ''
        for (let c = 0; c < n; c++) {
          const m = sizes[c]!
          s += chunks[c]![k % m]!
          k = Math.floor(k / m)
        }
        return s
      },
      random(dr) {
        let s = ''
        for (let c = 0; c < n; c++) {
          const m = sizes[c]!
          s += m === 1 ? chunks[c]![0]! : chunks[c]![dr.next(m)]!
        }
        return s
      },
    }
  }

  /** Every text of a chunk; value v's digit for set p is taken lowest-first, each set rotated by `rot`. */
  function table(sets: string[][], product: number, rot: number): string[] {
    const out = new Array<string>(product)
    for (let v = 0; v < product; v++) {
      let s = ''
      let rest = v
      for (let p = 0; p < sets.length; p++) {
        const set = sets[p]!
        s += set[(rest + mix32(rot + p)) % set.length]!
        rest = Math.floor(rest / set.length)
      }
      out[v] = lower ? s.toLowerCase() : s
    }
    return out
  }

  function compile(node: RegexNode): Part {
    const run = positions(node)
    if (run) return flat(run)
    switch (node.t) {
      case 'chars':
        return flat([node.set])
      case 'seq': {
        // Adjacent fixed items share chunks; the rest are compiled on their own.
        const parts: Part[] = []
        let pending: string[][] = []
        for (const item of node.items) {
          const r = positions(item)
          if (r && pending.length + r.length <= MAX_FLAT) {
            pending.push(...r)
            continue
          }
          if (pending.length > 0) parts.push(flat(pending))
          pending = []
          parts.push(compile(item))
        }
        if (pending.length > 0) parts.push(flat(pending))
        return parts.length === 1 ? parts[0]! : sequence(parts)
      }
      case 'alt':
        return alternatives(node.options.map(compile))
      case 'rep':
        return repeat(node)
    }
  }

  function repeat(node: Extract<RegexNode, { t: 'rep' }>): Part {
    const unit = positions(node.node)
    const single = unit ? flat(unit) : compile(node.node)
    // A small fixed child repeats in groups of g (one table per group), the remainder on its own table.
    const g = unit && single.size > 1 ? Math.max(1, Math.floor(Math.log(CHUNK) / Math.log(single.size))) : 1
    const repeated = (r: number) => flat(Array.from({ length: r }, () => unit!).flat())
    const grouped = g > 1 ? repeated(g) : single
    const rests: (Part | undefined)[] = []
    const counts: { parts: Part[]; size: number }[] = []
    for (let c = node.min; c <= node.max; c++) {
      const parts: Part[] = []
      for (let j = 0; j < Math.floor(c / g); j++) parts.push(grouped)
      const r = c % g
      if (r > 0) parts.push((rests[r] ??= repeated(r)))
      counts.push({ parts, size: Math.min(BIG, Math.pow(single.size, c)) })
    }
    const span = counts.length
    const emit = (parts: Part[], k: number) => {
      let s = ''
      for (const p of parts) {
        s += p.unrank(k % p.size)
        k = Math.floor(k / p.size)
      }
      return s
    }
    return {
      size: counts.reduce((t, c) => Math.min(BIG, t + c.size), 0),
      unrank(k) {
        for (let c = 0; c < span; c++) {
          const block = counts[c]!
          if (k < block.size || c === span - 1) return emit(block.parts, k)
          k -= block.size
        }
        return ''
      },
      random(dr) {
        const block = counts[span === 1 ? 0 : dr.next(span)]!
        let s = ''
        for (const p of block.parts) s += p.random(dr)
        return s
      },
    }
  }

  const top = compile(root)
  return {
    size: top.size,
    unrank: (k) => top.unrank(k),
    random(i) {
      d.i = i
      d.j = 0
      return top.random(d)
    },
  }
}

function sequence(parts: Part[]): Part {
  return {
    size: parts.reduce((p, x) => Math.min(BIG, p * x.size), 1),
    unrank(k) {
      let s = ''
      for (const p of parts) {
        s += p.unrank(k % p.size)
        k = Math.floor(k / p.size)
      }
      return s
    },
    random(d) {
      let s = ''
      for (const p of parts) s += p.random(d)
      return s
    },
  }
}

function alternatives(options: Part[]): Part {
  return {
    size: options.reduce((t, x) => Math.min(BIG, t + x.size), 0),
    unrank(k) {
      for (const x of options) {
        if (k < x.size) return x.unrank(k)
        k -= x.size
      }
      return options[options.length - 1]!.unrank(0)
    },
    random: (d) => options[d.next(options.length)]!.random(d),
  }
}

/** The character sets of a fixed-shape node, in order; undefined when its shape varies or is too long. */
function positions(node: RegexNode): string[][] | undefined {
  switch (node.t) {
    case 'chars':
      return [node.set]
    case 'seq': {
      const out: string[][] = []
      for (const item of node.items) {
        const r = positions(item)
        if (!r || out.length + r.length > MAX_FLAT) return undefined
        out.push(...r)
      }
      return out
    }
    case 'alt':
      return undefined
    case 'rep': {
      if (node.min !== node.max) return undefined
      const r = positions(node.node)
      if (!r || r.length * node.min > MAX_FLAT) return undefined
      return Array.from({ length: node.min }, () => r).flat()
    }
  }
}
