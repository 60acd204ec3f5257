// The storage host under trouble, in the running app: crashed or hung, it is restarted and the
// database reopened, the door shows "Storage reconnecting…" meanwhile, and no acknowledged
// check-in is lost. A second launch on the same data folder hands over to the first.
import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';
import { closeElectronDesk, deskEnvironment, deskFolder, launchElectronDesk, projectRoot, sandboxArgs, windowShowing } from './electronDesk';
import type { ElectronDesk } from './electronDesk';
import { venueFile } from './venue';

async function checkInAda(desk: ElectronDesk): Promise<void> {
  const { page } = desk;
  await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
  await page.getByLabel('Find customer').pressSequentially('ada ');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Check-in result' })).toContainText('Checked in');
}

async function expectReconnectedWithAdaCheckedIn(desk: ElectronDesk): Promise<void> {
  const reconnecting = desk.page.getByText('Storage reconnecting…');
  await expect(reconnecting).toBeHidden({ timeout: 90_000 });
  await expect(desk.page.getByTestId('recent-check-ins')).toContainText('Ada Lovelace');
  await desk.page.getByLabel('Find customer').pressSequentially('PASS-0002');
  await expect(desk.page.getByTestId('check-in-preview')).toContainText('9 uses left now');
}

test('a crashed storage host is restarted; the door says so meanwhile; the acknowledged check-in is there', async () => {
  const folder = await deskFolder(venueFile);
  const desk = await launchElectronDesk(folder);
  try {
    await checkInAda(desk);
    await desk.app.evaluate(({ webContents }) => {
      const host = webContents.getAllWebContents().find((contents) => contents.getURL() === 'app://desk/storage-host.html');
      host?.forcefullyCrashRenderer();
    });
    await expect(desk.page.getByText('Storage reconnecting…')).toBeVisible();
    await expectReconnectedWithAdaCheckedIn(desk);
    expect(desk.log.some((line) => /^desk: the storage host went away \(.+\); restarting it$/.test(line))).toBe(true);
  } finally {
    await closeElectronDesk(desk);
    await folder.remove();
  }
});

test('a hung storage host is found by the heartbeat and restarted', async () => {
  const folder = await deskFolder(venueFile);
  const desk = await launchElectronDesk(folder);
  try {
    await checkInAda(desk);
    const host = await windowShowing(desk.app, '/storage-host.html');
    // Never returns: the page's event loop is stuck until main crashes the renderer.
    void host.evaluate('for (;;) {}').catch(() => {});
    await expect(desk.page.getByText('Storage reconnecting…')).toBeVisible({ timeout: 60_000 });
    await expectReconnectedWithAdaCheckedIn(desk);
    expect(desk.log.some((line) => line.includes('the storage host stopped answering'))).toBe(true);
  } finally {
    await closeElectronDesk(desk);
    await folder.remove();
  }
});

test('a second launch on the same data folder brings the first desk forward and quits', async () => {
  const folder = await deskFolder(venueFile);
  const desk = await launchElectronDesk(folder);
  try {
    const binary = findElectronBinary().binary;
    if (!binary) throw new Error('the suite runs only where the binary is installed');
    const windowsBefore = desk.app.windows().length;
    const second = spawn(binary, [...sandboxArgs, projectRoot], { cwd: projectRoot, env: deskEnvironment(folder) });
    let output = '';
    second.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('another desk is already running');
    expect(desk.app.windows().length).toBe(windowsBefore);
    await expect(desk.page.getByTestId('customer-search')).toBeVisible();
  } finally {
    await closeElectronDesk(desk);
    await folder.remove();
  }
});
