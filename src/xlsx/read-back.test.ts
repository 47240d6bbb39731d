import ExcelJS from 'exceljs';
import { loadQuestionnaire } from '../core/definition';
import { buildWorkbookPlan, type ReviewEntry } from '../core/plan/build';
import type { WorkbookPlan } from '../core/plan/types';
import { batchFromTruth, loadTruth, type Batch } from '../../test/support/truth';
import { readWorkbookState } from './read-back';
import { expectValidOoxml } from '../../test/support/ooxml';
import { renderXlsx } from './render';

const def = loadQuestionnaire('msq-2022');
const truth = loadTruth();

/** The corpus, with every optional field and awkward text somewhere in it. */
function awkwardBatch(): Batch {
  const batch = batchFromTruth(truth, def);
  const [a, b, c] = batch.responses;
  Object.assign(a, {
    respondent: 'Anonymous',
    startTime: '2022-03-01T09:15:00',
    completionTime: '2022-03-01T10:02:31',
    durationSeconds: 2851,
  });
  Object.assign(b, { respondent: '', durationSeconds: 125.5, completionTime: '3/1/22 10:15' });
  a.answers.Q7 = { questionId: 'Q7', value: '  leading and trailing  ', status: 'answered' };
  a.answers.Q8 = { questionId: 'Q8', value: 'line one\r\nline two\n\ttabbed', status: 'answered' };
  a.answers.Q9 = {
    questionId: 'Q9',
    value: 'bell \u0007 and escape-like _x0041_ and _x005F_ text',
    status: 'answered',
  };
  a.answers.Q10 = {
    questionId: 'Q10',
    value: 'emoji 🌍, <tags> & "quotes" \'apostrophes\'',
    status: 'answered',
  };
  a.answers.Q11 = { questionId: 'Q11', value: '=SUM(A1:A9)', status: 'answered' };
  b.answers.Q14 = {
    questionId: 'Q14',
    value: 'Yes',
    status: 'inferred',
    choices: ['Yes'],
    basis: 'Q15 is answered',
  };
  b.answers.Q30 = { questionId: 'Q30', value: 'Other: ', status: 'answered', choices: ['Other'], other: '' };
  c.answers.Q6 = { questionId: 'Q6', value: 'a; b', status: 'answered', choices: ['a; b'] };
  c.country = { ...c.country, evidence: '' };
  delete c.answers.Q112;
  return batch;
}

function reviewsFor(batch: Batch): Map<string, ReviewEntry> {
  const reviews = new Map<string, ReviewEntry>();
  batch.issues.forEach((issue, i) => {
    if (i % 3 === 0)
      reviews.set(issue.key, {
        review: (['Confirmed', 'Dismissed', 'Fixed'] as const)[(i % 9) / 3],
        note: `note ${i}\nsecond line`,
      });
  });
  return reviews;
}

const plan = (batch: Batch, reviews = new Map<string, ReviewEntry>()): WorkbookPlan =>
  buildWorkbookPlan({ def, ...batch, reviews, importedAt: '2024-05-01T10:00:00Z' });

function expectedReviews(batch: Batch, reviews: Map<string, ReviewEntry>): Map<string, ReviewEntry> {
  return new Map(batch.issues.map((i) => [i.key, reviews.get(i.key) ?? { review: 'Open', note: '' }]));
}

describe('readWorkbookState', () => {
  it('gives back the responses and reviews a workbook was built from', async () => {
    const batch = awkwardBatch();
    const reviews = reviewsFor(batch);
    const bytes = await renderXlsx(plan(batch, reviews));
    expectValidOoxml(bytes, 'the workbook of awkward answers');
    const state = await readWorkbookState(bytes, def);
    expect(state.responses).toEqual(batch.responses);
    expect(state.responses.map((r) => r.status)).toEqual(batch.responses.map((r) => r.status));
    expect(state.responses[2].answers.Q112).toBeUndefined();
    expect(state.reviews).toEqual(expectedReviews(batch, reviews));
  });

  it('finds columns by header, whatever order the analyst left them in', async () => {
    const batch = awkwardBatch();
    const p = plan(batch);
    for (const name of ['Responses', 'Answers', 'Issues']) {
      const table = p.sheets.flatMap((s) => s.tables).find((t) => t.name === name)!;
      // Reverse the columns; links and validations are dropped, as they would point elsewhere.
      table.columns.reverse();
      table.rows = table.rows.map((r) =>
        [...r, ...Array(table.columns.length - r.length).fill(null)].reverse(),
      );
      table.links = [];
    }
    for (const s of p.sheets) s.validations = [];
    const bytes = await renderXlsx(p);
    expectValidOoxml(bytes, 'the workbook of reversed columns');
    const state = await readWorkbookState(bytes, def);
    expect(state.responses).toEqual(batch.responses);
    expect(state.reviews.size).toBe(batch.issues.length);
  });

  it('reads a workbook another program wrote', async () => {
    const batch = awkwardBatch();
    batch.responses = batch.responses.slice(0, 4);
    // ExcelJS writes a literal "_x0041_" unescaped (Excel would read it as "A"), so leave that case out.
    batch.responses[0].answers.Q9.value = 'plain text';
    const keys = new Set(batch.responses.map((r) => `${r.sourceFile}/${r.responseId}`));
    batch.issues = batch.issues.filter((i) => keys.has(`${i.sourceFile}/${i.responseId}`));
    const reviews = reviewsFor(batch);
    const p = plan(batch, reviews);
    const wb = new ExcelJS.Workbook();
    for (const name of ['Responses', 'Answers', 'Issues']) {
      const spec = p.sheets.flatMap((s) => s.tables).find((t) => t.name === name)!;
      const ws = wb.addWorksheet(`Copy of ${name}`);
      ws.addRow(['written by another program']);
      ws.addTable({
        name,
        ref: 'B3',
        columns: spec.columns.map((c) => ({ name: c.header })),
        rows: spec.rows.map((r) => spec.columns.map((_, i) => r[i] ?? null)),
      });
    }
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const state = await readWorkbookState(bytes, def);
    expect(state.responses).toEqual(batch.responses);
    expect(state.reviews).toEqual(expectedReviews(batch, reviews));
  });

  it('refuses a workbook without the Responses and Answers tables', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['nothing here']);
    await expect(readWorkbookState(new Uint8Array(await wb.xlsx.writeBuffer()), def)).rejects.toThrow(
      /no table named Responses/,
    );
  });
});
