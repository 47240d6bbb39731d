/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 180000,
  // A fixed, printed seed for every fast-check property (FUZZ_SEED overrides it).
  setupFilesAfterEnv: ['<rootDir>/test/support/fast-check.ts'],
};
