/**
 * The dashboard's one script (served at /ui/app.js), plain ES2020 with no dependency: it fills the
 * server-rendered pages from the /v1 routes (session cookie; `X-TDG-CSRF` on changes), follows running
 * jobs over server-sent events, shows a server's validation error next to its field and announces status
 * changes in a polite live region. Every value goes in as text (textContent), never as HTML.
 * Kept as string modules so tsc needs no copy step (no backtick, no dollar-brace in them), one job a file,
 * joined in order into one function scope: the shared helpers first, then one function per page, then the
 * page dispatch below.
 */
import { SCRIPT_DOM } from './script-dom.js'
import { SCRIPT_API } from './script-api.js'
import { SCRIPT_PROGRESS } from './script-progress.js'
import { SCRIPT_FORM_ERRORS } from './script-form-errors.js'
import { SCRIPT_JOBS_PAGE } from './script-jobs-page.js'
import { SCRIPT_JOB_PAGE } from './script-job-page.js'
import { SCRIPT_HISTORY_PAGE } from './script-history-page.js'
import { SCRIPT_SCHEDULES_PAGE } from './script-schedules-page.js'

/** Which page function runs: the `data-page` of the server-rendered `main`. */
const SCRIPT_DISPATCH = String.raw`  var page = main && main.getAttribute('data-page')
  if (page === 'jobs') jobsPage()
  else if (page === 'job') jobPage()
  else if (page === 'history') historyPage()
  else if (page === 'schedules') schedulesPage()
})()
`

export const UI_SCRIPT = [SCRIPT_DOM, SCRIPT_API, SCRIPT_PROGRESS, SCRIPT_FORM_ERRORS, SCRIPT_JOBS_PAGE, SCRIPT_JOB_PAGE, SCRIPT_HISTORY_PAGE, SCRIPT_SCHEDULES_PAGE, SCRIPT_DISPATCH].join('')
