/**
 * PII by column name, in English, German, French, Spanish, Portuguese, Italian and Dutch. Names are
 * normalised first (`E-Mail`, `eMail`, `téléphone` → `e_mail`, `e_mail`, `telephone`) and matched word by
 * word (`_`-separated), so `sort_order` never reads as German `ort`. `strength` is how sure the name alone
 * is; value evidence and the column's type adjust it in `detect.ts`.
 */
import type { PiiCategory } from '../../model/mask.js'
import { snakeName, stringSemantic } from '../../plan/semantics.js'

/** What a column's name says. */
export interface NameHit {
  category: PiiCategory
  /** 0..1, before value evidence. */
  strength: number
}

/** `E-Mail-Adresse` → `e_mail_adresse`; `téléphone` → `telephone`; `Straße` → `strasse`. */
export function normalizeColumnName(name: string): string {
  return snakeName(name.replace(/ß/g, 'ss').normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
}

/** `w(…)`: the words as a whole-word alternation inside a snake_case name. */
function w(...words: string[]): RegExp {
  return new RegExp(`(?:^|_)(?:${words.join('|')})(?:_|$)`)
}

/** `t(…)`: the words at the end of the name, optionally followed by `_name`/`_code`/`_line`…: `ship_city`, `city_name`, not `city_count`. */
function t(...words: string[]): RegExp {
  return new RegExp(`(?:^|_)(?:${words.join('|')})(?:_(?:name|code|nr|no|number|text|line|value))?$`)
}

/** Names that look personal but are not (checked first). */
const NOT_PII = [
  w('product', 'produit', 'produkt', 'producto', 'produto', 'prodotto', 'item', 'article', 'artikel', 'category', 'brand', 'sku', 'file', 'table', 'column', 'host', 'domain', 'server', 'event', 'queue', 'template', 'type', 'kind', 'status', 'format', 'count', 'verified', 'confirmed', 'opt_in'),
]

/** [pattern, category, strength]: first match wins, so the specific ones come first. */
const RULES: Array<[RegExp, PiiCategory, number]> = [
  [w('password', 'passwd', 'pwd', 'pass_hash', 'passwort', 'kennwort', 'mot_de_passe', 'mdp', 'contrasena', 'clave', 'senha', 'wachtwoord', 'parola_chiave'), 'password', 0.95],
  [w('iban', 'bank_account', 'account_number', 'acct_number', 'kontonummer', 'bankverbindung', 'numero_de_compte', 'rib', 'numero_cuenta', 'cuenta_bancaria', 'conta_bancaria', 'numero_conto', 'rekeningnummer', 'rekening'), 'iban', 0.9],
  [w('credit_card', 'creditcard', 'card_number', 'card_no', 'card_num', 'cc_number', 'ccnum', 'cc_num', 'pan', 'kreditkarte', 'kreditkartennummer', 'kartennummer', 'carte', 'carte_bancaire', 'numero_carte', 'carte_bleue', 'tarjeta', 'numero_tarjeta', 'cartao', 'numero_cartao', 'carta_di_credito', 'creditcardnummer', 'card'), 'card', 0.85],
  [
    w('ssn', 'social_security', 'social_security_number', 'sozialversicherungsnummer', 'svnr', 'national_id', 'nationalid', 'national_number', 'nin', 'nino', 'tax_id', 'taxid', 'tin', 'steuer_id', 'steuerid', 'steuernummer', 'steuer_identifikationsnummer', 'nir', 'insee', 'numero_secu', 'secu', 'numero_securite_sociale', 'dni', 'nie', 'nif', 'nss', 'curp', 'rfc', 'cpf', 'rg', 'cuil', 'cuit', 'bsn', 'burgerservicenummer', 'sofinummer', 'codice_fiscale', 'passport', 'passport_number', 'passport_no', 'reisepass', 'passeport', 'pasaporte', 'passaporto', 'paspoort', 'personalausweis', 'ausweisnummer', 'id_card', 'identity_card', 'id_number', 'drivers_license', 'driver_license', 'driving_licence', 'fuehrerschein', 'permis', 'sin', 'aadhaar'),
    'national-id',
    0.9,
  ],
  [w('e_?mail', 'email_address', 'mail', 'mail_address', 'mailadresse', 'e_?mail_adresse', 'courriel', 'adresse_mail', 'correo', 'correo_electronico', 'posta_elettronica', 'e_?post', 'emailadres'), 'email', 0.95],
  [w('phone', 'phone_number', 'telephone', 'telefon', 'telefonnummer', 'telefono', 'telefone', 'telefoon', 'telefoonnummer', 'tel', 'tel_no', 'fax', 'telefax', 'mobile', 'mobil', 'mobilnummer', 'handy', 'cell', 'cellphone', 'cell_phone', 'portable', 'celular', 'movil', 'cellulare', 'gsm', 'mobiel', 'msisdn'), 'phone', 0.9],
  [w('birth', 'birthday', 'birthdate', 'dob', 'date_of_birth', 'born', 'born_on', 'geburt', 'geburtsdatum', 'geburtstag', 'naissance', 'date_naissance', 'date_de_naissance', 'nacimiento', 'fecha_nacimiento', 'fecha_de_nacimiento', 'nascimento', 'data_nascimento', 'data_di_nascita', 'nascita', 'geboortedatum', 'geboren'), 'birth-date', 0.9],
  [w('first_?name', 'given_?name', 'fore_?name', 'fname', 'vorname', 'prenom', 'primer_nombre', 'primeiro_nome', 'voornaam'), 'first-name', 0.9],
  // Bare words that also start other names (`nom_produit`, `nombre_empresa`): only as the whole name or its last word.
  [/(?:^|_)(?:nombre|nome)$/, 'first-name', 0.8],
  [/(?:^|_)nom$/, 'last-name', 0.8],
  [w('last_?name', 'sur_?name', 'family_?name', 'lname', 'nachname', 'familienname', 'nom_de_famille', 'nom_famille', 'apellidos?', 'primer_apellido', 'segundo_apellido', 'sobrenome', 'apelido', 'cognome', 'achternaam', 'maiden_name'), 'last-name', 0.9],
  [w('full_?name', 'display_?name', 'contact_?name', 'contact_person', 'customer_?name', 'client_name', 'person_?name', 'employee_name', 'patient_name', 'member_name', 'author_name', 'recipient', 'recipient_name', 'addressee', 'account_holder', 'holder_name', 'card_?holder', 'cardholder_name', 'ship_name', 'ship_to_name', 'billing_name', 'shipping_name', 'nombre_completo', 'nom_complet', 'vollstaendiger_name', 'nome_completo', 'volledige_naam', 'ansprechpartner', 'kontaktperson'), 'full-name', 0.85],
  [w('user_?name', 'login', 'login_name', 'handle', 'nick_?name', 'screen_?name', 'benutzer', 'benutzername', 'nom_utilisateur', 'identifiant', 'pseudo', 'usuario', 'nombre_usuario', 'nome_utente', 'utente', 'gebruikersnaam'), 'username', 0.85],
  [w('ip', 'ip_?address', 'ip_?addr', 'ipv4', 'ipv6', 'remote_addr', 'remote_ip', 'client_ip', 'last_ip', 'adresse_ip', 'direccion_ip', 'ip_adresse'), 'ip', 0.85],
  [t('address_?line_?2', 'address_?2', 'addr_?2', 'adresszusatz', 'complement', 'complemento'), 'address-line', 0.75],
  [t('street', 'street_?address', 'address_?line_?1', 'address_?line', 'address_?1', 'addr_?1', 'strasse', 'str', 'hausnummer', 'house_number', 'rue', 'voie', 'calle', 'rua', 'logradouro', 'straat', 'straatnaam', 'huisnummer'), 'street', 0.85],
  [t('address', 'addr', 'adresse', 'anschrift', 'direccion', 'domicilio', 'endereco', 'indirizzo', 'adres', 'woonadres'), 'address-line', 0.85],
  [t('zip', 'zip_?code', 'zipcode', 'postal', 'postal_code', 'postcode', 'post_code', 'plz', 'postleitzahl', 'code_postal', 'codigo_postal', 'cod_postal', 'cep', 'cap', 'codice_postale'), 'zip', 0.75],
  [t('city', 'town', 'ort', 'stadt', 'wohnort', 'ville', 'commune', 'ciudad', 'localidad', 'municipio', 'cidade', 'citta', 'comune', 'localita', 'plaats', 'woonplaats', 'gemeente', 'locality', 'municipality'), 'city', 0.75],
  [t('state', 'province', 'region', 'county', 'bundesland', 'kanton', 'departement', 'provincia', 'estado', 'regione', 'provincie'), 'state', 0.6],
  [t('country', 'country_code', 'land', 'pays', 'pais', 'paese', 'nazione', 'nationality', 'staatsangehoerigkeit', 'nationalite', 'nacionalidad', 'nacionalidade', 'nazionalita', 'nationaliteit'), 'country', 0.55],
  [t('lat', 'latitude', 'lng', 'lon', 'long', 'longitude', 'geo', 'geolocation', 'coordinates', 'coords', 'gps', 'breitengrad', 'laengengrad', 'latitud', 'longitud', 'latitudine', 'longitudine', 'breedtegraad', 'lengtegraad'), 'geo', 0.7],
  [t('company', 'company_name', 'organization', 'organisation', 'organization_name', 'employer', 'firma', 'firmenname', 'unternehmen', 'arbeitgeber', 'entreprise', 'societe', 'raison_sociale', 'empresa', 'compania', 'razon_social', 'azienda', 'societa', 'ragione_sociale', 'bedrijf', 'bedrijfsnaam', 'business_name'), 'company', 0.6],
  [t('job_?title', 'contact_title', 'position', 'occupation', 'profession', 'beruf', 'berufsbezeichnung', 'poste', 'fonction', 'puesto', 'cargo', 'ocupacion', 'profissao', 'professione', 'mansione', 'functie', 'beroep'), 'job-title', 0.55],
  [w('notes?', 'comments?', 'remarks?', 'memo', 'bio', 'biography', 'about_me', 'feedback', 'message', 'anmerkung', 'bemerkung', 'notiz', 'kommentar', 'commentaire', 'remarque', 'observations?', 'nota', 'notas', 'comentarios?', 'observaciones', 'observacoes', 'osservazioni', 'opmerkingen?', 'toelichting'), 'free-text', 0.6],
  [w('homepage', 'website', 'web_?site', 'profile_url', 'avatar_url', 'linkedin', 'twitter', 'facebook', 'instagram', 'personal_url'), 'url', 0.45],
]

/** The PII a column's name says (table name for context: `name` in `customers` is a person's name), or undefined. */
export function nameHit(column: string, table: string): NameHit | undefined {
  const n = normalizeColumnName(column)
  const exclusion = NOT_PII.some((re) => re.test(n))
  for (const [re, category, strength] of RULES) {
    if (!re.test(n)) continue
    // `product_name`, `phone_type`, `email_verified`: an excluded word wins, except over an IP or a password (`host_ip`, `file_password`).
    if (exclusion && category !== 'ip' && category !== 'password') return undefined
    return { category, strength }
  }
  if (exclusion) return undefined
  // A bare `name` (or `<table>_name`) in a people table is a person's; in a company table a company's.
  const s = stringSemantic(column, table)
  if ((n === 'name' || n.endsWith('_name')) && s === 'full-name') return { category: 'full-name', strength: 0.8 }
  if ((n === 'name' || n.endsWith('_name')) && s === 'company') return { category: 'company', strength: 0.55 }
  return undefined
}
