import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'sample', 'coverage', 'docs', '.stryker-tmp', 'reports'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      // The core runs in Node, the browser and a worker alike.
      'no-restricted-globals': ['error', 'window', 'document', 'Office', 'Excel', 'process', 'Buffer'],
      'no-restricted-imports': ['error', { patterns: ['fs', 'path', 'node:*', 'react', 'react-dom'] }],
    },
  },
);
