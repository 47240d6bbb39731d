#!/usr/bin/env node
'use strict';
// Benchmarks the command line's import to a workbook against the library floor on generated batches
// of about 230 and 1,150 responses, and what deriving a definition costs of an import of a questionnaire
// the tool does not know. Prints figures; asserts nothing. Run after `npm run build:cli`.
require('../dist/cli/cli/bench.js')
  .main(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
