/* eslint-disable no-restricted-imports -- the tests read the labelled corpus from disk */
import * as fs from 'fs';
import * as path from 'path';
import worldCountries from 'world-countries';
import { matchCountry } from './index';

const TRUTH = path.resolve(__dirname, '../../../../shared/corpus/msq-2022/truth/responses.json');
const loadTruth = (): { country_written: string; country_iso3: string }[] =>
  JSON.parse(fs.readFileSync(TRUTH, 'utf8')).responses;

const iso = (written: string) => matchCountry(written)?.iso3;

describe('matchCountry', () => {
  it('matches every country written in the labelled corpus', () => {
    const written = loadTruth().filter((r) => r.country_written.trim());
    expect(written.length).toBeGreaterThan(90);
    const misses = written
      .filter((r) => iso(r.country_written) !== r.country_iso3)
      .map((r) => `${r.country_written} → ${iso(r.country_written)} (want ${r.country_iso3})`);
    expect(misses).toEqual([]);
  });

  it('matches the common and official name and the spellings of every entry of world-countries', () => {
    const misses: string[] = [];
    for (const c of worldCountries) {
      for (const n of [c.name.common, c.name.official, ...c.altSpellings.filter((a) => a.length > 2)]) {
        if (iso(n) !== c.cca3) misses.push(`${n} → ${iso(n)} (want ${c.cca3})`);
      }
    }
    expect(misses).toEqual([]);
  });

  it.each([
    ['DR Congo', 'COD'],
    ['Türkiye', 'TUR'],
    ['Turkey', 'TUR'],
    ['Viet Nam', 'VNM'],
    ["Lao People's Democratic Republic", 'LAO'],
    ['Lao PDR', 'LAO'],
    ['Republic of Moldova', 'MDA'],
    ['Republic of Korea', 'KOR'],
    ['The Gambia', 'GMB'],
    ['Gambia, The', 'GMB'],
    ['The Netherlands', 'NLD'],
    ['Netherlands (Kingdom of the)', 'NLD'],
    ['USA', 'USA'],
    ['U.S.A.', 'USA'],
    ['United States of America', 'USA'],
    ['Micronesia (Federated States of)', 'FSM'],
    ['Bolivia (Plurinational State of)', 'BOL'],
    ['Venezuela (Bolivarian Republic of)', 'VEN'],
    ['Iran (Islamic Republic of)', 'IRN'],
    ['United Republic of Tanzania', 'TZA'],
    ["Côte d'Ivoire", 'CIV'],
    ["Cote d'Ivoire", 'CIV'],
    ['Côte d’Ivoire', 'CIV'],
    ['Eswatini', 'SWZ'],
    ['Swaziland', 'SWZ'],
    ['Czechia', 'CZE'],
    ['Czech Republic', 'CZE'],
    ['Cabo Verde', 'CPV'],
    ['São Tomé and Príncipe', 'STP'],
    ['Sao Tome & Principe', 'STP'],
    ['Brunei Darussalam', 'BRN'],
    ['Syrian Arab Republic', 'SYR'],
    ['Russian Federation', 'RUS'],
    ['United Kingdom of Great Britain and Northern Ireland', 'GBR'],
    ['Holy See', 'VAT'],
    ['State of Palestine', 'PSE'],
    ['St. Lucia', 'LCA'],
    ['Saint Vincent & the Grenadines', 'VCT'],
    ['Trinidad & Tobago', 'TTO'],
    ['Беларусь', 'BLR'],
    ['Deutschland', 'DEU'],
  ])('reads the designation %p as %s', (written, want) => {
    expect(iso(written)).toBe(want);
  });

  it.each([
    ['Congo', 'COG'],
    ['Republic of the Congo', 'COG'],
    ['Congo, Rep.', 'COG'],
    ['Democratic Republic of the Congo', 'COD'],
    ['Democratic Republic of Congo', 'COD'],
    ['Congo, Dem. Rep.', 'COD'],
    ['Congo (Democratic Republic)', 'COD'],
    ['Niger', 'NER'],
    ['Republic of the Niger', 'NER'],
    ['Nigeria', 'NGA'],
    ['Federal Republic of Nigeria', 'NGA'],
    ['Dominica', 'DMA'],
    ['Commonwealth of Dominica', 'DMA'],
    ['Dominican Republic', 'DOM'],
    ['Guinea', 'GIN'],
    ['Republic of Guinea', 'GIN'],
    ['Guinea-Bissau', 'GNB'],
    ['Equatorial Guinea', 'GNQ'],
    ['Papua New Guinea', 'PNG'],
    ['Sudan', 'SDN'],
    ['Republic of the Sudan', 'SDN'],
    ['South Sudan', 'SSD'],
    ['Korea (Republic of)', 'KOR'],
    ['Korea, Republic of', 'KOR'],
    ["Democratic People's Republic of Korea", 'PRK'],
    ["Korea, Dem. People's Rep.", 'PRK'],
    ['Samoa', 'WSM'],
    ['Independent State of Samoa', 'WSM'],
    ['American Samoa', 'ASM'],
    ['Ireland', 'IRL'],
    ['Micronesia', 'FSM'],
    ['Federated States of Micronesia', 'FSM'],
  ])('tells the confusable %p apart as %s', (written, want) => {
    expect(iso(written)).toBe(want);
  });

  it.each([
    ['Republic of Chile', 'CHL'],
    ['Chile.', 'CHL'],
    [' Chile ', 'CHL'],
    ['CHILE', 'CHL'],
    ['Government of Chile', 'CHL'],
    ['Chile, Republic of', 'CHL'],
    ['Kingdom of Eswatini', 'SWZ'],
  ])('reads %p with extra words or punctuation as %s', (written, want) => {
    expect(iso(written)).toBe(want);
  });

  it.each([
    'n/a',
    'N/A',
    'NA',
    '',
    '   ',
    'Ministry',
    'Ministry of Finance',
    'none',
    '-',
    'Republic',
    // Ambiguous or not a Member State's name: an honest "no match".
    'Korea',
    'Democratic Republic of Korea',
    'Northern Ireland',
    'New Guinea',
    'Chile and Peru',
  ])('gives no match for %p', (written) => {
    expect(matchCountry(written)).toBeUndefined();
  });

  it('returns the standard name with the code', () => {
    expect(matchCountry('Vietnam')).toEqual({ iso3: 'VNM', name: 'Viet Nam' });
    expect(matchCountry('Bolivia')).toEqual({ iso3: 'BOL', name: 'Bolivia (Plurinational State of)' });
    expect(matchCountry('Chile')).toEqual({ iso3: 'CHL', name: 'Chile' });
  });
});
