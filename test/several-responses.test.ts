import { readFileSync } from 'fs';
import { join } from 'path';
import { loadQuestionnaire } from '../src/core/definition';
import { importBatch } from '../src/core/pipeline';

const def = loadQuestionnaire('msq-2022');
const corpus = join(__dirname, '../../shared/corpus/msq-2022/files');
const text = (name: string) => readFileSync(join(corpus, name), 'utf8');
const asFile = (name: string, content: string) => ({ name, bytes: new TextEncoder().encode(content) });

describe('a text file holding two Forms pages', () => {
  const [congo, sweden] = [text('031_cog.txt'), text('035_swe.txt')];

  it.each([
    ['one after the other', congo + '\n' + sweden],
    ['with CRLF line endings', (congo + '\n' + sweden).replace(/\r?\n/g, '\r\n')],
    ['with a separator line', `${congo}\n\n----------\n\n${sweden}`],
  ])('yields both responses with their countries, %s', async (_, content) => {
    const alone = await importBatch([asFile('031_cog.txt', congo), asFile('035_swe.txt', sweden)], def);
    const both = await importBatch([asFile('pages.txt', content)], def);
    const report = both.reports[0];
    expect(report).toMatchObject({ status: 'imported', format: 'forms-text', responses: 2 });
    expect(report.message).toMatch(/holds 2 responses/);
    expect(both.responses.map((r) => [r.responseId, r.country.iso3])).toEqual(
      alone.responses.map((r) => [r.responseId, r.country.iso3]),
    );
    expect(both.responses.map((r) => r.country.iso3)).toEqual(['COG', 'SWE']);
    // Each page's answers are as read from its own file: nothing of the second ends up in the first.
    const values = (r: (typeof both.responses)[number]) =>
      Object.fromEntries(Object.entries(r.answers).map(([id, a]) => [id, a.value]));
    both.responses.forEach((r, k) => expect(values(r)).toEqual(values(alone.responses[k])));
  });

  it('reads forty pages in one file as forty responses, quickly', async () => {
    const pages = Array.from({ length: 40 }, (_, k) => congo.replace(/(Respondent\s+)\d+/, `$1${1000 + k}`));
    const started = Date.now();
    const result = await importBatch([asFile('pages.txt', pages.join('\n'))], def);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.responses.map((r) => r.responseId)).toEqual(pages.map((_, k) => String(1000 + k)));
    expect(new Set(result.responses.map((r) => r.country.iso3))).toEqual(new Set(['COG']));
  });

  it('keeps a single page one response', async () => {
    const one = await importBatch([asFile('031_cog.txt', congo)], def);
    expect(one.reports[0]).toMatchObject({ status: 'imported', responses: 1 });
    expect(one.reports[0].message).not.toMatch(/holds/);
  });
});

describe('a text file holding two Word questionnaires saved as text', () => {
  it('yields both, named after the file and their place, with their countries', async () => {
    const [chile, colombia] = [text('MSQ2022_CHL.txt'), text('MSQ2022_COL.txt')];
    const alone = await importBatch(
      [asFile('MSQ2022_CHL.txt', chile), asFile('MSQ2022_COL.txt', colombia)],
      def,
    );
    const both = await importBatch([asFile('replies.txt', `${chile}\n${colombia}`)], def);
    expect(both.reports[0]).toMatchObject({ status: 'imported', format: 'word', responses: 2 });
    expect(both.responses.map((r) => [r.responseId, r.country.iso3])).toEqual([
      ['replies', 'CHL'],
      ['replies#2', 'COL'],
    ]);
    const values = (r: (typeof both.responses)[number]) =>
      Object.fromEntries(Object.entries(r.answers).map(([id, a]) => [id, a.value]));
    both.responses.forEach((r, k) => expect(values(r)).toEqual(values(alone.responses[k])));
  });
});
