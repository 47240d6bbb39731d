import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadQuestionnaire } from '../src/core/definition';
import { importBatch } from '../src/core/pipeline';
import { CORPUS_FILES } from './support/corpus';

const def = loadQuestionnaire('msq-2022');
const csv = readFileSync(join(CORPUS_FILES, 'forms-export.csv'), 'utf8');
const [header, ...rows] = csv.replace(/^\uFEFF/, '').split(/\r?\n(?=\d+,)/);
const file = (name: string, lines: string[]) => ({
  name,
  bytes: new TextEncoder().encode(lines.join('\r\n')),
});

describe('one response per submission, never a silent drop', () => {
  it('says so when rows of one file repeat an id, and keeps the later row', async () => {
    const again = rows[1].replace(/^\d+,/, `${rows[0].split(',')[0]},`);
    const result = await importBatch([file('export.csv', [header, rows[0], again])], def);
    expect(result.responses).toHaveLength(1);
    expect(result.reports[0].message).toMatch(/1 repeat the id of an earlier row of this file/);
    expect(result.responses[0].answers.Q1.value).toBe(
      (await importBatch([file('one.csv', [header, rows[1]])], def)).responses[0].answers.Q1.value,
    );
  });

  it('keeps rows without a Forms number apart across files', async () => {
    const noId = (r: string) => r.replace(/^\d+,/, ',');
    const a = await importBatch(
      [file('a.csv', [header, noId(rows[0])]), file('b.csv', [header, noId(rows[1])])],
      def,
    );
    expect(a.responses).toHaveLength(2);
  });

  it('lets a later wave replace a submission it brings again', async () => {
    const first = await importBatch([file('wave1.csv', [header, rows[0]])], def);
    expect(first.responses).toHaveLength(1);
    const edited = rows[0].replace(/,Yes,/, ',No,');
    const second = await importBatch([file('wave2.csv', [header, edited])], def, {
      previous: { responses: first.responses, reviews: new Map() },
    });
    expect(second.responses).toHaveLength(1);
    expect(second.responses[0].sourceFile).toBe('wave2.csv');
    expect(second.responses[0].answers).not.toEqual(first.responses[0].answers);
    expect(second.reports[0].message).toMatch(/1 replace responses of the earlier import/);
  });
});
