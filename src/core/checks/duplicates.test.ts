import { loadQuestionnaire } from '../definition';
import type { CountryInfo, Response } from '../model';
import { resolveDuplicates, runChecks } from '.';
import { completeAnswers, handBuilt, withRules } from '../../../test/support/fixtures';

const def = loadQuestionnaire('msq-2022');
const answers = completeAnswers(def);
const country = (iso3: string, source: CountryInfo['source'] = 'answer'): CountryInfo => ({
  iso3,
  name: iso3 === 'DJI' ? 'Djibouti' : iso3,
  source,
  written: source === 'answer' ? iso3 : '',
  region: '',
  subregion: '',
});
const row = (responseId: string, iso3: string, completionTime?: string, more: Partial<Response> = {}) =>
  handBuilt(def, answers, {
    responseId,
    sourceFile: 'forms-export.xlsx',
    format: 'export',
    country: country(iso3),
    completionTime,
    ...more,
  });

describe('resolveDuplicates', () => {
  it('keeps the latest completed submission of a country current', () => {
    const batch = [
      row('121', 'DJI', '2021-03-08T20:43:35Z'),
      row('120', 'DJI', '2021-04-08T11:30:00Z'),
      row('7', 'EST'),
    ];
    const [a, b, c] = resolveDuplicates(batch);
    expect([a.status, b.status, c.status]).toEqual(['superseded', 'current', 'current']);
    expect(a.supersededBy).toBe('forms-export.xlsx/120');
    expect(b.supersededBy).toBeUndefined();
  });

  it('breaks ties by numeric id, then by file', () => {
    const [a, b] = resolveDuplicates([row('10', 'DJI'), row('9', 'DJI')]);
    expect([a.status, b.status]).toEqual(['current', 'superseded']);
    const [c, d] = resolveDuplicates([
      row('1', 'DJI', undefined, { sourceFile: 'MSQ2022_DJI_v2.docx' }),
      row('1', 'DJI', undefined, { sourceFile: 'MSQ2022_DJI_v10.docx' }),
    ]);
    expect([c.status, d.status]).toEqual(['superseded', 'current']);
  });

  it('returns new objects and leaves its input untouched', () => {
    const batch = [row('1', 'DJI'), row('2', 'DJI')];
    const out = resolveDuplicates(batch);
    expect(out[0]).not.toBe(batch[0]);
    expect(batch.map((r) => r.status)).toEqual(['current', 'current']);
  });

  it('never groups responses whose country is unknown', () => {
    const unknown = (id: string) =>
      row(id, '', undefined, { country: { ...country(''), source: 'unknown' } });
    expect(resolveDuplicates([unknown('1'), unknown('2')]).map((r) => r.status)).toEqual([
      'current',
      'current',
    ]);
  });

  it('counts an inferred country as that country', () => {
    const inferred = row('3', 'DJI', undefined, { country: country('DJI', 'inferred') });
    expect(resolveDuplicates([row('2', 'DJI'), inferred]).map((r) => r.status)).toEqual([
      'superseded',
      'current',
    ]);
  });
});

describe('duplicate-response', () => {
  it('flags every submission of a country answered twice, saying which one stands', () => {
    const batch = resolveDuplicates([
      row('120', 'DJI', '2021-03-08T20:43:35Z'),
      row('121', 'DJI', '2021-04-08T11:30:00Z'),
      row('7', 'EST'),
    ]);
    const issues = runChecks(batch, withRules(def, 'duplicate-response'));
    expect(issues.map((i) => [i.responseId, i.questionId])).toEqual([
      ['120', ''],
      ['121', ''],
    ]);
    expect(issues[0].message).toBe(
      'Djibouti answered 2 times: this submission is superseded by forms-export.xlsx #121, completed 2021-04-08T11:30:00Z.',
    );
    expect(issues[1].message).toMatch(/this is the latest submission and supersedes forms-export\.xlsx #120/);
  });
});
