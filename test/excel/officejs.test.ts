// Builds measured with the real Office.js library (see officejs-harness.ts): request counts and
// sizes as Excel on the web receives them, and the in-place, all-or-nothing rebuild through it.
import { loadQuestionnaire } from '../../src/core/definition';
import { importBatch } from '../../src/core/pipeline';
import { buildWorkbookPlan } from '../../src/core/plan/build';
import type { WorkbookPlan } from '../../src/core/plan/types';
import { ACTION_OVERHEAD, DEFAULT_REQUEST_BUDGET } from '../../src/excel/payload';
import { columnOpBytes, writePlan, type WriteOptions, type WriteSummary } from '../../src/excel/write-plan';
import { generateSampleBatch } from '../../src/sample/batch';
import { FakeExcel, FakeOfficeError, type WorkbookModel } from './fake-excel';
import { planOfResponses } from '../support/plans';
import { OfficeJsHarness } from './officejs-harness';

const def = loadQuestionnaire('msq-2022');
const MiB = 1024 * 1024;

async function build(
  harness: OfficeJsHarness,
  plan: WorkbookPlan,
  opts: WriteOptions = {},
): Promise<WriteSummary> {
  const uninstall = harness.install();
  try {
    return await writePlan(plan, opts);
  } finally {
    uninstall();
  }
}

describe('1,130 responses through the real Office.js library', () => {
  let plan: WorkbookPlan;
  beforeAll(async () => {
    const sample = await generateSampleBatch({ count: 1130, seed: 2022, def });
    const batch = await importBatch(sample.files, def);
    plan = buildWorkbookPlan({ ...batch, def, reviews: new Map(), importedAt: '2024-05-01T09:00:00Z' });
  }, 300_000);

  it('keeps every request under 4 MiB as the library serialises it', async () => {
    const harness = new OfficeJsHarness(new FakeExcel('1.12'));
    const t0 = Date.now();
    const summary = await build(harness, plan);
    const sizes = harness.requests.map((r) => r.bytes);
    console.log(
      `${harness.requests.length} requests, largest ${(harness.largest / MiB).toFixed(3)} MiB (${harness.largest} bytes), ` +
        `${(sizes.reduce((a, b) => a + b, 0) / MiB).toFixed(1)} MiB in all, ${Date.now() - t0} ms`,
    );
    expect(harness.requests.every((r) => r.ok)).toBe(true);
    expect(harness.largest).toBeLessThanOrEqual(DEFAULT_REQUEST_BUDGET);
    expect(summary.retries).toBe(0);
    // The writer's syncs, and the closing one of Excel.run where the library has something left to send.
    expect(harness.requests.length - summary.requests).toBeGreaterThanOrEqual(0);
    expect(harness.requests.length - summary.requests).toBeLessThanOrEqual(1);
    // Requests are nearly full: no more than the data needs, plus reads, the swap and the extras.
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(harness.requests.length).toBeLessThanOrEqual(Math.ceil(total / DEFAULT_REQUEST_BUDGET) + 8);
    expect(harness.fake.model.table('Answers')!.bodyRows).toBe(1130 * def.questions.length);
  }, 300_000);
});

describe('rebuilding through the real library', () => {
  let small: (count: number) => WorkbookPlan;
  beforeAll(async () => {
    const sample = await generateSampleBatch({ count: 60, seed: 7, def });
    const batch = await importBatch(sample.files, def);
    small = (count) =>
      planOfResponses(batch, batch.responses.slice(0, count), { def, importedAt: '2024-05-01T09:00:00Z' });
  }, 60_000);

  const cells = (model: WorkbookModel) =>
    model.sheets.map((s) => [
      s.name,
      [...s.cells.keys()].map((k) => [k, s.valueAt(...(k.split(',').map(Number) as [number, number]))]),
    ]);

  it('keeps a formula on Answers and Review typed in Excel, resizing the tables in place', async () => {
    const harness = new OfficeJsHarness(new FakeExcel('1.12'));
    await build(harness, small(40));
    const model = harness.fake.model;
    model.typeFormula(model.sheet('Sheet1')!, 0, 0, '=ROWS(Answers[Value])');
    const issues = model.table('Issues')!;
    const reviewCol = issues.box.left + issues.headers.indexOf('Review');
    const keyCol = issues.box.left + issues.headers.indexOf('Issue key');
    const key = issues.sheet.valueAt(issues.box.top + 1, keyCol);
    issues.sheet.cell(issues.box.top + 1, reviewCol).value = 'Fixed';
    const answers = model.table('Answers');
    harness.requests.length = 0;
    const summary = await build(harness, small(60));
    expect(harness.requests.every((r) => r.ok && r.bytes <= DEFAULT_REQUEST_BUDGET)).toBe(true);
    expect(summary.reviewsFromWorkbook).toBeGreaterThanOrEqual(1);
    expect(model.table('Answers')).toBe(answers);
    expect(model.sheet('Sheet1')!.valueAt(0, 0)).toBe(60 * def.questions.length);
    const after = model.table('Issues')!;
    let found = false;
    for (let r = after.box.top + 1; r < after.box.top + after.box.rows; r++) {
      if (after.sheet.valueAt(r, keyCol) === key) {
        expect(after.sheet.valueAt(r, reviewCol)).toBe('Fixed');
        found = true;
      }
    }
    expect(found).toBe(true);
  }, 60_000);

  it('leaves the workbook as it was when Excel fails midway, and names the step', async () => {
    const harness = new OfficeJsHarness(new FakeExcel('1.12'));
    await build(harness, small(20));
    const before = JSON.stringify(cells(harness.fake.model));
    const start = harness.fake.requests.length;
    harness.fake.failOn = (n) =>
      n === start + 4 ? new FakeOfficeError('InvalidOperationInCellEditMode', 'busy') : undefined;
    const error = await build(harness, small(60), { maxRequestBytes: 200_000 }).catch((e: unknown) => e);
    harness.fake.failOn = undefined;
    expect((error as Error).message).toMatch(
      /^While .*Excel is busy editing a cell.*The workbook was left as it was\.$/,
    );
    expect(JSON.stringify(cells(harness.fake.model))).toBe(before);
  }, 60_000);

  /**
   * Responses as an earlier version made it: without Finished, with `extra` more columns at its end,
   * or without its last column.
   */
  const earlier = (plan: WorkbookPlan, extra: number, dropLast = false): WorkbookPlan => {
    const copy = structuredClone(plan);
    const t = copy.sheets.flatMap((s) => s.tables).find((x) => x.name === 'Responses')!;
    const finished = t.columns.findIndex((c) => c.header === 'Finished');
    const last = dropLast ? t.columns.length - 1 : -1;
    const kept = (_: unknown, k: number) => k !== finished && k !== last;
    const olds = Array.from({ length: extra }, (_, k) => `Old ${k + 1}`);
    t.columns = [
      ...t.columns.filter(kept),
      ...olds.map((header) => ({ header, kind: 'text' as const, width: 8 })),
    ];
    t.rows = t.rows.map((r) => [...r.filter(kept), ...olds]);
    return copy;
  };
  const headersOf = (plan: WorkbookPlan, table: string) =>
    plan.sheets
      .flatMap((s) => s.tables)
      .find((t) => t.name === table)!
      .columns.map((c) => c.header);

  it('gives a table built by an earlier version the plan columns, keeping formulas and Review', async () => {
    const harness = new OfficeJsHarness(new FakeExcel('1.12'));
    // Finished goes in the middle, the last column at the end (appended).
    await build(harness, earlier(small(40), 0, true));
    const model = harness.fake.model;
    const responses = model.table('Responses')!;
    expect(responses.headers).not.toContain('Finished');
    model.typeFormula(model.sheet('Sheet1')!, 0, 0, '=ROWS(Answers[Value])');
    model.typeFormula(model.sheet('Sheet1')!, 1, 0, '=COUNTA(Responses[Response id])');
    const issues = model.table('Issues')!;
    const reviewCol = issues.box.left + issues.headers.indexOf('Review');
    issues.sheet.cell(issues.box.top + 1, reviewCol).value = 'Dismissed';
    const key = issues.sheet.valueAt(
      issues.box.top + 1,
      issues.box.left + issues.headers.indexOf('Issue key'),
    );
    harness.requests.length = 0;

    const now = small(60);
    const summary = await build(harness, now);
    expect(harness.requests.every((r) => r.ok && r.bytes <= DEFAULT_REQUEST_BUDGET)).toBe(true);
    expect(model.table('Responses')).toBe(responses);
    expect(responses.headers).toEqual(headersOf(now, 'Responses'));
    expect(responses.bodyRows).toBe(60);
    expect(model.sheet('Sheet1')!.valueAt(0, 0)).toBe(60 * def.questions.length);
    expect(model.sheet('Sheet1')!.valueAt(1, 0)).toBe(60);
    expect(summary.reviewsFromWorkbook).toBeGreaterThanOrEqual(1);
    const after = model.table('Issues')!;
    const keyCol = after.box.left + after.headers.indexOf('Issue key');
    const row = Array.from({ length: after.bodyRows }, (_, k) => after.box.top + 1 + k).find(
      (r) => after.sheet.valueAt(r, keyCol) === key,
    )!;
    expect(after.sheet.valueAt(row, after.box.left + after.headers.indexOf('Review'))).toBe('Dismissed');
  }, 60_000);

  it('counts each table-column change at least at what the library sends for it', async () => {
    const sent = async (first: WorkbookPlan) => {
      const harness = new OfficeJsHarness(new FakeExcel('1.12'));
      await build(harness, first);
      harness.requests.length = 0;
      await build(harness, small(5));
      expect(harness.requests.every((r) => r.ok)).toBe(true);
      expect(harness.fake.model.table('Responses')!.headers).toEqual(headersOf(small(5), 'Responses'));
      return harness.requests.reduce((n, r) => n + r.bytes, 0);
    };
    // Thirty columns deleted and Finished added: the only difference between the two rebuilds.
    const changes = 31;
    const perChange = ((await sent(earlier(small(5), 30))) - (await sent(small(5)))) / changes;
    const counted = columnOpBytes('Responses', 'Responses') + ACTION_OVERHEAD;
    console.log(`a table-column change: ${perChange.toFixed(0)} bytes sent, ${counted} counted`);
    expect(perChange).toBeLessThanOrEqual(counted);
    expect(perChange).toBeGreaterThan(counted / 2);
  }, 60_000);

  it('sends a request Excel refuses again in halves', async () => {
    // Excel here refuses anything over 1 MiB, though the writer allows itself 4 MiB.
    const harness = new OfficeJsHarness(new FakeExcel('1.12'), 1 * MiB);
    const summary = await build(harness, small(60));
    expect(harness.requests.some((r) => r.error === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    expect(summary.retries).toBeGreaterThan(0);
    expect(harness.fake.model.table('Answers')!.bodyRows).toBe(60 * def.questions.length);
  }, 60_000);
});
