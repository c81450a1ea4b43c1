/**
 * Issue 15 item 1: the schedules migration and store on SQLite, PostgreSQL and MariaDB state stores —
 * add, read, change, pause, record a firing and its outcome, remove; a taken name refused; the
 * migration's columns dropped and added again (down and up).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, postgresAvailable } from '../support/databases.js'
import { migrateDownAll, openStateStore } from '../../src/state/state-store.js'
import { parseStateLocation } from '../../src/state/state-location.js'
import { createSchedule, deleteSchedule, getSchedule, listSchedules, recordFiring, recordOutcome, recordSkipped, scheduleView, updateSchedule } from '../../src/schedule/schedule-store.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-schedule-stores-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const stores = [
  { name: 'SQLite', available: () => true, make: async () => ({ url: join(mkdtempSync(join(dir, 's-')), 'state.db'), drop: async () => undefined }) },
  { name: 'PostgreSQL', available: postgresAvailable, make: freshPostgresDatabase },
  { name: 'MariaDB', available: mysqlAvailable, make: freshMysqlDatabase },
]

const job = { kind: 'seed' as const, db: 'postgres://app:s3cret@db.example/staging', rows: 10 }

describe.each(stores)('schedules on a $name state store', (store) => {
  it.skipIf(!store.available())('CRUD, firing bookkeeping, migration down and up', async () => {
    const s = await store.make()
    const db = await openStateStore(parseStateLocation(s.url))
    try {
      const now = new Date('2026-12-05T12:00:00Z')
      const added = await createSchedule(db, { name: 'nightly', cron: '0 3 * * *', tz: 'Europe/Berlin', job, jitterSeconds: 30 }, now)
      expect(added).toMatchObject({ name: 'nightly', cron: '0 3 * * *', tz: 'Europe/Berlin', job, enabled: true, missed: 'skip', jitterSeconds: 30, lastOutcome: null, lastJobId: null })
      await expect(createSchedule(db, { name: 'nightly', cron: '* * * * *', job })).rejects.toMatchObject({ code: 'TDG_SCHEDULE_CONFLICT' })
      const view = scheduleView(added, now)
      expect(view.nextRuns).toEqual(['2026-12-06T02:00:00.000Z', '2026-12-07T02:00:00.000Z', '2026-12-08T02:00:00.000Z'])
      expect(JSON.stringify(view)).not.toContain('s3cret')

      const paused = await updateSchedule(db, 'nightly', { enabled: false, missed: 'once', cron: '*/10 * * * * *' })
      expect(paused).toMatchObject({ enabled: false, missed: 'once', cron: '*/10 * * * * *' })
      expect(scheduleView(paused).nextRuns).toEqual([])
      await expect(updateSchedule(db, 'nightly', { tz: 'Nowhere/Land' })).rejects.toMatchObject({ code: 'TDG_SCHEDULE_INVALID' })

      const at = new Date('2026-12-06T02:00:00Z')
      await recordFiring(db, 'nightly', { firedFor: at, jobId: '01JOB', at })
      expect(await getSchedule(db, 'nightly')).toMatchObject({ lastFiredFor: at.toISOString(), lastJobId: '01JOB', lastOutcome: 'running' })
      expect(await recordOutcome(db, 'nightly', '01OTHER', 'ok')).toBe(false)
      expect(await recordOutcome(db, 'nightly', '01JOB', 'failed')).toBe(true)
      await recordSkipped(db, 'nightly', new Date('2026-12-07T02:00:00Z'))
      expect(await getSchedule(db, 'nightly')).toMatchObject({ lastJobId: '01JOB', lastOutcome: 'skipped', lastFiredFor: '2026-12-07T02:00:00.000Z' })

      await createSchedule(db, { name: 'a-first', cron: '0 0 * * 1', job })
      expect((await listSchedules(db)).map((x) => x.name)).toEqual(['a-first', 'nightly'])
      await deleteSchedule(db, 'nightly')
      await expect(deleteSchedule(db, 'nightly')).rejects.toMatchObject({ code: 'TDG_SCHEDULE_NOT_FOUND' })

      await migrateDownAll(db)
      expect(await db.schema.hasTable('tdg_schedules')).toBe(false)
    } finally {
      await db.destroy()
    }
    const again = await openStateStore(parseStateLocation(s.url))
    try {
      expect(await again.schema.hasColumn('tdg_schedules', 'last_outcome')).toBe(true)
      expect(await createSchedule(again, { name: 'n', cron: '0 3 * * *', job })).toMatchObject({ tz: 'UTC', missed: 'skip', jitterSeconds: 0 })
    } finally {
      await again.destroy()
      await s.drop()
    }
  })
})
