/**
 * Part of the dashboard script (`UI_SCRIPT`, ui-script.ts, served in that order), one job: a server's
 * validation error next to its field (`body.<field>: …`, else the field `fieldOf` names), the form's own
 * error line and the first bad field focused; `clearErrors`.
 * A string of plain ES2020 so tsc needs no copy step: it must hold no backtick and no dollar-brace.
 */
export const SCRIPT_FORM_ERRORS = String.raw`  /* Field errors: "invalid request body.rows: Too small; body.db: …" and allow-list refusals go next to their field. */
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

`
