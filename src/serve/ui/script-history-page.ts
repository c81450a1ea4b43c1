/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: the run
 * history: finished jobs, filtered by status and kind, paged by cursor.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_HISTORY_PAGE = String.raw`  /* ---- Run history: finished jobs, filtered, paged by cursor. ---- */
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

`
