import { JOB_KINDS, JOB_STATUSES } from '../job-schema.js'

/** Who the page is for: the token's name and the session's CSRF token (never the API token itself). */
export interface PageUser {
  name: string
  csrf: string
}

/** The dashboard's pages; each is a server-rendered shell whose data the script (ui-script.ts) fetches from /v1. */
export type PageName = 'jobs' | 'job' | 'history' | 'schedules'

/** HTML-escape `s` for text and double-quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

const NAV: Array<[Exclude<PageName, 'job'>, string, string]> = [
  ['jobs', '/', 'Jobs'],
  ['history', '/ui/history', 'History'],
  ['schedules', '/ui/schedules', 'Schedules'],
]

function layout(title: string, main: string, user?: PageUser, current?: PageName, page?: PageName): string {
  const nav = user
    ? `<nav aria-label="Main"><ul>${NAV.map(([p, href, label]) => `<li><a href="${href}"${p === current ? ' aria-current="page"' : ''}>${label}</a></li>`).join('')}</ul></nav>
<form class="who" method="post" action="/ui/sign-out"><input type="hidden" name="csrf" value="${esc(user.csrf)}"><span>Signed in as <strong>${esc(user.name)}</strong></span> <button type="submit" class="link">Sign out</button></form>`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · tdg</title>
<link rel="stylesheet" href="/ui/app.css">
<link rel="icon" href="/ui/icon.svg" type="image/svg+xml">
${user ? `<meta name="tdg-csrf" content="${esc(user.csrf)}">\n<script src="/ui/app.js" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><a class="brand" href="/">tdg <span>dashboard</span></a>${nav}</header>
<main id="main" tabindex="-1"${page ? ` data-page="${page}"` : ''}>
${main}
</main>
<div id="announce" class="sr-only" role="status" aria-live="polite"></div>
</body>
</html>
`
}

function field(id: string, label: string, input: string, hint?: string, show?: string): string {
  return `<div class="field"${show ? ` data-kinds="${show}"` : ''}><label for="${id}">${label}</label>${input}${hint ? `<p class="hint" id="${id}-hint">${hint}</p>` : ''}<p class="error" id="${id}-error"></p></div>`
}

function text(id: string, name: string, extra = ''): string {
  return `<input id="${id}" name="${name}" type="text" autocomplete="off" spellcheck="false" aria-describedby="${id}-hint ${id}-error"${extra}>`
}

function check(id: string, name: string, label: string, show: string, hint: string): string {
  return `<div class="field check" data-kinds="${show}"><input id="${id}" name="${name}" type="checkbox" aria-describedby="${id}-hint"><label for="${id}">${label}</label><p class="hint" id="${id}-hint">${hint}</p></div>`
}

/** The sign-in page; `error` is shown above the form (a wrong token). */
export function signInPage(error?: string): string {
  return layout(
    'Sign in',
    `<h1>Sign in</h1>
<form class="card narrow" method="post" action="/ui/sign-in">
${error ? `<p class="error block" id="token-error" role="alert">${esc(error)}</p>` : ''}<div class="field"><label for="token">API token</label><input id="token" name="token" type="password" autocomplete="current-password" required spellcheck="false" aria-describedby="token-hint${error ? ' token-error' : ''}"${error ? ' aria-invalid="true" autofocus' : ' autofocus'}><p class="hint" id="token-hint">Create one on the server with <code>tdg token create --name you --scopes jobs:read,jobs:write,audit:read</code>. It is kept in an HttpOnly cookie for this site only.</p></div>
<button type="submit">Sign in</button>
</form>`,
  )
}

const KIND_OPTIONS = `<option value="seed">seed: fill a database</option><option value="generate">generate: write files</option>`

function jobsPage(): string {
  return `<h1>Jobs</h1>
<section aria-labelledby="start-h" class="card">
<h2 id="start-h">Start a job</h2>
<form id="start-job" novalidate>
<div class="grid">
${field('f-kind', 'Kind', `<select id="f-kind" name="kind" aria-describedby="f-kind-error">${KIND_OPTIONS}</select>`)}
${field('f-db', 'Target database', text('f-db', 'db', ' placeholder="sqlite:/srv/tdg/dev.db"'), 'A URL the server allows (<code>serve.allow.db</code>); for generate, optional: read the schema from it.')}
${field('f-schema', 'Schema file', text('f-schema', 'schema', ' placeholder="examples/shop.sql"'), 'DDL file on the server.')}
${field('f-output', 'Output directory', text('f-output', 'output'), 'Inside <code>serve.allow.output</code>.', 'generate')}
${field('f-rows', 'Rows per table', '<input id="f-rows" name="rows" type="number" min="0" step="1" inputmode="numeric" aria-describedby="f-rows-hint f-rows-error">', 'Empty: the rules file or the default.')}
${field('f-rules', 'Rules file', text('f-rules', 'rules', ' placeholder="rules.yaml"'), 'Optional, on the server.')}
${field('f-seed', 'Seed', text('f-seed', 'seed'), 'Optional: the same seed gives the same rows.')}
</div>
${check('f-create', 'create', 'Create the tables first (from the schema file)', 'seed', 'Only when they do not exist; a SQLite file is created.')}
${check('f-truncate', 'truncate', 'Empty the tables first', 'seed', 'In the same transaction.')}
<p class="error block" id="start-job-error"></p>
<button type="submit">Start job</button>
</form>
</section>
<section aria-labelledby="jobs-h">
<h2 id="jobs-h">Recent jobs</h2>
<div id="jobs" aria-busy="true"><p>Loading…</p></div>
</section>`
}

function jobPage(id: string): string {
  return `<p class="crumb"><a href="/">Jobs</a> / job</p>
<h1>Job <code class="id">${esc(id)}</code></h1>
<div id="job" data-job-id="${esc(id)}" aria-busy="true"><p>Loading…</p></div>`
}

const STATUS_LABEL: Record<string, string> = { ok: 'done' }

function historyPage(): string {
  const finals = JOB_STATUSES.filter((s) => s !== 'queued' && s !== 'running')
  return `<h1>Run history</h1>
<form id="history-filter" class="card filters" method="get" action="/ui/history">
${field('h-status', 'Status', `<select id="h-status" name="status"><option value="">any finished</option>${finals.map((s) => `<option value="${s}">${STATUS_LABEL[s] ?? s}</option>`).join('')}</select>`)}
${field('h-kind', 'Kind', `<select id="h-kind" name="kind"><option value="">any</option>${JOB_KINDS.map((k) => `<option value="${k}">${k}</option>`).join('')}</select>`)}
<button type="submit">Filter</button>
</form>
<div id="history" aria-busy="true"><p>Loading…</p></div>`
}

function schedulesPage(): string {
  return `<h1>Schedules</h1>
<section aria-labelledby="sched-h">
<h2 id="sched-h" class="sr-only">All schedules</h2>
<div id="schedules" aria-busy="true"><p>Loading…</p></div>
</section>
<section aria-labelledby="add-h" class="card">
<h2 id="add-h">Add a schedule</h2>
<form id="add-schedule" novalidate>
<div class="grid">
${field('s-name', 'Name', text('s-name', 'name', ' placeholder="nightly-staging"'), 'Unique; used in the CLI (tdg schedule pause NAME).')}
${field('s-cron', 'Cron', text('s-cron', 'cron', ' placeholder="0 3 * * *"'), 'Five fields, or six with seconds first.')}
${field('s-tz', 'Time zone', text('s-tz', 'tz', ' placeholder="Europe/Berlin"'), 'Optional; default UTC.')}
${field('s-missed', 'After downtime', '<select id="s-missed" name="missed" aria-describedby="s-missed-hint s-missed-error"><option value="skip">skip missed runs</option><option value="once">catch up once</option></select>', 'What a missed run does.')}
${field('s-jitter', 'Jitter (seconds)', '<input id="s-jitter" name="jitterSeconds" type="number" min="0" step="1" inputmode="numeric" aria-describedby="s-jitter-hint s-jitter-error">', 'Optional: each firing waits up to this long (the same in every server).')}
</div>
${field('s-job', 'Job (JSON)', `<textarea id="s-job" name="job" rows="4" spellcheck="false" placeholder="${esc('{"kind": "seed", "db": "sqlite:/srv/tdg/dev.db", "rows": 100}')}" aria-describedby="s-job-hint s-job-error"></textarea>`, 'Exactly the body <code>POST /v1/jobs</code> takes.')}
<p class="error block" id="add-schedule-error"></p>
<button type="submit">Add schedule</button>
</form>
</section>`
}

/** The page `page` for `user` (`id`: the job of the job page). */
export function dashboardPage(page: PageName, user: PageUser, id = ''): string {
  switch (page) {
    case 'jobs':
      return layout('Jobs', jobsPage(), user, 'jobs', 'jobs')
    case 'job':
      return layout(`Job ${id}`, jobPage(id), user, 'jobs', 'job')
    case 'history':
      return layout('Run history', historyPage(), user, 'history', 'history')
    case 'schedules':
      return layout('Schedules', schedulesPage(), user, 'schedules', 'schedules')
  }
}
