import worldCountries from 'world-countries';
import { standardName } from '../core/countries';

/** Which writing system a respondent may fall back to for names and answers. */
export type Script = 'latin' | 'cyrillic' | 'arabic';

export interface SampleCountry {
  iso3: string;
  /** The standard name of the core: the UN designation ("Viet Nam", "Côte d'Ivoire"), else the common name. */
  unName: string;
  commonName: string;
  officialName: string;
  /** Country-code top-level domain without the dot (`by`, `uk`). */
  tld: string;
  /** Second-level label of government sites (`gov`, `gob`, `gouv`). */
  govLabel: string;
  /** ISO 639-3 codes of the languages a response may be partly written in. */
  languages: string[];
  /** A name in a national non-Latin script, where one exists. */
  nativeName?: { script: Script; name: string };
}

// How respondents also write some names.
const informalNames: Record<string, string[]> = {
  USA: ['USA', 'United States', 'U.S.A.'],
  GBR: ['UK', 'United Kingdom'],
  COD: ['DR Congo', 'DRC', 'Congo (Democratic Republic)'],
  COG: ['Republic of the Congo', 'Congo-Brazzaville'],
  CIV: ["Cote d'Ivoire", 'Ivory Coast', 'Côte d’Ivoire'],
  TUR: ['Turkey', 'Turkiye', 'Republic of Türkiye'],
  VNM: ['Vietnam', 'Viet Nam'],
  NLD: ['The Netherlands', 'Netherlands (Kingdom of the)'],
  GMB: ['The Gambia'],
  KOR: ['South Korea', 'Korea, Republic of'],
  LAO: ['Lao PDR', 'Laos'],
  MDA: ['Moldova'],
  SWZ: ['Eswatini', 'Kingdom of Eswatini'],
  CZE: ['Czech Republic', 'Czechia'],
  CPV: ['Cape Verde'],
  TZA: ['Tanzania'],
  BOL: ['Bolivia'],
  VEN: ['Venezuela'],
  IRN: ['Iran', 'Islamic Republic of Iran'],
  SYR: ['Syria'],
  RUS: ['Russia'],
  BRN: ['Brunei'],
  FSM: ['Micronesia', 'Federated States of Micronesia'],
  STP: ['São Tomé and Príncipe', 'Sao Tome & Principe'],
  MKD: ['North Macedonia', 'Republic of North Macedonia'],
  BIH: ['Bosnia & Herzegovina'],
  TTO: ['Trinidad & Tobago'],
  ARE: ['UAE'],
};

const cyrillicLanguages = ['rus', 'bel', 'ukr', 'bul', 'srp', 'mkd', 'kaz', 'kir', 'tgk', 'mon'];

function govLabelFor(languages: string[]): string {
  if (languages[0] === 'spa') return 'gob';
  if (languages[0] === 'fra') return 'gouv';
  return 'gov';
}

function nativeNameOf(c: (typeof worldCountries)[number]): SampleCountry['nativeName'] {
  for (const [code, name] of Object.entries(c.name.native ?? {})) {
    if (cyrillicLanguages.includes(code) && /[\u0400-\u04ff]/.test(name.common))
      return { script: 'cyrillic', name: name.common.replace(/\u0301/g, '') };
    if (code === 'ara' && /[\u0600-\u06ff]/.test(name.common)) return { script: 'arabic', name: name.common };
  }
  return undefined;
}

/** The 193 UN Member States, ordered by ISO code. */
export const sampleCountries: readonly SampleCountry[] = worldCountries
  .filter((c) => c.unMember && c.cca3 !== 'VAT')
  .map((c) => {
    const languages = Object.keys(c.languages ?? {});
    return {
      iso3: c.cca3,
      unName: standardName(c),
      commonName: c.name.common,
      officialName: c.name.official,
      tld: c.tld[0].replace(/^\./, ''),
      govLabel: govLabelFor(languages),
      languages,
      nativeName: nativeNameOf(c),
    };
  })
  .sort((a, b) => a.iso3.localeCompare(b.iso3));

export function stripAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** The ways a respondent might write the country in the "Country name" field, with how often. */
export function writtenNames(c: SampleCountry): [string, number][] {
  const weights = new Map<string, number>();
  const add = (name: string, weight: number) => {
    if (!weights.has(name)) weights.set(name, weight);
    const plain = stripAccents(name);
    if (plain !== name && !weights.has(plain)) weights.set(plain, Math.max(1, weight / 3));
  };
  add(c.unName, 12);
  add(c.commonName, 5);
  for (const name of informalNames[c.iso3] ?? []) add(name, 3);
  if (c.officialName !== c.commonName && !c.officialName.includes('(')) add(c.officialName, 1);
  if (c.nativeName) add(c.nativeName.name, 1);
  return [...weights];
}

/** The name used inside institution names ("Ministry of Health of <name>"). */
export function institutionalName(c: SampleCountry): string {
  if (c.iso3 === 'GBR') return 'the United Kingdom';
  const name = c.unName.includes('(') ? c.commonName : c.unName;
  return /^(United|Republic|Russian|Democratic|Netherlands|Gambia|Bahamas|Philippines|Marshall|Solomon|Maldives|Comoros|Seychelles|Central African|Dominican Republic|Syrian|Lao|Czech)/.test(
    name,
  )
    ? `the ${name}`
    : name;
}
