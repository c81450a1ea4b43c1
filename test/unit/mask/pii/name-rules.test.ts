import { describe, expect, it } from 'vitest'
import { nameHit, normalizeColumnName } from '../../../../src/mask/pii/name-rules.js'

const cat = (column: string, table = 'customers') => nameHit(column, table)?.category

describe('PII by column name', () => {
  it('normalises case, separators and accents', () => {
    expect(normalizeColumnName('E-Mail')).toBe('e_mail')
    expect(normalizeColumnName('eMail')).toBe('e_mail')
    expect(normalizeColumnName('Téléphone')).toBe('telephone')
    expect(normalizeColumnName('Straße')).toBe('strasse')
    expect(normalizeColumnName('national id')).toBe('national_id')
  })

  it.each([
    // English
    ['email', 'email'], ['e_mail', 'email'], ['EmailAddress', 'email'], ['phone', 'phone'], ['fax', 'phone'], ['mobile_number', 'phone'], ['first_name', 'first-name'],
    ['lastName', 'last-name'], ['surname', 'last-name'], ['contact_name', 'full-name'], ['street', 'street'], ['address_line_2', 'address-line'], ['address', 'address-line'],
    ['zip', 'zip'], ['postal_code', 'zip'], ['city', 'city'], ['ship_city', 'city'], ['birth_date', 'birth-date'], ['dob', 'birth-date'], ['ssn', 'national-id'],
    ['national id', 'national-id'], ['passport_number', 'national-id'], ['iban', 'iban'], ['credit_card', 'card'], ['card_number', 'card'], ['ip_address', 'ip'],
    ['password_hash', 'password'], ['username', 'username'], ['login', 'username'], ['company_name', 'company'], ['job_title', 'job-title'], ['notes', 'free-text'],
    ['comments', 'free-text'], ['latitude', 'geo'], ['lng', 'geo'],
    // German
    ['vorname', 'first-name'], ['Nachname', 'last-name'], ['telefon', 'phone'], ['Telefonnummer', 'phone'], ['strasse', 'street'], ['Straße', 'street'], ['plz', 'zip'],
    ['ort', 'city'], ['wohnort', 'city'], ['geburtsdatum', 'birth-date'], ['steuer_id', 'national-id'], ['kreditkarte', 'card'], ['passwort', 'password'],
    ['adresse', 'address-line'], ['bemerkung', 'free-text'], ['firma', 'company'],
    // French
    ['courriel', 'email'], ['téléphone', 'phone'], ['prenom', 'first-name'], ['nom', 'last-name'], ['rue', 'street'], ['code_postal', 'zip'], ['ville', 'city'],
    ['date_naissance', 'birth-date'], ['nir', 'national-id'], ['carte_bancaire', 'card'], ['mot_de_passe', 'password'], ['commentaire', 'free-text'],
    // Spanish
    ['correo', 'email'], ['telefono', 'phone'], ['nombre', 'first-name'], ['apellido', 'last-name'], ['apellidos', 'last-name'], ['calle', 'street'], ['ciudad', 'city'],
    ['fecha_nacimiento', 'birth-date'], ['dni', 'national-id'], ['tarjeta', 'card'], ['direccion', 'address-line'], ['contraseña', 'password'],
    // Portuguese
    ['telefone', 'phone'], ['cep', 'zip'], ['cidade', 'city'], ['cpf', 'national-id'], ['sobrenome', 'last-name'], ['data_nascimento', 'birth-date'], ['endereco', 'address-line'], ['senha', 'password'],
    // Italian
    ['cognome', 'last-name'], ['codice_fiscale', 'national-id'], ['indirizzo', 'address-line'], ['citta', 'city'], ['data_di_nascita', 'birth-date'], ['cellulare', 'phone'],
    // Dutch
    ['voornaam', 'first-name'], ['achternaam', 'last-name'], ['woonplaats', 'city'], ['bsn', 'national-id'], ['geboortedatum', 'birth-date'], ['wachtwoord', 'password'], ['straat', 'street'],
  ])('%s → %s', (column, category) => {
    expect(cat(column)).toBe(category)
  })

  it('a bare `name` is a person in a people table, a company in a company table, nothing elsewhere', () => {
    expect(cat('name', 'customers')).toBe('full-name')
    expect(cat('name', 'employees')).toBe('full-name')
    expect(cat('name', 'suppliers')).toBe('company')
    expect(cat('name', 'products')).toBeUndefined()
    expect(cat('name', 'tags')).toBeUndefined()
  })

  it.each(['nom_produit', 'nombre_producto', 'contact_via',  'category_name', 'nom_produit', 'sort_order', 'phone_type', 'address_type', 'email_verified', 'long_description', 'region_description', 'hotel', 'tool', 'true_value', 'price', 'order_id', 'description', 'title', 'created_at', 'state_changed'])(
    'not PII by name: %s',
    (column) => {
      expect(cat(column, 'orders')).toBeUndefined()
    },
  )

  it('bare Romance words for names only as the whole name: `nombre_empresa` is a company', () => {
    expect(cat('nombre_empresa')).toBe('company')
    expect(cat('nom_societe')).toBe('company')
    expect(cat('contact_nom')).toBe('last-name')
  })

  it('an IP or a password stays one next to an excluded word', () => {
    expect(cat('host_ip')).toBe('ip')
    expect(cat('file_password')).toBe('password')
  })
})
