/** Name patterns of `match` rules: globs (`*_email`, `user?`) or `/regular expressions/flags`. */

/** A compiled name pattern, or an error message. */
export function namePattern(pattern: string): RegExp | { error: string } {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern)
  if (re) {
    try {
      return new RegExp(re[1]!, re[2])
    } catch (e) {
      return { error: `bad regular expression: ${(e as Error).message}` }
    }
  }
  // Glob: * any run, ? one character; everything else literal. Whole-name, case-insensitive.
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 'i')
}

/** True when `name` matches the pattern (which must be valid). */
export function matchesName(pattern: string, name: string): boolean {
  const re = namePattern(pattern)
  return re instanceof RegExp && re.test(name)
}
