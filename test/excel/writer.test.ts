import { loadQuestionnaire } from '../../src/core/definition';
import type { Response } from '../../src/core/model';
import { importBatch, type BatchResult } from '../../src/core/pipeline';
import { buildWorkbookPlan, type ReviewEntry } from '../../src/core/plan/build';
import type { CellValue, WorkbookPlan } from '../../src/core/plan/types';
import { excelSerial } from '../../src/core/plan/dates';
import { locateIssue } from '../../src/excel/locate';
import { selectPlace } from '../../src/excel/select';
import { writePlan } from '../../src/excel/write-plan';
import { corpusInputFiles } from '../support/corpus';
import { FakeExcel, FakeOfficeError, parseBox, PAYLOAD_LIMIT, type SheetModel } from './fake-excel';

const MB = 1024 * 1024;
const def = loadQuestionnaire('msq-2022');
const IMPORTED_AT = '2024-05-01T09:00:00Z';
/** Answers that Excel would take for formulas if written into a cell not formatted as text. */
const FORMULA_LIKE = ['=HYPERLINK("http://example.org","x")', '=1+1', '+44 20 7946 0000', '@portal'];

let batch: BatchResult;
let plan: WorkbookPlan;

function planOf(responses: Response[], reviews = new Map<string, ReviewEntry>()): WorkbookPlan {
  return buildWorkbookPlan({ ...batch, def, responses, reviews, importedAt: IMPORTED_AT });
}

/** The corpus, with a few text answers rewritten to look like formulas. */
function withFormulaLikeAnswers(responses: Response[]): Response[] {
  return responses.map((r, i) => {
    if (i >= FORMULA_LIKE.length) return r;
    const q = i % 2 ? 'Q3' : 'Q4';
    return {
      ...r,
      answers: { ...r.answers, [q]: { ...r.answers[q], value: FORMULA_LIKE[i], status: 'answered' } },
    };
  });
}

/** What a plan cell should read as in Excel: blanks empty, ISO timestamps as serial dates. */
function expected(value: CellValue, kind: string): CellValue {
  if (value === null) return '';
  if (kind === 'datetime' && typeof value === 'string') return excelSerial(value) ?? value;
  return value;
}

function allCells(fake: FakeExcel) {
  return fake.model.sheets.flatMap((s: SheetModel) => [...s.cells.values()]);
}

async function write(fake: FakeExcel, p: WorkbookPlan, opts: Parameters<typeof writePlan>[1] = {}) {
  const uninstall = fake.install();
  try {
    return await writePlan(p, opts);
  } finally {
    uninstall();
  }
}

beforeAll(async () => {
  batch = await importBatch(corpusInputFiles(), def);
  plan = planOf(withFormulaLikeAnswers(batch.responses));
});

describe('writing the corpus plan into a live workbook', () => {
  let fake: FakeExcel;
  let summary: Awaited<ReturnType<typeof writePlan>>;
  const tables = () => plan.sheets.flatMap((s) => s.tables.map((t) => ({ sheet: s.name, table: t })));

  beforeAll(async () => {
    fake = new FakeExcel('1.12');
    summary = await write(fake, plan);
  });

  it('keeps every request under 4 MB, syncing once per chunk plus a few', () => {
    expect(fake.requests.every((r) => r.ok)).toBe(true);
    const sizes = fake.requests.map((r) => r.bytes);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4 * MB);
    const total = sizes.reduce((a, b) => a + b, 0);
    // The Answers table alone is several megabytes, so it cannot go in one request.
    expect(total).toBeGreaterThan(4 * MB);
    const fullRequests = Math.ceil(total / (4 * MB));
    // reads (sheets, tables and registry) + chunks (each nearly full, one partial) + the swap + chart
    // + one per PivotTable + the registry
    expect(fake.syncs).toBeGreaterThanOrEqual(fullRequests + 1);
    expect(fake.syncs).toBeLessThanOrEqual(fullRequests + 6 + plan.pivots.length + 1);
    expect(summary.requests).toBe(fake.syncs);
    expect(fake.calculationSuspensions).toBeGreaterThanOrEqual(fullRequests);
  });

  it('creates each table once, over its written rows, with the plan headers', () => {
    expect(tables().length).toBeGreaterThan(5);
    expect(fake.model.tableAddCalls).toBe(tables().length);
    for (const { sheet, table } of tables()) {
      const live = fake.model.table(table.name);
      expect(live?.sheet.name).toBe(sheet);
      expect(live?.headers).toEqual(table.columns.map((c) => c.header));
      expect(live?.bodyRows).toBe(Math.max(1, table.rows.length));
      expect(live?.box.top).toBe(table.origin.row);
      expect(live?.style).toBe(table.style ?? 'TableStyleMedium2');
    }
    const answers = fake.model.table('Answers')!;
    expect(answers.bodyRows).toBe(batch.responses.length * def.questions.length);
  });

  it('writes every table cell where the plan puts it, across chunk boundaries', () => {
    for (const { sheet, table } of tables()) {
      const s = fake.model.sheet(sheet)!;
      const box = {
        top: table.origin.row + 1,
        left: table.origin.column,
        rows: table.rows.length,
        columns: table.columns.length,
      };
      const live = s.values(box);
      const want = table.rows.map((row) => table.columns.map((c, i) => expected(row[i] ?? null, c.kind)));
      expect(live).toEqual(want);
    }
  });

  it('never turns an answer into a formula, and keeps the text as written', () => {
    expect(allCells(fake).filter((c) => c.formula !== undefined)).toEqual([]);
    const values = allCells(fake).map((c) => c.value);
    for (const text of FORMULA_LIKE) expect(values).toContain(text);
    for (const c of allCells(fake).filter((x) => typeof x.value === 'string' && /^[=+@]/.test(x.value))) {
      expect(c.numberFormat).toBe('@');
    }
  });

  it('adds conditional formats, drop-downs, frozen panes, links, a chart and the PivotTable', () => {
    for (const spec of plan.sheets) {
      const s = fake.model.sheet(spec.name)!;
      expect(s.conditionalFormats).toHaveLength(spec.conditionalFormats.length);
      expect(s.validations.map((v) => v.address)).toEqual(
        spec.validations.map((v) => parseBoxAddress(v.range)),
      );
      if (spec.freeze && (spec.freeze.rows || spec.freeze.columns)) expect(s.freeze).toEqual(spec.freeze);
    }
    const internalLinks = tables()
      .flatMap(({ table }) => table.links ?? [])
      .filter((l) => l.target.startsWith('#'));
    expect(internalLinks.length).toBeGreaterThan(0);
    const linked = allCells(fake).filter((c) => c.hyperlink?.documentReference);
    expect(linked.length).toBe(internalLinks.length);
    // The plan's chart, bound to the same cells: series, their names, categories, axis, place.
    const planned = plan.sheets.flatMap((s) => (s.charts ?? []).map((spec) => ({ sheet: s.name, spec })));
    expect(planned).toHaveLength(1);
    const [{ sheet, spec }] = planned;
    const charts = fake.model.sheets.flatMap((s) => s.charts);
    expect(charts).toHaveLength(1);
    const first = spec.series[0].values.split(':')[0];
    const last = spec.series[spec.series.length - 1].values.split(':')[1];
    expect(fake.model.sheet(sheet)!.charts[0]).toMatchObject({
      type: 'ColumnClustered',
      seriesBy: 'Columns',
      source: `${first}:${last}`,
      title: spec.title,
      seriesNames: spec.series.map((x) => x.name),
      categories: spec.categories,
      valueAxis: { minimum: 0, maximum: 1, numberFormat: '0%' },
    });
    const pivots = fake.model.sheets.flatMap((s) => s.pivots);
    expect(pivots.map((p) => p.name)).toEqual(plan.pivots.map((p) => p.name));
    for (const p of plan.pivots) {
      const live = pivots.find((x) => x.name === p.name)!;
      expect(live.source.name).toBe(p.sourceTable);
      expect(live.rows).toEqual(p.rows);
      expect(live.values.map((v) => v.field)).toEqual(p.values.map((v) => v.field));
    }
    expect(summary.skipped).toEqual([]);
    expect(pivots[0].filterItems).toEqual({ Status: ['current'], Score: ['0', '1'] });
    expect(fake.model.properties.title).toBe(plan.properties.title);
    // The definition the workbook keeps for the next import is out of the analyst's way.
    expect(fake.model.sheets.filter((s) => s.visibility === 'Hidden').map((s) => s.name)).toEqual([
      'Definition',
    ]);
  });

  it("rebuilds in place: the same sheets and tables, resized, and the analyst's sheet left alone", async () => {
    const userSheet = fake.model.sheet('Sheet1')!;
    userSheet.cell(0, 0).value = 'my notes';
    const sheetsBefore = [...fake.model.sheets];
    const tablesBefore = new Map(fake.model.tables.map((t) => [t.name, t]));
    const fewer = planOf(batch.responses.slice(0, 40));
    await write(fake, fewer);
    expect(fake.model.sheets).toEqual(sheetsBefore);
    expect(fake.model.sheet('Sheet1')?.peek(0, 0)?.value).toBe('my notes');
    for (const t of fake.model.tables) expect(tablesBefore.get(t.name)).toBe(t);
    expect(fake.model.table('Answers')!.bodyRows).toBe(40 * def.questions.length);
    expect(fake.model.sheets.filter((s) => /^~/.test(s.name))).toEqual([]);
    // Back to the whole corpus: the tables grow again, cells and links where the plan puts them.
    await write(fake, plan);
    expect(fake.model.table('Answers')!.bodyRows).toBe(batch.responses.length * def.questions.length);
    for (const { sheet, table } of tables()) {
      const s = fake.model.sheet(sheet)!;
      const box = {
        top: table.origin.row + 1,
        left: table.origin.column,
        rows: table.rows.length,
        columns: table.columns.length,
      };
      expect(s.values(box)).toEqual(
        table.rows.map((row) => table.columns.map((c, i) => expected(row[i] ?? null, c.kind))),
      );
    }
    for (const spec of plan.sheets) {
      expect(fake.model.sheet(spec.name)!.conditionalFormats).toHaveLength(spec.conditionalFormats.length);
      expect(fake.model.sheet(spec.name)!.validations).toHaveLength(spec.validations.length);
    }
    expect(fake.model.sheets.flatMap((s) => s.charts)).toHaveLength(1);
    const pivot = fake.model.sheets.flatMap((s) => s.pivots)[0];
    expect(pivot.refreshes).toBe(2);
  });
});

function parseBoxAddress(range: string): string {
  const b = parseBox(range);
  const fmt = (r: number, c: number) => `${String.fromCharCode(65 + c)}${r + 1}`;
  return b.rows === 1 && b.columns === 1
    ? fmt(b.top, b.left)
    : `${fmt(b.top, b.left)}:${fmt(b.top + b.rows - 1, b.left + b.columns - 1)}`;
}

describe('request sizes', () => {
  it('uses more, smaller requests under a smaller budget and writes the same cells', async () => {
    const small = new FakeExcel('1.8');
    await write(small, plan, { maxRequestBytes: 512 * 1024 });
    const big = new FakeExcel('1.8');
    await write(big, plan);
    expect(Math.max(...small.requests.map((r) => r.bytes))).toBeLessThanOrEqual(512 * 1024);
    expect(small.syncs).toBeGreaterThan(big.syncs + 5);
    const answers = (f: FakeExcel) => {
      const t = f.model.table('Answers')!;
      return t.sheet.values(t.box);
    };
    expect(answers(small)).toEqual(answers(big));
  });

  it('sends a request Excel refuses again in halves, so the plan still goes through', async () => {
    // 12,000 rows of 500 characters: about 6 MB, sent in one request when the budget allows it.
    const big: WorkbookPlan = {
      properties: { title: 't', subject: 's', created: IMPORTED_AT },
      pivots: [],
      sheets: [
        {
          name: 'Big',
          blocks: [],
          conditionalFormats: [],
          validations: [],
          tables: [
            {
              name: 'Big',
              origin: { row: 0, column: 0 },
              columns: [{ header: 'Text', kind: 'text', width: 40 }],
              rows: Array.from({ length: 12_000 }, (_, i) => [`${i} ${'x'.repeat(500)}`]),
            },
          ],
        },
      ],
    };
    const fake = new FakeExcel('1.8');
    const summary = await write(fake, big, { maxRequestBytes: 16 * MB });
    expect(fake.requests.some((r) => !r.ok && r.bytes > PAYLOAD_LIMIT)).toBe(true);
    expect(summary.retries).toBeGreaterThan(0);
    expect(fake.model.table('Big')?.bodyRows).toBe(12_000);
    expect(fake.model.sheet('Big')!.values({ top: 12_000, left: 0, rows: 1, columns: 1 })).toEqual([
      [`11999 ${'x'.repeat(500)}`],
    ]);
    // Within the default budget the same plan goes through in several requests.
    const ok = new FakeExcel('1.8');
    await write(ok, big);
    expect(ok.requests.every((r) => r.ok && r.bytes <= 4 * MB)).toBe(true);
    expect(ok.model.table('Big')?.bodyRows).toBe(12_000);
  });
});

describe('older Excel', () => {
  it('writes values and tables with ExcelApi 1.1, and says on the About sheet what it left out', async () => {
    const fake = new FakeExcel('1.1');
    const summary = await write(fake, plan);
    expect(fake.model.table('Answers')?.bodyRows).toBe(batch.responses.length * def.questions.length);
    expect(fake.model.sheet('Answers')!.columnWidths.size).toBe(0);
    expect(summary.skipped.join('\n')).toMatch(/links need ExcelApi 1\.7/);
    const about = fake.model.sheet('About')!;
    const text = [...about.cells.values()].map((c) => c.value).join('\n');
    expect(text).toMatch(/What this Excel leaves out/);
    expect(text).toMatch(/Column widths .* ExcelApi 1\.2/);
    expect(text).toMatch(/no PivotTable \(they need ExcelApi 1\.8\)/);
  });

  it('says in the summary and on the About sheet that the PivotTable is unfiltered before ExcelApi 1.12', async () => {
    const fake = new FakeExcel('1.8');
    const summary = await write(fake, plan);
    const pivot = fake.model.sheets.flatMap((s) => s.pivots)[0];
    expect(pivot.filters).toEqual(['Status', 'Score']);
    expect(pivot.filterItems).toEqual({});
    expect(summary.skipped.join('\n')).toMatch(
      /cannot filter PivotTable items \(ExcelApi 1\.12\).*superseded.*Status "current"/,
    );
    const about = [...fake.model.sheet('About')!.cells.values()].map((c) => c.value).join('\n');
    expect(about).toMatch(/counts superseded responses too/);
  });

  it('writes values and tables with ExcelApi 1.2 and lists what it left out', async () => {
    const fake = new FakeExcel('1.2');
    const summary = await write(fake, plan);
    expect(fake.model.tables).toHaveLength(plan.sheets.reduce((n, s) => n + s.tables.length, 0));
    expect(summary.skipped.join('\n')).toMatch(/conditional formats need ExcelApi 1\.6/);
    expect(summary.skipped.join('\n')).toMatch(/PivotTables need ExcelApi 1\.8/);
    expect(fake.model.sheets.every((s) => s.conditionalFormats.length === 0 && s.pivots.length === 0)).toBe(
      true,
    );
    expect(fake.calculationSuspensions).toBe(0);
  });
});

describe('issue cells', () => {
  it('selects the answer cell an issue is about', async () => {
    const fake = new FakeExcel('1.8');
    await write(fake, plan);
    const issue = batch.issues.find((i) => i.questionId && i.rule === 'required-missing')!;
    const place = locateIssue(plan, issue.key)!;
    expect(place).toBeDefined();
    const uninstall = fake.install();
    try {
      await selectPlace(place);
    } finally {
      uninstall();
    }
    expect(fake.model.selection).toEqual(place);
    expect(fake.model.active?.name).toBe(place.sheet);
    // The selected row is the answer to the issue's question in the issue's response.
    const sheet = fake.model.sheet(place.sheet)!;
    const answers = fake.model.table('Answers')!;
    const b = parseBox(place.address);
    const row = sheet.values({
      top: b.top,
      left: answers.box.left,
      rows: 1,
      columns: answers.box.columns,
    })[0];
    expect(row[answers.headers.indexOf('Question id')]).toBe(issue.questionId);
    expect(row[answers.headers.indexOf('File')]).toBe(issue.sourceFile);
    expect(String(row[answers.headers.indexOf('Response')])).toBe(issue.responseId);
  });

  it('fails with a sentence when the sheet is gone', async () => {
    const fake = new FakeExcel('1.8');
    const uninstall = fake.install();
    try {
      await expect(selectPlace({ sheet: 'Answers', address: 'J5' })).rejects.toThrow(
        /sheet or table the add-in expected is missing/,
      );
    } finally {
      uninstall();
    }
  });
});

describe('the fake behaves like Excel where the writer relies on it', () => {
  it('takes "=" text as a formula unless the cell is formatted as text, and refuses oversized requests', async () => {
    const fake = new FakeExcel('1.8');
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1').values = [['=1+1']];
      const b = ws.getRange('B1');
      b.numberFormat = [['@']];
      b.values = [['=1+1']];
    });
    expect(fake.model.sheet('Sheet1')!.peek(0, 0)?.formula).toBe('=1+1');
    expect(fake.model.sheet('Sheet1')!.peek(0, 1)?.formula).toBeUndefined();
    const big = [['x'.repeat(PAYLOAD_LIMIT)]];
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('C1').values = big;
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.model.sheet('Sheet1')!.peek(0, 2)).toBeUndefined();
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [['only one']];
      }),
    ).rejects.toBeInstanceOf(FakeOfficeError);
  });
});
