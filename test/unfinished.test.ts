import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'papaparse';
import { main } from '../src/cli/main';
import { readWorkbookState } from '../src/xlsx/read-back';
import { WorkbookReader } from '../src/xlsx/read-workbook';
import { FOREIGN_FILES, foreignTruth } from './support/foreign-truth';
import { expectValidOoxml } from './support/ooxml';

const quiet = { isTTY: false, write: () => true };
const truth = foreignTruth();

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'atlas-unfinished-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The export's own ids of the responses the truth says the respondent never submitted. */
const unfinishedIds = (layout: string) =>
  truth.responses.filter((r) => r.layout === layout && !r.complete).map((r) => r.key);

describe.each(['limesurvey-csv', 'qualtrics-csv'])('a %s export with unfinished responses', (layout) => {
  it('flags exactly those, shows Finished on the Responses sheet and keeps it in the workbook', async () => {
    const out = join(dir, 'out.xlsx');
    const tables = join(dir, 'tables');
    const code = await main(
      ['import', join(FOREIGN_FILES, layout), '--out', out, '--tables', tables],
      quiet,
      quiet,
    );
    expect(code).toBe(0);
    const expected = unfinishedIds(layout);
    expect(expected.length).toBeGreaterThan(0);

    const issues = parse<Record<string, string>>(readFileSync(join(tables, 'issues.csv'), 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const flagged = issues.filter((i) => i.rule === 'response-unfinished').map((i) => i.key.split('|')[1]);
    expect(flagged.sort()).toEqual([...expected].sort());

    const bytes = new Uint8Array(readFileSync(out));
    expectValidOoxml(bytes, `${layout} workbook`);
    const reader = await WorkbookReader.open(bytes);
    const t = (await reader.table('Responses'))!;
    const at = (h: string) => t.headers.indexOf(h);
    const finished = new Map(t.rows.map((row) => [String(row[at('Response id')]), row[at('Finished')]]));
    expect(finished.size).toBe(truth.responses.filter((r) => r.layout === layout).length);
    for (const [id, value] of finished) expect(value).toBe(expected.includes(id) ? 'No' : 'Yes');

    const stored = await readWorkbookState(bytes);
    expect(
      stored.responses
        .filter((r) => r.complete === false)
        .map((r) => r.responseId)
        .sort(),
    ).toEqual([...expected].sort());
    expect(stored.responses.every((r) => r.complete !== undefined)).toBe(true);
  });
});
