import { redactText, redactUrl } from '../adapter/redact-url.js'

/** Option names whose values are secrets themselves (never stored); `keyFile` is a path and stays. */
const SECRET_NAME = /pass(word)?|secret|token|credential|^key$|apiKey|maskKey|privateKey/i

/**
 * The run's secrets that must never reach a record even if some text echoes them: the masking key from
 * the environment. Longer than a few characters only, so a short value cannot blank out ordinary words.
 */
export function knownSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return [env.TDG_MASK_KEY].filter((s): s is string => typeof s === 'string' && s.length >= 6)
}

/** A text with URL passwords and known secrets replaced by `***`. */
export function redactValue(text: string, secrets: string[]): string {
  let out = redactUrl(redactText(text))
  for (const s of secrets) out = out.split(s).join('***')
  return out
}

/** Parsed options with every string redacted and every secret-named option replaced by `***`. */
export function redactOptions(options: Record<string, unknown>, secrets: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(options)) {
    if (v === undefined) continue
    out[k] = SECRET_NAME.test(k) && !/file$/i.test(k) ? '***' : redactAny(v, secrets)
  }
  return out
}

function redactAny(v: unknown, secrets: string[]): unknown {
  if (typeof v === 'string') return redactValue(v, secrets)
  if (Array.isArray(v)) return v.map((x) => redactAny(x, secrets))
  if (v !== null && typeof v === 'object') return redactOptions(v as Record<string, unknown>, secrets)
  if (typeof v === 'bigint') return String(v)
  return v
}

/** argv (after `node tdg`) redacted: URLs without passwords, the value after a secret-named flag `***`. */
export function redactArgv(args: string[], secrets: string[]): string[] {
  return args.map((a, i) => {
    const prev = args[i - 1]
    if (prev !== undefined && /^--?[\w-]+$/.test(prev) && SECRET_NAME.test(prev.replace(/^-+/, '').replace(/-(\w)/g, (_, c: string) => c.toUpperCase())) && !/file$/i.test(prev)) return '***'
    const eq = /^(--[\w-]+)=(.*)$/s.exec(a)
    if (eq && SECRET_NAME.test(eq[1]!.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())) && !/file$/i.test(eq[1]!)) return `${eq[1]}=***`
    return redactValue(a, secrets)
  })
}
