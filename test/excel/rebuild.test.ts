// Building again into a workbook the analyst has worked in: nothing of theirs is lost, and a build
// that fails midway leaves the workbook as it was.
import { loadQuestionnaire } from '../../src/core/definition';
import type { Response } from '../../src/core/model';
import { importBatch, type BatchResult } from '../../src/core/pipeline';
import type { ReviewEntry } from '../../src/core/plan/build';
import { excelSerial } from '../../src/core/plan/dates';
import type { WorkbookPlan } from '../../src/core/plan/types';
import { WorkbookError } from '../../src/excel/errors';
import { readLiveState } from '../../src/excel/state';
import { writePlan, type WriteOptions } from '../../src/excel/write-plan';
import { corpusInputFiles } from '../support/corpus';
import { planOfResponses } from '../support/plans';
import { FakeExcel, FakeOfficeError, parseBox, type WorkbookModel } from './fake-excel';

const def = loadQuestionnaire('msq-2022');
const IMPORTED_AT = '2024-05-01T09:00:00Z';
let batch: BatchResult;

function planFrom(responses: Response[], reviews = new Map<string, ReviewEntry>()): WorkbookPlan {
  return planOfResponses(batch, responses, { def, reviews, importedAt: IMPORTED_AT });
}

const planOf = (count: number, reviews?: Map<string, ReviewEntry>) =>
  planFrom(batch.responses.slice(0, count), reviews);
/** A small request budget, so that a build takes many requests and can fail between any two. */
const SMALL = { maxRequestBytes: 150_000 };

async function write(fake: FakeExcel, plan: WorkbookPlan, opts: WriteOptions = {}) {
  const uninstall = fake.install();
  try {
    return await writePlan(plan, opts);
  } finally {
    uninstall();
  }
}

/** Everything a person could see or refer to in the workbook, as plain data. */
function snapshot(model: WorkbookModel) {
  return {
    sheets: model.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      cells: [...s.cells.entries()]
        .filter(([, c]) => c.value !== '' || c.formula !== undefined || c.hyperlink)
        .map(([k, c]) => [
          k,
          s.valueAt(...(k.split(',').map(Number) as [number, number])),
          c.numberFormat,
          c.hyperlink,
        ])
        .sort(),
      conditionalFormats: s.conditionalFormats.length,
      validations: s.validations.length,
      pivots: s.pivots.map((p) => p.name),
      charts: s.charts.length,
    })),
    tables: model.tables.map((t) => ({
      name: t.name,
      sheet: t.sheet.name,
      box: t.box,
      headers: [...t.headers],
    })),
  };
}

function issuesTable(model: WorkbookModel) {
  const t = model.tables.find((x) => x.headers.includes('Issue key'))!;
  const col = (h: string) => t.box.left + t.headers.indexOf(h);
  const rowOf = (key: string) => {
    for (let r = t.box.top + 1; r < t.box.top + t.box.rows; r++) {
      if (t.sheet.valueAt(r, col('Issue key')) === key) return r;
    }
    throw new Error(`no issue ${key}`);
  };
  return { t, col, rowOf };
}

beforeAll(async () => {
  batch = await importBatch(corpusInputFiles(), def);
});

describe("a rebuild keeps the analyst's work", () => {
  it('keeps their formulas on Answers and Issues, their sheets, and Review and Note typed in Excel', async () => {
    const fake = new FakeExcel('1.12');
    const first = planOf(20);
    await write(fake, first);
    const model = fake.model;
    const mine = model.sheet('Sheet1')!;
    model.typeFormula(mine, 0, 0, '=COUNTA(Answers[Value])');
    model.typeFormula(mine, 1, 0, '=ROWS(Answers[Question id])');
    model.typeFormula(mine, 2, 0, '=COUNTIF(Issues[Review],"Confirmed")');
    model.typeFormula(mine, 3, 0, "='Responses'!A2");
    expect(mine.valueAt(1, 0)).toBe(20 * def.questions.length);

    // Review and Note typed in Excel, and one issue the analyst changed in the pane since.
    const { col, rowOf } = issuesTable(model);
    const keys = first.sheets.find((s) => s.name === 'Issues')!.tables[0].rows.map((r) => String(r.at(-1)));
    const [typed, inPane] = keys;
    const issues = model.sheet('Issues')!;
    issues.cell(rowOf(typed), col('Review')).value = 'Confirmed';
    issues.cell(rowOf(typed), col('Note')).value = 'checked with the focal point';
    issues.cell(rowOf(inPane), col('Review')).value = 'Confirmed';

    // The pane builds from what it read at import (all Open), except its own edit of `inPane`.
    const reviews = new Map<string, ReviewEntry>([[inPane, { review: 'Dismissed', note: 'duplicate' }]]);
    const summary = await write(fake, planOf(30, reviews), { editedInPane: new Set([inPane]) });
    expect(summary.reviewsFromWorkbook).toBeGreaterThanOrEqual(1);

    const after = issuesTable(model);
    expect(issues.valueAt(after.rowOf(typed), after.col('Review'))).toBe('Confirmed');
    expect(issues.valueAt(after.rowOf(typed), after.col('Note'))).toBe('checked with the focal point');
    expect(issues.valueAt(after.rowOf(inPane), after.col('Review'))).toBe('Dismissed');
    expect(issues.valueAt(after.rowOf(inPane), after.col('Note'))).toBe('duplicate');

    // Their formulas follow the resized tables; nothing reads #REF!.
    expect(mine.valueAt(1, 0)).toBe(30 * def.questions.length);
    expect(mine.valueAt(0, 0)).toBe(
      model
        .sheet('Answers')!
        .values(parseBox(`J2:J${30 * def.questions.length + 1}`))
        .filter((r) => r[0] !== '').length,
    );
    expect(mine.valueAt(2, 0)).toBe(1);
    expect(mine.valueAt(3, 0)).toBe(model.sheet('Responses')!.valueAt(1, 0));
    expect(
      snapshot(model)
        .sheets.flatMap((s) => s.cells)
        .filter((c) => c[1] === '#REF!'),
    ).toEqual([]);

    // The reader finds the same reviews the next import will carry.
    const uninstall = fake.install();
    try {
      const state = await readLiveState(def);
      expect(state?.reviews.get(typed)).toEqual({
        review: 'Confirmed',
        note: 'checked with the focal point',
      });
      expect(state?.responses).toHaveLength(30);
    } finally {
      uninstall();
    }
  });

  it("shows #REF! where a formula's table is deleted, as Excel does (what deleting and recreating sheets did)", async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, planOf(5));
    const mine = fake.model.sheet('Sheet1')!;
    fake.model.typeFormula(mine, 0, 0, '=ROWS(Answers[Value])');
    await fake.run(async (ctx) => ctx.workbook.worksheets.getItem('Answers').delete());
    expect(mine.valueAt(0, 0)).toBe('#REF!');
  });

  it('never takes a table name the analyst uses, and remembers the one it chose', async () => {
    const fake = new FakeExcel('1.12');
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B2').values = [
        ['Country', 'Score'],
        ['Kenya', 3],
      ];
      ws.tables.add('A1:B2', true).name = 'SectionScores';
      ws.getRange('D1:E2').values = [
        ['Response', 'Note'],
        ['x', 'y'],
      ];
      ws.tables.add('D1:E2', true).name = 'Answers';
    });
    const mine = fake.model.table('SectionScores')!;
    const recorded = batch.responses.filter((r) => r.choicesRecorded);
    await write(fake, planFrom(recorded.slice(0, 10)));
    const twelve = planFrom(recorded.slice(0, 12));
    expect(twelve.pivots.length).toBeGreaterThan(0);
    const summary = await write(fake, twelve);
    expect(summary.skipped).toEqual([]);
    expect(fake.model.table('SectionScores')).toBe(mine);
    expect(fake.model.table('Answers')!.sheet.name).toBe('Sheet1');
    const ours = fake.model.tables.filter((t) => t.sheet.name === 'Answers');
    expect(ours.map((t) => t.name)).toEqual(['Answers_2']);
    expect(ours[0].bodyRows).toBe(12 * def.questions.length);
    expect(fake.model.tables.filter((t) => t.sheet.name === 'Section scores').map((t) => t.name)).toEqual([
      'SectionScores_2',
    ]);
    const pivot = fake.model.sheets.flatMap((s) => s.pivots)[0];
    expect(pivot.source.name).toBe('Answers_2');
    const uninstall = fake.install();
    try {
      const state = await readLiveState(def);
      expect(state?.responses).toHaveLength(12);
    } finally {
      uninstall();
    }
  });

  it('keeps a table the analyst renamed, under its new name, with their formula on it', async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, planOf(5));
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem('Answers').name = 'MyAnswers';
    });
    fake.model.typeFormula(fake.model.sheet('Sheet1')!, 0, 0, '=ROWS(MyAnswers[Value])');
    const table = fake.model.table('MyAnswers');
    await write(fake, planOf(7));
    expect(fake.model.table('MyAnswers')).toBe(table);
    expect(fake.model.table('Answers')).toBeUndefined();
    expect(fake.model.sheet('Sheet1')!.valueAt(0, 0)).toBe(7 * def.questions.length);
    const uninstall = fake.install();
    try {
      expect((await readLiveState(def))?.responses).toHaveLength(7);
    } finally {
      uninstall();
    }
  });

  it('updates in place a workbook built before the registry existed (recognised by its tables)', async () => {
    const fake = new FakeExcel('1.12');
    const recorded = batch.responses.filter((r) => r.choicesRecorded);
    await write(fake, planFrom(recorded.slice(0, 5)));
    fake.model.sheets = fake.model.sheets.filter((x) => x.name !== 'Survey Atlas registry');
    const tables = [...fake.model.tables];
    const pivots = fake.model.sheets.flatMap((x) => x.pivots);
    await write(fake, planFrom(recorded.slice(0, 6)));
    expect(fake.model.sheets.flatMap((x) => x.pivots)).toEqual(pivots);
    expect(pivots.length).toBeGreaterThan(0);
    expect(pivots.every((p) => p.refreshes === 1)).toBe(true);
    expect(fake.model.tables).toEqual(tables);
    expect(fake.model.table('Answers')!.bodyRows).toBe(6 * def.questions.length);
    expect(fake.model.sheet('Survey Atlas registry')?.visibility).toBe('VeryHidden');
  });

  it("stops before changing anything when a sheet of the analyst's has a plan sheet's name", async () => {
    const fake = new FakeExcel('1.12');
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.add('Answers').getRange('A1').values = [['my own answers']];
    });
    const before = snapshot(fake.model);
    await expect(write(fake, planOf(5))).rejects.toThrow(
      /already has a sheet named "Answers".*nothing was changed/,
    );
    expect(snapshot(fake.model)).toEqual(before);
  });
});

/** The plan as an earlier version made it: `table` without its column `header`. */
function withoutColumn(plan: WorkbookPlan, table: string, header: string): WorkbookPlan {
  const copy = structuredClone(plan);
  const t = copy.sheets.flatMap((s) => s.tables).find((x) => x.name === table)!;
  const i = t.columns.findIndex((c) => c.header === header);
  expect(i).toBeGreaterThanOrEqual(0);
  t.columns.splice(i, 1);
  t.rows = t.rows.map((r) => r.filter((_, k) => k !== i));
  t.links = t.links
    ?.filter((l) => l.column !== i)
    .map((l) => (l.column > i ? { ...l, column: l.column - 1 } : l));
  return copy;
}

/** The plan as an earlier version made it: `table` with one more column, at its end or after `after`. */
function withExtraColumn(plan: WorkbookPlan, table: string, header: string, after?: string): WorkbookPlan {
  const copy = structuredClone(plan);
  const t = copy.sheets.flatMap((s) => s.tables).find((x) => x.name === table)!;
  const at = after === undefined ? t.columns.length : t.columns.findIndex((c) => c.header === after) + 1;
  expect(at).toBeGreaterThan(0);
  t.columns.splice(at, 0, { header, kind: 'text', width: 10 });
  t.rows = t.rows.map((r, k) => [...r.slice(0, at), `old ${k}`, ...r.slice(at)]);
  return copy;
}

/** A table's header row and the values of one of its columns, as the workbook shows them. */
function tableColumn(model: WorkbookModel, table: string, header: string) {
  const t = model.table(table)!;
  const i = t.headers.indexOf(header);
  expect(i).toBeGreaterThanOrEqual(0);
  return t.sheet
    .values({ top: t.box.top + 1, left: t.box.left + i, rows: t.box.rows - 1, columns: 1 })
    .map((r) => r[0]);
}

const planHeaders = (plan: WorkbookPlan, table: string) =>
  plan.sheets
    .flatMap((s) => s.tables)
    .find((t) => t.name === table)!
    .columns.map((c) => c.header);

describe('a workbook whose tables have other columns than the plan (built by an earlier version)', () => {
  it.each(['1.12', '1.8'])(
    "gives the tables the plan's columns in place, keeping formulas, Review and Note (ExcelApi %s)",
    async (version) => {
      const fake = new FakeExcel(version);
      const model = fake.model;
      const first = withoutColumn(planOf(20), 'Responses', 'Finished');
      await write(fake, first);
      const responses = model.table('Responses')!;
      expect(responses.headers).not.toContain('Finished');

      const mine = model.sheet('Sheet1')!;
      model.typeFormula(mine, 0, 0, '=ROWS(Answers[Value])');
      model.typeFormula(mine, 1, 0, '=COUNTA(Responses[Country as written])');
      model.typeFormula(mine, 2, 0, '=COUNTIF(Issues[Review],"Confirmed")');
      // A note of the analyst's beside the Responses table, in its rows.
      const noteColumn = responses.box.left + responses.box.columns + 2;
      model.sheet('Responses')!.cell(3, noteColumn).value = 'ask the focal point';
      const { col, rowOf } = issuesTable(model);
      const key = first.sheets
        .find((s) => s.name === 'Issues')!
        .tables[0].rows.map((r) => String(r.at(-1)))[0];
      model.sheet('Issues')!.cell(rowOf(key), col('Review')).value = 'Confirmed';
      model.sheet('Issues')!.cell(rowOf(key), col('Note')).value = 'typed in Excel';

      const now = planOf(30);
      const summary = await write(fake, now);
      expect(summary.reviewsFromWorkbook).toBeGreaterThanOrEqual(1);

      // The same table, now with the plan's columns and headers and the plan's values in them.
      expect(model.table('Responses')).toBe(responses);
      expect(responses.headers).toEqual(planHeaders(now, 'Responses'));
      expect(responses.box).toMatchObject({
        top: 0,
        left: 0,
        columns: planHeaders(now, 'Responses').length,
        rows: 31,
      });
      const spec = now.sheets.find((s) => s.name === 'Responses')!.tables[0];
      for (const header of ['Response id', 'Finished', 'Country as written', 'Country set by analyst']) {
        const k = spec.columns.findIndex((c) => c.header === header);
        expect(tableColumn(model, 'Responses', header)).toEqual(spec.rows.map((r) => r[k] ?? ''));
      }
      // A new column's header was written over Excel's default name.
      expect(responses.headers.some((h) => /^Column\d+$/.test(h))).toBe(false);

      // Their formulas: the one on Responses still reads the column it named, not the one now in its place.
      expect(mine.valueAt(0, 0)).toBe(30 * def.questions.length);
      expect(mine.valueAt(1, 0)).toBe(
        tableColumn(model, 'Responses', 'Country as written').filter((v) => v !== '').length,
      );
      // (Finished, the column now where Country as written was, holds fewer values.)
      const filled = (header: string) => {
        const k = spec.columns.findIndex((c) => c.header === header);
        return spec.rows.filter((r) => r[k] !== null && r[k] !== '').length;
      };
      expect(mine.valueAt(1, 0)).toBe(filled('Country as written'));
      expect(filled('Finished')).toBeLessThan(filled('Country as written'));
      expect(mine.valueAt(2, 0)).toBe(1);
      // Their note moved right with the cells of the table's rows, as Excel shifts them.
      expect(model.sheet('Responses')!.valueAt(3, noteColumn + 1)).toBe('ask the focal point');

      const after = issuesTable(model);
      expect(model.sheet('Issues')!.valueAt(after.rowOf(key), after.col('Review'))).toBe('Confirmed');
      expect(model.sheet('Issues')!.valueAt(after.rowOf(key), after.col('Note'))).toBe('typed in Excel');
      expect(model.sheets.filter((s) => s.name.startsWith('~'))).toEqual([]);

      const uninstall = fake.install();
      try {
        const state = await readLiveState(def);
        expect(state?.responses).toHaveLength(30);
        expect(state?.reviews.get(key)).toEqual({ review: 'Confirmed', note: 'typed in Excel' });
      } finally {
        uninstall();
      }
    },
  );

  const lastOf = (plan: WorkbookPlan) => planHeaders(plan, 'Responses').at(-1)!;
  const earlier: [string, (plan: WorkbookPlan) => WorkbookPlan][] = [
    ['one more column at the end', (p) => withExtraColumn(p, 'Responses', 'Legacy')],
    ['the last column missing', (p) => withoutColumn(p, 'Responses', lastOf(p))],
    [
      'one more column in the middle and the last one missing',
      (p) => withExtraColumn(withoutColumn(p, 'Responses', lastOf(p)), 'Responses', 'Legacy', 'Status'),
    ],
  ];
  it.each(earlier)('rebuilds Responses built with %s', async (_, earlierPlan) => {
    const fake = new FakeExcel('1.12');
    const model = fake.model;
    const first = earlierPlan(planOf(5));
    await write(fake, first);
    const legacy = planHeaders(first, 'Responses').includes('Legacy');
    const mine = model.sheet('Sheet1')!;
    model.typeFormula(mine, 0, 0, '=ROWS(Answers[Value])');
    model.typeFormula(mine, 1, 0, '=COUNTA(Responses[Status])');
    if (legacy) model.typeFormula(mine, 2, 0, '=COUNTA(Responses[Legacy])');
    const responses = model.table('Responses')!;
    const now = planOf(8);
    await write(fake, now);

    expect(model.table('Responses')).toBe(responses);
    expect(responses.headers).toEqual(planHeaders(now, 'Responses'));
    expect(responses.box).toMatchObject({
      top: 0,
      left: 0,
      rows: 9,
      columns: planHeaders(now, 'Responses').length,
    });
    const spec = now.sheets.find((s) => s.name === 'Responses')!.tables[0];
    expect(tableColumn(model, 'Responses', lastOf(now))).toEqual(spec.rows.map((r) => r.at(-1) ?? ''));
    // Nothing of a deleted column, or of the shifted cells, is left beside the table.
    const right = model
      .sheet('Responses')!
      .values({ top: 0, left: responses.box.columns, rows: 9, columns: 3 });
    expect(right.flat().every((v) => v === '')).toBe(true);
    expect(mine.valueAt(0, 0)).toBe(8 * def.questions.length);
    expect(mine.valueAt(1, 0)).toBe(8);
    // A formula on a column the plan dropped shows #REF!, as in Excel when the column is deleted.
    if (legacy) expect(mine.valueAt(2, 0)).toBe('#REF!');
  });

  it('stops before changing anything where Excel cannot add a column at the end of a table (before ExcelApi 1.4)', async () => {
    const fake = new FakeExcel('1.3');
    const lastHeader = planHeaders(planOf(5), 'Responses').at(-1)!;
    await write(fake, withoutColumn(planOf(5), 'Responses', lastHeader));
    const before = snapshot(fake.model);
    await expect(write(fake, planOf(6))).rejects.toThrow(
      /cannot add a column at the end of a table \(that needs ExcelApi 1\.4\).*Delete the sheet "Responses".*nothing was changed/,
    );
    expect(snapshot(fake.model)).toEqual(before);
    // A column in the middle goes in with ExcelApi 1.1.
    const middle = new FakeExcel('1.3');
    await write(middle, withoutColumn(planOf(5), 'Responses', 'Finished'));
    await write(middle, planOf(6));
    expect(middle.model.table('Responses')!.headers).toEqual(planHeaders(planOf(6), 'Responses'));
  });

  it('finds a table the analyst renamed by where it is, though its columns changed', async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, withoutColumn(planOf(5), 'Responses', 'Finished'));
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem('Responses').name = 'MyResponses';
    });
    const table = fake.model.table('MyResponses');
    await write(fake, planOf(7));
    expect(fake.model.table('MyResponses')).toBe(table);
    expect(table!.headers).toEqual(planHeaders(planOf(7), 'Responses'));
    expect(fake.model.table('Responses')).toBeUndefined();
  });

  it('follows a questionnaire that gained a question and a section: the Compare, Section scores and Regions tables', async () => {
    // The earlier wave's questionnaire had neither Q31 (section B) nor section F.
    const earlierDef = {
      ...def,
      sections: def.sections.filter((s) => s.id !== 'F'),
      questions: def.questions.filter((q) => q.id !== 'Q31' && q.section !== 'F'),
    };
    const responses = batch.responses.slice(0, 12);
    const planWith = (d: typeof def) =>
      planOfResponses(batch, responses, { def: d, importedAt: IMPORTED_AT });
    const fake = new FakeExcel('1.12');
    const model = fake.model;
    await write(fake, planWith(earlierDef));
    const compareB = model.tables.find((t) => t.sheet.name === 'Compare B')!;
    const question = (id: string) => (h: string) => h.startsWith(`${id} `);
    expect(compareB.headers.some(question('Q31'))).toBe(false);
    const q32 = compareB.headers.find(question('Q32'))!;
    model.typeFormula(model.sheet('Sheet1')!, 0, 0, `=COUNTA(${compareB.name}[${q32}])`);
    model.typeFormula(model.sheet('Sheet1')!, 1, 0, '=ROWS(Answers[Value])');
    const before = model.sheet('Sheet1')!.valueAt(0, 0);
    const tables = new Map(model.tables.map((t) => [t.name, t]));
    const earlierHeaders = new Map(model.tables.map((t) => [t.name, [...t.headers]]));

    const now = planWith(def);
    await write(fake, now);
    for (const spec of now.sheets.flatMap((s) => s.tables)) {
      const live = model.table(spec.name)!;
      // Every table that was there is the same table, now with the plan's columns.
      if (tables.has(spec.name)) expect(live).toBe(tables.get(spec.name));
      expect(live.headers).toEqual(spec.columns.map((c) => c.header));
      expect(live.box).toMatchObject({
        top: spec.origin.row,
        left: spec.origin.column,
        rows: 1 + Math.max(1, spec.rows.length),
      });
    }
    const changed = ['Compare_B', 'SectionScores', 'Regions', 'Subregions'];
    for (const name of changed) expect(planHeaders(now, name)).not.toEqual(earlierHeaders.get(name));
    expect(model.table('Compare_B')!.headers.some(question('Q31'))).toBe(true);
    expect(model.sheet('Sheet1')!.valueAt(0, 0)).toBe(before);
    expect(model.sheet('Sheet1')!.valueAt(1, 0)).toBe(12 * def.questions.length);
    // The values under the headers are the plan's (one text column of each changed table).
    const scores = now.sheets.flatMap((s) => s.tables).find((t) => t.name === 'SectionScores')!;
    const k = scores.columns.findIndex((c) => c.header === 'F: Complete');
    expect(tableColumn(model, 'SectionScores', 'F: Complete')).toEqual(scores.rows.map((r) => r[k] ?? ''));
  });

  it('changes nothing when Excel fails at any point before the swap, and builds again over a half-made table', async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, withoutColumn(planOf(10), 'Responses', 'Finished'));
    fake.model.typeFormula(fake.model.sheet('Sheet1')!, 0, 0, '=COUNTA(Responses[Country as written])');
    const before = snapshot(fake.model);
    const start = fake.requests.length;
    for (const at of [1, 3, 6, 9]) {
      fake.failOn = (n) => (n === start + at ? new FakeOfficeError('GeneralException', 'lost') : undefined);
      const thrown = await write(fake, planOf(25), SMALL).catch((e: unknown) => e);
      fake.failOn = undefined;
      expect((thrown as Error).message).toMatch(/The workbook was left as it was\.$/);
      expect(snapshot(fake.model)).toEqual(before);
    }
    // A swap that stopped after adding the column leaves it with Excel's default name: the next build
    // takes it for the plan's new column.
    const finished = planHeaders(planOf(25), 'Responses').indexOf('Finished');
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem('Responses').columns.add(finished);
    });
    expect(fake.model.table('Responses')!.headers[finished]).toBe('Column1');
    await write(fake, planOf(25));
    expect(fake.model.table('Responses')!.headers).toEqual(planHeaders(planOf(25), 'Responses'));
    const filled = tableColumn(fake.model, 'Responses', 'Country as written').filter((v) => v !== '').length;
    expect(fake.model.sheet('Sheet1')!.valueAt(0, 0)).toBe(filled);
  });

  it('still stops, changing nothing, when the table was moved', async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, withoutColumn(planOf(5), 'Responses', 'Finished'));
    const width = fake.model.table('Responses')!.box.columns;
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets
        .getItem('Responses')
        .getRange(`A1:${String.fromCharCode(64 + width)}1`)
        .insert('Down');
    });
    expect(fake.model.table('Responses')!.box.top).toBe(1);
    const before = snapshot(fake.model);
    await expect(write(fake, planOf(6))).rejects.toThrow(
      /The table Responses on the sheet "Responses" was moved, so it cannot be updated in place\. Move it back to A1.*nothing was changed/,
    );
    expect(snapshot(fake.model)).toEqual(before);
  });

  it("stops, changing nothing, when a table of the analyst's sits beside a table that must gain a column", async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, withoutColumn(planOf(5), 'Responses', 'Finished'));
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Responses');
      ws.getRange('AB2:AC3').values = [
        ['Mine', 'Too'],
        [1, 2],
      ];
      ws.tables.add('AB2:AC3', true).name = 'Beside';
    });
    const before = snapshot(fake.model);
    await expect(write(fake, planOf(6))).rejects.toThrow(
      /Your table Beside on the sheet "Responses" sits beside the Responses table, in its rows, so that table cannot gain or lose columns\..*nothing was changed/,
    );
    expect(snapshot(fake.model)).toEqual(before);
  });
});

describe("tables of the analyst's on the add-in's sheets", () => {
  it('leaves one beside a table where it is, and stops before changing anything when one below would be cut across', async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, planOf(5));
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Answers');
      ws.getRange('U1:V2').values = [
        ['Mine', 'Too'],
        [1, 2],
      ];
      ws.tables.add('U1:V2', true).name = 'Beside';
    });
    await write(fake, planOf(8));
    expect(fake.model.table('Beside')!.box).toMatchObject({ top: 0, left: 20, rows: 2 });
    expect(fake.model.table('Answers')!.bodyRows).toBe(8 * def.questions.length);

    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Answers');
      const top = 8 * def.questions.length + 4;
      // Columns Q:T: two inside the Answers table's columns (A:R), two outside.
      ws.getRange(`Q${top}:T${top + 1}`).values = [
        ['Below', 'Mine', 'Across', 'Edge'],
        [1, 2, 3, 4],
      ];
      ws.tables.add(`Q${top}:T${top + 1}`, true).name = 'Below';
    });
    const before = snapshot(fake.model);
    await expect(write(fake, planOf(5))).rejects.toThrow(
      /Your table Below .* cannot grow or shrink.*nothing was changed/,
    );
    expect(snapshot(fake.model)).toEqual(before);
  });
});

describe('a build that fails midway leaves the workbook as it was', () => {
  const failures: [string, FakeOfficeError][] = [
    ['cell-edit mode', new FakeOfficeError('InvalidOperationInCellEditMode', 'Cell edit mode.')],
    ['a lost session', new FakeOfficeError('GeneralException', 'The session was lost.')],
    [
      'a table name taken meanwhile',
      new FakeOfficeError('ItemAlreadyExists', 'A table named SectionScores exists.'),
    ],
  ];

  it.each(failures)('a first build, failing with %s, removes what it wrote', async (_, error) => {
    const fake = new FakeExcel('1.12');
    const before = snapshot(fake.model);
    fake.failOn = (n) => (n === 4 ? error : undefined);
    const thrown = await write(fake, planOf(20), SMALL).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(WorkbookError);
    expect((thrown as Error).message).toMatch(
      /^While (writing|formatting|creating|adding|setting up) .*The workbook was left as it was\.$/,
    );
    fake.failOn = undefined;
    expect(snapshot(fake.model)).toEqual(before);
  });

  it.each(failures)(
    'a rebuild, failing with %s at any point before the swap, changes nothing',
    async (_, error) => {
      const fake = new FakeExcel('1.12');
      await write(fake, planOf(10));
      fake.model.typeFormula(fake.model.sheet('Sheet1')!, 0, 0, '=ROWS(Answers[Value])');
      const before = snapshot(fake.model);
      const start = fake.requests.length;
      // Reading, writing the staged content, and the first request of the swap.
      for (const at of [1, 3, 6, 9]) {
        fake.failOn = (n) => (n === start + at ? error : undefined);
        const thrown = await write(fake, planOf(25), SMALL).catch((e: unknown) => e);
        fake.failOn = undefined;
        expect(thrown).toBeInstanceOf(WorkbookError);
        expect((thrown as Error).message).toMatch(/^While .*: .*The workbook was left as it was\.$/);
        expect(snapshot(fake.model)).toEqual(before);
      }
    },
  );

  it('a cancelled rebuild changes nothing', async () => {
    const fake = new FakeExcel('1.12');
    await write(fake, planOf(10));
    const before = snapshot(fake.model);
    const controller = new AbortController();
    const start = fake.requests.length;
    fake.failOn = (n) => {
      if (n === start + 4) controller.abort();
      return undefined;
    };
    await expect(write(fake, planOf(25), { ...SMALL, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    fake.failOn = undefined;
    expect(snapshot(fake.model)).toEqual(before);
  });

  it('names the step and says the sheets were partly updated where Excel cannot write aside (before 1.9)', async () => {
    const fake = new FakeExcel('1.8');
    await write(fake, planOf(10));
    const start = fake.requests.length;
    fake.failOn = (n) => (n === start + 8 ? new FakeOfficeError('GeneralException', 'lost') : undefined);
    const thrown = await write(fake, planOf(25), SMALL).catch((e: unknown) => e);
    expect((thrown as Error).message).toMatch(/^While .*partly updated: build again/);
    fake.failOn = undefined;
    await write(fake, planOf(25));
    expect(fake.model.table('Answers')!.bodyRows).toBe(25 * def.questions.length);
  });
});

describe('cells as Excel shows them', () => {
  let fake: FakeExcel;
  let plan: WorkbookPlan;
  beforeAll(async () => {
    fake = new FakeExcel('1.12');
    plan = planOf(batch.responses.length);
    await write(fake, plan);
  });

  it('shows every long answer in full (no #### from a Text cell over 255 characters) and runs none as a formula', () => {
    const answers = fake.model.sheet('Answers')!;
    const t = fake.model.table('Answers')!;
    const value = t.box.left + t.headers.indexOf('Value');
    let long = 0;
    for (let r = t.box.top + 1; r < t.box.top + t.box.rows; r++) {
      const v = answers.valueAt(r, value);
      if (typeof v === 'string' && v.length > 255) long++;
      expect(answers.shown(r, value)).not.toBe('####');
      expect(answers.peek(r, value)?.formula).toBeUndefined();
    }
    expect(long).toBeGreaterThan(100);
  });

  it('colours the comparison cells as the plan means: each status label in its own fill', () => {
    let checked = 0;
    for (const spec of plan.sheets) {
      const sheet = fake.model.sheet(spec.name)!;
      for (const cf of spec.conditionalFormats) {
        if (cf.kind === 'colorScale') continue;
        const b = parseBox(cf.range);
        for (let r = b.top; r < b.top + b.rows; r++)
          for (let c = b.left; c < b.left + b.columns; c++) {
            const v = sheet.valueAt(r, c);
            const rules = spec.conditionalFormats.filter(
              (x) => x.kind !== 'colorScale' && parseBox(x.range).top <= r,
            );
            const want = rules.find((x) =>
              x.kind === 'textEquals'
                ? typeof v === 'string' && v.toLowerCase() === x.text.toLowerCase()
                : x.kind === 'cellIs' &&
                  typeof v === 'number' &&
                  (x.operator === 'greaterThan'
                    ? v > x.value
                    : x.operator === 'lessThan'
                      ? v < x.value
                      : v === x.value),
            );
            const fill = sheet.conditionalFill(r, c);
            if (want && want.kind !== 'colorScale') {
              expect(fill).toBe(`#${want.fill}`);
              checked++;
            } else expect(fill).toBeUndefined();
          }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('writes dates a 1904-date-system workbook shows on the right day', async () => {
    const dated = (rows: string[]): WorkbookPlan => ({
      properties: { title: 't', subject: 's', created: IMPORTED_AT },
      pivots: [],
      sheets: [
        {
          name: 'Dates',
          blocks: [],
          conditionalFormats: [],
          validations: [],
          tables: [
            {
              name: 'Dates',
              origin: { row: 0, column: 0 },
              columns: [{ header: 'Submitted', kind: 'datetime', width: 16 }],
              rows: rows.map((r) => [r]),
            },
          ],
        },
      ],
    });
    const isos = ['2022-03-01T10:30:00Z', '1999-12-31T23:00:00Z', '2024-02-29T08:00:00Z'];
    for (const date1904 of [false, true]) {
      const fake = new FakeExcel('1.12');
      fake.model.date1904 = date1904;
      await write(fake, dated(isos));
      const sheet = fake.model.sheet('Dates')!;
      isos.forEach((iso, i) => {
        const serial = sheet.valueAt(1 + i, 0) as number;
        expect(fake.model.dateOf(serial)).toBe(iso.slice(0, 10));
        expect(serial).toBe(excelSerial(iso)! - (date1904 ? 1462 : 0));
      });
    }
  });
});

describe('rules and free text as Excel reads them', () => {
  const sheetOf = (extra: Partial<WorkbookPlan['sheets'][number]>): WorkbookPlan => ({
    properties: { title: 't', subject: 's', created: IMPORTED_AT },
    pivots: [],
    sheets: [
      {
        name: 'Rules',
        blocks: [],
        conditionalFormats: [],
        validations: [],
        tables: [
          {
            name: 'Rules',
            origin: { row: 0, column: 0 },
            columns: [
              { header: 'Share', kind: 'number', width: 8 },
              { header: 'Status', kind: 'text', width: 12 },
            ],
            rows: [
              [0.2, 'Yes'],
              [0.5, 'No "quoted"'],
              [0.9, 'yes'],
            ],
          },
        ],
        ...extra,
      },
    ],
  });

  it('colours by each operator and by quoted text as Excel evaluates the rules', async () => {
    const fake = new FakeExcel('1.12');
    await write(
      fake,
      sheetOf({
        conditionalFormats: [
          { kind: 'cellIs', range: 'A2:A4', operator: 'greaterThan', value: 0.5, fill: '00AA00' },
          { kind: 'cellIs', range: 'A2:A4', operator: 'lessThan', value: 0.5, fill: 'AA0000' },
          { kind: 'cellIs', range: 'A2:A4', operator: 'equal', value: 0.5, fill: '0000AA' },
          { kind: 'textEquals', range: 'B2:B4', text: 'Yes', fill: '111111' },
          { kind: 'textEquals', range: 'B2:B4', text: 'No "quoted"', fill: '222222' },
        ],
      }),
    );
    const s = fake.model.sheet('Rules')!;
    expect([1, 2, 3].map((r) => s.conditionalFill(r, 0))).toEqual(['#AA0000', '#0000AA', '#00AA00']);
    // Excel compares text ignoring case; a quote inside the text is doubled in the rule.
    expect([1, 2, 3].map((r) => s.conditionalFill(r, 1))).toEqual(['#111111', '#222222', '#111111']);
  });

  it('keeps formula-like text in free blocks as text', async () => {
    const fake = new FakeExcel('1.12');
    const texts = ['=1+1', '+44 20 7946 0000', '-see notes', '@portal', 'x'.repeat(300)];
    await write(fake, sheetOf({ blocks: [{ origin: { row: 6, column: 0 }, rows: texts.map((t) => [t]) }] }));
    const s = fake.model.sheet('Rules')!;
    texts.forEach((t, i) => {
      expect(s.peek(6 + i, 0)?.formula).toBeUndefined();
      expect(s.valueAt(6 + i, 0)).toBe(t);
      expect(s.shown(6 + i, 0)).toBe(t);
    });
  });
});

describe('the fake reads text as Excel would', () => {
  it('takes "=", "+", "-" and "@" text for formulas in a General cell, plain numbers for numbers, and none in a Text cell', async () => {
    const fake = new FakeExcel('1.12');
    const inputs = ['=1+1', '+44 20 7946 0000', '-Yes', '@portal', '-12', 'plain'];
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:F1').values = [inputs];
      const text = ws.getRange('A2:F2');
      text.numberFormat = [inputs.map(() => '@')];
      text.values = [inputs];
    });
    const s = fake.model.sheet('Sheet1')!;
    expect(inputs.map((_, c) => s.peek(0, c)?.formula !== undefined)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(s.valueAt(0, 4)).toBe(-12);
    expect(inputs.map((_, c) => s.peek(1, c)?.formula)).toEqual(inputs.map(() => undefined));
    expect(s.valueAt(1, 4)).toBe('-12');
  });
});

describe("the fake's table columns behave as Excel's", () => {
  it('adds and deletes the cells of the table rows, names new columns ColumnN, and binds references to columns', async () => {
    const fake = new FakeExcel('1.12');
    const s = fake.model.sheet('Sheet1')!;
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:C3').values = [
        ['Id', 'Name', 'Score'],
        [1, 'a', 10],
        [2, 'b', 20],
      ];
      ws.tables.add('A1:C3', true).name = 'T';
      ws.getRange('E2').values = [['beside']];
      ws.getRange('D5').values = [['below']];
    });
    fake.model.typeFormula(s, 9, 0, '=COUNTA(T[Score])');
    await fake.run(async (ctx) => {
      const columns = ctx.workbook.tables.getItem('T').columns;
      columns.add(1);
      columns.add();
    });
    const t = fake.model.table('T')!;
    expect(t.headers).toEqual(['Id', 'Column1', 'Name', 'Score', 'Column2']);
    expect(t.box).toMatchObject({ left: 0, columns: 5, rows: 3 });
    // What was right of the table in its rows moved with it; what was below did not.
    expect(s.valueAt(1, 6)).toBe('beside');
    expect(s.valueAt(4, 3)).toBe('below');
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('D1').values = [['Points']];
    });
    expect(t.headers[3]).toBe('Points');
    expect(s.valueAt(9, 0)).toBe(2);
    await fake.run(async (ctx) => {
      ctx.workbook.tables.getItem('T').columns.getItemAt(3).delete();
    });
    expect(t.headers).toEqual(['Id', 'Column1', 'Name', 'Column2']);
    expect(s.valueAt(1, 5)).toBe('beside');
    expect(s.valueAt(9, 0)).toBe('#REF!');
  });

  it('refuses what Excel refuses: an index at the end before ExcelApi 1.4, a table across the rows beside', async () => {
    const fake = new FakeExcel('1.3');
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B2').values = [
        ['a', 'b'],
        [1, 2],
      ];
      ws.tables.add('A1:B2', true).name = 'T';
      ws.getRange('D2:D3').values = [['x'], [1]];
      ws.tables.add('D2:D3', true).name = 'Across';
    });
    const add = (index?: number) =>
      fake.run(async (ctx) => {
        const columns = ctx.workbook.tables.getItem('T').columns;
        if (index === undefined) columns.add();
        else columns.add(index);
      });
    await expect(add()).rejects.toMatchObject({ code: 'ApiNotFound' });
    await expect(add(2)).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(add(1)).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(fake.model.table('T')!.headers).toEqual(['a', 'b']);
  });
});
