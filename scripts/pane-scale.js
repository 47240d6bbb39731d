#!/usr/bin/env node
'use strict';
/* global setTimeout, performance, requestAnimationFrame, document, Event, HTMLTextAreaElement -- Node's, and the page's in page.evaluate */
// The pane at scale, in Chromium: a generated batch (1,000 responses by default) imported in the
// production build opened as a plain page; prints the page's DOM nodes and height, and how long
// opening an issue, typing a 40-character note and a search take. Exits 1 over 6,000 DOM nodes.
// Needs `npm run build:cli` and `npm run build`. `--screenshot FILE` also saves the pane's picture
// (docs/img/taskpane-scale.png is made so). Usage: node scripts/pane-scale.js [--responses N] [--screenshot FILE]
const path = require('path');
const { parseArgs } = require('util');
const { serve, writeBatch, launch, openPane } = require('./pane-page');

const MAX_NODES = 6000;

/** Milliseconds until the browser has painted after `action` (run in the page). */
const afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

async function main() {
  const { values } = parseArgs({
    options: { responses: { type: 'string', default: '1000' }, screenshot: { type: 'string' } },
  });
  const batch = await writeBatch(Number(values.responses));
  const server = await serve();
  const browser = await launch();
  try {
    const page = await openPane(browser, server);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(batch.paths);
    const started = Date.now();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import finished').waitFor({ timeout: 600_000 });
    const importSeconds = (Date.now() - started) / 1000;
    // The worklist is drawn a moment after the rest of the result.
    await page.getByRole('list', { name: 'Issues' }).waitFor();
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
    console.log(`responses generated        ${values.responses} in ${batch.paths.length} files`);
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
    batch.remove();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
