import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../src/cli/main';
import { CORPUS_FILES } from './support/corpus';
import { expectValidOoxml } from './support/ooxml';
import { checkPivotCaches } from './support/pivot-cache';
import { tempDirs } from './support/temp';

const temp = tempDirs();

const quiet = { write: () => true };

/** The workbook the command line wrote is one Excel opens without repair, its pivot cache exact. */
async function expectSoundWorkbook(path: string, what: string, pivots = 1): Promise<void> {
  const bytes = new Uint8Array(readFileSync(path));
  expectValidOoxml(bytes, what);
  const caches = await checkPivotCaches(bytes);
  expect(caches).toHaveLength(pivots);
  for (const c of caches) expect(c.problems).toEqual([]);
}
const FIRST = [
  '031_cog.txt',
  '034_mdg.md',
  '035_swe.txt',
  'MSQ2022_CHL.txt',
  'MSQ2022_EST.docx',
  'MSQ2022_TUR.docx',
];
const MORE = ['041_prt.txt', '042_brn.txt', 'MSQ2022_COL.txt', 'MSQ2022_IDN.docx'];

/** Rows of an Excel table, read from the sheet XML by a reader other than the writer (ExcelJS). */
async function tableRows(path: string, sheetName: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet(sheetName)!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? ''])));
  });
  return rows;
}

/** An analyst reviews an issue in Excel: sets Review and Note on its row of the Issues table. */
async function reviewIssue(path: string, rule: string, review: string, note: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet('Issues')!;
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => header.indexOf(name);
  let key = '';
  sheet.eachRow((row, n) => {
    if (n === 1 || key || row.getCell(col('Rule')).value !== rule) return;
    row.getCell(col('Review')).value = review;
    row.getCell(col('Note')).value = note;
    key = String(row.getCell(col('Issue key')).value);
  });
  await wb.xlsx.writeFile(path);
  return key;
}

describe('importing in waves into one workbook', () => {
  it('adds new responses, replaces none twice, and keeps the analyst’s review', async () => {
    const dir = temp.make('atlas-waves-');
    const batch = join(dir, 'batch');
    mkdirSync(batch);
    const out = join(dir, 'msq.xlsx');
    for (const f of FIRST) copyFileSync(join(CORPUS_FILES, f), join(batch, f));
    expect(await main(['import', batch, '--out', out], quiet, quiet)).toBe(0);
    expect(await tableRows(out, 'Responses')).toHaveLength(6);
    await expectSoundWorkbook(out, 'the first wave');

    const key = await reviewIssue(
      out,
      'required-missing',
      'Dismissed',
      'Confirmed by phone: left blank on purpose',
    );
    expect(key).not.toBe('');

    for (const f of MORE) copyFileSync(join(CORPUS_FILES, f), join(batch, f));
    expect(await main(['import', batch, '--out', out], quiet, quiet)).toBe(0);

    const responses = await tableRows(out, 'Responses');
    expect(responses).toHaveLength(10);
    expect(new Set(responses.map((r) => `${r['File']}/${r['Response id']}`)).size).toBe(10);
    expect(await tableRows(out, 'Answers')).toHaveLength(1120);
    const reviewed = (await tableRows(out, 'Issues')).find((i) => i['Issue key'] === key)!;
    expect(reviewed).toMatchObject({
      Review: 'Dismissed',
      Note: 'Confirmed by phone: left blank on purpose',
    });

    // The merged workbook is whole again: its PivotTable is back after the analyst's editor dropped it.
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).some((n) => /^xl\/pivotTables\/pivotTable\d+\.xml$/.test(n))).toBe(true);
    await expectSoundWorkbook(out, 'the merged waves');
  });

  it('keeps the earlier wave from the workbook alone when the next batch holds only new files', async () => {
    const dir = temp.make('atlas-waves-');
    const out = join(dir, 'msq.xlsx');
    expect(
      await main(['import', ...FIRST.map((f) => join(CORPUS_FILES, f)), '--out', out], quiet, quiet),
    ).toBe(0);
    const before = await tableRows(out, 'Answers');
    expect(
      await main(['import', ...MORE.map((f) => join(CORPUS_FILES, f)), '--out', out], quiet, quiet),
    ).toBe(0);
    expect(await tableRows(out, 'Responses')).toHaveLength(10);
    const after = await tableRows(out, 'Answers');
    expect(after).toHaveLength(1120);
    await expectSoundWorkbook(out, 'the second wave');
    // The first wave's answers come back from the workbook exactly as they were written.
    const firstWave = after.filter((a) => FIRST.includes(String(a['File'])));
    expect(firstWave).toHaveLength(6 * 112);
    expect(firstWave.map((a) => [a['File'], a['Question id'], a['Value'], a['Value status']])).toEqual(
      before.map((a) => [a['File'], a['Question id'], a['Value'], a['Value status']]),
    );
  });

  it('starts afresh with --replace', async () => {
    const dir = temp.make('atlas-waves-');
    const out = join(dir, 'msq.xlsx');
    expect(
      await main(['import', ...FIRST.map((f) => join(CORPUS_FILES, f)), '--out', out], quiet, quiet),
    ).toBe(0);
    expect(await main(['import', join(CORPUS_FILES, MORE[0]), '--out', out, '--replace'], quiet, quiet)).toBe(
      0,
    );
    expect(await tableRows(out, 'Responses')).toHaveLength(1);
    // One Forms page records no choice: nothing to pivot.
    await expectSoundWorkbook(out, 'the replaced workbook', 0);
  });
});
