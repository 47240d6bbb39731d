#!/usr/bin/env node
'use strict';
/* global URL, setTimeout, performance, requestAnimationFrame, document, Event, HTMLTextAreaElement -- Node's, and the page's in page.evaluate */
// The pane at scale, in Chromium: a generated batch (1,000 responses by default) imported in the
// production build opened as a plain page; prints the page's DOM nodes and height, and how long
// opening an issue, typing a 40-character note and a search take. Exits 1 over 6,000 DOM nodes.
// Needs `npm run build:cli` and `npm run build`. `--screenshot FILE` also saves the pane's picture
// (docs/img/taskpane-scale.png is made so). Usage: node scripts/pane-scale.js [--responses N] [--screenshot FILE]
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const MAX_NODES = 6000;
const { loadQuestionnaire } = require(path.join(DIST, 'cli/core/definition'));
const { generateSampleBatch } = require(path.join(DIST, 'cli/sample/batch'));

function serve(dir) {
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.png': 'image/png',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.join(dir, decodeURIComponent(url.pathname === '/' ? '/taskpane.html' : url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Milliseconds until the browser has painted after `action` (run in the page). */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function main() {
  const { values } = parseArgs({
    options: { responses: { type: 'string', default: '1000' }, screenshot: { type: 'string' } },
  });
  const def = loadQuestionnaire('msq-2022');
  const batch = await generateSampleBatch({ count: Number(values.responses), seed: 2022, def });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-scale-'));
  const paths = batch.files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.bytes);
    return p;
  });
  const server = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort('internetdisconnected'),
    );
    await page.goto(`http://127.0.0.1:${server.address().port}/taskpane.html`);
    await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(paths);
    const started = Date.now();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import finished').waitFor({ timeout: 600_000 });
    const importSeconds = (Date.now() - started) / 1000;
    await page.evaluate(afterPaint);
    const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const issues = await page.locator('#results-heading').count();

    // Opening an issue: click to the next paint.
    const open = await page.evaluate(async (paint) => {
      const wait = new Function(`return (${paint})()`);
      const button = document.querySelector('[aria-label="Issues"] button');
      const t = performance.now();
      button.click();
      await wait();
      return performance.now() - t;
    }, afterPaint.toString());

    // Typing 40 characters of a note, one input event each, as a keyboard does; then a paint.
    const typing = await page.evaluate(async (paint) => {
      const wait = new Function(`return (${paint})()`);
      const box = document.querySelector('textarea');
      const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
      const text = 'Asked the focal point by phone, 3 March.';
      const t = performance.now();
      for (let i = 1; i <= text.length; i++) {
        set.call(box, text.slice(0, i));
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }
      await wait();
      return { ms: performance.now() - t, chars: text.length };
    }, afterPaint.toString());

    // A search: typed, then the list filtered (the box waits 150 ms for a pause in typing).
    const search = await page.getByRole('searchbox', { name: 'Search issues' });
    const t = Date.now();
    await search.fill('Estonia');
    await page.getByText(/issues? of [\d,]+ match\./).waitFor();
    const searchMs = Date.now() - t;
    const nodesAfter = await page.evaluate(() => document.getElementsByTagName('*').length);
    await search.fill('');
    await page.getByText(/issues?, most severe first\./).waitFor();

    const counts = await page.getByLabel('Import counts').innerText();
    console.log(`responses generated        ${values.responses} in ${batch.files.length} files`);
    console.log(`import (worker), wall      ${importSeconds.toFixed(1)} s`);
    console.log(`counts                     ${counts.replace(/\s*\n\s*/g, ' | ')}`);
    console.log(`DOM nodes after import     ${nodes} (at most ${MAX_NODES})`);
    console.log(`DOM nodes, issue open      ${nodesAfter}`);
    console.log(`page height                ${height} px`);
    console.log(`open an issue              ${open.toFixed(0)} ms`);
    console.log(`type ${typing.chars} characters of a note ${typing.ms.toFixed(0)} ms`);
    console.log(`search to filtered list    ${searchMs} ms (150 ms of it the pause the box waits for)`);
    if (!issues) throw new Error('no result shown');
    if (values.screenshot) {
      // From the counts to the worklist with an issue open: the pane's height in Excel, less the import form.
      await page.getByLabel('Note').fill('Asked the focal point by phone.');
      await page.setViewportSize({ width: 420, height: 1500 });
      await page.evaluate(() =>
        document.getElementById('results-heading').scrollIntoView({ block: 'start' }),
      );
      await page.evaluate(afterPaint);
      await page.screenshot({ path: path.resolve(values.screenshot), fullPage: false });
      console.log(`screenshot                 ${values.screenshot}`);
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return Math.max(nodes, nodesAfter) <= MAX_NODES ? 0 : 1;
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
