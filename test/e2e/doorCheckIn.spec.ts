// The walking skeleton through the real topology: a check-in typed at the door reaches
// IndexedDB in Chromium through main's commands in Node, and is still there after main and
// the browser are stopped and started again on the same data.
import { expect, test } from '@playwright/test';
import type { VenueData } from '../../shared/schema/records';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { testPort } from '../testPorts';

const pass = (id: string, customerId: string, code: string, purchasedAt: string, uses: number | null, expiry: VenueData['passes'][number]['terms']['expiry']) => ({
  id, customerId, productId: `p-${id}`, productName: uses === null ? 'Unlimited' : `${uses}-class pass`, purchasedAt, code,
  terms: { uses, expiry, validFor: 'all' as const },
});

const venue: VenueData = {
  venue: { id: 'e2e-venue', timeZone: 'Europe/London', name: 'End-to-end Studio' },
  products: [],
  customers: [
    { id: 'c-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    { id: 'c-zoe', name: "Zoë O'Brien", email: 'zoe@example.com' },
  ],
  passes: [
    pass('x-ada-old', 'c-ada', 'PASS-0001', '2026-01-05T10:00:00Z', 10, { kind: 'none' }),
    pass('x-ada-new', 'c-ada', 'PASS-0002', '2026-03-01T10:00:00Z', 5, { kind: 'none' }),
    pass('x-zoe', 'c-zoe', 'PASS-0003', '2026-01-05T10:00:00Z', 3, { kind: 'fixed', date: '2026-01-31' }),
  ],
  sessions: [],
  bookings: [],
  ledger: [],
};

test('a walk-in checked in by keyboard is stored, and survives a restart of main and the browser', async () => {
  const folders = await deskFolders(testPort(4801));
  try {
    let desk = await openBrowserDesk(folders, venue);
    const { page } = desk;
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });

    // Four letters and one key.
    await page.getByLabel('Find customer').pressSequentially('ada ');
    await expect(page.getByTestId('check-in-preview')).toContainText('oldest pass first');
    await page.keyboard.press('Enter');
    const result = page.getByRole('status', { name: 'Check-in result' });
    await expect(result).toContainText('Checked in');
    await expect(result).toContainText('9 left');
    await page.screenshot({ path: 'test-results/door-checked-in-1280.png' });

    // A refusal says why, per pass.
    await page.getByLabel('Find customer').pressSequentially('PASS-0003');
    await page.keyboard.press('Enter');
    await expect(result).toContainText(/expired on 31 Jan 2026/i);
    await page.screenshot({ path: 'test-results/door-refused-1280.png' });

    await closeBrowserDesk(desk);

    desk = await openBrowserDesk(folders, venue);
    await expect(desk.page.getByTestId('recent-check-ins')).toContainText('Ada Lovelace');
    // Before the key: the same customer again, found by another pass's code; the old pass is
    // still the one, with the use still taken, and the desk remembers she is in already.
    await desk.page.getByLabel('Find customer').pressSequentially('PASS-0002');
    const preview = desk.page.getByTestId('check-in-preview');
    await expect(preview).toContainText('10-class pass');
    await expect(preview).toContainText('oldest pass first');
    await expect(preview).toContainText('9 uses left now');
    await expect(preview).toContainText('Already checked in today');
    await desk.page.screenshot({ path: 'test-results/door-after-restart-1280.png' });
    await closeBrowserDesk(desk);
  } finally {
    await folders.remove();
  }
});
