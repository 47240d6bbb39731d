import worldCountries from 'world-countries';
import { countryFacts, matchCountry } from './index';

/** The UN M49 regions and the groupings directly above countries (intermediate regions where M49 has them). */
const M49_REGIONS = ['Africa', 'Americas', 'Asia', 'Europe', 'Oceania'];
const M49_GROUPS = [
  'Northern Africa',
  'Eastern Africa',
  'Middle Africa',
  'Southern Africa',
  'Western Africa',
  'Caribbean',
  'Central America',
  'South America',
  'Northern America',
  'Central Asia',
  'Eastern Asia',
  'South-eastern Asia',
  'Southern Asia',
  'Western Asia',
  'Eastern Europe',
  'Northern Europe',
  'Southern Europe',
  'Western Europe',
  'Australia and New Zealand',
  'Melanesia',
  'Micronesia',
  'Polynesia',
];

describe('countryFacts', () => {
  it.each([
    ['KEN', 'Africa', 'Eastern Africa'],
    ['SSD', 'Africa', 'Eastern Africa'],
    ['COD', 'Africa', 'Middle Africa'],
    ['EGY', 'Africa', 'Northern Africa'],
    ['MEX', 'Americas', 'Central America'],
    ['USA', 'Americas', 'Northern America'],
    ['CAN', 'Americas', 'Northern America'],
    ['BRA', 'Americas', 'South America'],
    ['JAM', 'Americas', 'Caribbean'],
    ['AUT', 'Europe', 'Western Europe'],
    ['CZE', 'Europe', 'Eastern Europe'],
    ['ROU', 'Europe', 'Eastern Europe'],
    ['BLR', 'Europe', 'Eastern Europe'],
    ['HRV', 'Europe', 'Southern Europe'],
    ['SVN', 'Europe', 'Southern Europe'],
    ['CYP', 'Asia', 'Western Asia'],
    ['VNM', 'Asia', 'South-eastern Asia'],
    ['IRN', 'Asia', 'Southern Asia'],
    ['AUS', 'Oceania', 'Australia and New Zealand'],
    ['FSM', 'Oceania', 'Micronesia'],
  ])('places %s in %s / %s (UN M49)', (iso3, region, subregion) => {
    expect(countryFacts(iso3)).toMatchObject({ region, subregion });
  });

  it('places every UN Member State in an M49 region and grouping', () => {
    const members = worldCountries.filter((c) => c.unMember);
    expect(members.length).toBeGreaterThanOrEqual(193);
    const outside = members
      .map((c) => ({ iso3: c.cca3, facts: countryFacts(c.cca3) }))
      .filter(
        ({ facts }) => !facts || !M49_REGIONS.includes(facts.region) || !M49_GROUPS.includes(facts.subregion),
      );
    expect(outside).toEqual([]);
  });

  it('gives the same standard name as matchCountry, for any case of the code', () => {
    expect(countryFacts('civ')?.name).toBe(matchCountry("Côte d'Ivoire")?.name);
    expect(countryFacts('BLR')?.name).toBe('Belarus');
  });

  it('knows nothing of a code that is not ISO 3166-1 alpha-3', () => {
    expect(countryFacts('XXX')).toBeUndefined();
    expect(countryFacts('')).toBeUndefined();
  });
});
