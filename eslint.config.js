// Lint enforces the boundaries of docs/architecture.md: each of shared/, renderer/, main/,
// server/ and scripts/ may import only the packages listed for it (an allowlist: a package not
// listed is an error, eslint-rules/allowed-imports.js); shared/ is pure (no Node, DOM,
// Electron, no clock reads); renderer/ never reaches into main/ or server/; only
// main/electron/ may import Electron. test/unit/lintBoundaries.test.ts shows each rule refusing.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import allowedImports from './eslint-rules/allowed-imports.js';

/** The packages each folder may import (subpaths of a package belong to it). */
export const allowedPackages = {
  // Types only from RxDB: the collection schemas are plain data of RxDB's shape.
  // FormatJS in shared/: the one catalog (shared/i18n) read the same way by main, the page and the endpoint.
  shared: { allowed: ['zod', 'luxon', 'csv-parse', '@formatjs/intl', '@formatjs/icu-messageformat-parser'], typeOnly: ['rxdb'] },
  renderer: { allowed: ['react', 'react-dom', 'react-intl', '@formatjs/intl', '@formatjs/icu-messageformat-parser', 'rxjs', 'rxdb', '@tanstack/react-virtual', 'luxon'] },
  main: { allowed: ['node:*', 'rxjs', 'rxdb', 'zod', 'luxon', 'ws', 'jsonc-parser', 'eventsource', 'bonjour-service'] },
  'main/electron': { allowed: ['node:*', 'electron', 'rxjs', 'rxdb', 'zod', 'luxon'] },
  server: { allowed: ['node:*', 'fastify', '@fastify/rate-limit', 'pg', '@electric-sql/pglite', 'proper-lockfile', 'csv-parse', 'zod', 'luxon', 'selfsigned', 'bonjour-service'] },
  scripts: { allowed: ['node:*', 'esbuild'] },
};

const localRules = { plugins: { boundaries: { rules: { 'allowed-imports': allowedImports } } } };
const allowlist = (folder) => ({ ...localRules, rules: { 'boundaries/allowed-imports': ['error', { folder: `${folder}/`, ...allowedPackages[folder] }] } });

/** Reading the clock in shared/: the clock is a parameter there (STYLE, "The rules are pure"). */
const clockReads = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The clock is a parameter in shared/.' },
  { selector: "CallExpression[callee.object.name='DateTime'][callee.property.name=/^(local|utc)$/][arguments.length=0]", message: 'DateTime.local() and DateTime.utc() read the clock: the clock is a parameter in shared/.' },
  { selector: "MemberExpression[object.name=/^(globalThis|self|window|global)$/]", message: 'shared/ reaches no globals (timers, fetch, storage): pass what it needs as a parameter.' },
];

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
      'no-restricted-syntax': ['error', ...clockReads],
    },
  },
  { files: ['shared/**/*.ts'], ...allowlist('shared') },
  { files: ['renderer/**/*.{ts,tsx}'], ...allowlist('renderer') },
  { files: ['main/**/*.ts'], ignores: ['main/electron/**'], ...allowlist('main') },
  { files: ['main/electron/**/*.ts'], ...allowlist('main/electron') },
  { files: ['server/**/*.ts'], ...allowlist('server') },
  { files: ['scripts/**/*.{js,mjs,ts}'], ...allowlist('scripts') },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/renderer/**'], message: 'server/ shares only shared/ with the desk.' },
          { group: ['electron', 'electron/*'], message: 'The endpoint is plain Node.' },
        ],
      }],
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
