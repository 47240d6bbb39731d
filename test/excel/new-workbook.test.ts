// "Open as new workbook" sends the whole .xlsx in one request: offered where it fits, refused with
// a sentence (and the download named) where it does not.
import { loadQuestionnaire } from '../../src/core/definition';
import { importBatch } from '../../src/core/pipeline';
import { buildWorkbookPlan } from '../../src/core/plan/build';
import { WorkbookError } from '../../src/excel/errors';
import { fitsNewWorkbook, NEW_WORKBOOK_LIMIT, openAsNewWorkbook } from '../../src/excel/new-workbook';
import { renderXlsx } from '../../src/xlsx/render';
import { corpusInputFiles } from '../support/corpus';
import { FakeExcel, FakeOfficeError } from './fake-excel';

async function open(fake: FakeExcel, bytes: Uint8Array) {
  const uninstall = fake.install();
  try {
    await openAsNewWorkbook(bytes);
  } finally {
    uninstall();
  }
}

describe('opening the comparison as a new workbook', () => {
  it('opens the corpus workbook, which fits one request', async () => {
    const def = loadQuestionnaire('msq-2022');
    const batch = await importBatch(corpusInputFiles(), def);
    const xlsx = await renderXlsx(
      buildWorkbookPlan({ ...batch, def, reviews: new Map(), importedAt: '2024-05-01T09:00:00Z' }),
    );
    expect(fitsNewWorkbook(xlsx.length)).toBe(true);
    const fake = new FakeExcel('1.8');
    await open(fake, xlsx);
    expect(fake.createdWorkbooks).toHaveLength(1);
    expect(Buffer.from(fake.createdWorkbooks[0], 'base64').equals(Buffer.from(xlsx))).toBe(true);
  });

  it('refuses a file too large for one request with a sentence naming the download, sending nothing', async () => {
    const big = new Uint8Array(Math.ceil((NEW_WORKBOOK_LIMIT * 3) / 4) + 3);
    expect(fitsNewWorkbook(big.length)).toBe(false);
    const fake = new FakeExcel('1.8');
    const error = await open(fake, big).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).code).toBe('NewWorkbookTooLarge');
    expect((error as Error).message).toMatch(/only up to about 3\.0 MB.*Download workbook \(\.xlsx\)/);
    expect(fake.createdWorkbooks).toEqual([]);
  });

  it('is needed: Excel refuses a createWorkbook request over 5 MB', async () => {
    const fake = new FakeExcel('1.8');
    const uninstall = fake.install();
    try {
      await expect(Excel.createWorkbook('A'.repeat(5 * 1024 * 1024 + 1))).rejects.toBeInstanceOf(
        FakeOfficeError,
      );
    } finally {
      uninstall();
    }
  });

  it('says which Excel cannot open a new workbook at all', async () => {
    const fake = new FakeExcel('1.7');
    await expect(open(fake, new Uint8Array(10))).rejects.toThrow(/ExcelApi 1\.8.*Download workbook/);
  });
});
