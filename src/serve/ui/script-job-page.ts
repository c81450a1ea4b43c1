/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: one job's page:
 * facts, per-table progress, parameters, then its audit record and artifacts once it ends.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_JOB_PAGE = String.raw`  /* ---- One job: facts, progress per table, result, audit record, artifacts. ---- */
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

`
