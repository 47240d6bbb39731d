#!/usr/bin/env node
'use strict';
// Writes docs/definition.schema.json from the zod schema of definitions (needs `npm run build:cli`).
const fs = require('fs');
const path = require('path');

const { definitionJsonSchema } = require(
  path.join(__dirname, '..', 'dist', 'cli', 'core', 'definition', 'json-schema'),
);
const target = path.join(__dirname, '..', 'docs', 'definition.schema.json');
fs.writeFileSync(target, `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
