/** One-phrase descriptions of the rule generator kinds, for `tdg plan`. */
import type { GeneratorSpec } from '../model/plan.js'
import { formatDate } from '../generate/format.js'

/** The phrase for a rule kind; undefined for the built-in kinds. */
export function describeRuleGenerator(g: GeneratorSpec): string | undefined {
  switch (g.kind) {
    case 'weighted': {
      const total = g.weights.reduce((a, b) => a + b, 0)
      const same = g.weights.every((w) => w === g.weights[0])
      const shown = g.values.slice(0, 6).map((v, j) => (same ? String(v) : `${String(v)} ${Math.round((g.weights[j]! / total) * 1000) / 10}%`))
      return `one of ${shown.join(', ')}${g.values.length > 6 ? ', …' : ''}`
    }
    case 'distributed': {
      const f = Math.pow(10, g.scale)
      return `${g.distribution} ${g.as} in [${g.min / f}, ${g.max / f}]`
    }
    case 'empirical': {
      const f = g.of.kind === 'number' ? Math.pow(10, g.of.scale) : 1
      const show = (v: number) => (g.of.kind === 'number' ? String(v / f) : g.of.kind === 'date' ? formatDate(Math.floor(v)) : new Date(v * 1000).toISOString().replace('.000Z', 'Z'))
      // Temporal points run to the end of their last unit: show the last value drawn.
      const p = g.of.kind === 'number' ? g.points : g.points.map((x) => Math.min(x, g.of.max))
      const season = g.seasonality ? `, seasonal by ${Object.keys(g.seasonality).join('/')}` : ''
      const mid = p.length > 2 ? ` … median ${show(p[Math.floor((p.length - 1) / 2)]!)}` : ''
      return `${p.length > 2 ? `empirical (${p.length} quantiles)` : 'uniform'} ${show(p[0]!)}${mid} … ${show(p[p.length - 1]!)}${season}`
    }
    case 'regex': return `matches /${g.pattern}/`
    case 'faker-call': return `faker ${g.method}(${g.args.map((a) => JSON.stringify(a)).join(', ')})`
    case 'template': return `template "${g.template}"${g.lowercase ? ', lowercased' : ''}`
    case 'sequence': return g.as === 'integer' ? `sequence ${g.start}, ${g.start + 1}, …` : `sequence ${g.prefix}${String(g.start).padStart(g.padding, '0')}, …`
    case 'conditional': return `when ${Object.entries(g.when).map(([k, v]) => `${k} in (${v.map(String).join(', ')})`).join(' and ')}`
    case 'parent-value': return `copy of ${g.parentStep}.${g.parentColumn} via ${g.via}`
    default: return undefined
  }
}
