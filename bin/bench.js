#!/usr/bin/env node
'use strict';
// Benchmarks on a synthetic batch of 1,130 responses: import (read, align, check) and the workbook
// (plan, render, read back). Prints figures; asserts nothing. Run after `npm run build:cli`.
require('../dist/cli/cli/bench.js')
  .main(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
