#!/usr/bin/env node
// Mutation testing of src/core and src/xlsx with StrykerJS (stryker.config.json); prints the score.
// Stryker copies the project into .stryker-tmp/sandbox-*/, where the tests look for the shared corpus
// one level up: a link .stryker-tmp/shared points them to ../shared beside the checkout.
// Extra arguments go to `stryker run` (e.g. --mutate src/core/compare/**/*.ts --concurrency 1).
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const temp = path.join(root, '.stryker-tmp');
const link = path.join(temp, 'shared');
fs.mkdirSync(temp, { recursive: true });
if (!fs.existsSync(link)) fs.symlinkSync(path.resolve(root, '../shared'), link, 'dir');

const stryker = path.join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
