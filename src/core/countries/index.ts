/**
 * Countries: what respondents write normalised to ISO 3166-1 alpha-3, a blank country inferred from
 * the answers, and UN M49 regions. All names, codes, domains and regions come from world-countries;
 * the standard name is the UN designation, else the package's common English name (see `standardName`).
 */
export type { CountryMatch } from './names';
export { matchCountry } from './names';
export { inferCountry } from './infer';
export { countryFacts } from './regions';
export { standardName } from './data';
export { countryFromFileName, matchCountryCode, matchFileNameCountry } from './file-name';
export { countryOfSetting } from './setting';
