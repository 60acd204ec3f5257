// The seed tasks, as staff do them, keyboard only, through the real bridges, with every key
// (and click) counted: a known customer is checked in by scan + 1 key or ≤ 4 letters + 1 key;
// each adjustment takes ≤ 3 keys or clicks once the customer is on screen.
import { expect, test } from '@playwright/test';
import { DateTime } from 'luxon';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue, ZONE } from './deskVenue';
import { KeyCount } from './keyCount';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import { testPort } from '../testPorts';

const { dateWords } = wordsIn('en-GB');

/** Key counts per task, printed at the end for the closing note. */
const counted: string[] = [];

test.afterAll(() => {
  for (const line of counted) console.log(line);
});

test('seed tasks by keyboard: find, passes newest first, walk-in on the oldest pass, extend 30 + 14, take a use away, revoke', async () => {
  const folders = await deskFolders(testPort(4821));
  const venue = deskVenue();
  const desk = await openBrowserDesk(folders, venue.data);
  try {
    const { page } = desk;
    const keys = new KeyCount(page);
    const result = page.getByRole('status', { name: 'Check-in result' });

    // ---- Check in a walk-in against the oldest pass: ≤ 4 letters + 1 key --------------------
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    await page.getByLabel('Find customer').focus();
    keys.take();
    await keys.type('ada');
    await expect(page.getByTestId('check-in-preview')).toContainText('10-class pass');
    await expect(page.getByTestId('check-in-preview')).toContainText('oldest pass first');
    await keys.press('Enter');
    await expect(result).toContainText('Checked in');
    // The January pass, not the newer March one.
    await expect(result).toContainText('10-class pass');
    await expect(result).toContainText('9 left');
    const byLetters = keys.take();
    expect(byLetters).toBeLessThanOrEqual(5);
    counted.push(`walk-in by letters ("ada" + Enter): ${byLetters} keys`);

    // ---- A scan + 1 key --------------------------------------------------------------------
    await keys.scan('PASS-0007');
    await keys.press('Enter');
    await expect(result).toContainText('Zoë O\'Brien');
    await expect(result).toContainText('9 left');
    const byScan = keys.take();
    expect(byScan).toBe(2);
    counted.push(`walk-in by scan (scan + Enter): ${byScan} actions`);

    // ---- Find a customer; see passes newest first --------------------------------------------
    await keys.press('F3');
    await keys.type('tom');
    await expect(page.getByTestId('customer-results')).toContainText('Tom Baker');
    await keys.press('Enter');
    const passList = page.getByTestId('pass-list');
    await expect(passList).toBeFocused();
    const findCount = keys.take();
    counted.push(`find a customer (F3 + "tom" + Enter): ${findCount} keys`);
    const order = await passList.getByRole('option').evaluateAll((options) => options.map((option) => option.getAttribute('data-pass-id')));
    expect(order).toEqual(['x-tom', 'x-tom-old']); // bought 30 days ago, then September 2025
    await expect(passList.getByRole('option').first()).toContainText('18 uses left of 23');
    await expect(passList.getByRole('option').nth(1)).toContainText('expired');

    // ---- Take one use away: 23 with 5 used → total 22, 17 left -------------------------------
    const adjust = page.getByTestId('adjust-pass');
    await keys.press('-');
    await expect(adjust).toContainText('total 23 → 22');
    await expect(adjust).toContainText('18 uses left → 17 uses left');
    await keys.press('Enter');
    await expect(adjust).toContainText('Uses saved: total 22, 5 used, 17 uses left');
    await expect(passList.getByRole('option').first()).toContainText('17 uses left of 22');
    const takeAway = keys.take();
    expect(takeAway).toBeLessThanOrEqual(3);
    counted.push(`take one use away ("-" + Enter): ${takeAway} keys`);

    // The same by mouse: give it back, two clicks.
    await keys.click(adjust.getByRole('button', { name: /Give one back/ }));
    await expect(adjust).toContainText('total 22 → 23');
    await keys.click(adjust.getByRole('button', { name: /^Save/ }));
    await expect(passList.getByRole('option').first()).toContainText('18 uses left of 23');
    const giveBackClicks = keys.take();
    expect(giveBackClicks).toBeLessThanOrEqual(3);
    counted.push(`give one use back by mouse (2 clicks): ${giveBackClicks} clicks`);

    // ---- Extend a 30-day pass by 14 days: the whole timeframe becomes 44 -------------------
    await keys.press('Escape');
    await keys.type('nia');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'nia');
    await keys.press('Enter');
    await expect(passList).toBeFocused();
    keys.take();
    const firstUse = DateTime.now().setZone(ZONE).startOf('day').minus({ days: 10 });
    const before = dateWords(firstUse.plus({ days: 30 }).toISODate()!);
    const after = dateWords(firstUse.plus({ days: 44 }).toISODate()!);
    await expect(adjust).toContainText(`now 30 days from first use, expires ${before}`);
    await keys.press('2');
    await expect(adjust).toContainText('30 + 14 = 44 days from first use');
    await expect(adjust).toContainText(`${before} → expires ${after}`);
    await keys.press('Enter');
    await expect(adjust).toContainText(`Expiry saved: expires ${after}`);
    await expect(adjust).toContainText('now 44 days from first use');
    const extend = keys.take();
    expect(extend).toBeLessThanOrEqual(3);
    counted.push(`extend a 30-day pass by 14 days ("2" + Enter): ${extend} keys`);

    // ---- Revoke, after a confirmation ------------------------------------------------------
    await keys.press('Escape');
    await keys.type('rosa');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'rosa');
    await keys.press('Enter');
    await expect(passList).toBeFocused();
    keys.take();
    await keys.press('r');
    await expect(adjust).toContainText('Revoke this pass?');
    await expect(passList.getByRole('option').first()).toContainText('active'); // nothing saved yet
    await keys.press('Enter');
    await expect(adjust).toContainText('Pass revoked');
    await expect(passList.getByRole('option').first().getByTestId('pass-badge')).toHaveText(/revoked/);
    await expect(page.getByTestId('adjust-revoked')).toBeVisible();
    const revoke = keys.take();
    expect(revoke).toBeLessThanOrEqual(3);
    counted.push(`revoke ("r" + Enter to confirm): ${revoke} keys`);

    // ---- The history says who, which desk, before → after ----------------------------------
    await keys.press('Enter');
    const history = page.getByTestId('pass-history');
    await expect(history).toContainText('Revoked');
    await expect(history).toContainText('active → revoked');
    await expect(history).toContainText('Front desk');
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});
