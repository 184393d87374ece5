// Lint: typescript-eslint's recommended type-aware rules, React hooks rules, and the layer rules
// of src/ (scripts/lint-layers.mjs).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import {layerConfigs} from './scripts/lint-layers.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // One program for src/, test/ and bench/, as `npm run typecheck` builds it. The project
        // service would open tsconfig.json's program for src/ and another for the tests (which
        // include src/ again): the same findings, 35 s instead of 21 s here.
        project: ['./tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      'no-control-regex': 'off',
      // A caught error is `unknown`: passing it on as it is is right (as only-throw-error allows).
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }],
      }],
    },
  },
  {
    // Scripts, benches and tests talk to the console on purpose.
    files: ['test/**', 'bench/**', 'scripts/**', 'bin/**', 'src/cli/**'],
    rules: { 'no-console': 'off' },
  },
  // Which folder of src/ may import which (scripts/lint-layers.mjs).
  ...layerConfigs,
  {
    // Not in the TypeScript program (scripts run as they are): no type information to lint with.
    files: ['**/*.js', '**/*.mjs', 'scripts/*.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
