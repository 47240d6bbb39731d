import { countryByIso3, standardName } from './data';

/**
 * Regions follow the UN M49 geoscheme: region ("Africa", "Americas", "Asia", "Europe", "Oceania") and
 * the finest named grouping below it ("Eastern Africa", "Caribbean", "South America", "Northern
 * America"): M49's intermediate region where it has one, its sub-region otherwise. So "Americas" is
 * split into Caribbean, Central America, South America and Northern America, and Sub-Saharan Africa
 * into its four intermediate regions.
 *
 * world-countries mostly matches; where it departs from M49 it is corrected here.
 */
const M49_CORRECTIONS: Record<string, [region: string, subregion: string]> = {
  // world-countries' "Central Europe" and "Southeast Europe" are not M49 groupings.
  AUT: ['Europe', 'Western Europe'],
  CZE: ['Europe', 'Eastern Europe'],
  HUN: ['Europe', 'Eastern Europe'],
  POL: ['Europe', 'Eastern Europe'],
  SVK: ['Europe', 'Eastern Europe'],
  SVN: ['Europe', 'Southern Europe'],
  BGR: ['Europe', 'Eastern Europe'],
  ROU: ['Europe', 'Eastern Europe'],
  ALB: ['Europe', 'Southern Europe'],
  BIH: ['Europe', 'Southern Europe'],
  HRV: ['Europe', 'Southern Europe'],
  MKD: ['Europe', 'Southern Europe'],
  MNE: ['Europe', 'Southern Europe'],
  SRB: ['Europe', 'Southern Europe'],
  UNK: ['Europe', 'Southern Europe'],
  CYP: ['Asia', 'Western Asia'],
  SSD: ['Africa', 'Eastern Africa'],
  MEX: ['Americas', 'Central America'],
  UMI: ['Oceania', 'Micronesia'],
  ATF: ['Africa', 'Eastern Africa'],
  BVT: ['Americas', 'South America'],
  SGS: ['Americas', 'South America'],
  HMD: ['Oceania', 'Australia and New Zealand'],
};

/** M49 spellings of sub-regions that world-countries names differently. */
const M49_SUBREGION_NAMES: Record<string, string> = {
  'North America': 'Northern America',
  'South-Eastern Asia': 'South-eastern Asia',
};

/** Region and sub-region (UN M49 geoscheme names, e.g. "Africa" / "Eastern Africa") and the standard name of an ISO3 code. */
export function countryFacts(iso3: string): { name: string; region: string; subregion: string } | undefined {
  const c = countryByIso3(iso3);
  if (!c) return undefined;
  const [region, subregion] = M49_CORRECTIONS[c.cca3] ?? [
    c.region,
    M49_SUBREGION_NAMES[c.subregion] ?? c.subregion,
  ];
  return { name: standardName(c), region, subregion };
}
