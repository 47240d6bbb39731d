// Reading the comparison back from the live workbook: what the writer put there comes back as the
// same responses and reviews, in requests and responses Excel on the web accepts.
import { loadQuestionnaire } from '../../src/core/definition';
import { importBatch, type BatchResult } from '../../src/core/pipeline';
import { buildWorkbookPlan, type ReviewEntry } from '../../src/core/plan/build';
import { WorkbookError } from '../../src/excel/errors';
import { readLiveState, type ReadStateOptions } from '../../src/excel/state';
import { writePlan } from '../../src/excel/write-plan';
import { corpusFile, corpusInputFiles, loadFile } from '../support/corpus';
import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT, type TableModel } from './fake-excel';

const def = loadQuestionnaire('msq-2022');
const IMPORTED_AT = '2024-05-01T09:00:00Z';
/** Forms pages, Markdown, Word files and an export: every layout the corpus has. */
const SIX_FILES = [
  '029_isr.md',
  '031_cog.txt',
  'MSQ2022_EST.docx',
  'MSQ2022_reply96.docx',
  'MSQ2022_CHL.txt',
  'forms-export.xlsx',
];

async function written(batch: BatchResult, reviews = new Map<string, ReviewEntry>()): Promise<FakeExcel> {
  const fake = new FakeExcel('1.8');
  const uninstall = fake.install();
  try {
    await writePlan(buildWorkbookPlan({ ...batch, def, reviews, importedAt: IMPORTED_AT }));
  } finally {
    uninstall();
  }
  return fake;
}

/** Reads the state back and returns it with the requests the read took. */
async function readBack(fake: FakeExcel, options?: ReadStateOptions) {
  const before = fake.requests.length;
  const uninstall = fake.install();
  try {
    const state = await readLiveState(def, options);
    return { state, requests: fake.requests.slice(before) };
  } finally {
    uninstall();
  }
}

function setCell(table: TableModel, row: number, header: string, value: string): void {
  const column = table.box.left + table.headers.indexOf(header);
  table.sheet.cell(table.box.top + 1 + row, column).value = value;
}

function cellOf(table: TableModel, row: number, header: string): unknown {
  return table.sheet.peek(table.box.top + 1 + row, table.box.left + table.headers.indexOf(header))?.value;
}

describe('reading a six-file batch back from the live workbook', () => {
  let batch: BatchResult;
  let fake: FakeExcel;
  const pane = new Map<string, ReviewEntry>();

  beforeAll(async () => {
    batch = await importBatch(
      SIX_FILES.map((name) => loadFile(corpusFile(name))),
      def,
    );
    pane.set(batch.issues[0].key, { review: 'Confirmed', note: 'checked with the focal point' });
    fake = await written(batch, pane);
    // The analyst then edits two rows of the Issues table in Excel.
    const issues = fake.model.table('Issues')!;
    setCell(issues, 1, 'Review', 'dismissed');
    setCell(issues, 2, 'Note', '=asked again');
  });

  it('gives back the same responses and the reviews, Answers in several chunks', async () => {
    const answers = fake.model.table('Answers')!;
    expect(answers.bodyRows).toBeGreaterThan(200);
    const { state, requests } = await readBack(fake, { chunkRows: 100 });
    expect(state).toBeDefined();
    expect(state!.responses).toEqual(batch.responses);

    const issues = fake.model.table('Issues')!;
    const key = (row: number) => String(cellOf(issues, row, 'Issue key'));
    expect(state!.reviews.size).toBe(batch.issues.length);
    expect(state!.reviews.get(batch.issues[0].key)).toEqual(pane.get(batch.issues[0].key));
    expect(state!.reviews.get(key(1))).toEqual({ review: 'Dismissed', note: '' });
    expect(state!.reviews.get(key(2))).toEqual({ review: 'Open', note: '=asked again' });

    // The definition the workbook was built with travels in it.
    expect(state!.definition).toEqual(batch.definition);

    // Two read the add-in's registry (the sheets, then its record of table names), one finds the
    // tables; per table, one reads the header and size, then the chunks.
    const chunks = (rows: number) => Math.ceil(rows / 100);
    const responses = fake.model.table('Responses')!;
    const definition = fake.model.table('Definition')!;
    expect(chunks(answers.bodyRows)).toBeGreaterThan(1);
    expect(requests).toHaveLength(
      2 +
        1 +
        4 +
        chunks(definition.bodyRows) +
        chunks(responses.bodyRows) +
        chunks(answers.bodyRows) +
        chunks(issues.bodyRows),
    );
    expect(requests.every((r) => r.ok && r.bytes <= PAYLOAD_LIMIT && r.responseBytes <= PAYLOAD_LIMIT)).toBe(
      true,
    );
  });

  it('reads the same in one chunk per table, and with ExcelApi 1.2 (no getItemOrNullObject)', async () => {
    const { state } = await readBack(fake);
    expect(state!.responses).toEqual(batch.responses);
    const old = new FakeExcel('1.2');
    old.model = fake.model;
    const { state: again } = await readBack(old, { chunkRows: 500 });
    expect(again!.responses).toEqual(batch.responses);
    expect([...again!.reviews]).toEqual([...state!.reviews]);
  });

  it('reads only the reviews when asked', async () => {
    const { state, requests } = await readBack(fake, { responses: false, chunkRows: 100 });
    expect(state!.responses).toEqual([]);
    expect(state!.reviews.get(batch.issues[0].key)).toEqual(pane.get(batch.issues[0].key));
    expect(requests).toHaveLength(2 + 1 + 1 + Math.ceil(fake.model.table('Issues')!.bodyRows / 100));
  });
});

describe('a workbook the add-in has not built into', () => {
  it('gives undefined without the tables, or without Responses or Answers', async () => {
    const fake = new FakeExcel('1.8');
    expect((await readBack(fake)).state).toBeUndefined();
    const batch = await importBatch([loadFile(corpusFile('031_cog.txt'))], def);
    const built = await written(batch);
    built.model.tables = built.model.tables.filter((t) => t.name !== 'Answers');
    expect((await readBack(built)).state).toBeUndefined();
  });

  it('reports an Office error as a sentence with the step', async () => {
    const fake = new FakeExcel('1.8');
    const uninstall = fake.install();
    const g = globalThis as { Excel?: { run: unknown } };
    g.Excel!.run = async () => {
      throw new FakeOfficeError('AccessDenied', 'Access denied.');
    };
    try {
      const failure = readLiveState(def);
      await expect(failure).rejects.toBeInstanceOf(WorkbookError);
      await expect(failure).rejects.toThrow(
        /^While looking for the comparison tables: The workbook is read-only or protected/,
      );
    } finally {
      uninstall();
    }
  });
});

describe('the whole corpus', () => {
  let batch: BatchResult;
  let fake: FakeExcel;

  beforeAll(async () => {
    batch = await importBatch(corpusInputFiles(), def);
    fake = await written(batch);
  });

  it('reads back with every request and response under 5 MB', async () => {
    const { state, requests } = await readBack(fake);
    expect(state!.responses).toEqual(batch.responses);
    expect(requests.every((r) => r.ok && r.responseBytes <= PAYLOAD_LIMIT)).toBe(true);
  });

  it('halves a chunk Excel refuses to return, and the fake refuses it as Excel would', async () => {
    // Long text answers make the Answers table far larger than one response may be.
    const long = (i: number) => `${i} ${'long answer '.repeat(200)}`;
    const text = new Set(def.questions.filter((q) => q.type === 'text').map((q) => q.id));
    const responses = batch.responses.map((r, i) => ({
      ...r,
      answers: Object.fromEntries(
        Object.entries(r.answers).map(([id, a]) => [id, text.has(id) ? { ...a, value: long(i) } : a]),
      ),
    }));
    const big = await written({ ...batch, responses });
    const { state, requests } = await readBack(big, { chunkRows: 1_000_000 });
    expect(state!.responses).toEqual(responses);
    const refused = requests.filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.responseBytes > PAYLOAD_LIMIT)).toBe(true);
  });
});

describe('the fake behaves like Excel where the reader relies on it', () => {
  it('knows isNullObject and loaded values only after a sync', async () => {
    const fake = new FakeExcel('1.8');
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B2').values = [
        ['a', 1],
        ['', true],
      ];
      const missing = ctx.workbook.tables.getItemOrNullObject('Answers');
      const range = ws.getRange('A1:B2').load('values');
      expect(() => missing.isNullObject).toThrow(/Load it first/);
      expect(() => range.values).toThrow(/Load it first/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(range.values).toEqual([
        ['a', 1],
        ['', true],
      ]);
    });
  });
});
