#!/usr/bin/env node
'use strict';
// Generates the sample batch (see src/sample/cli.ts for the options); run after `npm run build:cli`.
require('../dist/cli/sample/cli.js')
  .main(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
