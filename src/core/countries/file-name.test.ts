import { countryFromFileName, matchCountryCode, matchFileNameCountry } from './index';

describe('the country a file name gives', () => {
  it.each([
    ['DE_ODM 2023.xlsx', 'DE', 'DEU'],
    ['EL_ODM 2023.xlsx', 'EL', 'GRC'],
    ['UK_NSCS 2025.xlsx', 'UK', 'GBR'],
    ['batch/2023/AG_NSCS 2025.xlsx', 'AG', 'ATG'],
    ['NSCS 2025 - QA.xlsx', 'QA', 'QAT'],
    ['ARG_questionnaire.xlsx', 'ARG', 'ARG'],
    ['NSCS_EL_2025.xlsx', 'EL', 'GRC'],
  ])('%s → %s (%s)', (name, written, iso3) => {
    expect(countryFromFileName(name)).toBe(written);
    expect(matchFileNameCountry(written)?.iso3).toBe(iso3);
  });

  it('reads a full country name in the file name', () => {
    expect(matchFileNameCountry(countryFromFileName('Survey 2025 Viet Nam.xlsx')!)?.iso3).toBe('VNM');
    expect(matchFileNameCountry(countryFromFileName('ODM 2023 - Czech Republic.xlsx')!)?.iso3).toBe('CZE');
  });

  it.each([
    '00_ODM2023_questionnaire_template.xlsx',
    'responses.xlsx',
    'it_survey.xlsx',
    'Survey IT responses.xlsx',
  ])('finds none in %s', (name) => {
    expect(countryFromFileName(name)).toBeUndefined();
  });

  it('knows the EU exceptions only as codes, and ISO codes otherwise', () => {
    expect(matchCountryCode('EL')?.name).toBe('Greece');
    expect(matchCountryCode('GR')?.iso3).toBe('GRC');
    expect(matchCountryCode('UK')?.iso3).toBe('GBR');
    expect(matchCountryCode('GB')?.iso3).toBe('GBR');
    expect(matchCountryCode('XX')).toBeUndefined();
  });
});
