/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: SSE progress:
 * `watch` follows a job's server-sent events (state, progress, end) until it ends or the page goes;
 * `progressCell` shows rows written of planned.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_PROGRESS = String.raw`  /* Follow job id's server-sent events until its end; onJob(job, final), onProgress(progress). */
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

`
