import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const complete = completeAnswers(def);
const placeholders = withRules(def, 'placeholder-answer');
const found = (answers: Record<string, string>, d = placeholders) =>
  runChecks([handBuilt(def, { ...complete, ...answers })], d).map((i) => i.questionId);

describe('placeholder-answer', () => {
  it.each(['-', '—', '.', 'N/A', 'n/a', 'NA', 'nil', 'None', 'None.', 'TBD', 'xxx', '  n/a \n'])(
    'flags "%s" standing in for an answer',
    (text) => {
      expect(found({ Q9: text })).toEqual(['Q9']);
    },
  );

  it('leaves real answers alone, short or starting with a dash', () => {
    for (const text of [
      'Nauru',
      'None of the ministries yet',
      '-2 regions pending; see annex',
      'www.gov.ee',
      '0 800 100',
    ])
      expect(found({ Q9: text })).toEqual([]);
  });

  it('flags a placeholder typed as the "Other" text of a choice', () => {
    const other = { value: 'Other: tbd', status: 'answered' as const, choices: ['Other'], other: 'tbd' };
    const r = handBuilt(def, { ...complete, Q56: 'Yes', Q57: other });
    const [issue, ...more] = runChecks([r], placeholders);
    expect(more).toEqual([]);
    expect(issue.questionId).toBe('Q57');
    expect(issue.message).toMatch(
      /^Q57 \(How long is the period.*\) holds "tbd" as its "Other" text, a placeholder/,
    );
  });

  it('does not flag "N/A" where the question is known not to apply', () => {
    expect(found({ Q38: 'No', Q39: 'N/A' })).toEqual([]);
    expect(found({ Q38: 'Yes', Q39: 'N/A' })).toEqual(['Q39']);
  });

  it('reads the stand-ins from the definition', () => {
    const custom = { ...placeholders, placeholders: ['see attached'] };
    expect(found({ Q9: 'See attached' }, custom)).toEqual(['Q9']);
    expect(found({ Q9: 'N/A' }, custom)).toEqual([]);
  });
});
