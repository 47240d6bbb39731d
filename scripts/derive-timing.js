#!/usr/bin/env node
/**
 * How much deriving a definition adds to importing a batch, per layout of the foreign sample:
 * `npm run build:cli && node --expose-gc scripts/derive-timing.js` (COPIES=n files per layout, default 20).
 * Deriving parses each workbook and CSV text once for the import that follows; the figure is the
 * CPU time of deriving again over the parsed files, against deriving and importing from cold bytes.
 */
const fs = require('fs');
const path = require('path');
const { deriveDefinition } = require(path.join(__dirname, '../dist/cli/core/definition/derive.js'));
const { importBatch } = require(path.join(__dirname, '../dist/cli/core/pipeline.js'));
const root = path.join(__dirname, '../../shared/corpus/foreign-sample/files');
const walk = (d) =>
  fs
    .readdirSync(d)
    .sort()
    .flatMap((n) => (fs.statSync(path.join(d, n)).isDirectory() ? walk(path.join(d, n)) : [path.join(d, n)]));
const load = (layout, copies) => {
  const files = [];
  for (let c = 0; c < copies; c++)
    for (const p of walk(path.join(root, layout))) {
      const b = fs.readFileSync(p);
      files.push({ name: `${c}-${path.basename(p)}`, bytes: new Uint8Array(b).slice() });
    }
  return files;
};
const cpu = (t) => {
  const u = process.cpuUsage(t);
  return (u.user + u.system) / 1000;
};
(async () => {
  const layouts = [
    'forms-xlsx-en',
    'forms-xlsx-localized',
    'openpyxl-resaved-forms',
    'google-forms-csv',
    'limesurvey-csv',
    'qualtrics-csv',
    'surveymonkey-xlsx',
    'kobo-xlsform',
  ];
  for (const l of layouts) {
    const f = load(l, 1);
    await importBatch(f, await deriveDefinition(f));
  }
  let A = 0,
    D = 0;
  const copies = +(process.env.COPIES || 20);
  for (const layout of layouts) {
    let a = 0,
      d = 0;
    for (let rep = 0; rep < 5; rep++) {
      const files = load(layout, copies);
      global.gc();
      let t = process.cpuUsage();
      const def = await deriveDefinition(files); // cold: parses the workbooks, which the import then reuses
      const first = cpu(t);
      global.gc();
      t = process.cpuUsage();
      await importBatch(files, def);
      const imp = cpu(t);
      global.gc();
      t = process.cpuUsage();
      await deriveDefinition(files); // warm: what deriving itself costs once files are parsed
      d += cpu(t);
      a += first + imp;
    }
    A += a;
    D += d;
    console.log(
      layout.padEnd(24),
      `derive+import ${(a / 5).toFixed(0)} ms cpu; derive on parsed files ${(d / 5).toFixed(1)} ms (${((100 * d) / a).toFixed(1)}%)`,
    );
  }
  console.log(
    `all layouts: derive+import ${(A / 5).toFixed(0)} ms cpu; derive on parsed files ${(D / 5).toFixed(0)} ms (${((100 * D) / A).toFixed(1)}%)`,
  );
})();
