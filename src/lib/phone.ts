// Phone numbers as providers want them: E.164 (+5491144445555), read in the tenant's country when
// typed the local way ("011 15-4444-5555" in Argentina is +54 9 11 4444 5555). libphonenumber-js
// carries Google's numbering plans, so each country's trunk prefixes and mobile rules are its own.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The number in E.164, or null when it is not a valid number of its (or the default) country. */
export function toE164(raw: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), country.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}
