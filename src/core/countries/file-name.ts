import { allCountries, countryByIso3, standardName } from './data';
import { findNames, matchCountry, type CountryMatch } from './names';
import { nameWords } from './normalize';

/**
 * The two-letter codes the European Union uses where they differ from ISO 3166-1 alpha-2
 * (the Interinstitutional Style Guide): Greece is EL, the United Kingdom UK.
 */
const EU_CODES: Record<string, string> = { EL: 'GRC', UK: 'GBR' };

let byAlpha2: Map<string, string> | undefined;

/** A country's ISO 3166-1 alpha-2 code (or an EU exception such as EL, UK) → its match. */
export function matchCountryCode(code: string): CountryMatch | undefined {
  const upper = code.trim().toUpperCase();
  byAlpha2 ??= new Map(allCountries().map((c) => [c.cca2, c.cca3]));
  const iso3 =
    EU_CODES[upper] ??
    (/^[A-Z]{2}$/.test(upper) ? byAlpha2.get(upper) : /^[A-Z]{3}$/.test(upper) ? upper : undefined);
  const c = iso3 ? countryByIso3(iso3) : undefined;
  return c ? { iso3: c.cca3, name: standardName(c) } : undefined;
}

/** A file name without its folders and extension. */
function stem(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

/**
 * The country a file's name gives: an upper-case code opening or closing the name, or between
 * underscores, as written ("DE_ODM 2023.xlsx" → "DE", "NSCS 2025 - EL.xlsx" → "EL",
 * "NSCS_EL_2025.xlsx" → "EL"), else the one country named in it ("Survey 2025 Viet Nam.xlsx" →
 * "Viet Nam"). A code elsewhere in the name is left alone: "IT", "NO", "IS" are words too.
 */
export function countryFromFileName(fileName: string): string | undefined {
  const name = stem(fileName);
  const tokens = name.split(/[\s_\-.,()[\]]+/).filter(Boolean);
  for (const token of [tokens[0], tokens[tokens.length - 1]]) {
    if (token && /^[A-Z]{2,3}$/.test(token) && matchCountryCode(token)) return token;
  }
  // Between underscores, as in "NSCS_EL_2025.xlsx".
  const between = [...name.matchAll(/(?:^|_)([A-Z]{2})(?=_|$)/g)]
    .map((m) => m[1])
    .filter((c) => matchCountryCode(c));
  if (between.length === 1) return between[0];
  const isos = new Set(findNames(nameWords(name)).map((s) => s.iso3));
  if (isos.size !== 1) return undefined;
  const c = countryByIso3([...isos][0]);
  return c ? standardName(c) : undefined;
}

/** The country a file-name clue stands for: a code (EU exceptions included), else a name. */
export function matchFileNameCountry(written: string): CountryMatch | undefined {
  const trimmed = written.trim();
  if (/^[A-Za-z]{2,3}$/.test(trimmed) && trimmed === trimmed.toUpperCase()) return matchCountryCode(trimmed);
  return matchCountry(trimmed);
}
