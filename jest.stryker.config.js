/**
 * The unit tests as mutation testing runs them (`npm run mutate`): no browser or pane tests (they test
 * the bundle, not the core), and TypeScript compiled without type checks, since a mutant need not
 * type-check. `MUTATE_TESTS` (comma-separated path fragments) narrows the tests for a partial run.
 */
const base = require('./jest.config.js');

const narrowed = (process.env.MUTATE_TESTS ?? '').split(',').filter(Boolean);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true, diagnostics: false }],
  },
  testPathIgnorePatterns: ['/node_modules/', '/test/browser/', '/src/taskpane/'],
  ...(narrowed.length ? { testMatch: narrowed.map((p) => `**/${p}`) } : {}),
};
