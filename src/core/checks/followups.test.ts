import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, handBuilt, withRules, yesFrom } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const complete = completeAnswers(def);
const followUps = withRules(def, 'yes-without-followup', 'followup-without-yes');
const found = (answers: Record<string, string>) =>
  runChecks([handBuilt(def, { ...complete, ...answers })], followUps).map((i) => `${i.rule} ${i.questionId}`);

describe('yes-without-followup', () => {
  it('flags each blank "If yes" follow-up of a question recorded Yes', () => {
    expect(found({ Q36: 'Yes' })).toEqual(['yes-without-followup Q37']);
    expect(found({ Q36: 'Yes', Q37: 'Access to Information Act 2018 <https://riigiteataja.ee>' })).toEqual(
      [],
    );
    expect(found({ Q74: 'Yes', Q75: 'AI strategy <https://kratid.ee>', Q77: 'Blockchain pilot' })).toEqual([
      'yes-without-followup Q76',
      'yes-without-followup Q78',
      'yes-without-followup Q79',
      'yes-without-followup Q80',
    ]);
  });

  it('leaves a placeholder follow-up to placeholder-answer', () => {
    expect(found({ Q36: 'Yes', Q37: 'N/A' })).toEqual([]);
    const all = runChecks([handBuilt(def, { ...complete, Q36: 'Yes', Q37: 'N/A' })], def);
    expect(all.map((i) => i.rule)).toEqual(['placeholder-answer']);
  });

  it('says which question was answered Yes', () => {
    const [issue] = runChecks([handBuilt(def, { ...complete, Q19: 'Yes' })], followUps);
    expect(issue.message).toMatch(
      /^Q19 is answered "Yes" but its follow-up Q20 \(Please provide link and detail.*…\) is blank\.$/,
    );
    expect(issue.evidence).toBe('Yes');
  });
});

describe('followup-without-yes', () => {
  it('flags details and justifications under a No or an unanswered parent', () => {
    expect(found({ Q38: 'No', Q39: 'Personal Data Protection Act (2019)' })).toEqual([
      'followup-without-yes Q39',
    ]);
    expect(found({ Q38: 'No', Q39: 'There is no such law' })).toEqual(['followup-without-yes Q39']);
    expect(found({ Q38: '', Q39: 'Not applicable' })).toEqual(['followup-without-yes Q39']);
  });

  it('leaves a bare placeholder under No, and a parent answered Other, alone', () => {
    expect(found({ Q38: 'No', Q39: '-' })).toEqual([]);
    expect(found({ Q30: 'Other', Q31: 'A COVID-19 section on the main portal' })).toEqual([]);
  });

  it('invents no contradiction from a choice the file does not record or only suggests', () => {
    const r = handBuilt(
      def,
      { ...complete, Q39: 'There is no such law', Q41: '' },
      { choicesRecorded: false, format: 'forms-text' },
    );
    r.answers.Q38 = { questionId: 'Q38', value: '', status: 'not-recorded' };
    r.answers.Q40 = yesFrom('Q40', 'Q41');
    expect(runChecks([r], followUps)).toEqual([]);
  });
});
