#!/usr/bin/env node
'use strict';
// Runs the compiled command line (npm ci builds it through the "prepare" script).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  console.error('survey-atlas: not built yet; run "npm run build:cli" in ' + path.join(__dirname, '..'));
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((e) => {
    console.error(`survey-atlas: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  });
