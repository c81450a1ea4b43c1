/**
 * vitest setupFiles: every CLI a test spawns records its run in tdg's state store, by default
 * ~/.tdg/state.db. Tests must never touch the real home nor contend on one file from parallel workers:
 * each test file gets its own temporary state file through `TDG_STATE_URL` (children inherit the
 * environment), removed after the file. A test that wants another store passes its own `TDG_STATE_URL`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const dir = mkdtempSync(join(tmpdir(), 'tdg-test-state-'))
process.env.TDG_STATE_URL = join(dir, 'state.db')
afterAll(() => rmSync(dir, { recursive: true, force: true }))
