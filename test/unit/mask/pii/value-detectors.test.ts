import { beforeAll, describe, expect, it } from 'vitest'
import { nameDictionary, type NameDictionary } from '../../../../src/mask/pii/name-dictionary.js'
import { hasPiiInText, isCardNumber, isEmail, isFirstName, isFullName, isIban, isIp, isLastName, isNationalId, isPhone, valueKinds } from '../../../../src/mask/pii/value-detectors.js'

let dict: NameDictionary
beforeAll(async () => {
  dict = await nameDictionary()
})

describe('value detectors', () => {
  it('emails', () => {
    for (const v of ['ann@example.com', 'o.brien+news@mail.co.uk', ' x_y@d-e.io ']) expect(isEmail(v), v).toBe(true)
    for (const v of ['ann@', 'ann example.com', '@example.com', 'ann@example', 'a@b.c1']) expect(isEmail(v), v).toBe(false)
  })

  it('phones: E.164 and national shapes, not dates, decimals or ids', () => {
    for (const v of ['+4930123456', '+1 (555) 123-4567', '030-0074321', '(5) 555-4729', '91.24.45.40', '(171) 555-7788', '06 12 34 56 78', '0301234567', '555-1234 x12'])
      expect(isPhone(v), v).toBe(true)
    for (const v of ['2024-01-05', '12.03.2024', '1234567', '12345.67', '12:30', '42', 'ALFKI', '+12', '1234567890123456789'])
      expect(isPhone(v), v).toBe(false)
  })

  it('cards need a network digit and Luhn; IBANs need mod 97', () => {
    expect(isCardNumber('4111 1111 1111 1111')).toBe(true)
    expect(isCardNumber('5555-5555-5555-4444')).toBe(true)
    expect(isCardNumber('4111 1111 1111 1112')).toBe(false)
    expect(isCardNumber('1111111111111117')).toBe(false)
    expect(isIban('DE89 3704 0044 0532 0130 00')).toBe(true)
    expect(isIban('DE89 3704 0044 0532 0130 01')).toBe(false)
  })

  it('national ids of known shapes; BSN only when weak evidence is allowed', () => {
    for (const v of ['123-45-6789', 'AB123456C', '12345678Z', '529.982.247-25', '185057800608491', 'RSSMRA85T10A562S']) expect(isNationalId(v), v).toBe(true)
    for (const v of ['000-12-3456', '666-12-3456', '12345678A', '111.111.111-11', 'hello']) expect(isNationalId(v), v).toBe(false)
    expect(isNationalId('111222333')).toBe(false)
    expect(isNationalId('111222333', true)).toBe(true)
  })

  it('IPv4 and IPv6', () => {
    for (const v of ['192.168.0.1', '::1', '2001:db8::8a2e:370:7334']) expect(isIp(v), v).toBe(true)
    for (const v of ['256.1.1.1', '1.2.3', 'localhost']) expect(isIp(v), v).toBe(false)
  })

  it('person names from the dictionaries of several locales', () => {
    for (const v of ['Maria Anders', 'Frédérique Citeaux', 'José Pedro Freyre', 'Isabel de Castro', 'Schmidt, Anna', 'Lucía García', 'Jan de Vries']) expect(isFullName(v, dict), v).toBe(true)
    for (const v of ['Alfreds Futterkiste', 'Beverages', 'Widget 12', 'the quick fox', 'Obere Str. 57', 'Sales Representative']) expect(isFullName(v, dict), v).toBe(false)
    expect(isFirstName('Nancy', dict)).toBe(true)
    expect(isFirstName('Jean-Luc', dict)).toBe(true)
    expect(isFirstName('Toastmasters', dict)).toBe(false)
    expect(isLastName('Müller', dict)).toBe(true)
    expect(isLastName('Futterkiste', dict)).toBe(false)
  })

  it('free text with personal data inside', () => {
    expect(hasPiiInText('Please call back at +49 30 1234567 after five', dict)).toBe(true)
    expect(hasPiiInText('Invoice sent to ann@example.com yesterday', dict)).toBe(true)
    expect(hasPiiInText('Refund to DE89 3704 0044 0532 0130 00 approved', dict)).toBe(true)
    expect(hasPiiInText('Paid with 4111 1111 1111 1111 at the desk', dict)).toBe(true)
    expect(hasPiiInText('Spoke with Anna Schmidt about the delivery', dict)).toBe(true)
    expect(hasPiiInText('Soft drinks, coffees, teas, beers, and ales', dict)).toBe(false)
    expect(hasPiiInText('Shipped 12 units on 2024-01-05', dict)).toBe(false)
    expect(hasPiiInText('Anna Schmidt', dict)).toBe(false)
    expect(hasPiiInText('Customer Maria Anders called about the order', dict)).toBe(true)
    expect(hasPiiInText('We met Frédérique Citeaux twice today.', dict)).toBe(true)
    // At a sentence start a first name before a capitalised word needs a known last name too.
    expect(hasPiiInText('Will Power is the name of the campaign', dict)).toBe(false)
  })

  it('valueKinds: a card is not also a phone; plain text is nothing', () => {
    expect(valueKinds('4111111111111111', dict)).toEqual(['card'])
    expect(valueKinds('ann@example.com', dict)).toEqual(['email'])
    expect(valueKinds('Beverages', dict)).toEqual([])
  })
})
