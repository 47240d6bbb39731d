import { loadQuestionnaire } from '../core/definition';
import type { Issue, Response } from '../core/model';
import { applyFilter, groupRows, issueRows, noFilter } from './issue-rows';
import { count, noun } from './plural';
import { ruleName } from './rule-names';

const def = loadQuestionnaire('msq-2022');
const clues = Array.from(
  { length: 12 },
  (_, i) => `'Ministry number ${i + 1} of Estonia' named ${i + 2} times`,
);
const response = (file: string, name: string, evidence = '') =>
  ({
    responseId: '1',
    sourceFile: file,
    status: 'current',
    answers: { Q3: { status: 'answered', value: 'x'.repeat(500) } },
    country: { iso3: 'EST', name, source: 'inferred', written: '', evidence },
  }) as unknown as Response;
const issue = (
  file: string,
  rule: string,
  severity: Issue['severity'],
  questionId = '',
  evidence = '',
): Issue => ({
  responseId: '1',
  sourceFile: file,
  questionId,
  rule,
  severity,
  message: `${rule} in ${file}`,
  evidence,
  key: `${file}|1|${questionId}|${rule}`,
});

describe('issue rows', () => {
  const responses = [response('a.txt', 'Estonia', clues.join('; ')), response('b.txt', 'Austria')];
  const issues = [
    issue('b.txt', 'country-inferred', 'info', '', `${clues.join('; ').slice(0, 199)}…`),
    issue('a.txt', 'text-too-long', 'warning', 'Q3', `${'x'.repeat(199)}…`),
    issue('b.txt', 'required-missing', 'error', 'Q5'),
    issue('a.txt', 'country-inferred', 'info', '', `${clues.join('; ').slice(0, 199)}…`),
  ];
  const rows = issueRows(def, responses, issues);

  it('orders by severity, then country', () => {
    expect(rows.map((r) => [r.issue.severity, r.country])).toEqual([
      ['error', 'Austria'],
      ['warning', 'Estonia'],
      ['info', 'Austria'],
      ['info', 'Estonia'],
    ]);
  });

  it('completes evidence the checks cut short from the response', () => {
    const inferred = rows.find((r) => r.issue.sourceFile === 'a.txt' && r.issue.rule === 'country-inferred')!;
    expect(inferred.fullEvidence.split('; ')).toEqual(clues);
    expect(rows.find((r) => r.issue.rule === 'text-too-long')!.fullEvidence).toBe('x'.repeat(500));
    // A response's clues only complete its own issue's evidence.
    expect(
      rows.find((r) => r.issue.sourceFile === 'b.txt' && r.issue.rule === 'country-inferred')!.fullEvidence,
    ).toMatch(/…$/);
  });

  it('searches every word in country, question, message and evidence', () => {
    expect(applyFilter(rows, { ...noFilter, search: 'estonia ministry 12' })).toHaveLength(1);
    expect(applyFilter(rows, { ...noFilter, search: 'AUSTRIA' }).map((r) => r.issue.rule)).toEqual([
      'required-missing',
      'country-inferred',
    ]);
    expect(applyFilter(rows, { ...noFilter, search: ruleName('required-missing') })).toHaveLength(1);
  });

  it('groups by country or by rule, headings before their issues', () => {
    const byRule = groupRows(rows, 'rule');
    expect(
      byRule.filter((i) => i.kind === 'group').map((g) => g.kind === 'group' && [g.label, g.count]),
    ).toEqual([
      [ruleName('required-missing'), 1],
      [ruleName('text-too-long'), 1],
      [ruleName('country-inferred'), 2],
    ]);
    const byCountry = groupRows(rows, 'country');
    expect(byCountry.map((i) => (i.kind === 'group' ? i.label : i.index))).toEqual([
      'Austria',
      0,
      1,
      'Estonia',
      2,
      3,
    ]);
  });
});

describe('words', () => {
  it('says one and many as English does', () => {
    expect(count(1, 'response')).toBe('1 response');
    expect(count(0, 'issue')).toBe('0 issues');
    expect(count(1130, 'response')).toBe('1,130 responses');
    expect(count(2, 'country')).toBe('2 countries');
    expect(count(1, 'copy')).toBe('1 copy');
    expect(noun(5, 'file')).toBe('files');
  });

  it('names every rule of the catalogue in words, never by its code', () => {
    for (const code of ['selection-not-recorded', 'country-inferred', 'some-new-rule']) {
      expect(ruleName(code)).not.toBe(code);
      expect(ruleName(code)).toMatch(/^[A-Z"]/);
    }
  });
});
