import { definitionFromTable } from './state';
import { smallDefinition } from '../../../test/support/small-questionnaire';
import { loadQuestionnaire, parseDefinition } from '../definition';
import { responseKey } from '../model';
import { parseCellRef, parseRangeRef } from './a1';
import { buildWorkbookPlan, type PlanInput, type ReviewEntry } from './build';
import { answerHeaders, issueHeaders, responseHeaders } from './columns';
import { handBuilt, makeIssue, makeResponse } from '../../../test/support/fixtures';
import type { SheetSpec, TableSpec, WorkbookPlan } from './types';

const def = loadQuestionnaire('msq-2022');

function sample(): PlanInput {
  const old = makeResponse(def, {
    responseId: '7',
    status: 'superseded',
    supersededBy: 'batch.xlsx/9',
    answers: { Q14: { value: 'No', choices: ['No'] } },
  });
  const current = makeResponse(def, {
    responseId: '9',
    completionTime: '2022-03-01T12:00:00',
    durationSeconds: 1500,
    answers: {
      Q14: { value: 'Yes', choices: ['Yes'] },
      Q19: { value: 'No', choices: ['No'] },
      Q110: { value: 'y'.repeat(40000) },
    },
  });
  const page = makeResponse(def, {
    responseId: '3',
    sourceFile: '003_ken.txt',
    format: 'forms-text',
    choicesRecorded: false,
    country: {
      iso3: 'KEN',
      name: 'Kenya',
      source: 'inferred',
      written: '',
      region: 'Africa',
      subregion: 'Eastern Africa',
      evidence: '.go.ke links',
    },
    answers: Object.fromEntries(
      def.questions
        .filter((q) => q.type !== 'text')
        .map((q) => [q.id, { value: '', status: 'not-recorded' as const, choices: undefined }]),
    ),
  });
  const issues = [
    makeIssue(current, 'Q19', 'yes-without-followup'),
    makeIssue(page, '', 'country-inferred', 'info'),
    makeIssue(old, 'Q5', 'invalid-email', 'error'),
  ];
  const reviews = new Map<string, ReviewEntry>([
    [issues[0].key, { review: 'Dismissed', note: 'asked by mail' }],
  ]);
  return {
    def,
    responses: [old, current, page],
    issues,
    reports: [
      { sourceFile: 'batch.xlsx', status: 'imported', format: 'export', responses: 2, message: '' },
      { sourceFile: '003_ken.txt', status: 'imported', format: 'forms-text', responses: 1, message: '' },
      { sourceFile: 'notes.pdf', status: 'rejected', responses: 0, message: 'not a questionnaire response' },
    ],
    reviews,
    importedAt: '2024-05-01T10:00:00Z',
  };
}

const sheet = (plan: WorkbookPlan, name: string): SheetSpec => plan.sheets.find((s) => s.name === name)!;
const table = (plan: WorkbookPlan, name: string): TableSpec =>
  plan.sheets.flatMap((s) => s.tables).find((t) => t.name === name)!;
const col = (t: TableSpec, header: string) => t.columns.findIndex((c) => c.header === header);

describe('buildWorkbookPlan', () => {
  const input = sample();
  const plan = buildWorkbookPlan(input);

  it('lays the sheets out in order', () => {
    expect(plan.sheets.map((s) => s.name)).toEqual([
      'About',
      'Responses',
      'Answers',
      'Issues',
      'Questions',
      ...def.sections.map((s) => `Compare ${s.id}`),
      'Section scores',
      'Option shares',
      'Regions',
      'Pivot',
      'Definition',
    ]);
    expect(plan.sheets.filter((s) => s.hidden).map((s) => s.name)).toEqual(['Definition']);
  });

  it('says on About which questionnaire and how, and keeps the definition as JSON in parts', () => {
    const about = sheet(plan, 'About').blocks.flatMap((b) => b.rows);
    expect(about).toContainEqual(['Questionnaire', `${def.title} (msq-2022)`]);
    expect(about).toContainEqual(['Questions', '112 in 8 sections']);
    const noted = buildWorkbookPlan({ ...input, notes: ['"X" asks no country.'] });
    expect(sheet(noted, 'About').blocks.flatMap((b) => b.rows)).toContainEqual(['"X" asks no country.']);
    const joined = (p: WorkbookPlan) =>
      table(p, 'Definition')
        .rows.map((r) => r[1])
        .join('');
    expect(JSON.parse(joined(plan))).toEqual(def);
    // A definition longer than a cell holds is cut into parts, in order.
    const long = { ...def, placeholders: ['n/a', 'x'.repeat(70000)] };
    const big = buildWorkbookPlan({ ...input, def: long });
    const parts = table(big, 'Definition').rows;
    expect(parts.map((p) => p[0])).toEqual([1, 2, 3, 4].slice(0, parts.length));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.every((p) => typeof p[1] === 'string' && p[1].length <= 30000)).toBe(true);
    expect(JSON.parse(joined(big))).toEqual(long);
  });

  it('lists every response and answer, superseded ones included', () => {
    const responses = table(plan, 'Responses');
    expect(responses.rows.map((r) => r[col(responses, responseHeaders.status)])).toEqual([
      'superseded',
      'current',
      'current',
    ]);
    expect(responses.rows[1][col(responses, responseHeaders.submitted)]).toBe(44621.5);
    expect(responses.rows[1][col(responses, responseHeaders.minutes)]).toBe(25);
    const answers = table(plan, 'Answers');
    expect(answers.rows).toHaveLength(3 * def.questions.length);
    const score = (responseId: string, q: string) =>
      answers.rows.find((r) => r[0] === responseId && r[col(answers, answerHeaders.questionId)] === q)![
        col(answers, answerHeaders.score)
      ];
    expect(score('9', 'Q14')).toBe(1);
    expect(score('9', 'Q19')).toBe(0);
    expect(score('7', 'Q14')).toBe(0);
    expect(score('3', 'Q14')).toBeNull();
    expect(score('9', 'Q57')).toBeNull();
    expect(table(plan, 'Questions').rows).toHaveLength(112);
  });

  it('gives text columns the text format', () => {
    for (const t of plan.sheets.flatMap((s) => s.tables))
      for (const c of t.columns) if (c.kind === 'text') expect(c.numberFormat).toBe('@');
  });

  it('links each issue to its answer row (Value column) or its response row, and keeps reviews', () => {
    const issues = table(plan, 'Issues');
    const answers = table(plan, 'Answers');
    const responses = table(plan, 'Responses');
    expect(issues.rows).toHaveLength(3);
    const keyCol = col(issues, issueHeaders.key);
    for (const link of issues.links!) {
      const row = issues.rows[link.row];
      const issue = input.issues.find((i) => i.key === row[keyCol])!;
      const m = /^#'(.+)'!([A-Z]+\d+)$/.exec(link.target)!;
      const at = parseCellRef(m[2])!;
      if (issue.questionId) {
        expect(m[1]).toBe('Answers');
        expect(at.column).toBe(col(answers, answerHeaders.value));
        const answer = answers.rows[at.row - 1];
        expect([answer[0], answer[1], answer[col(answers, answerHeaders.questionId)]]).toEqual([
          issue.responseId,
          issue.sourceFile,
          issue.questionId,
        ]);
      } else {
        expect(m[1]).toBe('Responses');
        expect(responses.rows[at.row - 1][0]).toBe(issue.responseId);
      }
    }
    expect(issues.links).toHaveLength(3);
    const review = (key: string) => issues.rows.find((r) => r[keyCol] === key)!;
    expect(review(input.issues[0].key).slice(8, 10)).toEqual(['Dismissed', 'asked by mail']);
    expect(review(input.issues[1].key).slice(8, 10)).toEqual(['Open', '']);
    expect(sheet(plan, 'Issues').validations).toEqual([
      { range: 'I2:I4', list: ['Open', 'Confirmed', 'Dismissed', 'Fixed'] },
    ]);
  });

  it('compares current responses only, with a colour rule per status', () => {
    const compare = sheet(plan, 'Compare A');
    const t = compare.tables[0];
    expect(t.rows.map((r) => r[0])).toEqual(['France', 'Kenya']);
    expect(t.rows.map((r) => r[r.length - 1])).toEqual(['batch.xlsx/9', responseKey(input.responses[2])]);
    const q14 = col(t, t.columns.find((c) => c.header.startsWith('Q14 '))!.header);
    expect(t.rows.map((r) => r[q14])).toEqual(['Yes', 'not recorded']);
    const rules = compare.conditionalFormats.filter((f) => f.kind === 'textEquals');
    for (const label of ['Yes', 'No', 'Yes (inferred)', 'No (inferred)', 'not recorded', 'missing', 'n/a'])
      expect(rules.some((r) => r.kind === 'textEquals' && r.text === label && r.range === 'D5:Z6')).toBe(
        true,
      );
    expect(compare.freeze).toEqual({ rows: 4, columns: 1 });
  });

  it('notes cut cells on the About sheet', () => {
    const answers = table(plan, 'Answers');
    const long = answers.rows.find(
      (r) => r[0] === '9' && r[col(answers, answerHeaders.questionId)] === 'Q110',
    )!;
    expect(String(long[col(answers, answerHeaders.value)])).toMatch(/\[truncated: 40000 characters\]$/);
    const about = sheet(plan, 'About');
    const cut = about.blocks.flatMap((b) => b.rows).find((r) => r[0] === 'Cells cut to 32,767 characters');
    expect(cut?.[1]).toBe(1);
    const files = about.tables[0];
    expect(files.rows.map((r) => r[1])).toEqual(['imported', 'imported', 'rejected']);
  });

  it('summarises scores over current responses and pivots Answers', () => {
    const scores = table(plan, 'SectionScores');
    expect(scores.rows).toHaveLength(2);
    expect(plan.pivots).toEqual([
      expect.objectContaining({
        sourceTable: 'Answers',
        sheet: 'Pivot',
        rows: ['Country'],
        columns: ['Section'],
        filterItems: { Status: ['current'], Score: [0, 1] },
      }),
    ]);
  });

  it('charts the Yes share of each scored section by region, from the Regions table', () => {
    const regions = table(plan, 'Regions');
    const [chart, ...others] = sheet(plan, 'Regions').charts ?? [];
    expect(others).toEqual([]);
    const cell = (ref: string, k: number) => {
      const r = parseRangeRef(ref)!;
      expect(r.left).toBe(r.right);
      return regions.rows[r.top - regions.origin.row - 1 + k]?.[r.left - regions.origin.column];
    };
    const bounds = parseRangeRef(chart.categories)!;
    // Every region, without the closing all-regions row.
    const regionRows = regions.rows.length - 1;
    expect(regionRows).toBeGreaterThan(0);
    expect(bounds.bottom - bounds.top + 1).toBe(regionRows);
    expect(Array.from({ length: regionRows }, (_, k) => cell(chart.categories, k))).toEqual(
      regions.rows.slice(0, -1).map((r) => r[col(regions, 'Region')]),
    );
    const scored = def.sections.filter((s) => regions.columns.some((c) => c.header === `${s.id}: Yes share`));
    expect(scored.length).toBeGreaterThan(0);
    expect(chart.series.map((s) => s.name)).toEqual(scored.map((s) => s.title));
    chart.series.forEach((s, k) => {
      const values = parseRangeRef(s.values)!;
      expect(values.bottom - values.top).toBe(bounds.bottom - bounds.top);
      expect(values.top).toBe(bounds.top);
      expect(regions.columns[values.left - regions.origin.column].header).toBe(`${scored[k].id}: Yes share`);
    });
    expect(chart.valueAxis).toEqual({ numberFormat: '0%', min: 0, max: 1 });
    // Beside the tables, not over them.
    expect(chart.anchor.column).toBeGreaterThan(regions.origin.column + regions.columns.length - 1);
  });

  it('leaves the PivotTable and the chart out when nothing is scored', () => {
    const only = buildWorkbookPlan({ ...input, responses: [input.responses[2]], issues: [] });
    expect(only.pivots).toEqual([]);
    expect(sheet(only, 'Regions').charts).toBeUndefined();
    expect(table(only, 'Issues').rows).toEqual([]);
  });
});

describe('definitionFromTable', () => {
  const json = JSON.stringify(def);
  const headers = ['Part', 'Definition JSON'];
  it('joins the parts in Part order, whatever order the rows are in', () => {
    const rows = [
      [2, json.slice(100)],
      [1, json.slice(0, 100)],
    ];
    expect(definitionFromTable({ headers, rows })).toEqual(def);
  });
  it('gives nothing for a workbook without one, and says a damaged one is damaged', () => {
    expect(definitionFromTable(undefined)).toBeUndefined();
    expect(definitionFromTable({ headers, rows: [] })).toBeUndefined();
    expect(() => definitionFromTable({ headers, rows: [[1, json.slice(0, 100)]] })).toThrow(
      /stored questionnaire definition is damaged/,
    );
  });
});

describe('a questionnaire that asks no country', () => {
  const library = parseDefinition({
    ...smallDefinition,
    questions: smallDefinition.questions.map((q) =>
      q.id === 'org_name' ? { ...q, text: 'Name of your organisation' } : q,
    ),
  });
  const unknown = { iso3: '', name: '', source: 'unknown' as const, written: '', region: '', subregion: '' };
  const responses = [
    handBuilt(
      library,
      { org_name: 'River Library' },
      { responseId: '1', respondent: 'Chen', country: unknown },
    ),
    handBuilt(library, {}, { responseId: '2', respondent: 'Ana', country: unknown }),
    handBuilt(library, {}, { responseId: '3', country: unknown }),
  ];
  it('labels its responses by organisation, else respondent, else response id', () => {
    const plan = buildWorkbookPlan({ ...sample(), def: library, responses, issues: [], reviews: new Map() });
    const compare = table(plan, 'Compare_org');
    expect(compare.columns[0].header).toBe('Respondent');
    expect(compare.rows.map((r) => r[0])).toEqual(['3', 'Ana', 'River Library']);
  });
});
