// One Electron desk for a test: its own user-data folder (database, identity, log) and the
// venue a new desk opens, given through the same variables `npm start -- --data --venue` sets
// (main/electron/launchSettings.ts). Looks at the app as a person would: its windows.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { INITIAL_VENUE_ENV, USER_DATA_ENV } from '../../main/electron/launchSettings';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Chromium will not start as root with its sandbox (containers, CI): only then, run without. */
export const sandboxArgs: string[] = process.getuid?.() === 0 ? ['--no-sandbox'] : [];

export type DeskFolder = { userData: string; venueFile: string; remove(): Promise<void> };

export async function deskFolder(venueFile: unknown): Promise<DeskFolder> {
  const root = await mkdtemp(join(tmpdir(), 'desk-electron-'));
  const venuePath = join(root, 'venue.json');
  await writeFile(venuePath, JSON.stringify(venueFile, null, 2));
  return { userData: join(root, 'user-data'), venueFile: venuePath, remove: () => rm(root, { recursive: true, force: true }) };
}

/** The environment a desk on `folder` is launched with (a plain Electron, never a plain Node). */
export function deskEnvironment(folder: DeskFolder): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  return { ...env, [USER_DATA_ENV]: folder.userData, [INITIAL_VENUE_ENV]: folder.venueFile };
}

export type ElectronDesk = { app: ElectronApplication; page: Page; log: string[] };

/** The first manager these tests' desks choose, as a person does at a new desk's first start. */
const FIRST_MANAGER = { name: 'Test Manager', pin: '2580' };

/**
 * The app started with a venue file and no endpoint asks for its first manager before its door
 * (SPEC), and once it has one a new start asks who is at the desk: both answered on screen, as a
 * person does, so that the door is ready.
 */
async function pastFirstManagerAndSignIn(page: Page): Promise<void> {
  const door = page.getByTestId('customer-search');
  const firstManager = page.getByTestId('first-manager-screen');
  const signIn = page.locator('#sign-in-name');
  await door.or(firstManager).or(signIn).first().waitFor({ timeout: 60_000 });
  if (await firstManager.isVisible()) {
    await page.locator('#first-manager-name').fill(FIRST_MANAGER.name);
    await page.locator('#first-manager-pin').fill(FIRST_MANAGER.pin);
    await page.locator('#first-manager-pin').press('Enter');
  } else if (await signIn.isVisible()) {
    await signIn.fill(FIRST_MANAGER.name);
    await signIn.press('Enter');
    await page.locator('#sign-in-pin').fill(FIRST_MANAGER.pin);
    await page.locator('#sign-in-pin').press('Enter');
  }
}

/** Launches the built app on `folder` and waits until the door screen is ready. */
export async function launchElectronDesk(folder: DeskFolder): Promise<ElectronDesk> {
  const log: string[] = [];
  const app = await _electron.launch({ args: [...sandboxArgs, projectRoot], cwd: projectRoot, env: deskEnvironment(folder) });
  const collect = (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
  app.process().stdout?.on('data', collect);
  app.process().stderr?.on('data', collect);
  const page = await windowShowing(app, '/index.html');
  await pastFirstManagerAndSignIn(page);
  await page.getByTestId('customer-search').waitFor();
  return { app, page, log };
}

/** The live window whose page is `pathname` (the UI, or the hidden storage host). */
export async function windowShowing(app: ElectronApplication, pathname: '/index.html' | '/storage-host.html', timeoutMs = 60_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const page = app.windows().find((candidate) => !candidate.isClosed() && candidate.url() === `app://desk${pathname}`);
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`no window showing app://desk${pathname} after ${timeoutMs} ms (windows: ${app.windows().map((w) => w.url()).join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Quits the app the way a person does (the desk closes its database first). */
export async function closeElectronDesk(desk: ElectronDesk): Promise<void> {
  await desk.app.close();
}
