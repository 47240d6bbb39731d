/**
 * @jest-environment jsdom
 */
// The pane with a stand-in workbook host: what it asks the host to do, and what it passes to the import.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import * as fs from 'fs';
import * as path from 'path';
import { loadQuestionnaire } from '../core/definition';
import { importBatch } from '../core/pipeline';
import type { BatchResult } from '../core/pipeline';
import type { ReviewEntry } from '../core/plan/build';
import type { WorkbookState } from '../core/plan/state';
import type { WorkbookPlan } from '../core/plan/types';
import type { WorkbookPlace } from '../excel/a1';
import { locateIssue } from '../excel/locate';
import type { WriteSummary } from '../excel/write-plan';
import JSZip from 'jszip';
import { App } from './App';
import type { WorkbookHost } from './host';
import type { ImportRequest, RunImport } from './import-client';
import { issueRows } from './issue-rows';
import { XLSX_TYPE } from './workbook-main-thread';
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'util';
import { encodeAs } from '../../test/support/code-pages';
import { fakeLayout } from '../../test/support/layout';

// jsdom leaves out TextDecoder, which the readers use (browsers and workers have it).
globalThis.TextDecoder ??= NodeTextDecoder as unknown as typeof TextDecoder;
globalThis.TextEncoder ??= NodeTextEncoder as unknown as typeof TextEncoder;

beforeAll(fakeLayout);

const SHARED = path.resolve(__dirname, '../../../shared');
const SEED = path.join(SHARED, 'seed/000_a61f6b65a0a42cc9.txt');
const COG = path.join(SHARED, 'corpus/msq-2022/files/031_cog.txt');
const EST = path.join(SHARED, 'corpus/msq-2022/files/MSQ2022_EST.docx');
const def = loadQuestionnaire('msq-2022');

function file(p: string): File {
  return new File([fs.readFileSync(p)], path.basename(p));
}

function excelHost() {
  return {
    kind: 'excel' as const,
    buildInWorkbook: jest.fn(
      async (plan: WorkbookPlan, onProgress: (fraction: number) => void): Promise<WriteSummary> => {
        onProgress(0.5);
        return {
          requests: 4,
          largestRequestBytes: 1000,
          tables: plan.sheets.flatMap((s) => s.tables).length,
          skipped: [],
        };
      },
    ),
    selectPlace: jest.fn<Promise<void>, [WorkbookPlace]>(async () => undefined),
    readState: jest.fn<Promise<WorkbookState | undefined>, [{ responses?: boolean }?]>(async () => undefined),
  };
}

function mainThreadImport(): jest.MockedFunction<RunImport> {
  return jest.fn((req: ImportRequest) =>
    importBatch(req.files, def, {
      previous: req.previous,
      encodings: req.encodings,
      signal: req.signal,
    }),
  );
}

/** A Blob's bytes (jsdom's Blob may lack arrayBuffer()). */
function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

function choose(...paths: string[]) {
  const input = screen.getByLabelText('Choose files…') as HTMLInputElement;
  fireEvent.change(input, { target: { files: paths.map(file) } });
}

async function importChosen(count: number, button = 'Import') {
  fireEvent.click(screen.getByRole('button', { name: button }));
  await screen.findByText('Import finished', {}, { timeout: 20_000 });
  expect(screen.getByText(new RegExp(`of ${count} files? read;`))).toBeTruthy();
  // The result is drawn in steps (the worklist, the responses, then the import report, each a render
  // of its own): the report comes last.
  await screen.findByRole('list', { name: 'Files' });
}

describe('the pane in Excel', () => {
  it('imports, builds the comparison in the workbook and goes to an issue’s answer', async () => {
    const host = excelHost();
    const runImport = mainThreadImport();
    render(<App host={host} runImport={runImport} now={() => new Date('2024-05-01T10:00:00Z')} />);
    expect(screen.getByText('Connected to Excel')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download workbook (.xlsx)' })).toBeNull();

    choose(SEED, COG);
    expect(screen.getByText(/2 files chosen/)).toBeTruthy();
    await importChosen(2);
    expect(runImport).toHaveBeenCalledTimes(1);
    expect(runImport.mock.calls[0][0].files.map((f) => f.name)).toEqual([
      path.basename(SEED),
      path.basename(COG),
    ]);
    const responses = screen.getByRole('list', { name: 'Responses' });
    expect(within(responses).getByText(/^Belarus/)).toBeTruthy();
    expect(within(responses).getByText(/^Congo/)).toBeTruthy();

    // Before a build there is nothing to go to.
    const issues = screen.getByRole('list', { name: 'Issues' });
    fireEvent.click(within(issues).getAllByRole('button')[0]);
    expect(host.selectPlace).not.toHaveBeenCalled();
    expect(screen.getByText('Build the comparison to go to this answer in the workbook.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Build comparison in this workbook' }));
    await screen.findByText('Comparison built');
    const plan = host.buildInWorkbook.mock.calls[0][0];
    const issuesTable = plan.sheets.flatMap((s) => s.tables).find((t) => t.name === 'Issues')!;
    const result = await (runImport.mock.results[0].value as Promise<BatchResult>);
    expect(issuesTable.rows).toHaveLength(result.issues.length);
    expect(plan.properties.created).toContain('2024-05-01');

    // Selecting an issue now selects its answer in the workbook.
    const second = within(issues).getAllByRole('button')[1];
    await act(async () => {
      fireEvent.click(second);
    });
    // The second line of the worklist is the second issue in worklist order; its cell is selected.
    const key = issueRows(result.definition, result.responses, result.issues)[1].issue.key;
    const place = locateIssue(plan, key)!;
    expect(place.sheet).toBeTruthy();
    expect(host.selectPlace).toHaveBeenCalledWith(place);
    expect(screen.getByText(`In the workbook: ${place.sheet}!${place.address}`)).toBeTruthy();
  });

  it('merges a second import with the first, carrying reviews from the workbook and the pane', async () => {
    const host = excelHost();
    const runImport = mainThreadImport();
    render(<App host={host} runImport={runImport} />);
    choose(SEED);
    await importChosen(1);
    const first = await (runImport.mock.results[0].value as Promise<BatchResult>);
    const [a, b] = first.issues;

    // The analyst dismissed one issue in the workbook and writes a note on another here.
    host.readState.mockResolvedValue({
      responses: [],
      reviews: new Map<string, ReviewEntry>([[a.key, { review: 'Dismissed', note: 'duplicate' }]]),
    });
    const issues = screen.getByRole('list', { name: 'Issues' });
    const rowOf = (message: string) =>
      within(issues)
        .getAllByRole('button')
        .find((el) => el.textContent?.includes(message))!;
    fireEvent.click(rowOf(b.message));
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'call back' } });
    fireEvent.blur(screen.getByLabelText('Note'));

    choose(COG);
    await importChosen(1, 'Import and merge');
    // The pane holds the responses, so only the reviews are read from the workbook.
    expect(host.readState).toHaveBeenLastCalledWith({ responses: false });
    const previous = runImport.mock.calls[1][0].previous!;
    expect(previous.responses).toBe(first.responses);
    expect(previous.reviews.get(a.key)).toEqual({ review: 'Dismissed', note: 'duplicate' });
    expect(previous.reviews.get(b.key)).toEqual({ review: 'Open', note: 'call back' });
    const second = await (runImport.mock.results[1].value as Promise<BatchResult>);
    expect(second.responses.map((r) => r.sourceFile).sort()).toEqual(
      [path.basename(SEED), path.basename(COG)].sort(),
    );
    expect(second.reviews.get(b.key)?.note).toBe('call back');
  });

  it('merges a first import with the earlier waves the workbook holds', async () => {
    // The workbook was built in an earlier session; the pane opens with nothing loaded.
    const earlier = await importBatch([{ name: path.basename(SEED), bytes: fs.readFileSync(SEED) }], def);
    const [reviewed] = earlier.issues;
    const host = excelHost();
    host.readState.mockResolvedValue({
      responses: earlier.responses,
      reviews: new Map<string, ReviewEntry>([[reviewed.key, { review: 'Confirmed', note: 'seen' }]]),
    });
    const runImport = mainThreadImport();
    render(<App host={host} runImport={runImport} />);
    choose(COG);
    await importChosen(1);
    expect(host.readState).toHaveBeenCalledWith({ responses: true });
    const previous = runImport.mock.calls[0][0].previous!;
    expect(previous.responses).toBe(earlier.responses);
    const result = await (runImport.mock.results[0].value as Promise<BatchResult>);
    expect(result.responses.map((r) => r.sourceFile).sort()).toEqual(
      [path.basename(SEED), path.basename(COG)].sort(),
    );
    expect(result.responses.slice(0, earlier.responses.length)).toEqual(earlier.responses);
    expect(result.reviews.get(reviewed.key)).toEqual({ review: 'Confirmed', note: 'seen' });
    expect(screen.getByText(/2 responses and \d+ issues in all/)).toBeTruthy();

    // The build then writes both waves, and the review, into the workbook.
    fireEvent.click(screen.getByRole('button', { name: 'Build comparison in this workbook' }));
    await screen.findByText('Comparison built');
    const plan = host.buildInWorkbook.mock.calls[0][0];
    const responsesTable = plan.sheets.flatMap((s) => s.tables).find((t) => t.name === 'Responses')!;
    expect(responsesTable.rows).toHaveLength(2);
  });

  it('cancels an import and keeps what was loaded', async () => {
    const host = excelHost();
    let seen: AbortSignal | undefined;
    const runImport: RunImport = (req) =>
      new Promise((_, reject) => {
        seen = req.signal;
        req.onProgress?.({ stage: 'reading', fraction: 0.5, detail: 'MSQ2022_EST.docx (1 of 1)' });
        req.signal?.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
      });
    render(<App host={host} runImport={runImport} />);
    choose(EST);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('Step 1 of 2, reading: MSQ2022_EST.docx (1 of 1)');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByText('Import cancelled');
    expect(seen?.aborted).toBe(true);
    expect(screen.queryByRole('list', { name: 'Responses' })).toBeNull();
    // The choice is still there to import again.
    expect(screen.getByText(/1 file chosen/)).toBeTruthy();
  });

  it('shows a workbook error as a message', async () => {
    const host = excelHost();
    host.buildInWorkbook.mockRejectedValue(
      new Error('While writing Answers: The workbook is read-only or protected.'),
    );
    render(<App host={host} runImport={mainThreadImport()} />);
    choose(COG);
    await importChosen(1);
    fireEvent.click(screen.getByRole('button', { name: 'Build comparison in this workbook' }));
    await screen.findByText('The workbook could not be written');
    expect(screen.getByText(/read-only or protected/)).toBeTruthy();
  });
});

describe('the pane in the browser preview', () => {
  it('offers a download instead of building in a workbook', async () => {
    const download = jest.fn<Promise<void>, [Blob, string]>(async () => undefined);
    const host: WorkbookHost = { kind: 'preview', download };
    render(<App host={host} runImport={mainThreadImport()} now={() => new Date('2024-05-01T10:00:00Z')} />);
    expect(screen.getByText('Browser preview, not connected to Excel')).toBeTruthy();
    choose(COG);
    await importChosen(1);
    expect(screen.queryByRole('button', { name: 'Build comparison in this workbook' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Download workbook (.xlsx)' }));
    await screen.findByText('Workbook ready');
    expect(download).toHaveBeenCalledWith(expect.any(Blob), 'survey-atlas-2024-05-01.xlsx');
    // The file handed to the download is the .xlsx itself: a package with the comparison's tables.
    const [xlsx] = download.mock.calls[0];
    expect(xlsx.type).toBe(XLSX_TYPE);
    const zip = await JSZip.loadAsync(await blobBytes(xlsx));
    const tables = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))
        .map(async (n) => /\bname="([^"]+)"/.exec(await zip.file(n)!.async('string'))![1]),
    );
    expect(tables).toEqual(expect.arrayContaining(['Responses', 'Answers', 'Issues']));
  });

  it('reads a file again in the encoding the analyst chooses on its report line', async () => {
    // A Czech page in windows-1250 naming no country: its code page cannot be told from its bytes.
    const organisation = 'Ministerstvo vnitra České republiky';
    const page = fs
      .readFileSync(path.join(SHARED, 'corpus/msq-2022/files/035_swe.txt'), 'utf8')
      .replace(/Sweden/g, 'the country')
      .replace(/\.se\b/g, '.example.org')
      .replace(/(4\. Organization \*\n\n).*/, `$1${organisation}`);
    const runImport = mainThreadImport();
    const host: WorkbookHost = { kind: 'preview', download: async () => undefined };
    render(<App host={host} runImport={runImport} />);
    const input = screen.getByLabelText('Choose files…') as HTMLInputElement;
    const files = [
      new File([encodeAs(page, 'windows-1250') as Uint8Array<ArrayBuffer>], 'cz.txt'),
      file(COG),
    ];
    fireEvent.change(input, { target: { files } });
    await importChosen(2);

    const list = within(screen.getByRole('list', { name: 'Files' }));
    expect(list.getByText('Encoding uncertain')).toBeTruthy();
    const readAs = list.getByRole('combobox', { name: 'Read cz.txt as' }) as HTMLSelectElement;
    expect(readAs.value).not.toBe('windows-1250');
    // The readings that came close are offered first, with a word as each would read it.
    const offered = [...readAs.options].map((o) => o.textContent);
    expect(offered.slice(1, 3).join(' ')).toMatch(/České/);
    expect(list.queryByRole('combobox', { name: /Read 031_cog\.txt as/ })).toBeTruthy();

    fireEvent.change(readAs, { target: { value: 'windows-1250' } });
    await screen.findByText('cz.txt read as windows-1250', {}, { timeout: 20_000 });
    expect(runImport).toHaveBeenLastCalledWith(
      expect.objectContaining({ encodings: { files: { 'cz.txt': 'windows-1250' } } }),
    );
    // The second import read the kept copies: both files again, the Czech one right.
    const request = runImport.mock.lastCall![0];
    expect(request.files.map((f) => f.name)).toEqual(['cz.txt', '031_cog.txt']);
    const result = await runImport.mock.results.at(-1)!.value;
    expect(
      result.responses.find((r: { sourceFile: string }) => r.sourceFile === 'cz.txt').answers.Q4.value,
    ).toBe(organisation);
    const after = within(screen.getByRole('list', { name: 'Files' }));
    expect(after.queryByText('Encoding uncertain')).toBeNull();
    expect((after.getByRole('combobox', { name: 'Read cz.txt as' }) as HTMLSelectElement).value).toBe(
      'windows-1250',
    );
    expect(after.getByText(/windows-1250, as chosen/)).toBeTruthy();
  });
});

describe('the pane as a workbench', () => {
  const previewHost = (download = jest.fn(async () => undefined)): WorkbookHost => ({
    kind: 'preview',
    download,
  });

  it('says so when every file is rejected, and offers no workbook', async () => {
    render(<App host={previewHost()} runImport={mainThreadImport()} />);
    fireEvent.change(screen.getByLabelText('Choose files…'), {
      target: { files: [new File(['Dear colleagues, the questionnaire follows by post.'], 'letter.txt')] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('No responses imported', {}, { timeout: 20_000 });
    expect(screen.queryByText('Import finished')).toBeNull();
    expect(screen.getByText(/None of the 1 file could be read/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download workbook (.xlsx)' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Issues' })).toBeNull();
    // The report is open and says why.
    expect(screen.getByRole('button', { name: 'Import report (1 file)' })).toBeTruthy();
    expect(within(await screen.findByRole('list', { name: 'Files' })).getByText('Rejected')).toBeTruthy();
  });

  it('counts copies merged when a file comes again, and moves the keyboard to the result', async () => {
    render(<App host={previewHost()} runImport={mainThreadImport()} />);
    choose(SEED);
    await importChosen(1);
    const heading = screen.getByRole('heading', { name: 'What was imported' });
    expect(document.activeElement).toBe(heading);
    const imported = screen.getByLabelText('Import counts');
    expect(imported.textContent).toContain('1 of 1 file');
    expect(imported.textContent).toContain('0 copies');

    choose(SEED);
    await importChosen(1, 'Import and merge');
    const again = screen.getByLabelText('Import counts');
    expect(again.textContent).toContain('1 response' + 'from earlier imports');
    expect(again.textContent).toContain('1 copy' + 'merged');
    expect(again.textContent).toContain('1 response' + 'kept and compared');
  });

  it('moves the keyboard to the confirmation after a download', async () => {
    render(<App host={previewHost()} runImport={mainThreadImport()} />);
    choose(COG);
    await importChosen(1);
    fireEvent.click(screen.getByRole('button', { name: 'Download workbook (.xlsx)' }));
    await screen.findByText('Workbook ready');
    expect(document.activeElement?.textContent).toContain('Workbook ready');
  });

  it('keeps reviews made while an import runs and applies them to its result', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inner = mainThreadImport();
    const runImport: RunImport = async (req) => {
      if (inner.mock.calls.length) await gate;
      return inner(req);
    };
    render(<App host={previewHost()} runImport={runImport} />);
    choose(COG);
    await importChosen(1);
    const first = await (inner.mock.results[0].value as Promise<BatchResult>);

    choose(SEED);
    fireEvent.click(screen.getByRole('button', { name: 'Import and merge' }));
    await screen.findByText(/reviews made now are kept and applied to the result/);
    // Confirm every issue of the first file while the second is read.
    fireEvent.click(screen.getByRole('button', { name: /^Apply to \d+ issues?$/ }));
    await act(async () => release());
    await screen.findByText('Import finished', {}, { timeout: 20_000 });
    const second = await (inner.mock.results[1].value as Promise<BatchResult>);
    expect(second.issues.length).toBeGreaterThan(first.issues.length);
    const confirmed = within(screen.getByRole('list', { name: 'Issues' }))
      .getAllByRole('button')
      .filter((b) => b.textContent?.includes('Confirmed'));
    expect(confirmed.length).toBeGreaterThan(0);
  });
});
