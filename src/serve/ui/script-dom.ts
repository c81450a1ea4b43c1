/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: opens the
 * script and holds what every page uses: the CSRF token, job status labels, `h` (elements from text, never
 * HTML), `replace`, the live-region `announce`, number/time/duration formats, status badges and job links.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_DOM = String.raw`(function () {
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

`
