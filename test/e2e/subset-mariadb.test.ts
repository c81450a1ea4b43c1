/**
 * computeSubset through MariaDB's snapshot: a composite FK on a DATE + VARCHAR key (values come back as
 * the server's text), a self-reference, a `where` in MySQL's own SQL, with and without children.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import type { SchemaModel } from '../../src/model/schema.js'
import { computeSubset, parseSubsetSpec } from '../../src/subset/index.js'
import { execMysql, freshMysqlDatabase, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'
import { fkViolations, keptRows } from '../unit/subset/kept-rows.js'

const available = mysqlAvailable()
if (!available) console.warn(`[subset-mariadb] skipped: ${mysqlMissingReason()}`)

const SCHEMA = `
  CREATE TABLE shifts (day DATE NOT NULL, site VARCHAR(10) NOT NULL, lead_id INT, PRIMARY KEY (day, site));
  CREATE TABLE staff (id INT PRIMARY KEY, boss_id INT, name VARCHAR(20), FOREIGN KEY (boss_id) REFERENCES staff (id));
  CREATE TABLE work (id INT PRIMARY KEY, day DATE NOT NULL, site VARCHAR(10) NOT NULL, staff_id INT NOT NULL, hours DECIMAL(5,2),
    FOREIGN KEY (day, site) REFERENCES shifts (day, site), FOREIGN KEY (staff_id) REFERENCES staff (id));
  INSERT INTO staff VALUES (1, NULL, 'a'), (2, 1, 'b'), (3, 2, 'c'), (4, 1, 'd');
  INSERT INTO shifts VALUES ('2024-01-01', 'north', 1), ('2024-01-01', 'south', 2), ('2024-01-02', 'north', 3);
  INSERT INTO work VALUES (1, '2024-01-01', 'north', 3, 7.5), (2, '2024-01-01', 'south', 4, 8), (3, '2024-01-02', 'north', 3, 6.25), (4, '2024-01-02', 'north', 2, 1);
`

describe.skipIf(!available)('subset on MariaDB', () => {
  let db: FreshMysql
  let adapter: Adapter
  let model: SchemaModel
  beforeAll(async () => {
    db = await freshMysqlDatabase()
    await execMysql(db.url, SCHEMA)
    adapter = await connect(db.url)
    model = (await adapter.introspect()).model
  })
  afterAll(async () => {
    await adapter?.close()
    await db?.drop()
  })

  it('keeps FKs whole through composite DATE keys and a boss chain', async () => {
    const up = await adapter.readSnapshot((r) => computeSubset(model, r, [parseSubsetSpec("work:where hours > 7 AND site = 'north'")], { withChildren: false }))
    const kept = await keptRows(adapter, model, up)
    expect(fkViolations(model, kept)).toEqual([])
    expect(kept.get('work')!.rows.map((x) => x[0])).toEqual([1])
    expect(kept.get('shifts')!.rows.map((x) => `${String(x[0])}/${String(x[1])}`)).toEqual(['2024-01-01/north'])
    // 3 → 2 → 1: the whole chain of bosses.
    expect(kept.get('staff')!.rows.map((x) => x[0]).sort()).toEqual([1, 2, 3])

    const down = await adapter.readSnapshot((r) => computeSubset(model, r, [parseSubsetSpec("shifts:where day = DATE '2024-01-02'")], { withChildren: true }))
    const keptDown = await keptRows(adapter, model, down)
    expect(fkViolations(model, keptDown)).toEqual([])
    expect(keptDown.get('work')!.rows.map((x) => x[0]).sort()).toEqual([3, 4])
    expect(down.counts.find((c) => c.table === 'work')).toMatchObject({ selected: 0, viaChildren: 2, viaParents: 0, total: 2, sourceRows: 4 })
    expect(down.counts.find((c) => c.table === 'staff')).toMatchObject({ viaParents: 3, total: 3 })
  })
})
