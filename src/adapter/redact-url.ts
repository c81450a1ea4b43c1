/**
 * Hide credentials in connection URLs before they reach a message, a log line or `--json` output.
 * Works on the raw text (not `new URL`) so the rest of the URL is shown exactly as the user wrote it.
 */

const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i
const PASSWORD_PARAM = /([?&](?:password|pass|pwd)=)[^&#]*/gi

/**
 * Replace the password of a URL with `***`: `postgres://app:s3cret@h/db` → `postgres://app:***@h/db`.
 * A `password=` query parameter is redacted too. URLs without credentials come back unchanged.
 */
export function redactUrl(url: string): string {
  const withoutUserinfoPassword = url.replace(USERINFO, (_all, scheme: string, userinfo: string) => {
    // The password is everything after the first ':' of the userinfo (user names cannot hold a raw ':').
    const colon = userinfo.indexOf(':')
    return colon < 0 ? `${scheme}${userinfo}@` : `${scheme}${userinfo.slice(0, colon)}:***@`
  })
  return withoutUserinfoPassword.replace(PASSWORD_PARAM, '$1***')
}

const URL_IN_TEXT = /([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/gi

/**
 * Last line of defence for free text (error messages, stack traces): every `scheme://user:password@`
 * and `password=` parameter in `text` gets `***`. Errors are built without secrets; this guards against
 * a driver message that echoes a URL.
 */
export function redactText(text: string): string {
  return text.replace(URL_IN_TEXT, '$1***@').replace(PASSWORD_PARAM, '$1***')
}
