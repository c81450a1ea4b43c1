/**
 * Turns parser positions into 1-based line and column numbers. libpg-query reports node locations
 * as UTF-8 byte offsets and syntax-error cursors as 0-based character (code point) offsets; columns
 * are counted in characters either way.
 */
export interface LineColumn {
  line: number
  column: number
}

export class Locator {
  private readonly bytes: Buffer
  /** Byte offset where each line starts. */
  private readonly lineStarts: number[] = [0]

  constructor(readonly text: string) {
    this.bytes = Buffer.from(text, 'utf8')
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) this.lineStarts.push(i + 1)
  }

  /** Line and column of a UTF-8 byte offset. */
  fromByte(offset: number): LineColumn {
    const off = Math.max(0, Math.min(offset, this.bytes.length))
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.lineStarts[mid] as number) <= off) lo = mid
      else hi = mid - 1
    }
    const start = this.lineStarts[lo] as number
    const prefix = this.bytes.subarray(start, off).toString('utf8')
    return { line: lo + 1, column: [...prefix].length + 1 }
  }

  /** Line and column of a 0-based code point offset. */
  fromChar(offset: number): LineColumn {
    let line = 1
    let column = 1
    let n = 0
    for (const ch of this.text) {
      if (n >= offset) break
      if (ch === '\n') { line++; column = 1 } else column++
      n++
    }
    return { line, column }
  }

  /**
   * First byte offset at or after `offset` that is not whitespace or a comment: a statement's reported
   * start includes the blank lines and comments before it.
   */
  skipTrivia(offset: number): number {
    const b = this.bytes
    let i = offset
    for (;;) {
      while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++
      if (b[i] === 0x2d && b[i + 1] === 0x2d) {
        while (i < b.length && b[i] !== 0x0a) i++
      } else if (b[i] === 0x2f && b[i + 1] === 0x2a) {
        const end = b.indexOf('*/', i + 2)
        i = end < 0 ? b.length : end + 2
      } else {
        return i
      }
    }
  }
}
