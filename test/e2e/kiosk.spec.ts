// Issue 15 item 5 at the screen: an admin makes a paired desk a kiosk; customers check in by
// scanning their pass and by typing their full email, see only themselves, and a refusal says
// "please see the front desk"; no key leaves it; a manager's PIN does.
import { expect, test } from '@playwright/test';
import { withPairedDesk } from './venueEndpoint';
import { addStaff } from '../../server/db/staff';
import { hashStaffPin } from '../../server/auth/pinHashing';

test('the kiosk checks a customer in by code and by email, shows no other customer, and cannot be left without a PIN', async () => {
  // Counts the kiosk's tones (oscillators started) and which notes, for the optional sound.
  const toneProbe = `(() => {
    window.__tones = [];
    const Real = window.AudioContext;
    window.AudioContext = class extends Real {
      createOscillator() {
        const oscillator = super.createOscillator();
        const start = oscillator.start.bind(oscillator);
        oscillator.start = (when) => { window.__tones.push(oscillator.frequency.value); start(when); };
        return oscillator;
      }
    };
  })();`;
  // Paired at the Setup screen, by keyboard, as an admin does it.
  await withPairedDesk({ endpointPort: 4892, deskPort: 4893, pair: false, initScripts: [toneProbe] }, async ({ page, endpoint, settings }) => {
    const venue = endpoint.venue;
    await addStaff(endpoint.server.db, venue.data.venue.id, { name: 'Ada Admin', role: 'admin', pinHash: hashStaffPin('9753') });
    await addStaff(endpoint.server.db, venue.data.venue.id, { name: 'Mani Manager', role: 'manager', pinHash: hashStaffPin('2468') });
    await page.keyboard.press('F4');
    await page.getByLabel('Endpoint address').fill(settings.url);
    await page.getByLabel('Device token').fill(settings.token);
    await page.keyboard.press('Enter');
    await page.getByLabel('Type your name, or pick it').fill('ada');
    await page.keyboard.press('Enter');
    await page.getByLabel('Your PIN').fill('9753');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in')).toContainText('Ada Admin');
    await page.keyboard.press('F4');
    await page.getByLabel('with a sound for each answer').check();
    await page.getByRole('button', { name: 'Make this desk a self check-in kiosk' }).click();

    const kiosk = page.getByRole('main', { name: 'Self check-in' });
    await expect(kiosk.getByRole('heading', { name: 'Check yourself in' })).toBeVisible();
    const box = page.getByLabel('Scan your pass, or type your email and press Enter');
    const answer = page.getByTestId('kiosk-answer');

    // ---- By scan (a scanner types the code and Enter) ----------------------------------------
    await box.pressSequentially('PASS-0001');
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('Welcome, Ada!');
    await expect(answer).toContainText('You’re checked in.');
    await expect(answer).toContainText('9 uses left · no expiry date');
    await page.screenshot({ path: 'test-results/kiosk-checked-in-1280.png' });
    const tones = () => page.evaluate(() => (globalThis as unknown as { __tones: number[] }).__tones);
    await expect.poll(tones).toEqual([660, 880]);

    // ---- By full email -----------------------------------------------------------------------
    await box.pressSequentially('Nia.Okafor@example.org');
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('Welcome, Nia!');

    // ---- Part of an email, a name: nobody is listed or found; a refusal says only where to go --
    await box.pressSequentially('tom.ba');
    await expect(page.getByRole('option')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText('Tom Baker');
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('Please see the front desk.');
    await box.pressSequentially('wren@example.com');
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('Please see the front desk.');
    await expect(answer).not.toContainText('pass');
    await page.screenshot({ path: 'test-results/kiosk-see-front-desk-1280.png' });
    // A rising pair for each welcome (Ada, Nia), one low tone for each "please see the front desk".
    await expect.poll(tones).toEqual([660, 880, 660, 880, 220, 220]);
    for (const other of ['Lovelace', 'Okafor', 'Baker', 'Nopasses', 'Harbour']) await expect(page.locator('body')).not.toContainText(other);

    // ---- No key leaves it; a wrong PIN does not; a manager's PIN does --------------------------
    for (const key of ['F1', 'F3', 'F4', 'F8', 'F9', 'Escape']) await page.keyboard.press(key);
    await expect(kiosk).toBeVisible();
    await page.getByRole('button', { name: 'Staff' }).click();
    await page.getByLabel('Manager or admin').selectOption({ label: 'Mani Manager' });
    await page.getByLabel('PIN', { exact: true }).fill('1111');
    await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
    await expect(page.getByTestId('kiosk-leave-problem')).toContainText('That PIN is not right.');
    await expect(kiosk).toBeVisible();
    await page.screenshot({ path: 'test-results/kiosk-leave-1280.png' });
    await page.getByLabel('PIN', { exact: true }).fill('2468');
    await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
    await expect(kiosk).toBeHidden();
    await expect(page.getByTestId('signed-in')).toContainText('Mani Manager');
  });
});
