import { countryOfSetting } from './setting';

describe('countryOfSetting', () => {
  it.each([
    ['DEU', 'DEU'],
    ['deu', 'DEU'],
    ['DE', 'DEU'],
    ['de', 'DEU'],
    ['EL', 'GRC'],
    ['UK', 'GBR'],
    ['GB', 'GBR'],
    ['Viet Nam', 'VNM'],
    ["Côte d'Ivoire", 'CIV'],
    [' Kenya ', 'KEN'],
  ])('reads %j as %s', (value, iso3) => {
    expect(countryOfSetting(value)).toBe(iso3);
  });

  it.each(['Atlantis', 'XX', 'QQQ', ''])('knows no country %j', (value) => {
    expect(countryOfSetting(value)).toBeUndefined();
  });
});
