/**
 * How each dialect defers the FKs of a NOT NULL cycle (`SqlDialect.deferConstraintsSql`), as rendered
 * SQL, and where the SQL export puts those statements (runPlan into a file target). SQL Server has no
 * server here: its statements and its T-SQL export are checked as text only.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import { mysqlDialect } from '../../../adapters/mysql/dialect.js'
import { postgresDialect } from '../../../adapters/postgres/dialect.js'
import { sqliteDialect } from '../../../adapters/sqlite/dialect.js'
import type { DeferredConstraint, Plan } from '../../../src/model/plan.js'
import type { SchemaModel } from '../../../src/model/schema.js'
import { buildPlan } from '../../../src/plan/index.js'
import { runPlan } from '../../../src/pipeline/run.js'
import { openFileTarget } from '../../../src/sinks/file-target.js'
import { col, fk, int, model, table } from '../plan/model-builders.js'
import { tempDir } from '../sinks/helpers.js'

/** store ↔ staff, both NOT NULL and NOT DEFERRABLE; staff also points at region (outside the cycle). */
function storeStaff(dialect: SchemaModel['dialect'], named = true): SchemaModel {
  const schema = dialect === 'mssql' ? 'dbo' : dialect === 'postgres' ? 'public' : undefined
  const t = (name: string, ...rest: Parameters<typeof table>[1][]) => ({ ...table(name, rest[0]!), ...(schema ? { schema } : {}) })
  const withFks = (x: ReturnType<typeof t>, fks: ReturnType<typeof fk>[]) => ({ ...x, primaryKey: { columns: [x.columns[0]!.name] }, foreignKeys: fks })
  const ref = (f: ReturnType<typeof fk>) => (schema ? { ...f, references: { ...f.references, schema } } : f)
  return model(
    [
      withFks(t('region', [col('id', int())]), []),
      withFks(t('staff', [col('staff_id', int()), col('store_id', int()), col('region_id', int())]), [
        ref(fk(['store_id'], 'store', ['store_id'], named ? { name: 'staff_store_fk' } : {})),
        ref(fk(['region_id'], 'region', ['id'], { name: 'staff_region_fk' })),
      ]),
      withFks(t('store', [col('store_id', int()), col('manager_staff_id', int())]), [ref(fk(['manager_staff_id'], 'staff', ['staff_id'], { name: 'store_manager_fk' }))]),
    ],
    dialect,
  )
}

const deferredOf = (m: SchemaModel): DeferredConstraint[] => buildPlan(m, { rows: 3, seed: 1 }).deferred

describe('deferConstraintsSql per dialect', () => {
  it('PostgreSQL: ALTER CONSTRAINT … DEFERRABLE, SET CONSTRAINTS; then IMMEDIATE before NOT DEFERRABLE', () => {
    const sql = postgresDialect.deferConstraintsSql(deferredOf(storeStaff('postgres')))
    expect(sql.before).toEqual(['ALTER TABLE "public"."staff" ALTER CONSTRAINT "staff_store_fk" DEFERRABLE INITIALLY DEFERRED', 'SET CONSTRAINTS ALL DEFERRED'])
    expect(sql.after.map((a) => a.sql)).toEqual(['SET CONSTRAINTS ALL IMMEDIATE', 'ALTER TABLE "public"."staff" ALTER CONSTRAINT "staff_store_fk" NOT DEFERRABLE'])
    expect(sql.after[0]!.fails).toBe('rows of the foreign-key cycle public.staff → public.store → public.staff break a foreign key')
    expect(sql.requires).toBe('ownership of the tables (ALTER TABLE … ALTER CONSTRAINT)')
    expect(sql.aroundStep).toEqual({})
  })

  it('PostgreSQL: an unnamed FK is found in the live catalog by table, parent and columns', () => {
    const sql = postgresDialect.deferConstraintsSql(deferredOf(storeStaff('postgres', false)))
    expect(sql.before[0]).toContain(`c.conrelid = '"public"."staff"'::regclass AND c.confrelid = '"public"."store"'::regclass`)
    expect(sql.before[0]).toContain(`unnest(ARRAY['store_id']::text[])`)
    expect(sql.before[0]).toContain(`EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY DEFERRED', '"public"."staff"', n);`)
    expect(sql.before[0]).toMatch(/^DO \$tdg\$[\s\S]*END \$tdg\$$/)
    expect(sql.after[1]!.sql).toContain('NOT DEFERRABLE')
  })

  it('PostgreSQL: declared DEFERRABLE links only need SET CONSTRAINTS; nothing to restore', () => {
    const m = storeStaff('postgres')
    for (const t of m.tables) for (const f of t.foreignKeys) f.deferrable = true
    const sql = postgresDialect.deferConstraintsSql(deferredOf(m))
    expect(sql).toEqual({ before: ['SET CONSTRAINTS ALL DEFERRED'], aroundStep: {}, after: [] })
  })

  it('MySQL: foreign_key_checks off around the deferred table only; every FK of it verified by anti-join', () => {
    const sql = mysqlDialect.deferConstraintsSql(deferredOf(storeStaff('mysql')))
    expect(sql.before).toEqual([])
    expect(sql.aroundStep).toEqual({ staff: { before: ['SET foreign_key_checks = 0'], after: ['SET foreign_key_checks = 1'] } })
    expect(sql.aroundTruncate).toEqual({ before: ['SET foreign_key_checks = 0'], after: ['SET foreign_key_checks = 1'] })
    expect(sql.after.map((a) => a.sql)).toEqual([
      'DROP TEMPORARY TABLE IF EXISTS `tdg_fk_orphans`',
      'CREATE TEMPORARY TABLE `tdg_fk_orphans` (fk varbinary(255) NOT NULL PRIMARY KEY)',
      "INSERT INTO `tdg_fk_orphans` (fk) SELECT '#1 orphan rows of staff(store_id) → store(store_id) [staff_s' UNION ALL " +
        "(SELECT '#1 orphan rows of staff(store_id) → store(store_id) [staff_s' FROM `staff` AS c LEFT JOIN `store` AS p ON c.`store_id` = p.`store_id` WHERE p.`store_id` IS NULL AND c.`store_id` IS NOT NULL LIMIT 1)",
      "INSERT INTO `tdg_fk_orphans` (fk) SELECT '#2 orphan rows of staff(region_id) → region(id) [staff_regio' UNION ALL " +
        "(SELECT '#2 orphan rows of staff(region_id) → region(id) [staff_regio' FROM `staff` AS c LEFT JOIN `region` AS p ON c.`region_id` = p.`id` WHERE p.`id` IS NULL AND c.`region_id` IS NOT NULL LIMIT 1)",
      'DROP TEMPORARY TABLE `tdg_fk_orphans`',
    ])
    expect(sql.after[2]!.fails).toBe('rows without a parent for staff(store_id) → store(store_id) [staff_store_fk] (loaded with foreign_key_checks off)')
  })

  it('SQLite: PRAGMA defer_foreign_keys = ON, checked at COMMIT', () => {
    expect(sqliteDialect.deferConstraintsSql(deferredOf(storeStaff('sqlite')))).toEqual({ before: ['PRAGMA defer_foreign_keys = ON'], aroundStep: {}, after: [] })
  })

  it('SQL Server: NOCHECK CONSTRAINT for the load, WITH CHECK CHECK CONSTRAINT before COMMIT (ALL when unnamed)', () => {
    const sql = mssqlDialect.deferConstraintsSql(deferredOf(storeStaff('mssql')))
    expect(sql.before).toEqual(['ALTER TABLE [dbo].[staff] NOCHECK CONSTRAINT [staff_store_fk]'])
    expect(sql.after).toEqual([
      { sql: 'ALTER TABLE [dbo].[staff] WITH CHECK CHECK CONSTRAINT [staff_store_fk]', fails: 'rows without a parent for dbo.staff(store_id) → dbo.store(store_id) [staff_store_fk] (loaded with NOCHECK)' },
    ])
    const unnamed = mssqlDialect.deferConstraintsSql(deferredOf(storeStaff('mssql', false)))
    expect(unnamed.before).toEqual(['ALTER TABLE [dbo].[staff] NOCHECK CONSTRAINT ALL'])
    expect(unnamed.after.map((a) => a.sql)).toEqual(['ALTER TABLE [dbo].[staff] WITH CHECK CHECK CONSTRAINT ALL'])
  })

  it('each dialect names its mechanism for tdg plan', () => {
    const d = deferredOf(storeStaff('postgres'))[0]!
    expect(postgresDialect.deferralMechanism(d)).toMatch(/^NOT NULL, not deferrable: ALTER CONSTRAINT … DEFERRABLE for the load/)
    expect(mysqlDialect.deferralMechanism(d)).toMatch(/foreign_key_checks = 0 while public\.staff loads/)
    expect(sqliteDialect.deferralMechanism(d)).toMatch(/PRAGMA defer_foreign_keys = ON/)
    expect(mssqlDialect.deferralMechanism(d)).toMatch(/NOCHECK CONSTRAINT for the load, WITH CHECK CHECK CONSTRAINT before COMMIT/)
  })

  // Fuzz fixture mysql-20261205: InnoDB checks the FK index before the row's own UNIQUE index holds it.
  describe('a NOT NULL self-reference to a UNIQUE other than the PK (rows point to themselves)', () => {
    const selfRef = (dialect: SchemaModel['dialect'], ref: string) =>
      model(
        [
          table('t', [col('id', int()), col('code', int(), { nullable: true }), col('alias', int())], {
            primaryKey: { columns: ['id'] },
            uniques: [{ columns: ['code'] }, { columns: ['alias'] }],
            foreignKeys: [fk(['alias'], 't', [ref], { name: 't_alias_fk' })],
          }),
        ],
        dialect,
      )
    it('is planned as a same-row entry; a self-FK to the PK is not', () => {
      expect(deferredOf(selfRef('mysql', 'code')).map((d) => [d.step, d.columns, d.sameRow, d.forced])).toEqual([['t', ['alias'], true, true]])
      expect(deferredOf(selfRef('mysql', 'id'))).toEqual([])
    })
    it('MySQL switches the checks off for that table and verifies; the others need nothing', () => {
      const mysql = mysqlDialect.deferConstraintsSql(deferredOf(selfRef('mysql', 'code')))
      expect(mysql.aroundStep).toEqual({ t: { before: ['SET foreign_key_checks = 0'], after: ['SET foreign_key_checks = 1'] } })
      expect(mysql.aroundTruncate).toBeUndefined()
      expect(mysql.after.map((a) => a.sql).join('\n')).toContain('#1 orphan rows of t(alias) → t(code) [t_alias_fk]')
      for (const [dialect, d] of [['postgres', postgresDialect], ['sqlite', sqliteDialect], ['mssql', mssqlDialect]] as const) {
        const entries = deferredOf(selfRef(dialect, 'code'))
        expect(d.deferConstraintsSql(entries), dialect).toEqual({ before: [], aroundStep: {}, after: [] })
        expect(d.deferralMechanism(entries[0]!), dialect).toBeUndefined()
      }
      expect(mysqlDialect.deferralMechanism(deferredOf(selfRef('mysql', 'code'))[0]!)).toMatch(/InnoDB checks each index as it writes it/)
    })
  })
})

describe('SQL export places the deferral statements', () => {
  let tmp: ReturnType<typeof tempDir>
  beforeEach(() => {
    tmp = tempDir()
  })
  afterEach(() => tmp.cleanup())

  const exportSql = async (m: SchemaModel, dialect: typeof mssqlDialect, fixups = false): Promise<{ dir: string; plan: Plan }> => {
    const dir = join(tmp.root, m.dialect)
    const plan = buildPlan(m, { rows: 3, seed: 1 })
    if (fixups) expect(plan.fixups.length).toBeGreaterThan(0)
    await runPlan(plan, openFileTarget({ dir, format: 'sql', dialect, tables: m.tables }), { dialect })
    return { dir, plan }
  }
  const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8')

  it('T-SQL: NOCHECK after BEGIN TRANSACTION, WITH CHECK CHECK right before COMMIT', async () => {
    const { dir, plan } = await exportSql(storeStaff('mssql'), mssqlDialect)
    expect(plan.steps.map((s) => s.id)).toEqual(['dbo.region', 'dbo.staff', 'dbo.store'])
    expect(read(dir, '000-pre.sql')).toBe('SET XACT_ABORT ON;\nBEGIN TRANSACTION;\nALTER TABLE [dbo].[staff] NOCHECK CONSTRAINT [staff_store_fk];\n')
    expect(read(dir, '999-fixups.sql')).toBe('ALTER TABLE [dbo].[staff] WITH CHECK CHECK CONSTRAINT [staff_store_fk];\nCOMMIT TRANSACTION;\n')
    expect(read(dir, '002-staff.sql')).toMatch(/^INSERT INTO \[dbo\]\.\[staff\]/)
  })

  it('MySQL: foreign_key_checks = 0 opens the cycle table\'s file, = 1 opens the next; checks before COMMIT', async () => {
    const { dir } = await exportSql(storeStaff('mysql'), mysqlDialect)
    expect(read(dir, '000-pre.sql')).toBe('BEGIN;\n')
    expect(read(dir, '001-region.sql')).toMatch(/^INSERT INTO `region`/)
    expect(read(dir, '002-staff.sql')).toMatch(/^SET foreign_key_checks = 0;\nINSERT INTO `staff`/)
    expect(read(dir, '003-store.sql')).toMatch(/^SET foreign_key_checks = 1;\nINSERT INTO `store`/)
    const end = read(dir, '999-fixups.sql')
    expect(end).toMatch(/^DROP TEMPORARY TABLE IF EXISTS `tdg_fk_orphans`;\nCREATE TEMPORARY TABLE/)
    expect(end).toMatch(/DROP TEMPORARY TABLE `tdg_fk_orphans`;\nCOMMIT;\n$/)
  })

})
