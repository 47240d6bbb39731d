import { runChecks } from '.';
import { formsPage, handBuilt, withRules } from '../../../test/support/fixtures';
import { formAnswers, formDefinition } from '../../../test/support/form';

const def = formDefinition();
const rule = (answers: Record<string, string>) =>
  runChecks([handBuilt(def, answers)], withRules(def, 'answered-when-not-relevant'));

describe('answered-when-not-relevant', () => {
  it('raises nothing where every answer applies', () => {
    expect(rule(formAnswers)).toEqual([]);
  });

  it('flags details given although the condition, by option name, is unmet', () => {
    const issues = rule({ ...formAnswers, has_law: 'No' });
    expect(issues.map((i) => i.questionId)).toEqual(['law_details']);
    expect(issues[0].message).toBe(
      'Q4 (If yes, which law?) has an answer although it applies only when Q3 is "Yes" (it is answered "No").',
    );
    expect(issues[0].evidence).toBe('Statistics Act 2019');
    expect(issues[0].key).toBe('reply.docx|1|law_details|answered-when-not-relevant');
    expect(rule({ ...formAnswers, has_law: '' })[0].message).toMatch(/\(it was left unanswered\)\.$/);
  });

  it('evaluates any expression: selected(), and/or, an empty comparison', () => {
    const issues = rule({ ...formAnswers, modes: 'Paper' });
    expect(issues.map((i) => i.questionId)).toEqual(['mobile_details']);
    expect(issues[0].message).toMatch(
      /its condition selected\(\$\{modes\}, 'mobile'\) and \$\{has_law\} != '' does not hold\.$/,
    );
    expect(rule({ ...formAnswers, modes: 'Paper; Mobile phone data' })).toEqual([]);
  });

  it('leaves alone a placeholder, and a condition the file cannot tell', () => {
    expect(rule({ ...formAnswers, has_law: 'No', law_details: 'N/A' })).toEqual([]);
    const page = formsPage(def, { ...formAnswers, has_law: '' });
    expect(runChecks([page], withRules(def, 'answered-when-not-relevant'))).toEqual([]);
  });

  it('leaves "If yes" follow-ups to followup-without-yes where that rule runs', () => {
    const both = {
      ...def,
      checks: { ...def.checks, 'followup-without-yes': { enabled: true, severity: 'warning' as const } },
    };
    const issues = runChecks([handBuilt(def, { ...formAnswers, has_law: 'No' })], both);
    expect(issues.filter((i) => i.questionId === 'law_details').map((i) => i.rule)).toEqual([
      'followup-without-yes',
    ]);
  });
});

describe('required-missing with expressions', () => {
  const missing = (answers: Record<string, string>) =>
    runChecks([handBuilt(def, answers)], withRules(def, 'required-missing')).map((i) => i.questionId);

  it('flags a required question blank where its condition holds, not where it is unmet', () => {
    expect(missing(formAnswers)).toEqual([]);
    expect(missing({ ...formAnswers, law_details: '' })).toEqual(['law_details']);
    expect(missing({ ...formAnswers, has_law: 'No', law_details: '' })).toEqual([]);
    expect(missing({ ...formAnswers, has_law: '', law_details: '' })).toEqual(['has_law']);
  });
});
