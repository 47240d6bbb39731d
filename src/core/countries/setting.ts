import { allCountries, countryByIso3 } from './data';
import { matchCountry } from './names';

/** The European Union's own two-letter codes where they differ from ISO 3166-1 (Greece, United Kingdom). */
const EU_CODES: Record<string, string> = { EL: 'GRC', UK: 'GBR' };

let byIso2: Map<string, string> | undefined;

/**
 * The country an analyst sets, as ISO 3166-1 alpha-3: written as an alpha-3 or alpha-2 code (any
 * case; the EU's EL and UK too) or as a name in any form the name matcher knows.
 */
export function countryOfSetting(value: string): string | undefined {
  const v = value.trim();
  if (/^[a-z]{3}$/i.test(v) && countryByIso3(v)) return v.toUpperCase();
  if (/^[a-z]{2}$/i.test(v)) {
    byIso2 ??= new Map(allCountries().map((c) => [c.cca2, c.cca3]));
    return EU_CODES[v.toUpperCase()] ?? byIso2.get(v.toUpperCase());
  }
  return matchCountry(v)?.iso3;
}
