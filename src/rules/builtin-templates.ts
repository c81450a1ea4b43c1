/**
 * Built-in semantic templates a rule can `use` by name. A template of the same name in the rules file
 * overrides the built-in one.
 */
import type { ColumnRule } from './schema.js'

/** Name → rule body. */
export const BUILTIN_TEMPLATES: Readonly<Record<string, ColumnRule>> = {
  email: { template: '{{person.firstName}}.{{person.lastName}}@{{internet.domainName}}', lowercase: true },
  first_name: { faker: 'person.firstName' },
  last_name: { faker: 'person.lastName' },
  full_name: { faker: 'person.fullName' },
  username: { faker: 'internet.username', lowercase: true },
  phone: { faker: 'phone.number' },
  company: { faker: 'company.name' },
  job_title: { faker: 'person.jobTitle' },
  street: { faker: 'location.streetAddress' },
  city: { faker: 'location.city' },
  zip: { faker: 'location.zipCode' },
  country: { faker: 'location.country' },
  country_code: { faker: 'location.countryCode' },
  url: { faker: 'internet.url' },
  iban: { faker: 'finance.iban' },
  currency: { faker: 'finance.currencyCode' },
  sku: { regex: '[A-Z]{3}-[0-9]{5}' },
  ssn: { regex: '[0-9]{3}-[0-9]{2}-[0-9]{4}' },
  price: { range: { min: 1, max: 1000 }, distribution: 'lognormal' },
}
