/** The masking key: from a file or TDG_MASK_KEY, refused when absent or short, fingerprinted without revealing it. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isTdgError } from '../../../src/errors.js'
import { loadMaskKey } from '../../../src/mask/key.js'

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p
  } catch (e) {
    if (isTdgError(e)) return { code: e.code, message: e.message }
    throw e
  }
  throw new Error('expected a TdgError')
}

describe('loadMaskKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-key-'))
  it('reads TDG_MASK_KEY and fingerprints it (8 hex, not the key)', async () => {
    const k = await loadMaskKey({ env: { TDG_MASK_KEY: 'correct horse battery staple' } })
    expect(Buffer.from(k.bytes).toString()).toBe('correct horse battery staple')
    expect(k.fingerprint).toMatch(/^[0-9a-f]{8}$/)
    const k2 = await loadMaskKey({ env: { TDG_MASK_KEY: 'correct horse battery stapler' } })
    expect(k2.fingerprint).not.toBe(k.fingerprint)
  })
  it('prefers --key-file, trimmed, and fingerprints its contents alike', async () => {
    const f = join(dir, 'key')
    writeFileSync(f, 'correct horse battery staple\n')
    const k = await loadMaskKey({ keyFile: f, env: { TDG_MASK_KEY: 'something else entirely' } })
    expect(k.fingerprint).toBe((await loadMaskKey({ env: { TDG_MASK_KEY: 'correct horse battery staple' } })).fingerprint)
  })
  it('refuses without a key, saying how to set one', async () => {
    const e = await failure(loadMaskKey({ env: {} }))
    expect(e.code).toBe('TDG_MASK_KEY_MISSING')
    expect(e.message).toMatch(/TDG_MASK_KEY/)
    expect(e.message).toMatch(/--key-file/)
    expect(e.message).toMatch(/consistency/)
    expect(e.message).not.toMatch(/\n/)
  })
  it('refuses a short key without printing it', async () => {
    const e = await failure(loadMaskKey({ env: { TDG_MASK_KEY: 'shortsecret' } }))
    expect(e.code).toBe('TDG_MASK_KEY_MISSING')
    expect(e.message).not.toContain('shortsecret')
    const f = join(dir, 'short')
    writeFileSync(f, '  tiny  \n')
    const e2 = await failure(loadMaskKey({ keyFile: f }))
    expect(e2.code).toBe('TDG_MASK_KEY_MISSING')
    expect(e2.message).toContain(f)
    expect(e2.message).not.toContain('tiny')
  })
  it('names an unreadable key file', async () => {
    const f = join(dir, 'missing')
    const e = await failure(loadMaskKey({ keyFile: f }))
    expect(e.code).toBe('TDG_MASK_KEY_MISSING')
    expect(e.message).toContain(f)
    expect(e.message).toContain('ENOENT')
  })
})
