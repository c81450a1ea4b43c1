/** PII detection (`tdg scan-pii`, `clone --mask-sensitive`): detection, the rules file it writes, and the drift check's lookup. */
export { detectPii, findingKey, type DetectOptions, type PiiDetection, type SampleSource } from './detect.js'
export { maskSpecToRule } from './mask-rule.js'
export { renderPiiRules, describe as describeFinding, type RenderOptions } from './render-rules.js'
export { maskedColumns } from './masked-columns.js'
export { isIdentifying, suggestMask } from './suggest.js'
