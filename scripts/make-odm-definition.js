#!/usr/bin/env node
'use strict';
// Generates the built-in EU Open Data Maturity 2023 definition (src/core/definition/questionnaires/
// odm-2023.json) from the published questionnaire template, the way any template workbook is read:
//   npm run build:cli && node scripts/make-odm-definition.js [path/to/00_ODM2023_questionnaire_template.xlsx]
// The template defaults to ../shared/real/odm-2023/ beside the checkout.
const fs = require('fs');
const path = require('path');

const dist = path.join(__dirname, '..', 'dist', 'cli', 'core');
const { readWorkbookSheets } = require(path.join(dist, 'read/xlsx-sheets'));
const { withDropDowns } = require(path.join(dist, 'read/xlsx-dropdowns'));
const { readTemplate } = require(path.join(dist, 'definition/template'));

const template =
  process.argv[2] ??
  path.join(__dirname, '..', '..', 'shared', 'real', 'odm-2023', '00_ODM2023_questionnaire_template.xlsx');
const out = path.join(__dirname, '..', 'src', 'core', 'definition', 'questionnaires', 'odm-2023.json');

async function main() {
  const bytes = new Uint8Array(fs.readFileSync(template));
  const sheets = await withDropDowns(await readWorkbookSheets(bytes), bytes);
  const def = readTemplate(sheets, path.basename(template));
  if (!def) throw new Error(`${template} is not a vertical questionnaire template`);
  const builtIn = { ...def, id: 'odm-2023', title: 'EU Open Data Maturity 2023' };
  fs.writeFileSync(out, JSON.stringify(builtIn, null, 2) + '\n');
  console.log(`${path.relative(process.cwd(), out)}: ${def.source.description}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
