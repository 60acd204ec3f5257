// Launches Debian's Chromium with playwright-core (Playwright's own browsers cannot be
// downloaded here). With a user-data dir the profile, and so IndexedDB, outlives the
// browser: that is how the tests relaunch "the same desk".
import { chromium } from 'playwright-core';
import type { BrowserContext } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No GPU on the test machines; nothing may reach beyond loopback (updates, sync, QUIC probes).
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type LaunchedChromium = {
  context: BrowserContext;
  /** Closes the browser (the profile stays on disk when there is one). */
  close(): Promise<void>;
};

export async function launchChromium(options: { userDataDir?: string; headless?: boolean; locale?: string } = {}): Promise<LaunchedChromium> {
  // `locale`: the browser's own (navigator.language, Intl, the date pickers), e.g. a US-English computer at a UK venue.
  const launchOptions = { executablePath: chromiumPath, headless: options.headless ?? true, args: chromiumArgs, ...(options.locale ? { locale: options.locale } : {}) };
  if (options.userDataDir) {
    const context = await chromium.launchPersistentContext(options.userDataDir, launchOptions);
    return { context, close: () => context.close() };
  }
  const browser = await chromium.launch(launchOptions);
  const context = await browser.newContext();
  return { context, close: () => browser.close() };
}
