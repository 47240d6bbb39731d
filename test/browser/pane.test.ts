import ExcelJS from 'exceljs';
/**
 * The production build opened as a plain page (the browser preview): import three files in three
 * layouts, review an issue, download the workbook, and check accessibility, the keyboard and that
 * nothing is fetched from outside the page's own origin. Each test opens its own page and does its
 * own import, so one failure does not cascade into the next.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import JSZip from 'jszip';
import type { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadQuestionnaire } from '../../src/core/definition';
import { generateSampleBatch } from '../../src/sample/batch';
import { ruleName } from '../../src/taskpane/rule-names';
import { CORPUS_FILES, SEED_FILE } from '../support/corpus';
import { loadTruth } from '../support/truth';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
/** The README's picture of the pane is refreshed only when asked: `UPDATE_DOCS_IMG=1`. */
const DOCS_SCREENSHOT = path.join(ROOT, 'docs/img/taskpane.png');
/** The most DOM nodes the pane may have after importing about 1,000 responses. */
const MAX_NODES = 6000;
const CHOSEN = [
  SEED_FILE,
  path.join(CORPUS_FILES, 'MSQ2022_EST.docx'),
  path.join(CORPUS_FILES, '031_cog.txt'),
];
const NOTE = 'Checked with the focal point by phone';

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) {
  throw new Error(
    `${CHROMIUM} is missing: CI must install chromium (.ci/run does) to run the browser tests.`,
  );
}
if (!haveChromium) {
  console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does).`);
}
const suite = haveChromium ? describe : describe.skip;

/** Newest modification time under the paths the bundle is built from. */
function newestSource(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(p)) if (!/\.test\.tsx?$/.test(child)) visit(path.join(p, child));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** Builds dist/ with `webpack --mode production`, unless a build newer than every source is there. */
async function ensureBuild(): Promise<void> {
  const page = path.join(DIST, 'taskpane.html');
  const sources = ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'package-lock.json'].map((p) =>
    path.join(ROOT, p),
  );
  if (fs.existsSync(page) && fs.statSync(page).mtimeMs > newestSource(sources)) return;
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`webpack failed:\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

// The same server the pane's scripts use, so the tests and the benchmarks see the same page.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require('../../scripts/pane-page.js') as { serve: (dir: string) => Promise<http.Server> };

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, matches: (el: Element) => boolean, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches.toString().replace(/^/, '(').concat(')(document.activeElement)'))) return;
  }
  throw new Error('Tab never reached the element');
}

/**
 * Counts, in the page, the messages each Web Worker posts back (by their `type`) before the page's own
 * handlers see them: the proof that the import ran in a worker, not on the page's main thread.
 */
function countWorkerMessages(): void {
  const Native = window.Worker;
  const seen: Record<string, number> = {};
  (window as unknown as { workerMessages: Record<string, number> }).workerMessages = seen;
  window.Worker = class extends Native {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (e: MessageEvent) => {
        const type = String((e.data as { type?: unknown } | null)?.type);
        seen[type] = (seen[type] ?? 0) + 1;
      });
    }
  };
}

interface Seen {
  stage: string;
  value: number;
}

/**
 * Records, in the page, each state the progress bar shows: its task and stage (the pane's
 * `data-task`, `data-stage`) and its value (`aria-valuenow`), as each change is made to the page.
 */
function recordProgress(): void {
  const seen: Seen[] = [];
  (window as unknown as { progressSeen: Seen[] }).progressSeen = seen;
  new MutationObserver(() => {
    const bar = document.querySelector<HTMLElement>('[data-stage]');
    if (!bar) return;
    const stage = `${bar.dataset.task}:${bar.dataset.stage}`;
    const value = Number(bar.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow'));
    const last = seen[seen.length - 1];
    if (!last || last.stage !== stage || last.value !== value) seen.push({ stage, value });
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** A generated batch of `count` responses written to a temporary folder; `remove` deletes it. */
async function generatedBatch(count: number) {
  const def = loadQuestionnaire('msq-2022');
  const batch = await generateSampleBatch({ count, seed: 2022, def });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-atlas-batch-'));
  const paths = batch.files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.bytes);
    return p;
  });
  return { dir, paths, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The names of an .xlsx file's tables and their data rows. */
async function tablesOf(bytes: Buffer): Promise<Record<string, number>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, number> = {};
  for (const n of Object.keys(zip.files).filter((f) => /^xl\/tables\/table\d+\.xml$/.test(f))) {
    const tag = /<table\b[^>]*>/.exec(await zip.file(n)!.async('string'))![0];
    const [, top, bottom] = /\bref="[A-Z]+(\d+):[A-Z]+(\d+)"/.exec(tag)!;
    out[/\bname="([^"]+)"/.exec(tag)![1]] = Number(bottom) - Number(top);
  }
  return out;
}

const isFilesInput = (el: Element) =>
  el instanceof HTMLInputElement && el.type === 'file' && !el.hasAttribute('webkitdirectory');

/** Referenced by taskpane.html's head, as Microsoft documents. */
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

suite('the task pane in a browser (preview)', () => {
  jest.setTimeout(240_000);
  let server: http.Server;
  let origin: string;
  let context: BrowserContext;
  let profile: string;
  let shots: string;
  /** What each page of the current test fetched, logged as errors and started as workers. */
  let opened: { page: Page; requests: string[]; errors: string[]; workers: string[] }[] = [];

  beforeAll(async () => {
    await ensureBuild();
    server = await serve(DIST);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-atlas-chromium-'));
    shots = fs.mkdtempSync(path.join(os.tmpdir(), 'survey-atlas-shots-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      acceptDownloads: true,
      viewport: { width: 420, height: 900 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    // Offline, as on a machine without network: every request off this machine is refused.
    await context.route(
      (url) => url.protocol.startsWith('http') && url.hostname !== '127.0.0.1',
      (route) => route.abort('internetdisconnected'),
    );
    await context.addInitScript(countWorkerMessages);
    await context.addInitScript(recordProgress);
  });

  afterEach(async () => {
    for (const { page } of opened) await page.close();
    opened = [];
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    for (const dir of [profile, shots]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page of the pane, watched. */
  async function openPane() {
    const page = await context.newPage();
    const watched = { page, requests: [] as string[], errors: [] as string[], workers: [] as string[] };
    page.on('request', (r) => watched.requests.push(r.url()));
    page.on('pageerror', (e) => watched.errors.push(e.message));
    page.on('console', (m) => {
      // Office.js, referenced in the page's head as Microsoft documents, fails to load offline.
      if (m.type() === 'error' && m.location().url !== OFFICE_JS) watched.errors.push(m.text());
    });
    page.on('worker', (w) => watched.workers.push(w.url()));
    opened.push(watched);
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole('heading', { name: 'Survey Atlas', level: 1 }).waitFor();
    return watched;
  }

  /** A fresh page that has imported the three chosen files. */
  async function importedPane() {
    const watched = await openPane();
    const { page } = watched;
    await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(CHOSEN);
    await page.getByText('3 files chosen', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import finished').waitFor({ timeout: 60_000 });
    // The result is drawn in steps, the import report last.
    await page.getByRole('list', { name: 'Files' }).waitFor();
    return watched;
  }

  async function recordReview(page: Page) {
    const first = page.getByRole('list', { name: 'Issues' }).getByRole('button').first();
    await first.click();
    await expect(first.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByRole('combobox', { name: 'Review' }).click();
    await page.getByRole('listbox', { name: 'Review' }).getByRole('option', { name: 'Confirmed' }).click();
    await page.getByLabel('Note').fill(NOTE);
    await expect(first.textContent()).resolves.toContain('Confirmed');
  }

  const workerMessages = (page: Page) =>
    page.evaluate(() => ({
      ...(window as unknown as { workerMessages: Record<string, number> }).workerMessages,
    }));

  it('builds every page and icon the manifest names, with production URLs in its copy', () => {
    const source = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
    const paths = [
      ...new Set(Array.from(source.matchAll(/https:\/\/localhost:3000\/([^"?#]*)/g), (m) => m[1])),
    ];
    expect(paths).toEqual(expect.arrayContaining(['taskpane.html', 'help.html', 'assets/icon-32.png']));
    for (const p of paths) expect(fs.existsSync(path.join(DIST, p))).toBe(true);
    const built = fs.readFileSync(path.join(DIST, 'manifest.xml'), 'utf8');
    expect(built).not.toContain('localhost');
    expect(built.match(/https:\/\/[^/"]+\//g)!.length).toBeGreaterThanOrEqual(paths.length);
  });

  it('starts in preview mode without Office', async () => {
    const { page } = await openPane();
    expect(await page.evaluate(() => document.body.dataset.host)).toBe('preview');
    await expect(page.getByText('Browser preview, not connected to Excel').isVisible()).resolves.toBe(true);
    // Office.js could not load (offline): the pane says so rather than passing over it.
    await expect(page.getByText(/Office\.js could not be loaded/).isVisible()).resolves.toBe(true);
  });

  it('shows progress while a folder is read and stops on Cancel', async () => {
    const { page } = await openPane();
    // A folder whose files take a second or two to read (the corpus's 47 are read in a quarter of
    // one); Cancel is pressed from the keyboard, as the button moves with the file names beside it.
    const batch = await generatedBatch(1000);
    try {
      await page.locator('input[type=file][webkitdirectory]').setInputFiles(batch.dir);
      await page.getByText(/^\d+ files chosen/).waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      // The stage is named from the first moment, while the files are opened.
      await page.locator('[data-stage="reading"]').waitFor();
      await page.getByText(/^Step 1 of 2, reading: /).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).press('Enter');
      await page.getByText('Import cancelled').waitFor();
      expect(await page.getByRole('heading', { name: /^Responses/ }).count()).toBe(0);
      await page.getByRole('button', { name: 'Clear choice' }).click();
    } finally {
      batch.remove();
    }
  });

  it('chooses files with the keyboard and with setInputFiles, then imports them in a worker', async () => {
    const { page, workers, requests } = await openPane();
    // Listened for before the keys are pressed: the page intercepts file choosers only once told to.
    const choosing = page.waitForEvent('filechooser');
    await page.locator('body').focus();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabTo(page, isFilesInput);
    await page.keyboard.press('Space');
    const chooser = await choosing;
    await chooser.setFiles(CHOSEN[0]);
    await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(CHOSEN.slice(1));
    await page.getByText('3 files chosen', { exact: false }).waitFor();

    expect(await workerMessages(page)).toEqual({});
    await tabTo(page, (el) => el.textContent === 'Import');
    await page.keyboard.press('Enter');
    await page.getByText('Import finished').waitFor({ timeout: 60_000 });
    // This page started a worker for this import, and the batch's result came back from it as a
    // message; the main thread's copy of the import code was never even fetched.
    expect(workers.length).toBe(1);
    const messages = await workerMessages(page);
    expect(messages).toMatchObject({ ready: 1, done: 1 });
    expect(messages.progress).toBeGreaterThanOrEqual(3);
    expect(requests.filter((u) => /import-main/.test(u))).toEqual([]);
  });

  it('lists the three countries and the issues the checks raised', async () => {
    const { page } = await importedPane();
    const responses = page.getByRole('list', { name: 'Responses' });
    for (const country of ['Belarus', 'Estonia', 'Congo']) {
      await expect(responses.getByText(new RegExp(`^${country}\\b`)).count()).resolves.toBe(1);
    }
    await expect(page.getByText('3 of 3 files read.').count()).resolves.toBe(1);

    // Every issue the corpus labels as expected for these files is listed under its country.
    const truth = loadTruth().filter((t) => CHOSEN.some((f) => f.endsWith(t.file)));
    expect(truth).toHaveLength(2);
    const issues = page.getByRole('list', { name: 'Issues' });
    const country = page.getByLabel('Country', { exact: true });
    const rule = page.getByLabel('Rule', { exact: true });
    for (const t of truth) {
      const name = t.country_iso3 === 'EST' ? 'Estonia' : 'Congo';
      await country.selectOption(name);
      for (const [code, question] of t.expected) {
        await rule.selectOption(code);
        // Rules are named in words; the code is the line's tooltip.
        const row = issues
          .getByRole('button')
          .filter({ hasText: ruleName(code) })
          .filter({ hasText: `${name} · ${question}` });
        await expect(row.count()).resolves.toBeGreaterThan(0);
        await expect(row.first().locator(`[title="${code}"]`).count()).resolves.toBe(1);
      }
      await rule.selectOption('');
    }
    // Belarus left the country blank: it was inferred, and said so.
    await country.selectOption('Belarus');
    await expect(
      issues
        .getByRole('button')
        .filter({ hasText: ruleName('country-inferred') })
        .count(),
    ).resolves.toBe(1);
    await country.selectOption('All');
  });

  it('records a review and a note on an issue', async () => {
    const { page } = await importedPane();
    await recordReview(page);
  });

  it('has no serious or critical accessibility violations', async () => {
    const { page } = await importedPane();
    await recordReview(page);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    const refresh = process.env.UPDATE_DOCS_IMG === '1';
    const shot = refresh ? DOCS_SCREENSHOT : path.join(shots, 'taskpane.png');
    const docsBefore = fs.existsSync(DOCS_SCREENSHOT) ? fs.statSync(DOCS_SCREENSHOT).mtimeMs : undefined;
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await page.screenshot({ path: shot });
    expect(fs.statSync(shot).size).toBeGreaterThan(1000);
    // The tracked picture in docs/ changes only when asked to.
    if (!refresh && docsBefore) expect(fs.statSync(DOCS_SCREENSHOT).mtimeMs).toBe(docsBefore);
  });

  it('downloads the comparison workbook from the keyboard, with its tables and the review', async () => {
    const { page, workers, requests } = await importedPane();
    await recordReview(page);
    await tabTo(page, (el) => el.textContent === 'Download workbook (.xlsx)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^survey-atlas-\d{4}-\d{2}-\d{2}\.xlsx$/);
    // The keyboard moves to the confirmation, not to the page's body.
    await page.getByText('Workbook ready').waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent ?? '')).resolves.toContain(
      'Workbook ready',
    );
    // The workbook was made in a worker of its own (the import's, then the workbook's), which sent
    // the file back; the page never fetched the code that writes one.
    expect(workers.length).toBe(2);
    await expect(workerMessages(page)).resolves.toMatchObject({ xlsx: 1 });
    expect(requests.filter((u) => /workbook-main/.test(u))).toEqual([]);
    const file = path.join(profile, 'comparison.xlsx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const tables = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))
        .map(async (n) => {
          const tag = /<table\b[^>]*>/.exec(await zip.file(n)!.async('string'))![0];
          return { name: /\bname="([^"]+)"/.exec(tag)![1], ref: /\bref="([^"]+)"/.exec(tag)![1] };
        }),
    );
    const names = tables.map((t) => t.name);
    for (const expected of ['Responses', 'Answers', 'Issues']) expect(names).toContain(expected);
    const rowsOf = (ref: string) => {
      const [, top, bottom] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(ref)!;
      return Number(bottom) - Number(top);
    };
    expect(rowsOf(tables.find((t) => t.name === 'Responses')!.ref)).toBe(3);
    const text = (
      await Promise.all(
        Object.keys(zip.files)
          .filter((n) => /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/.test(n))
          .map((n) => zip.file(n)!.async('string')),
      )
    ).join('\n');
    expect(text).toContain(NOTE);
    // The reviewed issue's own row carries the review and the note.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Issues')!;
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const reviewed: string[][] = [];
    sheet.eachRow((row) => {
      const note = row.getCell(header.indexOf('Note')).value;
      if (note === NOTE) reviewed.push([String(row.getCell(header.indexOf('Review')).value), String(note)]);
    });
    expect(reviewed).toEqual([['Confirmed', NOTE]]);
  });

  it('says where an issue sits in the downloaded workbook', async () => {
    const { page } = await importedPane();
    await tabTo(page, (el) => el.textContent === 'Download workbook (.xlsx)');
    await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const issues = page.getByRole('list', { name: 'Issues' }).getByRole('button');
    await issues.nth(1).click();
    await page.getByText(/^In the workbook: .+![A-Z]+\d+$/).waitFor();
  });

  it('makes the plan for a live workbook in the worker, and sends it back in slices', async () => {
    // In Excel the page writes the plan into the open workbook; the worker builds it. Driven here
    // through the pane's own worker, as the page drives it: an import, then the plan of its result.
    const { page, workers } = await importedPane();
    const files = CHOSEN.map((p) => ({ name: path.basename(p), bytes: [...fs.readFileSync(p)] }));
    type Message = { type: string } & Record<string, never>;
    const made = await page.evaluate(
      async ({ url, files }) => {
        const run = (messages: unknown[]) =>
          new Promise<Message[]>((resolve) => {
            const worker = new Worker(url);
            const got: Message[] = [];
            worker.onmessage = (e: MessageEvent<Message>) => {
              if (e.data.type === 'ready') return messages.forEach((m) => worker.postMessage(m));
              got.push(e.data);
              if (['done', 'plan', 'failed'].includes(e.data.type)) {
                worker.terminate();
                resolve(got);
              }
            };
          });
        const of = (messages: Message[], type: string) => messages.filter((m) => m.type === type);
        const imported = await run([
          { type: 'import', files: files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })) },
        ]);
        const responses = of(imported, 'responses').flatMap((m) => m.items as unknown[]);
        const issues: unknown[] = [];
        for (const row of of(imported, 'issue-rows').flatMap(
          (m) => m.items as { at: number; issue: unknown }[],
        ))
          issues[row.at] = row.issue;
        const head = of(imported, 'done')[0].result as Record<string, unknown>;
        const plan = await run([
          ...responses.map((r) => ({ type: 'responses', items: [r] })),
          {
            type: 'workbook',
            kind: 'plan',
            input: { ...head, def: head.definition, issues, importedAt: '2024-05-01T10:00:00Z' },
          },
        ]);
        const tables: Record<string, { rows: number; columns: number }> = {};
        const sheets = of(plan, 'sheet').map(
          (m) => (m.sheet as { tables: { name: string; columns: [] }[] }).tables,
        );
        for (const m of of(plan, 'rows')) {
          const t = sheets[m.sheet as number][m.table as number];
          tables[t.name] ??= { rows: 0, columns: t.columns.length };
          tables[t.name].rows += (m.rows as unknown[]).length;
        }
        return {
          responses: responses.length,
          issues: issues.length,
          cells: of(plan, 'plan-size')[0].cells as number,
          tables,
          places: (of(plan, 'plan')[0].places as unknown[]).length,
          stages: [...new Set(of(plan, 'progress').map((m) => m.stage as string))],
          failed: of(plan, 'failed').length,
        };
      },
      { url: workers[0], files },
    );
    expect(made.failed).toBe(0);
    expect(made.responses).toBe(3);
    expect(made.stages).toEqual(['comparing']);
    expect(made.tables.Responses.rows).toBe(3);
    expect(made.tables.Issues.rows).toBe(made.issues);
    expect(made.tables.Answers.rows).toBe(3 * loadQuestionnaire('msq-2022').questions.length);
    // Every row of every table came back, and where each issue points.
    const sent = Object.values(made.tables).reduce((n, t) => n + t.rows * t.columns, 0);
    expect(sent).toBe(made.cells);
    expect(made.places).toBe(made.issues);
  });

  it('names each stage from Import to the download, the bar moving on and never full', async () => {
    const batch = await generatedBatch(120);
    try {
      const page = await importOnNewPage(batch.paths, 120_000);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download workbook (.xlsx)' }).click(),
      ]);
      await page.getByText('Workbook ready').waitFor();
      expect(Object.keys(await tablesOf(fs.readFileSync(await download.path())))).toContain('Answers');
      const seen = await page.evaluate(() => (window as unknown as { progressSeen: Seen[] }).progressSeen);
      // The stages in order, each named while it runs.
      const stages = seen.map((s) => s.stage).filter((s, i, all) => s !== all[i - 1]);
      expect(stages).toEqual(['import:reading', 'import:checking', 'xlsx:comparing', 'xlsx:writing']);
      for (const task of ['import', 'xlsx']) {
        const values = seen.filter((s) => s.stage.startsWith(`${task}:`)).map((s) => s.value);
        // The bar starts at once and moves on, never back, and is never full while the task runs.
        expect(values[0]).toBeLessThan(0.1);
        expect(new Set(values).size).toBeGreaterThan(5);
        expect(values.every((v, i) => i === 0 || v >= values[i - 1])).toBe(true);
        expect(Math.max(...values)).toBeLessThan(1);
      }
      // The import's reading moved before its checks began.
      const reading = seen.filter((s) => s.stage === 'import:reading').map((s) => s.value);
      expect(new Set(reading).size).toBeGreaterThan(3);
    } finally {
      batch.remove();
    }
  }, 240_000);

  it('cancels a download while the workbook is written, and downloads it afterwards', async () => {
    const batch = await generatedBatch(300);
    try {
      const page = await importOnNewPage(batch.paths, 180_000);
      const downloads: string[] = [];
      page.on('download', (d) => downloads.push(d.suggestedFilename()));
      const workersBefore = page.workers().length;
      await page.getByRole('button', { name: 'Download workbook (.xlsx)' }).click();
      await page.locator('[data-stage="writing"]').waitFor();
      expect(page.workers().length).toBe(workersBefore + 1);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByText('No workbook was made.').waitFor();
      // The worker writing the file was stopped, and nothing was saved.
      for (let i = 0; i < 50 && page.workers().length > workersBefore; i++) await page.waitForTimeout(100);
      expect(page.workers().length).toBe(workersBefore);
      await page.waitForTimeout(500);
      expect(downloads).toEqual([]);

      // Asked again, the workbook is whole.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download workbook (.xlsx)' }).click(),
      ]);
      await page.getByText('Workbook ready').waitFor();
      const heading = await page.getByRole('heading', { name: /^Responses \(/ }).innerText();
      const responses = Number(/\(([\d,]+)\)/.exec(heading)![1].replace(/,/g, ''));
      expect(responses).toBeGreaterThan(250);
      const tables = await tablesOf(fs.readFileSync(await download.path()));
      expect(tables.Responses).toBe(responses);
    } finally {
      batch.remove();
    }
  }, 300_000);

  /** A page of its own, with the files chosen and imported. */
  async function importOnNewPage(files: string[], timeout: number): Promise<Page> {
    const { page: fresh } = await openPane();
    await fresh.locator('input[type=file]:not([webkitdirectory])').setInputFiles(files);
    await fresh.getByRole('button', { name: 'Import', exact: true }).click();
    await fresh.getByText('Import finished').waitFor({ timeout });
    return fresh;
  }

  it('shows the corpus at a glance: counts, the country-by-section picture, and a search', async () => {
    const names = fs.readdirSync(CORPUS_FILES).sort();
    const corpus = await importOnNewPage(
      names.map((n) => path.join(CORPUS_FILES, n)),
      120_000,
    );
    try {
      // The keyboard is on the result.
      await expect(corpus.evaluate(() => document.activeElement?.id)).resolves.toBe('results-heading');
      const counts = corpus.getByLabel('Import counts');
      const truth = loadTruth();
      await expect(counts.innerText()).resolves.toContain(`of ${names.length} files`);
      const found = Number(/([\d,]+) responses?\s+found/.exec(await counts.innerText())![1].replace(',', ''));
      expect(found).toBeGreaterThanOrEqual(truth.length);
      await expect(counts.innerText()).resolves.toMatch(/copies|copy/);

      // A row per country, a column per section; a cell filters the issues to its country and section.
      const grid = corpus.getByRole('group', { name: 'Countries by section' });
      const sections = loadQuestionnaire('msq-2022').sections;
      await corpus.getByRole('radio', { name: 'Issues' }).check();
      const cells = grid.getByRole('button');
      const countries = (await cells.count()) / sections.length;
      expect(Number.isInteger(countries)).toBe(true);
      expect(countries).toBeGreaterThan(20);
      const busy = grid.getByRole('button', { name: /: [1-9]\d* issues?$/ }).first();
      const label = (await busy.getAttribute('aria-label'))!;
      const [, place, n] = /^(.+): (\d+) issues?$/.exec(label)!;
      await busy.click();
      await corpus.getByText(new RegExp(`^${n} issues? of [\\d,]+ match\\.$`)).waitFor();
      const section = sections.map((s) => s.title).find((t) => place.endsWith(`, ${t}`))!;
      const country = place.slice(0, -section.length - 2);
      await expect(corpus.getByLabel('Country', { exact: true }).inputValue()).resolves.toBe(country);
      await expect(corpus.getByLabel('Section', { exact: true }).inputValue()).resolves.toBe(section);
      await corpus.getByRole('button', { name: 'Show all issues' }).click();

      // A search over country, question, message and evidence.
      const search = corpus.getByRole('searchbox', { name: 'Search issues' });
      await search.fill('Estonia');
      await corpus.getByText(/^[\d,]+ issues? of [\d,]+ match\.$/).waitFor();
      const matching = Number((await corpus.getByText(/ of [\d,]+ match\.$/).innerText()).split(' ')[0]);
      const shown = corpus.getByRole('list', { name: 'Issues' }).getByRole('button');
      expect(await shown.first().innerText()).toMatch(/Estonia/);
      // Every issue of Estonia's, and those that quote it elsewhere.
      await search.fill('');
      await corpus.getByLabel('Country', { exact: true }).selectOption('Estonia');
      const own = Number((await corpus.getByText(/ of [\d,]+ match\.$/).innerText()).split(' ')[0]);
      expect(own).toBeGreaterThan(0);
      expect(matching).toBeGreaterThanOrEqual(own);
    } finally {
      await corpus.close();
    }
  });

  it('stays light with 1,153 responses, its lists open', async () => {
    const batch = await generatedBatch(1153);
    const large = await importOnNewPage(batch.paths, 300_000);
    try {
      await large.getByRole('list', { name: 'Issues' }).waitFor();
      const nodes = () => large.evaluate(() => document.getElementsByTagName('*').length);
      expect(await nodes()).toBeLessThanOrEqual(MAX_NODES);
      await expect(large.getByLabel('Import counts').innerText()).resolves.toMatch(/1,153 responses\s+found/);
      // The issues, the picture's rows and the responses are windows of lines, however many there are.
      expect(await large.getByRole('list', { name: 'Issues' }).getByRole('button').count()).toBeLessThan(30);
      const grid = large.getByRole('group', { name: 'Countries by section' });
      await expect(large.getByText(/^\d+ countries × 8 sections\./).innerText()).resolves.toMatch(
        /^1\d\d countries/,
      );
      expect(await grid.getByRole('button').count()).toBeLessThan(40 * 8);
      // Long lists start closed; opened, the Responses list and the import report stay light too.
      await large.getByRole('button', { name: /^Responses \(1,153\)$/ }).click();
      await large.getByRole('button', { name: /^Import report \(/ }).click();
      const responses = large.getByRole('list', { name: 'Responses' });
      await responses.getByRole('listitem').first().waitFor();
      expect(await responses.getByRole('listitem').count()).toBeLessThan(40);
      await expect(responses.getByRole('listitem').first().getAttribute('aria-setsize')).resolves.toBe(
        '1153',
      );
      expect(await large.getByRole('list', { name: 'Files' }).getByRole('listitem').count()).toBeLessThan(40);
      expect(await nodes()).toBeLessThanOrEqual(MAX_NODES);
      // Scrolled to its end, the list shows its last responses.
      await responses.evaluate((ul) => ul.parentElement!.scrollTo(0, ul.scrollHeight));
      await responses.locator('[aria-posinset="1153"]').waitFor();
    } finally {
      await large.close();
      batch.remove();
    }
  }, 400_000);

  it('fetches nothing from outside its own origin but Office.js, and raises no page errors', async () => {
    const { page, requests, errors } = await importedPane();
    await recordReview(page);
    expect(requests.length).toBeGreaterThan(3);
    const outside = requests.filter((u) => !u.startsWith(`${origin}/`) && !/^(blob|data):/.test(u));
    // Each page of the suite asks for Office.js once.
    expect([...new Set(outside)]).toEqual([OFFICE_JS]);
    expect(errors).toEqual([]);
  });
});
