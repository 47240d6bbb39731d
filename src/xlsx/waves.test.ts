import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadQuestionnaire } from '../core/definition';
import { responseKey, type InputFile } from '../core/model';
import { importBatch } from '../core/pipeline';
import { buildWorkbookPlan, type ReviewEntry } from '../core/plan/build';
import { expectValidOoxml } from '../../test/support/ooxml';
import { readWorkbookState } from './read-back';
import { renderXlsx } from './render';

const def = loadQuestionnaire('msq-2022');
const folder = resolve(__dirname, '../../../shared/corpus/msq-2022/files');

function corpusFiles(): InputFile[] {
  return readdirSync(folder)
    .sort()
    .map((name) => {
      const data = readFileSync(join(folder, name));
      return { name, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
    });
}

/** Renders the batch's workbook, which must be one Excel opens without repair. */
const render = async (result: Awaited<ReturnType<typeof importBatch>>, reviews = result.reviews) => {
  const bytes = await renderXlsx(
    buildWorkbookPlan({
      def,
      responses: result.responses,
      issues: result.issues,
      reports: result.reports,
      reviews,
      importedAt: '2024-05-01T10:00:00Z',
    }),
  );
  expectValidOoxml(bytes, 'the workbook of a wave');
  return bytes;
};

describe('imported batches in the workbook', () => {
  it('round-trips what the pipeline imports from the corpus', async () => {
    const result = await importBatch(corpusFiles(), def);
    expect(result.responses.length).toBeGreaterThanOrEqual(108);
    const state = await readWorkbookState(await render(result), def);
    expect(state.responses).toEqual(result.responses);
  });

  it('merges a second wave into the workbook of the first, keeping reviews', async () => {
    const files = corpusFiles();
    const forms = files.filter((f) => !f.name.startsWith('forms-export'));
    const exports = files.filter((f) => f.name === 'forms-export.xlsx');
    const first = await importBatch(forms, def);
    const reviewed = first.issues.slice(0, 5);
    const reviews = new Map<string, ReviewEntry>(
      reviewed.map((i, n) => [i.key, { review: 'Confirmed', note: `checked ${n}` }]),
    );
    const firstBook = await render(first, reviews);

    const previous = await readWorkbookState(firstBook, def);
    expect(previous.responses).toEqual(first.responses);
    const second = await importBatch(exports, def, { previous });
    const secondBook = await render(second);
    const merged = await readWorkbookState(secondBook, def);

    const keys = new Set(merged.responses.map(responseKey));
    for (const r of first.responses) expect(keys.has(responseKey(r))).toBe(true);
    expect(merged.responses.length).toBeGreaterThan(first.responses.length);
    for (const issue of reviewed)
      if (second.issues.some((i) => i.key === issue.key))
        expect(merged.reviews.get(issue.key)).toEqual(reviews.get(issue.key));
    expect([...merged.reviews.values()].filter((r) => r.review === 'Confirmed').length).toBeGreaterThan(0);
  });
});
