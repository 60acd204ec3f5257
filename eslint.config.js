// Lint enforces the boundaries of docs/architecture.md: shared/ is pure (no Node, DOM,
// Electron, no clock reads), renderer/ never reaches into main/, and only main/electron/
// may import Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net',
  'crypto', 'url', 'stream', 'events', 'util', 'process', 'buffer', 'zlib', 'readline',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'release/', '.desk-data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure: no Node modules.' },
          { group: ['electron', 'electron/*'], message: 'shared/ is pure: no Electron.' },
          { group: ['react', 'react-dom', 'react-dom/*'], message: 'shared/ is pure: no DOM or UI.' },
          { group: ['**/main/**', '**/renderer/**', '**/server/**'], message: 'shared/ imports nothing of the shells.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'indexedDB', 'localStorage', 'process', 'setTimeout', 'setInterval', 'fetch'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'The clock is a parameter in shared/.' },
        { object: 'DateTime', property: 'now', message: 'The clock is a parameter in shared/.' },
        { object: 'Math', property: 'random', message: 'shared/ is deterministic.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The clock is a parameter in shared/.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/server/**'], message: 'renderer/ talks to main only through the typed API.' },
          { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed page: no Node modules.' },
          { group: ['electron', 'electron/*'], message: 'renderer/ reaches Electron only through the preload API.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only main/electron/ may import Electron.' },
          { group: ['**/renderer/**'], message: 'main/ does not import the UI.' },
        ],
      }],
    },
  },
);
