/**
 * Last line of defence: replace the password part of any `scheme://user:password@` in text with `***`.
 * Errors are built without secrets; this guards against a driver message that echoes a URL.
 */
export function redactSecrets(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/gi, '$1***@')
}
