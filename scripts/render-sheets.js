#!/usr/bin/env node
'use strict';
// Renders each sheet of a comparison workbook, as LibreOffice prints it, to docs/img/sheet-*.png:
// a small generated batch is imported, each sheet is written to a workbook of its own, converted
// to PDF by LibreOffice headless, the first page turned into a PNG by pdftoppm and trimmed by
// ImageMagick. Needs `npm run build:cli`, and Debian's libreoffice-calc, poppler-utils, imagemagick.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'cli');
const { loadQuestionnaire } = require(path.join(dist, 'core/definition'));
const { importBatch } = require(path.join(dist, 'core/pipeline'));
const { buildWorkbookPlan } = require(path.join(dist, 'core/plan/build'));
const { renderXlsx } = require(path.join(dist, 'xlsx/render'));
const { generateSampleBatch } = require(path.join(dist, 'sample/batch'));

const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

async function main() {
  const def = loadQuestionnaire('msq-2022');
  const batch = await generateSampleBatch({ count: 14, seed: 7, def });
  const result = await importBatch(batch.files, def);
  const plan = buildWorkbookPlan({ def, ...result, importedAt: '2026-11-25T09:00:00Z' });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-sheets-'));
  const outDir = path.join(__dirname, '..', 'docs', 'img');
  fs.mkdirSync(outDir, { recursive: true });
  for (const sheet of plan.sheets) {
    const pivots = plan.pivots.filter((p) => p.sheet === sheet.name);
    // A PivotTable needs its source table in the file; its sheet goes first so page 1 is the pivot.
    const sources = plan.sheets.filter((s) =>
      pivots.some((p) => s.tables.some((t) => t.name === p.sourceTable)),
    );
    const single = { ...plan, sheets: [sheet, ...sources.filter((s) => s !== sheet)], pivots };
    const xlsx = path.join(work, `${slug(sheet.name)}.xlsx`);
    fs.writeFileSync(xlsx, await renderXlsx(single));
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, xlsx], {
      stdio: 'ignore',
    });
    const png = path.join(outDir, `sheet-${slug(sheet.name)}`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      xlsx.replace(/\.xlsx$/, '.pdf'),
      png,
    ]);
    execFileSync('/usr/bin/convert', [
      `${png}.png`,
      '-trim',
      '+repage',
      '-bordercolor',
      'white',
      '-border',
      '16',
      `${png}.png`,
    ]);
    console.log(`${sheet.name} → docs/img/sheet-${slug(sheet.name)}.png`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
