import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const countryRules = withRules(def, 'country-inferred', 'country-unknown');
const base = { region: '', subregion: '' };

describe('country rules', () => {
  it('says where a country was inferred, quoting the clues', () => {
    const r = handBuilt(def, completeAnswers(def), {
      country: {
        ...base,
        iso3: 'BEN',
        name: 'Benin',
        source: 'inferred',
        written: '',
        evidence: '12 links under .bj',
      },
    });
    const issues = runChecks([r], countryRules);
    expect(issues.map((i) => [i.rule, i.questionId, i.severity, i.evidence])).toEqual([
      ['country-inferred', '', 'info', '12 links under .bj'],
    ]);
    expect(issues[0].message).toBe(
      'The country was left blank; it was inferred as Benin from the answers. Confirm it.',
    );
  });

  it('raises country-unknown when nothing points to a country', () => {
    const r = handBuilt(def, completeAnswers(def), {
      country: { ...base, iso3: '', name: 'Atlantis', source: 'unknown', written: 'Atlantis' },
    });
    const issues = runChecks([r], countryRules);
    expect(issues.map((i) => [i.rule, i.severity, i.evidence])).toEqual([
      ['country-unknown', 'error', 'Atlantis'],
    ]);
    expect(issues[0].message).toMatch(/^"Atlantis" is not a recognised country/);
  });

  it('is silent for a written country', () => {
    expect(runChecks([handBuilt(def, completeAnswers(def))], countryRules)).toEqual([]);
  });
});
