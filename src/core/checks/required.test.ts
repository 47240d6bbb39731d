import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, formsPage, handBuilt, withRules, yesFrom } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const complete = completeAnswers(def);
const only = withRules;

const missing = (answers: Record<string, string>, overrides = {}) =>
  runChecks([handBuilt(def, answers, overrides)], only(def, 'required-missing')).map((i) => i.questionId);

describe('required-missing', () => {
  it('flags a blank required question and nothing in a complete response', () => {
    expect(missing(complete)).toEqual([]);
    expect(missing({ ...complete, Q3: '', Q24: '  \n ' })).toEqual(['Q3', 'Q24']);
  });

  it('flags a required choice left without a selection where the file records choices', () => {
    expect(missing({ ...complete, Q112: '' })).toEqual(['Q112']);
  });

  it('never flags a follow-up whose condition is unmet, whether marked not-applicable or not', () => {
    const r = handBuilt(def, { ...complete, Q14: 'No' });
    r.answers.Q15 = { ...r.answers.Q15, status: 'not-applicable' };
    expect(runChecks([r], only(def, 'required-missing'))).toEqual([]);
    // A parent recorded with no selection does not make its follow-ups apply either.
    expect(missing({ ...complete, Q56: '' })).toEqual(['Q56']);
  });

  it('flags a required follow-up that applies, unless yes-without-followup already does', () => {
    expect(missing({ ...complete, Q56: 'Yes' })).toEqual(['Q57']);
    expect(missing({ ...complete, Q14: 'Yes' })).toEqual(['Q15', 'Q16', 'Q17', 'Q18']);
    const both = runChecks([handBuilt(def, { ...complete, Q14: 'Yes' })], def).filter(
      (i) => i.questionId === 'Q15',
    );
    expect(both.map((i) => i.rule)).toEqual(['yes-without-followup']);
  });

  it('does not guess where the file does not record the parent choice', () => {
    const r = formsPage(def, { ...complete });
    r.answers.Q14 = yesFrom('Q14', 'Q15');
    r.answers.Q15 = { questionId: 'Q15', value: 'Ms. A. Tamm', status: 'answered' };
    const issues = runChecks([r], def).filter(
      (i) => i.rule === 'required-missing' || i.rule.includes('followup'),
    );
    expect(issues).toEqual([]);
  });

  it('leaves the questions of its skip list and an inferred country to other means', () => {
    expect(def.checks['required-missing'].skip).toEqual(['Q111']);
    expect(missing({ ...complete, Q111: '' })).toEqual([]);
    const noSkip = {
      ...def,
      checks: { 'required-missing': { ...def.checks['required-missing'], skip: [] } },
    };
    expect(runChecks([handBuilt(def, { ...complete, Q111: '' })], noSkip).map((i) => i.questionId)).toEqual([
      'Q111',
    ]);
    const inferred = handBuilt(
      def,
      { ...complete, Q1: '' },
      {
        country: { iso3: 'EST', name: 'Estonia', source: 'inferred', written: '', region: '', subregion: '' },
      },
    );
    const withCountry = {
      ...def,
      checks: {
        'required-missing': def.checks['required-missing'],
        'country-inferred': def.checks['country-inferred'],
      },
    };
    expect(runChecks([inferred], withCountry).map((i) => [i.rule, i.questionId])).toEqual([
      ['country-inferred', ''],
    ]);
    // With the country rule switched off nothing else would say so, so the blank answer is flagged.
    expect(runChecks([inferred], only(def, 'required-missing')).map((i) => i.questionId)).toEqual(['Q1']);
  });

  it('names the question in its message', () => {
    const [issue] = runChecks([handBuilt(def, { ...complete, Q4: '' })], def);
    expect(issue.message).toMatch(/^Q4 \(Organization\) is required but was left blank/);
    expect(issue.severity).toBe('error');
  });
});
