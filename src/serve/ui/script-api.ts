/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: `api`: a /v1
 * route with the session cookie (and `X-TDG-CSRF` on changes), a 401 back to the sign-in page, a dead
 * server as status 0; `problem`: a failed answer's one-line detail.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_API = String.raw`  /* fetch a /v1 route with the session cookie (and the CSRF header for changes); {status, json}. */
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

`
