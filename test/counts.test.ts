import { loadQuestionnaire } from '../src/core/definition';
import { deriveDefinition } from '../src/core/definition/derive';
import { importBatch, type BatchResult } from '../src/core/pipeline';
import { corpusFile, corpusInputFiles, loadFile } from './support/corpus';
import { layoutFiles } from './support/foreign-truth';

const def = loadQuestionnaire('msq-2022');

/** Found − merged + kept from earlier = kept = current + superseded, and the reports agree. */
function expectCountsAddUp(result: BatchResult): void {
  const c = result.counts;
  expect(c.found - c.merged.length + c.fromEarlier).toBe(c.kept);
  expect(c.kept).toBe(result.responses.length);
  expect(c.current + c.superseded).toBe(c.kept);
  expect(c.filesRead).toBe(result.reports.filter((r) => r.status === 'imported').length);
}

describe('the counts of an import', () => {
  it('add up over the MSQ corpus, listing the .csv twin rows merged', async () => {
    const result = await importBatch(corpusInputFiles(), def);
    expectCountsAddUp(result);
    const c = result.counts;
    expect(c.fromEarlier).toBe(0);
    expect(c.merged.length).toBeGreaterThan(0);
    expect(c.merged.filter((m) => m.startsWith('forms-export.csv/'))).toHaveLength(
      result.responses.filter((r) => r.sourceFile === 'forms-export.xlsx').length,
    );
    for (const m of c.merged) expect(m).toMatch(/^\S+\/\S+ \(kept as \S+\/\S+\)$/);
  });

  it('merge an identical Word copy once, saying so, instead of keeping it superseded', async () => {
    const original = loadFile(corpusFile('MSQ2022_EST.docx'));
    const copy = { name: 'MSQ2022_EST (copy).docx', bytes: original.bytes };
    const result = await importBatch([original, copy], def);
    expectCountsAddUp(result);
    expect(result.responses).toHaveLength(1);
    expect(result.counts).toMatchObject({ found: 2, kept: 1, current: 1, superseded: 0 });
    expect(result.counts.merged).toHaveLength(1);
    const dropped = result.reports.find((r) => r.merged?.length)!;
    expect(dropped.message).toMatch(/also in .*\.docx, kept once/);
  });

  it('merge an identical Forms page once, and keep a different page that reuses its number', async () => {
    const page = loadFile(corpusFile('031_cog.txt'));
    const text = new TextDecoder().decode(page.bytes);
    const sweden = new TextDecoder().decode(loadFile(corpusFile('035_swe.txt')).bytes);
    const number = /Respondent\s+(\d+)/.exec(text)![1];
    const other = sweden.replace(/(Respondent\s+)\d+/, `$1${number}`);
    const result = await importBatch(
      [
        page,
        { name: 'copy of 031_cog.txt', bytes: page.bytes },
        { name: 'other.txt', bytes: new TextEncoder().encode(other) },
      ],
      def,
    );
    expectCountsAddUp(result);
    // Of two identical copies the later is kept (as for export rows).
    expect(result.counts.merged).toEqual([`031_cog.txt/${number} (kept as copy of 031_cog.txt/${number})`]);
    expect(result.responses.map((r) => [r.sourceFile, r.country.iso3])).toEqual([
      ['copy of 031_cog.txt', 'COG'],
      ['other.txt', 'SWE'],
    ]);
  });

  it('keep two exports of different forms whose IDs collide, all their responses', async () => {
    const files = layoutFiles('forms-xlsx-localized');
    const derived = (await deriveDefinition(files))!;
    const result = await importBatch(files, derived);
    expectCountsAddUp(result);
    expect(result.counts.merged).toEqual([]);
    expect(result.responses).toHaveLength(6);
  });

  it('carry responses of an earlier import', async () => {
    const first = await importBatch([loadFile(corpusFile('031_cog.txt'))], def);
    const second = await importBatch([loadFile(corpusFile('035_swe.txt'))], def, {
      previous: { responses: first.responses, reviews: first.reviews },
    });
    expectCountsAddUp(second);
    expect(second.counts).toMatchObject({ found: 1, fromEarlier: 1, kept: 2 });
  });
});
