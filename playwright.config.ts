// End-to-end tests: main's code runs in this Node process (the test starts the browser desk
// itself), the UI and storage host pages in Debian's Chromium (test/e2e/chromium.ts).
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Two cores: one desk and one browser at a time.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
});
