import worldCountries, { type Country } from 'world-countries';

/** Every entry of world-countries (UN Member States, observers and territories), by ISO3 code. */
let byIso3: Map<string, Country> | undefined;

export function allCountries(): readonly Country[] {
  return worldCountries;
}

export function countryByIso3(iso3: string): Country | undefined {
  byIso3 ??= new Map(worldCountries.map((c) => [c.cca3, c]));
  return byIso3.get(iso3.trim().toUpperCase());
}

/**
 * UN designations (the names of the UN M49 list and the E-Government Survey) where they differ
 * from world-countries' common English name. Everything else uses the package's common name.
 */
const UN_NAMES: Record<string, string> = {
  BOL: 'Bolivia (Plurinational State of)',
  BRN: 'Brunei Darussalam',
  CIV: "Côte d'Ivoire",
  COD: 'Democratic Republic of the Congo',
  COG: 'Congo',
  CPV: 'Cabo Verde',
  FSM: 'Micronesia (Federated States of)',
  GBR: 'United Kingdom of Great Britain and Northern Ireland',
  IRN: 'Iran (Islamic Republic of)',
  KOR: 'Republic of Korea',
  LAO: "Lao People's Democratic Republic",
  MDA: 'Republic of Moldova',
  PRK: "Democratic People's Republic of Korea",
  PSE: 'State of Palestine',
  RUS: 'Russian Federation',
  SYR: 'Syrian Arab Republic',
  TZA: 'United Republic of Tanzania',
  USA: 'United States of America',
  VAT: 'Holy See',
  VEN: 'Venezuela (Bolivarian Republic of)',
  VNM: 'Viet Nam',
};

/** The standard name returned everywhere: the UN designation, else world-countries' common name. */
export function standardName(c: Country): string {
  return UN_NAMES[c.cca3] ?? c.name.common;
}
