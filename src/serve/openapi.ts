import { z } from 'zod'
import { openApiPath, type RouteDef } from './route-def.js'
import { problemSchema } from './problem.js'

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without its `$schema` member. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>
  return rest
}

/**
 * The OpenAPI 3.1 document of `routes`: paths, parameters, request bodies and responses generated from
 * the same zod schemas the routes validate with (the job options are the config's own definitions).
 */
export function openApiDocument(routes: RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const r of routes) {
    const path = openApiPath(r.url)
    const parameters: unknown[] = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    if (r.query) {
      const q = jsonSchema(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] }
      for (const [name, schema] of Object.entries(q.properties ?? {})) parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema })
    }
    for (const [name, description] of Object.entries(r.headers ?? {})) parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } })
    const responses: Record<string, unknown> = {}
    for (const [status, res] of Object.entries(r.responses)) {
      const type = res.contentType ?? 'application/json'
      responses[status] = { description: res.description, ...(res.schema ? { content: { [type]: { schema: jsonSchema(res.schema, 'output') } } } : res.contentType ? { content: { [type]: {} } } : {}) }
    }
    if (r.scope) {
      responses['401'] = { description: 'no valid bearer token', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
      responses['403'] = { description: `the token lacks ${r.scope}`, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
    }
    responses.default = { description: 'an error (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }
    paths[path] ??= {}
    paths[path]![r.method.toString().toLowerCase()] = {
      summary: r.summary,
      operationId: `${r.method.toString().toLowerCase()}${path.replace(/[{}]/g, '').split(/[/_-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`,
      ...(r.scope ? { security: [{ bearer: [r.scope] }], 'x-scope': r.scope } : { security: [] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } } } : {}),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'tdg REST API', version, description: 'Start and watch tdg jobs (seed, generate, export, clone, mask, profile), schedule them (cron), and read the audit log. Errors are RFC 9457 problem+json carrying tdg error codes.' },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `tdg token create --name NAME --scopes …`' } },
      schemas: { Problem: jsonSchema(problemSchema, 'output') },
    },
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** A self-contained HTML page listing the document's routes (no script, no external request). */
export function docsPage(doc: Record<string, unknown>): string {
  const info = doc.info as { title: string; version: string; description: string }
  const rows: string[] = []
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { summary: string; 'x-scope'?: string; requestBody?: unknown }>>))
    for (const [method, op] of Object.entries(ops))
      rows.push(`<tr><td><code>${esc(method.toUpperCase())}</code></td><td><code>${esc(path)}</code></td><td>${esc(op.summary)}</td><td>${op['x-scope'] ? `<code>${esc(op['x-scope'])}</code>` : 'none'}</td></tr>`)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}code{font:13px ui-monospace,monospace}</style>
</head><body>
<h1>${esc(info.title)} <small>${esc(info.version)}</small></h1>
<p>${esc(info.description)} The machine-readable document is <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<p>Authenticate with <code>Authorization: Bearer &lt;token&gt;</code>; create a token with <code>tdg token create --name ci --scopes jobs:write,jobs:read,audit:read</code>.</p>
<table><thead><tr><th>Method</th><th>Path</th><th>What it does</th><th>Scope</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></body></html>
`
}
