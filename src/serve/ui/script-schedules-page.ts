/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: the schedules
 * page: list with next runs and last outcome; pause, resume, run now; the add form.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_SCHEDULES_PAGE = String.raw`  /* ---- Schedules: list with next runs and last outcome; add, pause, resume, run now. ---- */
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

`
