/**
 * Check-digit validators of identifying numbers: what tells a real card number, IBAN or national id from
 * a random run of digits of the same shape. Pure functions of the text; no value leaves them.
 */

/** Luhn (mod 10) over a string of digits: card numbers, Canadian SIN, many customer numbers. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** ISO 13616 IBAN (spaces allowed): two letters, two check digits, 11–30 alphanumerics, mod 97 = 1. */
export function ibanValid(text: string): boolean {
  const s = text.replace(/ /g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false
  const moved = s.slice(4) + s.slice(0, 4)
  let rest = 0
  for (const ch of moved) {
    const code = ch.charCodeAt(0)
    const part = code >= 65 ? String(code - 55) : ch
    for (const d of part) rest = (rest * 10 + (d.charCodeAt(0) - 48)) % 97
  }
  return rest === 1
}

/** Spanish DNI (`12345678Z`) and NIE (`X1234567L`): the letter is the number mod 23. */
export function dniValid(text: string): boolean {
  const m = /^([XYZ]|\d)(\d{7})([A-Z])$/.exec(text.toUpperCase())
  if (!m) return false
  const lead = m[1] === 'X' ? '0' : m[1] === 'Y' ? '1' : m[1] === 'Z' ? '2' : m[1]!
  return 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(lead + m[2]) % 23] === m[3]
}

/** Brazilian CPF (`123.456.789-09` or 11 digits): two mod-11 check digits, not all digits equal. */
export function cpfValid(text: string): boolean {
  if (!/^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$/.test(text)) return false
  const d = text.replace(/\D/g, '')
  if (/^(\d)\1{10}$/.test(d)) return false
  const check = (n: number): number => {
    let sum = 0
    for (let i = 0; i < n; i++) sum += (d.charCodeAt(i) - 48) * (n + 1 - i)
    const r = (sum * 10) % 11
    return r === 10 ? 0 : r
  }
  return check(9) === d.charCodeAt(9) - 48 && check(10) === d.charCodeAt(10) - 48
}

/** French NIR (numéro de sécurité sociale): 13 digits + a 2-digit key = 97 − (number mod 97); Corsica's 2A/2B allowed. */
export function nirValid(text: string): boolean {
  const s = text.replace(/ /g, '').toUpperCase()
  const m = /^([12]\d{4}(?:\d{2}|2A|2B)\d{6})(\d{2})$/.exec(s)
  if (!m) return false
  const body = m[1]!.replace('2A', '19').replace('2B', '18')
  const n = BigInt(body)
  return Number(97n - (n % 97n)) === Number(m[2])
}

/** Dutch BSN: 9 digits passing the "11-proef" (weights 9..2, the last −1). */
export function bsnValid(text: string): boolean {
  if (!/^\d{9}$/.test(text) || /^0+$/.test(text)) return false
  let sum = 0
  for (let i = 0; i < 8; i++) sum += (text.charCodeAt(i) - 48) * (9 - i)
  sum -= text.charCodeAt(8) - 48
  return sum % 11 === 0
}
