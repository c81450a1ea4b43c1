/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: the jobs page:
 * recent jobs live over SSE, cancel, and the start-a-job form (fields shown per kind).
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_JOBS_PAGE = String.raw`  /* ---- Jobs page: recent jobs live, the start form, cancel. ---- */
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

`
