/**
 * The masking key: read once from `--key-file` or `TDG_MASK_KEY`, never invented. A random key per run
 * would silently break consistency: the same original would mask differently in staging today and in
 * staging tomorrow, or in two databases cloned separately. Per-masker subkeys are HMAC-SHA256(key,
 * label), derived once when maskers are compiled (HMAC is too slow per value; values use SipHash).
 */
import { createHmac } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { TdgError } from '../errors.js'
import type { MaskKey } from './masker.js'
import { sipKey, type SipKey } from './keyed-hash.js'

/** Shortest key accepted: 16 bytes (128 bits), SipHash's key size. */
export const MIN_KEY_BYTES = 16

const HOW = 'set TDG_MASK_KEY to a secret of at least 16 characters or pass --key-file <file>; keep it: a random key per run would break consistency across runs'

/**
 * The key from `keyFile` (its contents, trimmed; at least 16 bytes) or else `env.TDG_MASK_KEY` (at least
 * 16 characters). `env` defaults to `process.env`. Neither, an unreadable file or a short key:
 * TDG_MASK_KEY_MISSING (the message names the file, never the key).
 */
export async function loadMaskKey(opts: { keyFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<MaskKey> {
  if (opts.keyFile !== undefined) {
    let text: string
    try {
      text = await readFile(opts.keyFile, 'utf8')
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'unreadable'
      throw new TdgError('TDG_MASK_KEY_MISSING', `cannot read the mask key file ${opts.keyFile} (${code})`, { keyFile: opts.keyFile })
    }
    const bytes = Buffer.from(text.trim(), 'utf8')
    if (bytes.length < MIN_KEY_BYTES)
      throw new TdgError('TDG_MASK_KEY_MISSING', `the mask key file ${opts.keyFile} holds ${bytes.length} bytes; a key needs at least ${MIN_KEY_BYTES}`, { keyFile: opts.keyFile })
    return maskKeyOf(bytes)
  }
  const env = (opts.env ?? process.env).TDG_MASK_KEY
  if (env === undefined || env === '') throw new TdgError('TDG_MASK_KEY_MISSING', `masking needs a key: ${HOW}`)
  if (env.length < MIN_KEY_BYTES) throw new TdgError('TDG_MASK_KEY_MISSING', `TDG_MASK_KEY has ${env.length} characters; ${HOW}`)
  return maskKeyOf(Buffer.from(env, 'utf8'))
}

/** A MaskKey of raw bytes (tests and the SDK), with its fingerprint. */
export function maskKeyOf(bytes: Uint8Array): MaskKey {
  const copy = Uint8Array.from(bytes)
  return { bytes: copy, fingerprint: createHmac('sha256', copy).update('tdg-mask-fingerprint').digest('hex').slice(0, 8) }
}

/**
 * The subkey of one masker: HMAC-SHA256(key, label). The label is the masker's kind and parameters
 * (`fake:email:en`, `permute:int:4`), never a table or column name, so one original masks identically
 * in every column that uses the same masker (a PK and its FKs, an email in two tables).
 */
export function subkey(key: MaskKey, label: string): SipKey {
  return sipKey(createHmac('sha256', key.bytes).update(label).digest())
}

/** Several independent subkeys of one label (`label#0`, `label#1`, …). */
export function subkeys(key: MaskKey, label: string, n: number): SipKey[] {
  return Array.from({ length: n }, (_, i) => subkey(key, `${label}#${i}`))
}
