/**
 * @jest-environment jsdom
 */
// The pane's choice of questionnaire and the countries the analyst sets, through the real import.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import * as fs from 'fs';
import * as path from 'path';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { responseHeaders } from '../core/plan/columns';
import type { WorkbookPlan } from '../core/plan/types';
import type { WriteSummary } from '../excel/write-plan';
import { fakeLayout } from '../../test/support/layout';
import { smallDefinition, smallExportCsv } from '../../test/support/small-questionnaire';
import { App } from './App';
import { chooseAndImport } from './choose-and-import';
import type { WorkbookHost } from './host';
import type { ImportRequest } from './import-client';

globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
globalThis.TextEncoder ??= NodeTextEncoder as unknown as typeof TextEncoder;

// The lists are virtual: jsdom lays nothing out, so they are given a browser's sizes.
beforeAll(fakeLayout);

const COG = path.resolve(__dirname, '../../../shared/corpus/msq-2022/files/031_cog.txt');
const ROWS = [
  { id: '1', name: 'Ana', org: 'City Library', funding: 'Public', portal: 'Yes', services: 'Lending' },
  { id: '2', name: 'Ben', org: 'Hill Library', funding: 'Mixed', portal: 'No', services: '' },
];
const definitionFile = () => new File([JSON.stringify(smallDefinition)], 'library.json');
const exportFile = () => new File([smallExportCsv(ROWS)], 'export.csv');

function setup() {
  const buildInWorkbook = jest.fn(async (plan: WorkbookPlan): Promise<WriteSummary> => ({
    requests: 1,
    largestRequestBytes: 1,
    tables: plan.sheets.flatMap((s) => s.tables).length,
    skipped: [],
  }));
  const host: WorkbookHost = { kind: 'excel', buildInWorkbook };
  const runImport = jest.fn((req: ImportRequest) => chooseAndImport({ ...req, onProgress: undefined }));
  render(<App host={host} runImport={runImport} />);
  return { runImport, buildInWorkbook };
}

/** Clicks the loader and picks `file` in the file input it opens. */
function loadDefinition(file: File) {
  const made: HTMLInputElement[] = [];
  const create = document.createElement.bind(document);
  const spy = jest.spyOn(document, 'createElement').mockImplementation((tag: string) => {
    const el = create(tag);
    if (el instanceof HTMLInputElement) {
      el.click = () => undefined; // jsdom opens no dialog
      made.push(el);
    }
    return el;
  });
  fireEvent.click(screen.getByRole('button', { name: 'Load a definition, XLSForm or template…' }));
  spy.mockRestore();
  expect(made).toHaveLength(1);
  expect(made[0].accept).toBe('.json,.xlsx,.xlsm');
  Object.defineProperty(made[0], 'files', { value: [file] });
  act(() => {
    made[0].dispatchEvent(new Event('change'));
  });
}

function chooseFiles(files: File[]) {
  fireEvent.change(screen.getByLabelText('Choose files…'), { target: { files } });
}

async function importFiles(): Promise<void> {
  fireEvent.click(screen.getByRole('button', { name: 'Import' }));
  await screen.findByText('Import finished', {}, { timeout: 20_000 });
  // The result is drawn in steps, the import report last.
  await screen.findByRole('list', { name: 'Files' });
}

describe('the questionnaire in the pane', () => {
  it('matches the built-in MSQ from the files and says so', async () => {
    const { runImport } = setup();
    chooseFiles([new File([fs.readFileSync(COG)], '031_cog.txt')]);
    await importFiles();
    expect(runImport.mock.calls[0][0].questionnaire).toBeUndefined();
    expect(screen.getByLabelText('Questionnaire in use').textContent).toMatch(
      /^In use: .*Member States Questionnaire.* \(built-in .*, matched by 1 of 1 file sampled\)$/,
    );
  });

  it('reads the files against a definition the analyst loads', async () => {
    const { runImport } = setup();
    loadDefinition(definitionFile());
    expect((screen.getByRole('combobox', { name: 'Questionnaire' }) as HTMLSelectElement).value).toBe(
      '#file',
    );
    chooseFiles([exportFile()]);
    await importFiles();
    expect(runImport.mock.calls[0][0].questionnaire).toMatchObject({ name: 'library.json' });
    expect(screen.getByLabelText('Questionnaire in use').textContent).toBe(
      'In use: Library Survey (definition file library.json: 4 questions in 2 sections)',
    );
    // No country question: one note, and responses named by their respondent in the workbook.
    expect(screen.getByText(/asks no country/)).toBeTruthy();
  });

  it('takes a definition among the files as the definition, listed in the report and not rejected', async () => {
    setup();
    chooseFiles([definitionFile(), exportFile()]);
    await importFiles();
    const files = screen.getByRole('list', { name: 'Files' });
    const entry = within(files).getByText('library.json').closest('li')!;
    expect(within(entry as HTMLElement).getByText('Definition')).toBeTruthy();
    expect(entry.textContent).toMatch(/The questionnaire's definition, not a response/);
    expect(screen.getByText(/1 of 2 files read; 1 the questionnaire's definition;/)).toBeTruthy();
    expect(
      screen.getByText(
        'Read as Library Survey (library-survey): definition file library.json, found among the files: 4 questions in 2 sections.',
      ),
    ).toBeTruthy();
  });
});

describe('setting a response’s country', () => {
  it('sets it, runs the checks again without reading files, and writes it to the workbook', async () => {
    const { runImport, buildInWorkbook } = setup();
    chooseFiles([definitionFile(), exportFile()]);
    await importFiles();
    fireEvent.change(screen.getByRole('combobox', { name: 'Response' }), {
      target: { value: 'export.csv/2' },
    });
    fireEvent.change(screen.getByLabelText('Country (name or ISO code)'), { target: { value: 'Kenya' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set country' }));
    await screen.findByText('Country set');
    const again = runImport.mock.calls[1][0];
    expect(again.files).toEqual([]);
    expect(again.previous!.countries!.get('export.csv/2')).toBe('Kenya');
    const responses = screen.getByRole('list', { name: 'Responses' });
    expect(within(responses).getByText('Kenya (KEN)')).toBeTruthy();
    expect(within(responses).getByText('country set')).toBeTruthy();
    // The import report is the import's, not the re-check's.
    expect(within(screen.getByRole('list', { name: 'Files' })).getByText('export.csv')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Build comparison in this workbook' }));
    await screen.findByText('Comparison built');
    const table = buildInWorkbook.mock.calls[0][0].sheets
      .flatMap((s) => s.tables)
      .find((t) => t.name === 'Responses')!;
    const col = table.columns.findIndex((c) => c.header === responseHeaders.countrySet);
    expect(table.rows.map((r) => r[col])).toEqual([null, 'KEN']);
  });

  it('says so when the country is not one it knows, and keeps nothing', async () => {
    const { runImport } = setup();
    chooseFiles([definitionFile(), exportFile()]);
    await importFiles();
    fireEvent.change(screen.getByLabelText('Country (name or ISO code)'), { target: { value: 'Atlantis' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set country' }));
    await screen.findByText('Country not set');
    expect(screen.getByText(/"Atlantis", is not a known country/)).toBeTruthy();
    chooseFiles([exportFile()]);
    fireEvent.click(screen.getByRole('button', { name: 'Import and merge' }));
    await screen.findByText('Import finished');
    expect(runImport.mock.calls[2][0].previous!.countries!.size).toBe(0);
  });
});

describe('several responses from one country', () => {
  async function bothInKenya() {
    chooseFiles([definitionFile(), exportFile()]);
    await importFiles();
    for (const key of ['export.csv/1', 'export.csv/2']) {
      fireEvent.change(screen.getByRole('combobox', { name: 'Response' }), { target: { value: key } });
      fireEvent.change(screen.getByLabelText('Country (name or ISO code)'), { target: { value: 'KEN' } });
      fireEvent.click(screen.getByRole('button', { name: 'Set country' }));
      await screen.findByText(`${key}: Kenya.`);
    }
    return within(screen.getByRole('list', { name: 'Responses' }));
  }

  it('keeps the latest by default', async () => {
    const { runImport } = setup();
    const responses = await bothInKenya();
    expect(runImport.mock.calls.every(([req]) => req.perCountry === 'latest')).toBe(true);
    expect(responses.getAllByText('superseded')).toHaveLength(1);
  });

  it('keeps every one when asked', async () => {
    const { runImport } = setup();
    fireEvent.click(screen.getByRole('checkbox', { name: /Keep every response of a country/ }));
    const responses = await bothInKenya();
    expect(runImport.mock.calls.every(([req]) => req.perCountry === 'all')).toBe(true);
    expect(responses.queryAllByText('superseded')).toHaveLength(0);
    expect(responses.getAllByText('Kenya (KEN)')).toHaveLength(2);
  });
});
