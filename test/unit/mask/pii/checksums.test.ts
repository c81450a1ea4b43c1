import { describe, expect, it } from 'vitest'
import { bsnValid, cpfValid, dniValid, ibanValid, luhnValid, nirValid } from '../../../../src/mask/pii/checksums.js'

describe('check digits', () => {
  it('Luhn: test card numbers pass, one changed digit fails', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117']) expect(luhnValid(n), n).toBe(true)
    for (const n of ['4111111111111112', '5555555555554445', '1234567812345678', '12a4']) expect(luhnValid(n), n).toBe(false)
  })

  it('IBAN: mod 97 = 1, spaces and lower case allowed', () => {
    for (const n of ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300', 'de89 3704 0044 0532 0130 00'])
      expect(ibanValid(n), n).toBe(true)
    for (const n of ['DE89370400440532013001', 'GB82WEST1234569876543X', 'DE8937040044', '1234567890123456']) expect(ibanValid(n), n).toBe(false)
  })

  it('Spanish DNI/NIE letter, Brazilian CPF digits, French NIR key, Dutch BSN 11-test', () => {
    expect(dniValid('12345678Z')).toBe(true)
    expect(dniValid('12345678A')).toBe(false)
    expect(dniValid('X1234567L')).toBe(true)
    expect(cpfValid('529.982.247-25')).toBe(true)
    expect(cpfValid('52998224725')).toBe(true)
    expect(cpfValid('529.982.247-26')).toBe(false)
    expect(cpfValid('111.111.111-11')).toBe(false)
    expect(nirValid('1850578006084 91')).toBe(true)
    expect(nirValid('185057800608492')).toBe(false)
    expect(nirValid('269029934173285')).toBe(true)
    expect(bsnValid('111222333')).toBe(true)
    expect(bsnValid('111222334')).toBe(false)
    expect(bsnValid('000000000')).toBe(false)
  })
})
