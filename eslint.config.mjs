// ESLint for the JS side (make lint): the recommended rules, with each
// file's globals those of where it runs.
import js from '@eslint/js';
import globals from 'globals';

/** The core runs under Node, in browsers, Service Workers and edge isolates: only what they all have. */
const anywhere = { ...globals['shared-node-browser'], process: 'readonly' };

export default [
  { ignores: ['pkg/', 'target/', 'node_modules/', 'examples/', 'tests/', 'src/'] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: anywhere },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  { files: ['www/browser.mjs', 'www/browser/**', 'www/sw-gateway.mjs'], languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } } },
  { files: ['www/sw.js'], languageOptions: { sourceType: 'script', globals: globals.serviceworker } },
  { files: ['www/server.mjs', 'www/node/**', 'bin/**', 'scripts/**', 'pkg-tests/**'], languageOptions: { globals: globals.node } },
  // Browser tests: the pages' modules, and the functions page.evaluate() runs in the page.
  {
    files: ['pkg-tests/browser/**', 'pkg-tests/browser.test.mjs', 'pkg-tests/bundlers/**', 'pkg-tests/bundlers.test.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.serviceworker } },
  },
  // The README's examples (kept in step with it): a listener names the payload's fields for the reader.
  { files: ['pkg-tests/browser/snippets/**'], rules: { 'no-unused-vars': ['error', { args: 'none' }] } },
];
