/**
 * The dashboard's one script (served at /ui/app.js), plain ES2020 with no dependency: it fills the
 * server-rendered pages from the /v1 routes (session cookie; `X-TDG-CSRF` on changes), follows running
 * jobs over server-sent events, shows a server's validation error next to its field and announces status
 * changes in a polite live region. Every value goes in as text (textContent), never as HTML.
 * Kept as a string module so tsc needs no copy step; it must hold no backtick and no dollar-brace.
 */
export const UI_SCRIPT = String.raw`(function () {
  'use strict'
  var meta = document.querySelector('meta[name="tdg-csrf"]')
  var CSRF = meta ? meta.getAttribute('content') : ''
  var LABEL = { queued: 'queued', running: 'running', ok: 'done', failed: 'failed', cancelled: 'cancelled', interrupted: 'interrupted' }
  var FINAL = { ok: 1, failed: 1, cancelled: 1, interrupted: 1 }
  var main = document.getElementById('main')

  /* h('a', {href: x, className: y}, [children]): an element; strings become text, never HTML. */
  function h(tag, props, kids) {
    var el = document.createElement(tag)
    /* A cell's content is one box: below 40rem a cell is a label-and-value grid. */
    if (tag === 'td') kids = h('div', null, kids)
    if (props) for (var k in props) {
      if (props[k] === undefined || props[k] === null || props[k] === false) continue
      if (k.indexOf('data-') === 0 || k.indexOf('aria-') === 0 || k === 'role' || k === 'for') el.setAttribute(k, props[k])
      else if (k.indexOf('on') === 0) el.addEventListener(k.slice(2), props[k])
      else el[k] = props[k]
    }
    add(el, kids)
    return el
  }
  function add(el, kids) {
    if (kids === undefined || kids === null || kids === false) return
    if (Array.isArray(kids)) kids.forEach(function (k) { add(el, k) })
    else el.appendChild(typeof kids === 'object' ? kids : document.createTextNode(String(kids)))
  }
  function replace(el, kids) {
    if (el.tagName === 'TD') kids = h('div', null, kids)
    while (el.firstChild) el.removeChild(el.firstChild)
    add(el, kids)
    el.removeAttribute('aria-busy')
  }
  var announcer = document.getElementById('announce')
  function announce(msg) {
    announcer.textContent = ''
    setTimeout(function () { announcer.textContent = msg }, 50)
  }
  function num(n) { return typeof n === 'number' ? n.toLocaleString('en') : '' }
  /* A time as text in the browser's zone, or in zone tz (a schedule's) when given. */
  function when(iso, tz) {
    if (!iso) return ''
    var opts = { dateStyle: 'medium', timeStyle: 'medium' }
    var text
    try { text = new Date(iso).toLocaleString('en-GB', tz ? Object.assign({ timeZone: tz }, opts) : opts) } catch (e) { text = new Date(iso).toLocaleString('en-GB', opts) }
    return h('time', { dateTime: iso, title: iso }, text)
  }
  function secs(ms) { return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s' }
  function badge(status, text) { return h('span', { className: 'badge', 'data-status': status }, text || LABEL[status] || status) }
  function jobLink(job) { return h('a', { href: '/ui/jobs/' + encodeURIComponent(job.id) }, job.kind + ' ' + job.id.slice(-8)) }

  /* fetch a /v1 route with the session cookie (and the CSRF header for changes); {status, json}. */
  function api(method, path, body) {
    var headers = { accept: 'application/json' }
    if (method !== 'GET') headers['x-tdg-csrf'] = CSRF
    if (body !== undefined) headers['content-type'] = 'application/json'
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) }).then(function (r) {
      return r.text().then(function (text) {
        var json = null
        try { json = JSON.parse(text) } catch (e) { json = null }
        if (r.status === 401) location.assign('/')
        return { status: r.status, ok: r.ok, json: json }
      })
    }, function () { return { status: 0, ok: false, json: { detail: 'the server does not answer' } } })
  }
  function problem(r) { return (r.json && r.json.detail) || ('HTTP ' + r.status) }

  /* Follow job id's server-sent events until its end; onJob(job, final), onProgress(progress). */
  function watch(id, onJob, onProgress) {
    var es = new EventSource('/v1/jobs/' + encodeURIComponent(id) + '/events')
    es.addEventListener('state', function (e) { onJob(JSON.parse(e.data), false) })
    es.addEventListener('progress', function (e) { onProgress(JSON.parse(e.data)) })
    es.addEventListener('end', function (e) { es.close(); onJob(JSON.parse(e.data), true) })
    window.addEventListener('pagehide', function () { es.close() })
    return es
  }

  function progressCell(p) {
    var rows = p && p.rows ? p.rows : 0
    var written = p && p.written ? p.written : 0
    return [h('progress', { max: rows || 1, value: Math.min(written, rows || 1), 'aria-label': 'rows written' }), ' ', h('span', { className: 'muted' }, num(written) + (rows ? ' / ' + num(rows) : '') + ' rows')]
  }

  /* Field errors: "invalid request body.rows: Too small; body.db: …" and allow-list refusals go next to their field. */
  function showErrors(form, prefix, r, fieldOf) {
    clearErrors(form)
    var detail = problem(r)
    var hit = []
    var re = /body\.(\w+)[^:;]*: ([^;]+)/g
    var m
    while ((m = re.exec(detail))) hit.push([m[1], m[2]])
    if (hit.length === 0) {
      var f = fieldOf(detail, r)
      if (f) hit.push([f, detail])
    }
    var first = null
    hit.forEach(function (x) {
      var input = form.elements[x[0]]
      var err = input && document.getElementById(input.id + '-error')
      if (!err) return
      err.textContent = x[1]
      input.setAttribute('aria-invalid', 'true')
      first = first || input
    })
    var formErr = document.getElementById(form.id + '-error')
    if (!first) formErr.textContent = detail
    else formErr.textContent = 'Please correct the marked field' + (hit.length > 1 ? 's.' : '.')
    if (first) first.focus()
    announce(formErr.textContent)
  }
  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll('.error'), function (e) { e.textContent = '' })
    Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (e) { e.removeAttribute('aria-invalid') })
  }

  /* ---- Jobs page: recent jobs live, the start form, cancel. ---- */
  function jobsPage() {
    var box = document.getElementById('jobs')
    var tbody = h('tbody')
    var rows = {}
    var watching = {}
    var table = h('table', null, [h('caption', { className: 'sr-only' }, 'Recent jobs, newest first'), h('thead', null, h('tr', null, ['Job', 'Status', 'Progress', 'Created', 'Actions'].map(function (t) { return h('th', { scope: 'col' }, t) }))), tbody])
    var empty = h('p', { className: 'muted' }, 'No jobs yet: start one above.')
    function row(job) {
      var tr = rows[job.id]
      if (!tr) {
        tr = rows[job.id] = h('tr', { 'data-job-id': job.id })
        tr.tdgCells = [0, 1, 2, 3, 4].map(function (i) { return h('td', { 'data-label': ['Job', 'Status', 'Progress', 'Created', 'Actions'][i] }) })
        tr.tdgCells.forEach(function (c) { tr.appendChild(c) })
      }
      replace(tr.tdgCells[0], jobLink(job))
      replace(tr.tdgCells[1], badge(job.status))
      tr.tdgCells[1].setAttribute('data-status', job.status)
      replace(tr.tdgCells[2], progressCell(job.progress))
      replace(tr.tdgCells[3], when(job.createdAt))
      replace(tr.tdgCells[4], FINAL[job.status] ? '' : h('div', { className: 'actions' }, h('button', { type: 'button', className: 'danger', onclick: function () { cancel(job) }, 'aria-label': 'Cancel job ' + job.id }, 'Cancel')))
      return tr
    }
    function follow(job) {
      if (FINAL[job.status] || watching[job.id]) return
      watching[job.id] = watch(job.id, function (j, final) {
        row(j)
        if (final) {
          delete watching[j.id]
          announce('Job ' + j.kind + ' ' + j.id.slice(-8) + ': ' + (LABEL[j.status] || j.status) + (j.summary ? ', ' + num(j.summary.rows) + ' rows' : '') + (j.error ? ': ' + j.error.message : ''))
        }
      }, function (p) { var tr = rows[job.id]; if (tr) replace(tr.tdgCells[2], progressCell(p)) })
    }
    function show(jobs) {
      jobs.forEach(function (j) { row(j); follow(j) })
      var order = Object.keys(rows).sort().reverse().slice(0, 25)
      while (tbody.firstChild) tbody.removeChild(tbody.firstChild)
      order.forEach(function (id) { tbody.appendChild(rows[id]) })
      replace(box, order.length ? table : empty)
    }
    function load() {
      return api('GET', '/v1/jobs?limit=20').then(function (r) {
        if (!r.ok) return replace(box, h('p', { className: 'error block' }, problem(r)))
        show(r.json.jobs.filter(function (j) { return !watching[j.id] }))
      })
    }
    function cancel(job) {
      api('POST', '/v1/jobs/' + encodeURIComponent(job.id) + '/cancel').then(function (r) {
        if (r.ok) { row(r.json); announce('Cancelling job ' + job.id.slice(-8)) } else announce('Not cancelled: ' + problem(r))
      })
    }
    load()
    setInterval(load, 10000)

    var form = document.getElementById('start-job')
    var kind = form.elements.kind
    function kinds() {
      Array.prototype.forEach.call(form.querySelectorAll('[data-kinds]'), function (el) {
        el.hidden = el.getAttribute('data-kinds').split(' ').indexOf(kind.value) < 0
      })
    }
    kind.addEventListener('change', kinds)
    kinds()
    form.addEventListener('submit', function (e) {
      e.preventDefault()
      var v = function (n) { return form.elements[n].value.trim() }
      var body = { kind: kind.value }
      if (v('db')) body.db = v('db')
      if (v('schema')) body.schema = v('schema')
      if (v('rules')) body.rules = v('rules')
      if (v('rows') !== '') body.rows = Number(v('rows'))
      if (v('seed')) body.seed = /^-?\d+$/.test(v('seed')) ? Number(v('seed')) : v('seed')
      if (kind.value === 'generate' && v('output')) body.output = v('output')
      if (kind.value === 'seed') {
        if (form.elements.create.checked) body.create = true
        if (form.elements.truncate.checked) body.truncate = true
      }
      var button = form.querySelector('button[type=submit]')
      button.disabled = true
      api('POST', '/v1/jobs', body).then(function (r) {
        button.disabled = false
        if (!r.ok) return showErrors(form, 'f', r, function (detail) {
          if (/serve\.allow\.db|database|URL/i.test(detail)) return 'db'
          if (/serve\.allow\.output|output/.test(detail)) return 'output'
          if (/schema|DDL/.test(detail)) return 'schema'
          if (/rules/.test(detail)) return 'rules'
          return null
        })
        clearErrors(form)
        announce('Started ' + r.json.kind + ' job ' + r.json.id.slice(-8))
        show([r.json])
      })
    })
  }

  /* ---- One job: facts, progress per table, result, audit record, artifacts. ---- */
  function jobPage() {
    var box = document.getElementById('job')
    var id = box.getAttribute('data-job-id')
    var extras = h('div')
    var current = null
    var loadedExtras = false
    function facts(pairs) {
      return h('dl', { className: 'facts' }, pairs.filter(function (p) { return p[1] !== undefined && p[1] !== '' && p[1] !== null }).map(function (p) { return [h('dt', null, p[0]), h('dd', null, p[1])] }))
    }
    function render(job, progress) {
      current = job
      var p = progress || job.progress
      var tables = p.tables || []
      var summary = job.summary
      replace(box, [
        h('section', { className: 'card', 'aria-labelledby': 'st-h' }, [
          h('h2', { id: 'st-h' }, 'Status'),
          facts([
            ['Status', h('span', { id: 'job-status', 'data-status': job.status }, badge(job.status))],
            ['Kind', job.kind],
            ['Started by', job.createdBy],
            ['Created', when(job.createdAt)],
            ['Started', when(job.startedAt)],
            ['Finished', when(job.finishedAt)],
            ['Rows', summary ? num(summary.rows) : progressCell(p)],
            ['Took', summary ? secs(summary.ms) : undefined],
            ['Seed', summary && summary.seed !== undefined ? String(summary.seed) : undefined],
            ['Error', job.error ? h('span', { className: 'error' }, job.error.code + ': ' + job.error.message) : undefined],
          ]),
          FINAL[job.status] ? null : h('p', { className: 'actions' }, h('button', { type: 'button', className: 'danger', onclick: cancel }, 'Cancel job')),
        ]),
        h('section', { className: 'card', 'aria-labelledby': 'pt-h' }, [
          h('h2', { id: 'pt-h' }, 'Tables'),
          tables.length === 0 ? h('p', { className: 'muted' }, FINAL[job.status] ? 'No table progress recorded.' : 'Planning…') : h('table', null, [
            h('thead', null, h('tr', null, ['Table', 'Written', 'Planned', 'Progress'].map(function (t) { return h('th', { scope: 'col' }, t) }))),
            h('tbody', null, tables.map(function (t) {
              return h('tr', null, [h('td', { 'data-label': 'Table' }, h('code', null, t.table)), h('td', { className: 'num', 'data-label': 'Written' }, num(t.written)), h('td', { className: 'num', 'data-label': 'Planned' }, num(t.rows)),
                h('td', { 'data-label': 'Progress' }, t.done ? badge('ok') : h('progress', { max: t.rows || 1, value: Math.min(t.written, t.rows || 1), 'aria-label': t.table + ' rows written' }))])
            })),
          ]),
        ]),
        h('section', { className: 'card', 'aria-labelledby': 'pa-h' }, [
          h('h2', { id: 'pa-h' }, 'Parameters'),
          facts(Object.keys(job.params).map(function (k) { var x = job.params[k]; return [k, h('code', null, typeof x === 'string' ? x : JSON.stringify(x))] })),
        ]),
        extras,
      ])
      if (FINAL[job.status] && !loadedExtras) { loadedExtras = true; loadExtras(job) }
    }
    function loadExtras(job) {
      var parts = []
      var jobs = []
      if (job.runId) jobs.push(api('GET', '/v1/audit/' + encodeURIComponent(job.runId)).then(function (r) {
        var body = r.ok ? [
          facts(Object.keys(r.json).filter(function (k) { var x = r.json[k]; return x !== null && typeof x !== 'object' && k !== 'prevHash' }).map(function (k) { return [k, String(r.json[k])] })),
          h('details', null, [h('summary', null, 'The whole record (JSON)'), h('pre', null, JSON.stringify(r.json, null, 2))]),
        ] : h('p', { className: 'muted' }, r.status === 403 ? 'Your token lacks the audit:read scope.' : problem(r))
        parts[0] = h('section', { className: 'card', 'aria-labelledby': 'au-h' }, [h('h2', { id: 'au-h' }, 'Audit record'), body])
      }))
      if (job.status === 'ok' && /^(generate|export|profile)$/.test(job.kind)) jobs.push(api('GET', '/v1/jobs/' + encodeURIComponent(job.id) + '/artifacts/').then(function (r) {
        if (!r.ok) return
        var base = '/v1/jobs/' + encodeURIComponent(job.id) + '/artifacts/'
        var link = function (f) { return h('a', { href: base + f.split('/').map(encodeURIComponent).join('/') }, f) }
        var reports = r.json.files.filter(function (f) { return /\.html?$/.test(f) })
        parts[1] = h('section', { className: 'card', 'aria-labelledby': 'ar-h' }, [
          h('h2', { id: 'ar-h' }, 'Artifacts'),
          reports.length ? [h('h3', null, 'Fidelity reports'), h('ul', { className: 'plain' }, reports.map(function (f) { return h('li', null, link(f)) }))] : null,
          r.json.files.length ? h('ul', { className: 'plain' }, r.json.files.map(function (f) { return h('li', null, link(f)) })) : h('p', { className: 'muted' }, 'No files.'),
        ])
      }))
      Promise.all(jobs).then(function () { replace(extras, parts) })
    }
    function cancel() {
      api('POST', '/v1/jobs/' + encodeURIComponent(id) + '/cancel').then(function (r) {
        announce(r.ok ? 'Cancelling the job' : 'Not cancelled: ' + problem(r))
      })
    }
    api('GET', '/v1/jobs/' + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) return replace(box, h('p', { className: 'error block' }, problem(r)))
      render(r.json)
      if (!FINAL[r.json.status]) watch(id, function (j, final) {
        render(j)
        if (final) announce('Job ' + (LABEL[j.status] || j.status))
      }, function (p) { if (current) render(current, p) })
    })
  }

  /* ---- Run history: finished jobs, filtered, paged by cursor. ---- */
  function historyPage() {
    var box = document.getElementById('history')
    var q = new URLSearchParams(location.search)
    var form = document.getElementById('history-filter')
    form.elements.status.value = q.get('status') || ''
    form.elements.kind.value = q.get('kind') || ''
    var params = new URLSearchParams({ limit: '20' })
    ;['status', 'kind', 'cursor'].forEach(function (k) { if (q.get(k)) params.set(k, q.get(k)) })
    api('GET', '/v1/jobs?' + params).then(function (r) {
      if (!r.ok) return replace(box, h('p', { className: 'error block' }, problem(r)))
      var jobs = r.json.jobs.filter(function (j) { return FINAL[j.status] })
      var heads = ['Job', 'Status', 'Rows', 'Took', 'Finished', 'By']
      var table = h('table', null, [h('caption', { className: 'sr-only' }, 'Finished jobs, newest first'), h('thead', null, h('tr', null, heads.map(function (t) { return h('th', { scope: 'col' }, t) }))),
        h('tbody', null, jobs.map(function (j) {
          var took = j.startedAt && j.finishedAt ? secs(Date.parse(j.finishedAt) - Date.parse(j.startedAt)) : ''
          var cells = [jobLink(j), [badge(j.status), j.error ? h('div', { className: 'muted' }, j.error.code) : null], j.summary ? num(j.summary.rows) : '', took, when(j.finishedAt), j.createdBy]
          return h('tr', { 'data-job-id': j.id }, cells.map(function (c, i) { return h('td', { 'data-label': heads[i], className: i === 2 ? 'num' : '' }, c) }))
        }))])
      var pager = h('nav', { className: 'pager', 'aria-label': 'Pages' }, [
        q.get('cursor') ? h('a', { href: '/ui/history?' + new URLSearchParams(Object.fromEntries(['status', 'kind'].filter(function (k) { return q.get(k) }).map(function (k) { return [k, q.get(k)] }))) }, 'Newest runs') : null,
        r.json.nextCursor ? h('a', { href: '/ui/history?' + (function () { var n = new URLSearchParams(q); n.set('cursor', r.json.nextCursor); return n })() }, 'Older runs') : null,
      ])
      replace(box, [jobs.length ? table : h('p', { className: 'muted' }, 'No finished jobs match.'), pager])
    })
  }

  /* ---- Schedules: list with next runs and last outcome; add, pause, resume, run now. ---- */
  function schedulesPage() {
    var box = document.getElementById('schedules')
    function load() {
      return api('GET', '/v1/schedules').then(function (r) {
        if (r.status === 404) return replace(box, h('p', { className: 'muted' }, 'This server has no schedules API.'))
        if (!r.ok) return replace(box, h('p', { className: 'error block' }, problem(r)))
        var list = r.json.schedules
        if (list.length === 0) return replace(box, h('p', { className: 'muted' }, 'No schedules yet: add one below.'))
        var heads = ['Name', 'When', 'Next runs', 'Last run', 'State', 'Actions']
        replace(box, h('table', null, [h('caption', { className: 'sr-only' }, 'Schedules by name'), h('thead', null, h('tr', null, heads.map(function (t) { return h('th', { scope: 'col' }, t) }))),
          h('tbody', null, list.map(function (s) {
            var last = s.lastRunAt ? [badge(s.lastOutcome || 'running', s.lastOutcome === 'ok' ? 'done' : s.lastOutcome || 'running'), ' ', when(s.lastRunAt), s.lastJobId ? [' ', h('a', { href: '/ui/jobs/' + encodeURIComponent(s.lastJobId) }, 'job')] : null] : h('span', { className: 'muted' }, 'never')
            var cells = [
              h('strong', null, s.name),
              [h('code', null, s.cron), h('div', { className: 'muted' }, (s.tz || 'the server\'s zone') + (s.missed === 'once' ? ', catches up once' : '') + (s.jitterSeconds ? ', jitter ' + s.jitterSeconds + ' s' : ''))],
              s.nextRuns.length ? h('ul', { className: 'plain' }, s.nextRuns.slice(0, 3).map(function (t) { return h('li', null, when(t, s.tz)) })) : h('span', { className: 'muted' }, 'none (paused)'),
              last,
              badge(s.enabled ? 'active' : 'paused', s.enabled ? 'active' : 'paused'),
              h('div', { className: 'actions' }, [
                h('button', { type: 'button', className: 'secondary', 'aria-label': (s.enabled ? 'Pause ' : 'Resume ') + s.name, onclick: function () { act(s, s.enabled ? 'pause' : 'resume') } }, s.enabled ? 'Pause' : 'Resume'),
                h('button', { type: 'button', className: 'secondary', 'aria-label': 'Run ' + s.name + ' now', onclick: function () { act(s, 'run') } }, 'Run now'),
              ]),
            ]
            return h('tr', { 'data-schedule': s.name }, cells.map(function (c, i) { return h('td', { 'data-label': heads[i] }, c) }))
          }))]))
      })
    }
    function act(s, what) {
      api('POST', '/v1/schedules/' + encodeURIComponent(s.name) + '/' + what).then(function (r) {
        if (!r.ok) return announce(s.name + ': ' + problem(r))
        announce(what === 'run' ? 'Queued job ' + r.json.id.slice(-8) + ' of ' + s.name : (what === 'pause' ? 'Paused ' : 'Resumed ') + s.name)
        load()
      })
    }
    load()
    var form = document.getElementById('add-schedule')
    form.addEventListener('submit', function (e) {
      e.preventDefault()
      clearErrors(form)
      var v = function (n) { return form.elements[n].value.trim() }
      var job
      try { job = JSON.parse(v('job')) } catch (err) {
        return showErrors(form, 's', { status: 400, json: { detail: 'invalid request body.job: not JSON (' + err.message + ')' } }, function () { return null })
      }
      var body = { name: v('name'), cron: v('cron'), job: job, missed: v('missed') }
      if (v('tz')) body.tz = v('tz')
      if (v('jitterSeconds') !== '') body.jitterSeconds = Number(v('jitterSeconds'))
      api('POST', '/v1/schedules', body).then(function (r) {
        if (!r.ok) return showErrors(form, 's', r, function (detail, res) {
          if (res.status === 409 || /name/.test(detail)) return 'name'
          if (/cron/i.test(detail)) return 'cron'
          if (/time ?zone|tz/i.test(detail)) return 'tz'
          if (/job|serve\.allow/.test(detail)) return 'job'
          return null
        })
        announce('Added schedule ' + r.json.name)
        form.elements.name.value = ''
        load()
      })
    })
  }

  var page = main && main.getAttribute('data-page')
  if (page === 'jobs') jobsPage()
  else if (page === 'job') jobPage()
  else if (page === 'history') historyPage()
  else if (page === 'schedules') schedulesPage()
})()
`
