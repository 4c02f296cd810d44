// ESLint (flat config): the recommended rules of ESLint and typescript-eslint plus an import-cycle
// rule, nothing stylistic (Prettier formats). `npm run lint`, part of `npm test`. The layer order of
// server/src/core is test/unit/layers.test.ts.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'out/',
      'media/',
      'test/fixtures/',
      'test/integration/.work/',
      '**/*.generated.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // The `_` prefix marks a deliberately unused name, as for tsc's noUnusedParameters.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  // Scripts, benchmarks and test drivers run on Node; test/render and test/integration also hand
  // functions to the browser (page.evaluate) and run in VS Code's extension host (mocha); test/web runs
  // in the web extension host.
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/render/**', 'test/integration/**', 'test/web/**'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
  },
);
