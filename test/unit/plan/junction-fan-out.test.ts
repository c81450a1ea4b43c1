/**
 * Junction tables (issue 10 §3, fan-out): post_tags PRIMARY KEY (post_id, tag_id) gets a skewed number of
 * distinct tags per post, not the same number for every post; pairs stay unique; with too few tags for
 * the layout the plain composite layout is kept.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { generateBatches } from '../../../src/generate/index.js'
import type { Plan } from '../../../src/model/plan.js'
import { col, fk, int, model, table } from './model-builders.js'

const blog = model([
  table('posts', [col('id', int())], { primaryKey: { columns: ['id'] } }),
  table('tags', [col('id', int())], { primaryKey: { columns: ['id'] } }),
  table('post_tags', [col('post_id', int()), col('tag_id', int())], {
    primaryKey: { columns: ['post_id', 'tag_id'] },
    foreignKeys: [fk(['post_id'], 'posts', ['id']), fk(['tag_id'], 'tags', ['id'])],
  }),
])

function pairs(plan: Plan): Array<[number, number]> {
  const step = plan.steps.find((s) => s.table.name === 'post_tags')!
  const out: Array<[number, number]> = []
  for (const b of generateBatches(plan, step, { batchSize: 97 })) for (const r of b.rows) out.push([Number(r[0]), Number(r[1])])
  return out
}

describe('junction fan-out', () => {
  it('each post gets its own number of distinct tags; every pair once', () => {
    const plan = buildPlan(blog, { rows: 2000, seed: 3, rowsPerTable: { tags: 50 } })
    const all = pairs(plan)
    expect(all).toHaveLength(2000)
    expect(new Set(all.map(([p, t]) => `${p}/${t}`)).size).toBe(2000)
    const perPost = new Map<number, number>()
    for (const [p] of all) perPost.set(p, (perPost.get(p) ?? 0) + 1)
    const counts = new Set(perPost.values())
    expect(counts.size).toBeGreaterThanOrEqual(5)
    expect(Math.max(...perPost.values())).toBeLessThanOrEqual(50)
    expect(plan.steps.find((s) => s.table.name === 'post_tags')!.columns[1]!.reason).toContain('distinct tags within each post_id (junction)')
  })

  it('keeps the composite layout when one post would need more tags than there are', () => {
    const plan = buildPlan(blog, { rows: 30, seed: 3, rowsPerTable: { tags: 3, posts: 10 } })
    const all = pairs(plan)
    expect(new Set(all.map(([p, t]) => `${p}/${t}`)).size).toBe(all.length)
    expect(plan.steps.find((s) => s.table.name === 'post_tags')!.columns[1]!.generator).not.toHaveProperty('within')
  })
})
