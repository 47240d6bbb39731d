#!/usr/bin/env node
'use strict';
/* global performance, PerformanceObserver, MutationObserver, window, document, setTimeout -- the page's, in page.evaluate */
// Does the pane ever freeze? Imports a generated batch in the production build in Chromium (the
// browser preview), then downloads the workbook, and prints the longest task the page's main thread
// ran from pressing Import to the download saved (the browser's 'longtask' entries: tasks over 50 ms),
// how many tasks ran over 50 ms, their blocking time (each one's time over 50 ms, summed), the main
// thread's busy time, the wall time of the import and of the download, and how long each progress
// stage the pane named was shown (reading, checking, comparing, writing). Prints figures; asserts
// nothing about time (it exits 1 only if the import or the download fails).
// Needs `npm run build:cli` and `npm run build`.
// Usage: node scripts/pane-bench.js [--responses 226,1153] [--runs N] [--dist DIR[,DIR]] [--why]
//   --dist  the builds to measure (default dist/); with two, their runs alternate, so both see the
//           same load on the machine (a build of an earlier commit against this one, say).
//   --why   also names the scripts behind the longest frames (the Long Animation Frames API).
const path = require('path');
const { parseArgs } = require('util');
const { DIST, serve, writeBatch, launch, openPane } = require('./pane-page');

/**
 * Installed before the page's own scripts: every long task and long frame, and each change of the
 * progress bar's stage (its `data-stage`) with the time, kept on `window`.
 */
function observeLongTasks() {
  const seen = { tasks: [], frames: [], stages: [] };
  window.paneBench = seen;
  new MutationObserver(() => {
    const bar = document.querySelector('[data-stage]');
    const stage = bar ? `${bar.dataset.task}:${bar.dataset.stage}` : '';
    const last = seen.stages[seen.stages.length - 1];
    if ((last ? last.stage : '') !== stage) seen.stages.push({ stage, at: performance.now() });
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) seen.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        seen.frames.push({
          start: e.startTime,
          duration: e.duration,
          scripts: (e.scripts ?? []).map((s) => ({
            duration: Math.round(s.duration),
            invoker: s.invoker,
            source: `${s.sourceFunctionName || '(anonymous)'} ${String(s.sourceURL).replace(/^.*\//, '')}:${s.sourceCharPosition}`,
          })),
        });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // an older Chromium: long tasks only
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Main-thread busy time of the page so far (seconds), from the DevTools protocol. */
async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value;
}

async function once(browser, server, paths, why) {
  const page = await openPane(browser, server, { acceptDownloads: true, init: observeLongTasks });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.locator('input[type=file]:not([webkitdirectory])').setInputFiles(paths);
    await page
      .getByText(/ files? chosen/)
      .first()
      .waitFor();
    const busy0 = await taskSeconds(cdp);
    const t0 = await page.evaluate(() => performance.now());
    const wall0 = Date.now();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Import finished').waitFor({ timeout: 900_000 });
    const wall1 = Date.now();
    const t1 = await page.evaluate(() => performance.now());
    const responses = await page.getByRole('heading', { name: /^Responses \(/ }).innerText();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 900_000 }),
      page.getByRole('button', { name: 'Download workbook (.xlsx)' }).click(),
    ]);
    const failure = await download.failure();
    if (failure) throw new Error(`the download failed: ${failure}`);
    await page.getByText('Workbook ready').waitFor();
    const wall2 = Date.now();
    // One more frame, so a task still running is reported.
    await page.evaluate(() => new Promise((r) => window.requestAnimationFrame(() => setTimeout(r, 50))));
    const busy1 = await taskSeconds(cdp);
    const seen = await page.evaluate(() => window.paneBench);
    const tasks = seen.tasks.filter((t) => t.start >= t0);
    // How long each stage showed: from its first report to the next stage's (or the task's end).
    const stageMs = {};
    seen.stages.forEach((s, i) => {
      if (!s.stage || s.at < t0) return;
      const next = seen.stages[i + 1];
      stageMs[s.stage] = (stageMs[s.stage] ?? 0) + ((next ? next.at : s.at) - s.at);
    });
    const longest = (list) => list.reduce((m, t) => Math.max(m, t.duration), 0);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    return {
      responses: Number(/\(([\d,]+)\)/.exec(responses)[1].replace(/,/g, '')),
      longest: longest(tasks),
      longestImport: longest(tasks.filter((t) => t.start < t1)),
      longestDownload: longest(tasks.filter((t) => t.start >= t1)),
      over50: tasks.length,
      blocking: tasks.reduce((s, t) => s + t.duration - 50, 0),
      busy: (busy1 - busy0) * 1000,
      importMs: wall1 - wall0,
      downloadMs: wall2 - wall1,
      totalMs: wall2 - wall0,
      stageMs,
      frames: why
        ? seen.frames
            .filter((f) => f.start >= t0)
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 5)
        : [],
      nodes: await page.evaluate(() => document.getElementsByTagName('*').length),
    };
  } finally {
    await page.close();
  }
}

/** Prints one build's figures for one batch: medians, and each run's where there were several. */
function report(results, heading) {
  const runs = results.length;
  const m = (key) => median(results.map((r) => r[key]));
  const ms = (key) => `${m(key).toFixed(0).padStart(6)} ms`;
  const s = (key) => `${(m(key) / 1000).toFixed(1).padStart(6)} s`;
  const all = (key) => (runs > 1 ? `  (${results.map((r) => r[key].toFixed(0)).join(', ')})` : '');
  console.log(`\n${heading}, ${results[0].responses} responses kept`);
  // The browser reports tasks of 50 ms or more: 0 is "none that long".
  const task = (key) => (m(key) ? ms(key) : '   < 50 ms');
  console.log(`  longest main-thread task     ${task('longest')}${all('longest')}`);
  console.log(`    during the import          ${task('longestImport')}${all('longestImport')}`);
  console.log(`    during the download        ${task('longestDownload')}${all('longestDownload')}`);
  console.log(`  tasks over 50 ms             ${m('over50').toFixed(0).padStart(6)}${all('over50')}`);
  console.log(`  blocking time (over 50 ms)   ${ms('blocking')}${all('blocking')}`);
  console.log(`  main thread busy             ${ms('busy')}${all('busy')}`);
  console.log(`  import, wall                 ${s('importMs')}`);
  console.log(`  download, wall               ${s('downloadMs')}`);
  console.log(`  Import to download, wall     ${s('totalMs')}${all('totalMs')}`);
  console.log(`  DOM nodes at the end         ${m('nodes').toFixed(0).padStart(6)}`);
  for (const stage of Object.keys(results[0].stageMs)) {
    const times = results.map((r) => r.stageMs[stage] ?? 0);
    console.log(`  stage ${stage.padEnd(23)}${(median(times) / 1000).toFixed(1).padStart(6)} s`);
  }
  for (const f of results.flatMap((r) => r.frames)) {
    console.log(`  frame of ${f.duration.toFixed(0)} ms at ${f.start.toFixed(0)}:`);
    for (const sc of f.scripts) console.log(`      ${sc.duration} ms ${sc.invoker} → ${sc.source}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      responses: { type: 'string', default: '226,1153' },
      runs: { type: 'string', default: '1' },
      dist: { type: 'string', default: DIST },
      why: { type: 'boolean', default: false },
    },
  });
  const sizes = values.responses.split(',').map(Number);
  const runs = Math.max(1, Number(values.runs));
  const builds = values.dist.split(',').map((d) => path.resolve(d));
  const servers = await Promise.all(builds.map((d) => serve(d)));
  const browser = await launch();
  try {
    console.log(
      `The pane from Import to the downloaded workbook, Chromium ${browser.version()}, ${runs} run(s) each`,
    );
    for (const size of sizes) {
      const batch = await writeBatch(size);
      try {
        // With two builds, their runs alternate: both see the same load on the machine.
        const results = builds.map(() => []);
        for (let i = 0; i < runs; i++)
          for (const [b, server] of servers.entries())
            results[b].push(await once(browser, server, batch.paths, values.why));
        for (const [b, build] of builds.entries()) {
          const which = builds.length > 1 ? ` (${path.relative(process.cwd(), build) || '.'})` : '';
          report(results[b], `${size} responses generated: ${batch.paths.length} files${which}`);
        }
      } finally {
        batch.remove();
      }
    }
    return 0;
  } finally {
    await browser.close();
    for (const server of servers) server.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
