// The door flow of test/e2e/doorCheckIn.spec.ts in the real Electron app: a check-in typed at
// the door reaches IndexedDB in the hidden storage host through main's commands, and is still
// there after the app is quit and started again on the same data folder.
import { expect, test } from '@playwright/test';
import { closeElectronDesk, deskFolder, launchElectronDesk } from './electronDesk';
import { venueFile } from './venue';

test('a walk-in checked in by keyboard is stored, and survives quitting and restarting the app', async () => {
  const folder = await deskFolder(venueFile);
  try {
    let desk = await launchElectronDesk(folder);
    const { page } = desk;
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });

    // Four letters and one key.
    await page.getByLabel('Find customer').pressSequentially('ada ');
    await expect(page.getByTestId('check-in-preview')).toContainText('oldest pass first');
    await page.keyboard.press('Enter');
    const result = page.getByRole('status', { name: 'Check-in result' });
    await expect(result).toContainText('Checked in');
    await expect(result).toContainText('9 left');
    await page.screenshot({ path: 'test-results/electron/door-checked-in.png' });

    // A refusal says why, per pass.
    await page.getByLabel('Find customer').pressSequentially('PASS-0003');
    await page.keyboard.press('Enter');
    await expect(result).toContainText(/expired on 31 Jan 2026/i);

    // The storage host asked for persistent storage, and the storage session granted it.
    await expect.poll(() => desk.log.some((line) => line.startsWith('desk: storage is persistent'))).toBe(true);
    await closeElectronDesk(desk);

    desk = await launchElectronDesk(folder);
    await expect(desk.page.getByTestId('recent-check-ins')).toContainText('Ada Lovelace');
    await desk.page.getByLabel('Find customer').pressSequentially('PASS-0002');
    const preview = desk.page.getByTestId('check-in-preview');
    await expect(preview).toContainText('10-class pass');
    await expect(preview).toContainText('oldest pass first');
    await expect(preview).toContainText('9 uses left now');
    await expect(preview).toContainText('Already checked in today');
    await desk.page.screenshot({ path: 'test-results/electron/door-after-restart.png' });
    await closeElectronDesk(desk);
  } finally {
    await folder.remove();
  }
});
