import { loadQuestionnaire } from '../definition';
import type { Issue } from '../model';
import { importBatch } from '../pipeline';
import { loadFile, SEED_FILE } from '../../../test/support/corpus';

const def = loadQuestionnaire('msq-2022');

describe('checks on the seed, a real Forms page with the country left blank', () => {
  let issues: Issue[];
  beforeAll(async () => {
    ({ issues } = await importBatch([loadFile(SEED_FILE)], def));
  });
  const of = (rule: string) => issues.filter((i) => i.rule === rule).map((i) => i.questionId);

  it('finds the blank contact details and the "-" standing in for Q35', () => {
    expect(of('required-missing')).toEqual(['Q2', 'Q3', 'Q4', 'Q5']);
    expect(of('placeholder-answer')).toEqual(['Q35']);
  });

  it('says the country was inferred, with its clues', () => {
    const [inferred] = issues.filter((i) => i.rule === 'country-inferred');
    expect(inferred.questionId).toBe('');
    expect(inferred.message).toMatch(/inferred as Belarus/);
    expect(inferred.evidence).not.toBe('');
  });

  it('invents no Yes/No contradiction from choices the page does not record', () => {
    expect(of('yes-without-followup')).toEqual([]);
    expect(of('followup-without-yes')).toEqual([]);
    expect(of('selection-not-recorded')).toEqual(['']);
  });

  it('notices the strategy pasted word for word under six questions', () => {
    const [repeated, ...more] = issues.filter((i) => i.rule === 'repeated-answer');
    expect(more).toEqual([]);
    expect(repeated.message).toMatch(/to 6 questions \(Q67, Q69, Q71, Q73, Q88, Q90\)/);
    expect(repeated.evidence).toMatch(/^State Program "Digital Development of Belarus"/);
  });
});
