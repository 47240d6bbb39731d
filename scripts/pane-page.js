'use strict';
/* global URL */
// What the scripts that drive the pane's production build in Chromium share: dist/ served on a free
// port, a generated batch written to a temporary folder, and Chromium started headless and offline.
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const CHROMIUM = '/usr/bin/chromium';

/** Serves `dir` on 127.0.0.1 at a free port; `/` is the pane. */
function serve(dir = DIST) {
  const types = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.png': 'image/png',
    '.xml': 'application/xml',
    '.txt': 'text/plain; charset=utf-8',
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

/**
 * A generated batch of `count` responses (the sample generator of the command line, seed 2022) in a
 * temporary folder: its file paths, and `remove()` to delete them.
 */
async function writeBatch(count) {
  const { loadQuestionnaire } = require(path.join(DIST, 'cli/core/definition'));
  const { generateSampleBatch } = require(path.join(DIST, 'cli/sample/batch'));
  const def = loadQuestionnaire('msq-2022');
  const batch = await generateSampleBatch({ count, seed: 2022, def });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-pane-'));
  const paths = batch.files.map((f) => {
    const p = path.join(dir, f.name);
    fs.writeFileSync(p, f.bytes);
    return p;
  });
  return { paths, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Chromium as the browser tests start it: headless, no sandbox, no GPU. */
function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

/**
 * A page of the pane, with every request off this machine refused (the pane works offline); `init`
 * runs in the page before its own scripts.
 */
async function openPane(browser, server, { init, ...options } = {}) {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 }, ...options });
  if (init) await page.addInitScript(init);
  await page.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('internetdisconnected'),
  );
  await page.goto(`http://127.0.0.1:${server.address().port}/taskpane.html`);
  return page;
}

module.exports = { DIST, serve, writeBatch, launch, openPane };
