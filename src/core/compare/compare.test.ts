import { loadQuestionnaire } from '../definition';
import { makeIssue, makeResponse } from '../../../test/support/fixtures';
import {
  allRegions,
  completeness,
  countLinks,
  currentResponses,
  excerpt,
  groupAverages,
  isYesNo,
  matrixCell,
  sectionScores,
  yesNoScore,
} from '.';

const def = loadQuestionnaire('msq-2022');
const q = (id: string) => def.questions.find((x) => x.id === id)!;

describe('comparison values', () => {
  it('scores only answered Yes and No', () => {
    expect(yesNoScore({ questionId: 'Q14', value: 'Yes', status: 'answered' })).toBe(1);
    expect(yesNoScore({ questionId: 'Q14', value: 'No', status: 'answered' })).toBe(0);
    expect(yesNoScore({ questionId: 'Q14', value: 'Yes', status: 'inferred' })).toBeNull();
    expect(yesNoScore({ questionId: 'Q30', value: 'Other: partly', status: 'answered' })).toBeNull();
    expect(yesNoScore(undefined)).toBeNull();
    expect(isYesNo(q('Q14'))).toBe(true);
    expect(isYesNo(q('Q30'))).toBe(true);
    expect(isYesNo(q('Q57'))).toBe(false);
    expect(isYesNo(q('Q15'))).toBe(false);
  });

  it('counts completeness over knowable applicable questions', () => {
    const c = completeness([
      { questionId: 'a', value: 'x', status: 'answered' },
      { questionId: 'b', value: '', status: 'empty' },
      { questionId: 'c', value: '', status: 'not-applicable' },
      { questionId: 'd', value: '', status: 'not-recorded' },
      { questionId: 'e', value: 'Yes', status: 'inferred' },
      undefined,
    ]);
    expect(c).toEqual({ applicable: 4, knowable: 3, answered: 2, share: 2 / 3 });
    expect(completeness([{ questionId: 'd', value: '', status: 'not-recorded' }]).share).toBeNull();
  });

  it('tells every status apart in a matrix cell', () => {
    const cell = (
      id: string,
      value: string,
      status: 'answered' | 'empty' | 'not-applicable' | 'not-recorded' | 'inferred',
    ) => matrixCell(q(id), { questionId: id, value, status });
    expect(cell('Q14', 'Yes', 'answered').display).toBe('Yes');
    expect(cell('Q14', 'No', 'answered').display).toBe('No');
    expect(cell('Q14', 'Yes', 'inferred').display).toBe('Yes (inferred)');
    expect(cell('Q14', 'No', 'inferred').display).toBe('No (inferred)');
    expect(cell('Q14', '', 'not-recorded').display).toBe('not recorded');
    expect(cell('Q14', '', 'empty').display).toBe('missing');
    expect(cell('Q15', '', 'not-applicable').display).toBe('n/a');
    expect(cell('Q57', 'Five-year', 'answered')).toEqual({ kind: 'choice', display: 'Five-year' });
    expect(cell('Q7', 'Portal https://gov.example and www.data.example/x', 'answered')).toEqual({
      kind: 'links',
      display: '2 links',
    });
    const long = cell('Q110', 'word '.repeat(40), 'answered');
    expect(long.kind).toBe('text');
    expect(long.display.length).toBeLessThanOrEqual(60);
    expect(long.display.endsWith('…')).toBe(true);
    expect(matrixCell(q('Q14'), undefined).display).toBe('missing');
  });

  it('counts links and cuts excerpts at word boundaries', () => {
    expect(countLinks('see <https://a.gov/x>, http://b.org and www.c.gov.uk/path; not mail@d.org')).toBe(3);
    expect(countLinks('no links here')).toBe(0);
    expect(excerpt('short')).toBe('short');
    expect(excerpt('one two three four five six seven eight nine ten', 30)).toBe(
      'one two three four five six…',
    );
    expect(excerpt('x'.repeat(80), 30)).toBe(`${'x'.repeat(29)}…`);
  });
});

describe('section scores and regional averages', () => {
  const yes = makeResponse(def, { responseId: '1' });
  const mixed = makeResponse(def, {
    responseId: '2',
    country: {
      iso3: 'KEN',
      name: 'Kenya',
      source: 'answer',
      written: 'Kenya',
      region: 'Africa',
      subregion: 'Eastern Africa',
    },
    answers: {
      Q30: { value: 'No', choices: ['No'] },
      Q32: { value: '', status: 'empty', choices: undefined },
    },
  });
  const old = makeResponse(def, { responseId: '0', status: 'superseded', supersededBy: 'batch.xlsx/1' });
  const issues = [
    makeIssue(mixed, 'Q32', 'required-missing', 'error'),
    makeIssue(mixed, '', 'country-inferred', 'info'),
  ];

  it('keeps superseded responses out and orders by country', () => {
    expect(currentResponses([yes, old, mixed]).map((r) => r.responseId)).toEqual(['1', '2']);
    expect(currentResponses([yes, mixed]).map((r) => r.country.name)).toEqual(['France', 'Kenya']);
  });

  it('computes Yes shares per section from answered Yes/No questions', () => {
    const [france, kenya] = sectionScores(def, [yes, mixed], issues);
    const b = def.sections.findIndex((s) => s.id === 'B');
    const contact = def.sections.findIndex((s) => s.id === 'contact');
    expect(france.sections[b]).toMatchObject({ yes: 3, no: 0, yesShare: 1 });
    // Section B: Q30 No, Q32 missing, Q34 Yes.
    expect(kenya.sections[b]).toMatchObject({ yes: 1, no: 1, yesShare: 0.5 });
    expect(kenya.sections[contact].yesShare).toBeNull();
    expect(kenya.issues).toEqual({ error: 1, warning: 0, info: 1 });
    expect(kenya.completeness.share).toBeCloseTo(111 / 112);
  });

  it('averages by region, each response counting once, with an overall row', () => {
    const scores = sectionScores(def, [yes, mixed], issues);
    const regions = groupAverages(scores, 'region');
    expect(regions.map((r) => r.group)).toEqual(['Africa', 'Europe', allRegions]);
    const b = def.sections.findIndex((s) => s.id === 'B');
    expect(regions[0].yesShares[b]).toBe(0.5);
    expect(regions[2].yesShares[b]).toBe(0.75);
    expect(regions[2].errors).toBe(0.5);
    expect(regions[2].countries).toBe(2);
  });
});
