import { runChecks } from '.';
import { handBuilt, withRules } from '../../../test/support/fixtures';
import { formAnswers, formDefinition } from '../../../test/support/form';

const def = formDefinition();
const violated = (answers: Record<string, string>, ...rules: string[]) =>
  runChecks([handBuilt(def, answers)], withRules(def, 'constraint-violated', ...rules));

describe('constraint-violated', () => {
  it('raises nothing where every answer meets its constraint', () => {
    expect(violated(formAnswers)).toEqual([]);
  });

  it("flags an email failing the pattern, with the form's own message", () => {
    const issues = violated({ ...formAnswers, email: 'info at stat.go.ke' });
    expect(issues.map((i) => [i.questionId, i.severity])).toEqual([['email', 'error']]);
    expect(issues[0].message).toBe(
      'Q2 (Email) is "info at stat.go.ke", which breaks its constraint: Please enter a valid email address.',
    );
    expect(issues[0].key).toBe('reply.docx|1|email|constraint-violated');
  });

  it('compares numbers as numbers, and says when a number question holds words', () => {
    expect(violated({ ...formAnswers, staff: '0' }).map((i) => i.message)).toEqual([
      'Q7 (Staff) is "0", which breaks its constraint . > 0 and . < 100000.',
    ]);
    expect(violated({ ...formAnswers, staff: '99999' })).toEqual([]);
    expect(violated({ ...formAnswers, staff: '100000' })).toHaveLength(1);
    expect(violated({ ...formAnswers, staff: 'about 1 200' })[0].message).toMatch(
      /"about 1 200", not a number, so it breaks/,
    );
  });

  it('checks lengths and selections', () => {
    expect(violated({ ...formAnswers, remarks: 'x'.repeat(21) }).map((i) => i.questionId)).toEqual([
      'remarks',
    ]);
    expect(violated({ ...formAnswers, modes: 'Paper; Mobile phone data' }).map((i) => i.questionId)).toEqual([
      'modes',
    ]);
    expect(violated({ ...formAnswers, modes: 'Paper' })).toEqual([]);
  });

  it('leaves blanks to required-missing and placeholders to placeholder-answer', () => {
    expect(violated({ ...formAnswers, email: '' })).toEqual([]);
    expect(violated({ ...formAnswers, email: 'N/A' }, 'placeholder-answer').map((i) => i.rule)).toEqual([
      'placeholder-answer',
    ]);
  });

  it('leaves an email breaking its constraint to this rule alone, not invalid-email too', () => {
    const issues = violated({ ...formAnswers, email: 'info at stat.go.ke' }, 'invalid-email');
    expect(issues.map((i) => i.rule)).toEqual(['constraint-violated']);
    const other = runChecks(
      [handBuilt(def, { ...formAnswers, email: 'info at stat.go.ke' })],
      withRules(def, 'invalid-email'),
    );
    expect(other.map((i) => i.rule)).toEqual(['invalid-email']);
  });
});
