/**
 * Issue 14 (slice 1): the state store on SQLite, PostgreSQL and MariaDB — migrations up and down, the
 * same audit test on each (records written by the CLI, chain verified, an edited record found) — and no
 * secret in any audit field: a PostgreSQL URL with a password and a masking key, scanned for in the whole
 * state file and the JSONL log.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Knex } from 'knex'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'
import { execMysql, freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, postgresAvailable } from '../support/databases.js'
import { migrateDownAll, openStateStore } from '../../src/state/state-store.js'
import { parseStateLocation } from '../../src/state/state-location.js'
import type { AuditRecord } from '../../src/audit/audit-record.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-audit-stores-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shop = join(repoRoot, 'examples/shop.sql')
const TABLES = ['tdg_runs', 'tdg_run_tables', 'tdg_audit_events', 'tdg_jobs', 'tdg_schedules', 'tdg_api_tokens']

interface Store {
  name: string
  available: () => boolean
  /** A fresh, empty store: its `--state` value, and SQL run on it. */
  make: () => Promise<{ url: string; exec: (sql: string) => Promise<void>; drop: () => Promise<void> }>
}

const stores: Store[] = [
  {
    name: 'SQLite',
    available: () => true,
    make: async () => {
      const file = join(mkdtempSync(join(dir, 'sqlite-')), 'state.db')
      return {
        url: file,
        exec: async (sql) => {
          const { default: Database } = await import('better-sqlite3')
          const db = new Database(file)
          db.exec(sql)
          db.close()
        },
        drop: async () => undefined,
      }
    },
  },
  {
    name: 'PostgreSQL',
    available: postgresAvailable,
    make: async () => {
      const pg = await freshPostgresDatabase()
      const { execPostgres } = await import('../support/databases.js')
      return { url: pg.url, exec: (sql) => execPostgres(pg.url, sql), drop: pg.drop }
    },
  },
  {
    name: 'MariaDB',
    available: mysqlAvailable,
    make: async () => {
      const my = await freshMysqlDatabase()
      return { url: my.url, exec: (sql) => execMysql(my.url, sql), drop: my.drop }
    },
  },
]

async function tablesOf(db: Knex): Promise<string[]> {
  const out: string[] = []
  for (const t of TABLES) if (await db.schema.hasTable(t)) out.push(t)
  return out
}

describe.each(stores)('state store on $name', (store) => {
  it.skipIf(!store.available())('migrations up, down and up again', async () => {
    const s = await store.make()
    try {
      const db = await openStateStore(parseStateLocation(s.url))
      try {
        expect(await tablesOf(db)).toEqual(TABLES)
        await migrateDownAll(db)
        expect(await tablesOf(db)).toEqual([])
      } finally {
        await db.destroy()
      }
      // Opening again migrates again (first use of an empty store).
      const again = await openStateStore(parseStateLocation(s.url))
      try {
        expect(await tablesOf(again)).toEqual(TABLES)
      } finally {
        await again.destroy()
      }
    } finally {
      await s.drop()
    }
  })

  it.skipIf(!store.available())('a store whose lock table holds two rows (left by an old race) still migrates', async () => {
    const s = await store.make()
    try {
      const first = await openStateStore(parseStateLocation(s.url))
      await migrateDownAll(first)
      // knex's own check-then-insert let two processes each insert a lock row; its lock then never succeeds.
      await first('tdg_migrations_lock').insert({ index: 2, is_locked: 0 })
      await first.destroy()
      const db = await openStateStore(parseStateLocation(s.url))
      try {
        expect(await tablesOf(db)).toEqual(TABLES)
        expect(await db('tdg_migrations_lock').select('*')).toEqual([{ index: 1, is_locked: 0 }])
      } finally {
        await db.destroy()
      }
    } finally {
      await s.drop()
    }
  })

  it.skipIf(!store.available())('eight CLI runs starting together on a new store all record, and print nothing extra', async () => {
    const s = await store.make()
    const env = { TDG_STATE_URL: s.url }
    try {
      const runs = await Promise.all(Array.from({ length: 8 }, () => runCli(['plan', '--schema', shop, '--rows', '3'], { cwd: dir, env, timeoutMs: 90_000 })))
      for (const r of runs) {
        expect(r.code, r.stderr).toBe(0)
        expect(r.stderr).toBe('')
        expect(r.stdout).not.toMatch(/Can't take lock|migrate:unlock/)
      }
      const list = await runCli(['audit', 'list', '--json'], { cwd: dir, env })
      expect((JSON.parse(list.stdout) as AuditRecord[]).map((r) => r.command)).toEqual(Array(8).fill('plan'))
    } finally {
      await s.drop()
    }
  })

  it.skipIf(!store.available())('the CLI records runs (two at once too), verify holds, an edited record breaks it', async () => {
    const s = await store.make()
    const env = { TDG_STATE_URL: s.url }
    try {
      const seed = (n: number) => runCli(['seed', '--db', `sqlite:./${store.name}-${n}.db`, '--schema', shop, '--create', '--rows', '5', '--seed', String(n), '-q'], { cwd: dir, env, timeoutMs: 90_000 })
      // Two runs at once on an empty store: both migrate and append; the chain stays linear.
      const [a, b] = await Promise.all([seed(1), seed(2)])
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0])
      expect(a.stderr + b.stderr).toBe('')
      expect((await runCli(['seed', '--db', 'sqlite:./none.db', '--rows', '1'], { cwd: dir, env })).code).toBe(3)
      const list = await runCli(['audit', 'list', '--json'], { cwd: dir, env })
      expect(list.code, list.stderr).toBe(0)
      const recs = JSON.parse(list.stdout) as AuditRecord[]
      expect(recs.map((r) => [r.seq, r.command, r.outcome])).toEqual([[3, 'seed', 'failed'], [2, 'seed', 'ok'], [1, 'seed', 'ok']])
      expect(recs[1]!.tables.map((t) => t.rows)).toEqual([5, 5, 5, 5])
      const ok = await runCli(['audit', 'verify'], { cwd: dir, env })
      expect(ok.code, ok.stderr).toBe(0)
      expect(ok.stdout).toMatch(/^audit chain intact: 3 records in /)
      await s.exec(`UPDATE tdg_audit_events SET record = REPLACE(record, '"rows":20', '"rows":21') WHERE seq = 2`)
      const bad = await runCli(['audit', 'verify'], { cwd: dir, env })
      expect(bad.code).toBe(1)
      expect(bad.stderr).toMatch(/^tdg: error TDG_AUDIT_BROKEN: record 2 \(\w{26}\) of .*: its content does not match its hash \(edited\)\n$/)
    } finally {
      await s.drop()
    }
  })
})

describe('no secret in the audit', () => {
  it.skipIf(!postgresAvailable())('a PostgreSQL password and a masking key appear nowhere in the state file or the JSONL log', async () => {
    const src = await freshPostgresDatabase()
    try {
      const password = decodeURIComponent(new URL(src.url).password)
      expect(password.length).toBeGreaterThan(3)
      const key = 'the-secret-masking-key-8f3a91c2'
      const keyFile = join(dir, 'key.bin')
      const { writeFileSync } = await import('node:fs')
      const fileKey = 'another-secret-key-in-a-file-77d2'
      writeFileSync(keyFile, fileKey)
      const stateDir = mkdtempSync(join(dir, 'secrets-'))
      const state = join(stateDir, 'state.db')
      const log = join(stateDir, 'audit.jsonl')
      const env = { TDG_STATE_URL: state, TDG_MASK_KEY: key }
      const run = (args: string[]) => runCli(['--audit-log', log, ...args], { cwd: dir, env, timeoutMs: 90_000 })
      const seeded = await run(['seed', '--db', src.url, '--schema', join(repoRoot, 'examples/shop.postgres.sql'), '--create', '--rows', '10', '--seed', '3', '-q'])
      expect(seeded.code, seeded.stderr).toBe(0)
      const cloned = await run(['clone', '--from', src.url, '--to', 'sqlite:./secret-copy.db', '--create-schema', '--mask-sensitive', '-q'])
      expect(cloned.code, cloned.stderr).toBe(0)
      writeFileSync(join(stateDir, 'names.yaml'), 'tables:\n  customers:\n    columns:\n      first_name: { mask: { fake: first-name } }\n')
      const masked = await run(['clone', '--from', src.url, '--to', 'sqlite:./secret-copy-2.db', '--create-schema', '--rules', join(stateDir, 'names.yaml'), '--allow-unmapped', '--key-file', keyFile, '-q'])
      expect(masked.code, masked.stderr).toBe(0)
      const failed = await run(['introspect', '--db', src.url.replace(password, `${password}-wrong`)])
      expect(failed.code).toBe(3)
      const recs = JSON.parse((await runCli(['audit', 'list', '--json'], { cwd: dir, env })).stdout) as AuditRecord[]
      expect(recs.map((r) => r.command)).toEqual(['introspect', 'clone', 'clone', 'seed'])
      expect(recs[2]!.source).toBe(src.url.replace(`:${password}@`, ':***@'))
      expect(recs[3]!.argv).toContain(src.url.replace(`:${password}@`, ':***@'))
      expect(recs[1]!.options.keyFile).toBe(keyFile)
      // Scan every byte of every file of the store (journal included) and the log.
      for (const f of readdirSync(stateDir)) {
        const bytes = readFileSync(join(stateDir, f)).toString('latin1')
        for (const secret of [password, key, fileKey]) expect(bytes.includes(secret), `${secret} in ${f}`).toBe(false)
      }
      expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(4)
    } finally {
      await src.drop()
    }
  })
})
