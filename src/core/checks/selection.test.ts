import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, formsPage, handBuilt, withRules, yesFrom } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const choiceQuestions = def.questions.filter((q) => q.type !== 'text');

describe('selection-not-recorded', () => {
  it('raises one response-level issue counting inferred and unknown choices', () => {
    const r = formsPage(def, completeAnswers(def));
    r.answers.Q14 = yesFrom('Q14', 'Q15');
    r.answers.Q38 = yesFrom('Q38', 'Q39');
    const issues = runChecks([r], withRules(def, 'selection-not-recorded'));
    expect(issues).toHaveLength(1);
    expect(issues[0].questionId).toBe('');
    expect(issues[0].message).toContain(
      `of ${choiceQuestions.length} choice questions, 2 were inferred from follow-up answers (unconfirmed) and ${choiceQuestions.length - 2} remain unknown`,
    );
    expect(issues[0].evidence).toBe('Q14 Yes (Q15 gives details); Q38 Yes (Q39 gives details)');
  });

  it('is silent where the file records choices', () => {
    expect(
      runChecks([handBuilt(def, completeAnswers(def))], withRules(def, 'selection-not-recorded')),
    ).toEqual([]);
  });
});

describe('choice-not-in-options', () => {
  const rules = withRules(def, 'choice-not-in-options');
  it('flags a recorded choice that is no option, and accepts Other and case differences', () => {
    const r = handBuilt(def, { ...completeAnswers(def), Q14: 'Maybe', Q38: 'yes', Q30: 'Other' });
    r.answers.Q6 = {
      questionId: 'Q6',
      value: 'Other: regional office',
      status: 'answered',
      choices: ['Other'],
      other: 'regional office',
    };
    const issues = runChecks([r], rules);
    expect(issues.map((i) => [i.questionId, i.evidence])).toEqual([['Q14', 'Maybe']]);
    expect(issues[0].message).toMatch(
      /records "Maybe", which is not one of its options \(the question has no "Other"\)/,
    );
  });

  it('ignores choices the file does not record', () => {
    const r = handBuilt(def, completeAnswers(def), { choicesRecorded: false });
    r.answers.Q14 = { questionId: 'Q14', value: 'Maybe', status: 'inferred', choices: ['Maybe'] };
    expect(runChecks([r], rules)).toEqual([]);
  });
});
