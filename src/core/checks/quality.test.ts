import { loadQuestionnaire } from '../definition';
import { runChecks } from '.';
import { EXCEL_CELL_LIMIT } from './quality';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const complete = completeAnswers(def);

describe('repeated-answer', () => {
  const rules = withRules(def, 'repeated-answer');
  const copy = 'State Program "Digital Development" for 2021 - 2025\n<https://pravo.by/document/?guid=12551>';

  it('flags the same text given to four or more questions, once, on the first', () => {
    const r = handBuilt(def, {
      ...complete,
      Q67: copy,
      Q69: copy,
      Q71: `${copy.toUpperCase()} `,
      Q88: copy.replace('\n', '  '),
    });
    const issues = runChecks([r], rules);
    expect(issues.map((i) => i.questionId)).toEqual(['Q67']);
    expect(issues[0].message).toMatch(/word for word to 4 questions \(Q67, Q69, Q71, Q88\)/);
  });

  it('leaves three repeats, links alone, placeholders and stock justifications', () => {
    const link = '<https://www.gov.ee/services>';
    const none = 'There is no such legislation at the moment.';
    const r = handBuilt(def, {
      ...complete,
      ...{ Q67: copy, Q69: copy, Q71: copy },
      ...{ Q8: link, Q9: link, Q10: link, Q11: link },
      ...{ Q37: none, Q39: none, Q41: none, Q43: none },
      ...{ Q75: 'N/A', Q76: 'N/A', Q77: 'N/A', Q78: 'N/A' },
    });
    expect(runChecks([r], rules)).toEqual([]);
  });
});

describe('text-too-long', () => {
  it('flags an answer longer than an Excel cell holds', () => {
    const long = 'x'.repeat(EXCEL_CELL_LIMIT + 1);
    const r = handBuilt(def, { ...complete, Q110: long, Q111: 'x'.repeat(EXCEL_CELL_LIMIT) });
    const issues = runChecks([r], withRules(def, 'text-too-long'));
    expect(issues.map((i) => i.questionId)).toEqual(['Q110']);
    expect(issues[0].message).toMatch(/holds 32,768 characters; an Excel cell holds at most 32,767/);
    expect(issues[0].evidence.length).toBeLessThanOrEqual(200);
  });
});
