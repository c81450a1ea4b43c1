/** `sequence: { start, prefix, padding }`: numbers or prefixed, zero-padded text counting rows. */
import type { RuleKind } from './rule-kind.js'

/** start, start + 1, …; text columns get the prefix and padding. */
export const sequenceKind: RuleKind = (rule, ctx, h) => {
  const { column } = ctx
  const { start = 1, prefix = '', padding = 0 } = rule.sequence!
  if (h.fam === 'number') {
    if (prefix !== '' || padding > 0) return h.fail('sequence', 'prefix and padding need a text column')
    return h.out({ kind: 'sequence', start, prefix: '', padding: 0, as: 'integer' }, `sequence from ${start}`)
  }
  if (h.fam !== 'text') return h.fail('sequence', `sequence needs a text or numeric column (the column is ${column.nativeType})`)
  if (h.maxLen !== undefined && prefix.length + Math.max(padding, 1) > h.maxLen) return h.fail('sequence', `prefix and padding are longer than ${column.nativeType} allows (${h.maxLen})`)
  return h.out({ kind: 'sequence', start, prefix, padding, as: 'text' }, `sequence ${prefix}${'0'.repeat(Math.max(0, padding - 1))}${start}…`)
}
