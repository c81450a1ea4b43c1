/**
 * A seeded reservoir of raw records kept during the counting pass (Algorithm R with a hash of
 * (seed, record index) instead of a generator), so `sample(t, size)` needs no second read. Records are
 * stored joined into one fresh string each: papaparse's fields are slices of the 64 KB piece they were
 * cut from, and holding a slice would hold the whole piece. Memory: `size` records of text.
 */

export class Reservoir {
  private readonly rows: string[] = []
  private readonly index: number[] = []
  constructor(
    readonly size: number,
    private readonly seed: number,
    private readonly width: number,
  ) {}

  /** Offer record `i` (0-based, in file order). */
  offer(i: number, rec: string[]): void {
    if (i < this.size) {
      this.rows.push(pack(rec))
      this.index.push(i)
      return
    }
    const j = Math.floor(unit(this.seed, i) * (i + 1))
    if (j < this.size) {
      this.rows[j] = pack(rec)
      this.index[j] = i
    }
  }

  /** The kept records in file order, fields split again. */
  records(): string[][] {
    const order = this.index.map((_, k) => k).sort((a, b) => (this.index[a] as number) - (this.index[b] as number))
    return order.map((k) => unpack(this.rows[k] as string, this.width))
  }
}

const SEP = '\u0001'

/** One flat string per record (a field holding U+0001 is kept as JSON instead). */
function pack(rec: string[]): string {
  const joined = rec.join(SEP)
  let seps = 0
  for (let i = joined.indexOf(SEP); i >= 0; i = joined.indexOf(SEP, i + 1)) seps++
  return seps === rec.length - 1 ? joined : `\u0002${JSON.stringify(rec)}`
}

function unpack(s: string, width: number): string[] {
  if (s.charCodeAt(0) === 2) return JSON.parse(s.slice(1)) as string[]
  const rec = s.split(SEP)
  return rec.length === width ? rec : rec.concat(Array<string>(width - rec.length).fill(''))
}

/** A uniform number in [0, 1) from (seed, index): a 32-bit hash, no generator state. */
export function unit(seed: number, i: number): number {
  let h = Math.imul(seed ^ Math.imul(i, 0x9e3779b1), 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296
}
