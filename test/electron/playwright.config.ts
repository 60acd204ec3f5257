// The Electron suite: Playwright's `_electron` launcher drives the built app (dist/renderer,
// dist-electron). Run through test/electron/run.mjs, which builds first and says clearly when
// the suite cannot run here (no Electron binary, no display).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // One desk at a time: each launch is a whole Electron with two renderers.
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
