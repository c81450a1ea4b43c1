/** Check digits scramble keeps valid: Luhn (card numbers) and ISO 13616 mod-97 (IBAN). */

/** Card-like: 13–19 digits, optionally grouped by spaces or dashes. */
const CARD = /^[0-9](?:[0-9]|[ -](?=[0-9])){11,22}[0-9]$/
/** IBAN: country, two check digits, 11–30 alphanumerics, optional single spaces. */
const IBAN = /^[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}$/

/** Luhn check digit for the digits of `payload` (the check digit excluded). */
export function luhnDigit(payload: string): number {
  let sum = 0
  let double = true
  for (let i = payload.length - 1; i >= 0; i--) {
    const c = payload.charCodeAt(i)
    if (c < 48 || c > 57) continue
    let d = c - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return (10 - (sum % 10)) % 10
}

/** True when `s` is card-shaped and its last digit is its Luhn check digit. */
export function isLuhnCard(s: string): boolean {
  // CARD's first and last characters are digits: most values that are not cards (a phone's "+") fail here, without the RegExp.
  const first = s.charCodeAt(0)
  const last = s.charCodeAt(s.length - 1)
  if (!(first >= 48 && first <= 57 && last >= 48 && last <= 57) || !CARD.test(s)) return false
  const digits = s.replace(/[^0-9]/g, '')
  if (digits.length < 13 || digits.length > 19) return false
  return luhnDigit(s.slice(0, -1)) === s.charCodeAt(s.length - 1) - 48
}

/** The two IBAN check digits of a compact IBAN (its own check digits ignored). */
export function ibanCheck(compact: string): string {
  const re = compact.slice(4) + compact.slice(0, 2) + '00'
  let mod = 0
  for (let i = 0; i < re.length; i++) {
    const c = re.charCodeAt(i)
    const v = c >= 65 ? c - 55 : c - 48
    mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97
  }
  return String(98 - mod).padStart(2, '0')
}

/** True when `s` is IBAN-shaped with valid check digits. */
export function isIban(s: string): boolean {
  const c = s.charCodeAt(0)
  if (c < 65 || c > 90 || !IBAN.test(s)) return false
  const compact = s.replace(/ /g, '')
  return ibanCheck(compact) === compact.slice(2, 4)
}
