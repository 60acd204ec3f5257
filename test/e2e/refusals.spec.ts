// Every refusal, as staff meet it, keyboard only: a second check-in to the same session asks
// for a confirmation key; no eligible pass says why, per pass, with every reason (revoked,
// expired on D, no uses left, not valid for this session) and the fixes as buttons; no
// passes; a total below the uses already redeemed; a revoked pass that cannot be changed.
import { expect, test } from '@playwright/test';
import { DateTime } from 'luxon';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue, ZONE } from './deskVenue';
import { KeyCount } from './keyCount';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import { testPort } from '../testPorts';

const { dateWords } = wordsIn('en-GB');

test('refusals at the door and on a pass, each explained, with the fixes one key away', async () => {
  const folders = await deskFolders(testPort(4831));
  const venue = deskVenue();
  const desk = await openBrowserDesk(folders, venue.data);
  try {
    const { page } = desk;
    const keys = new KeyCount(page);
    const result = page.getByRole('status', { name: 'Check-in result' });
    const search = page.getByLabel('Find customer');
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    await search.focus();

    // ---- Already checked in: the desk warns, one more key charges, Esc does not ----------
    await keys.type('ada');
    await keys.press('Enter');
    await expect(result).toContainText('9 left');
    await keys.type('ada');
    await expect(page.getByTestId('check-in-preview')).toContainText('Already checked in today');
    await keys.press('Enter');
    await expect(result).toContainText('Already checked in today');
    await expect(result).toContainText('Enter again to charge another use');
    await keys.press('Escape');
    await expect(result).toContainText('Not charged again');
    await keys.type('ada');
    await keys.press('Enter');
    await expect(result).toHaveAttribute('data-outcome', 'confirm-duplicate');
    keys.take();
    await keys.press('Enter');
    await expect(result).toContainText('Checked in');
    await expect(result).toContainText('8 left');
    expect(keys.take()).toBe(1);
    // Both check-ins are on the list of this desk, each with Undo; undo the second.
    const recent = page.getByTestId('recent-check-ins');
    await expect(recent.getByRole('button', { name: /Undo check-in of Ada Lovelace/ })).toHaveCount(2);
    await recent.getByRole('button', { name: /Undo check-in of Ada Lovelace/ }).first().focus();
    await page.keyboard.press('Enter');
    await expect(result).toContainText('Check-in undone');
    await expect(result).toContainText('The use was given back');

    // ---- No passes ------------------------------------------------------------------------
    await search.focus();
    await keys.type('wren');
    await keys.press('Enter');
    await expect(result).toContainText('Not checked in');
    await expect(result).toContainText('no pass');
    await expect(result).toContainText('Sell a pass on the platform');

    // ---- No eligible pass: every reason, per pass, oldest first --------------------------
    const summerExpired = dateWords(DateTime.now().setZone(ZONE).startOf('day').minus({ days: 5 }).toISODate()!);
    await page.getByLabel('Session').selectOption('session:s-yoga');
    await search.focus();
    await keys.type('ivy');
    const preview = page.getByTestId('check-in-preview');
    await expect(preview).toContainText('No pass can be used');
    await keys.press('Enter');
    await expect(result).toContainText('no pass can be used');
    const reasons = result.locator('.ineligible__passes li');
    await expect(reasons).toHaveCount(4);
    await expect(reasons.nth(0)).toContainText('Refunded pack');
    await expect(reasons.nth(0)).toContainText('revoked');
    await expect(reasons.nth(1)).toContainText(`Summer pass (bought 1 Feb 2026): expired on ${summerExpired}`);
    await expect(reasons.nth(2)).toContainText('Single class (bought 1 Mar 2026): no uses left');
    await expect(reasons.nth(3)).toContainText('8 climbing sessions (bought 1 Apr 2026): not valid for this session');
    await expect(result.getByRole('button', { name: 'Extend expiry: Summer pass' })).toBeVisible();
    await expect(result.getByRole('button', { name: 'Give back a use: Single class' })).toBeVisible();
    await expect(result.getByRole('button', { name: 'Open Ivy Refused' })).toBeVisible();
    // A walk-in with no session: the climbing pass is not valid for that either, in those words.
    await page.getByLabel('Session').selectOption({ label: 'Walk-in, no session' });
    await search.focus();
    await keys.type('ivy');
    await keys.press('Enter');
    await expect(result.locator('.ineligible__passes li').nth(3)).toContainText('not for a walk-in with no session');

    // ---- The fix as a button: Tab to "Extend expiry", Enter, type the days, Enter ---------
    keys.take();
    await keys.press('Tab');
    await expect(result.getByRole('button', { name: 'Extend expiry: Summer pass' })).toBeFocused();
    await keys.press('Enter');
    const adjust = page.getByTestId('adjust-pass');
    await expect(page.getByRole('textbox', { name: /Extend by/ })).toBeFocused();
    await expect(page.getByTestId('pass-list').getByRole('option', { selected: true })).toContainText('Summer pass');
    await keys.type('10');
    const extendedTo = dateWords(DateTime.now().setZone(ZONE).startOf('day').plus({ days: 5 }).toISODate()!);
    await expect(adjust).toContainText(`${summerExpired} → expires ${extendedTo}`);
    await expect(adjust).toContainText('expired → active');
    await keys.press('Enter');
    await expect(adjust).toContainText(`Expiry saved: expires ${extendedTo}`);
    console.log(`fix from the door, extend an expired pass by 10 days (Tab, Enter, "10", Enter): ${keys.take()} keys`);

    // Back at the door, the extended pass is the oldest eligible one now.
    await page.keyboard.press('F1');
    await keys.type('ivy');
    await expect(page.getByTestId('check-in-preview')).toContainText('Will use: Summer pass');

    // ---- Give back a use to a used-up pass: one key and Enter ------------------------------
    await keys.press('Escape');
    await page.keyboard.press('F3');
    await keys.type('ivy');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'ivy');
    await keys.press('Enter');
    const passList = page.getByTestId('pass-list');
    await expect(passList).toBeFocused();
    // Newest first: climbing, single, summer, refunded.
    await keys.press('ArrowDown');
    await expect(passList.getByRole('option', { selected: true })).toContainText('Single class');
    keys.take();
    await keys.press('+');
    await expect(adjust).toContainText('total 1 → 2');
    await expect(adjust).toContainText('no uses left → 1 use left');
    await expect(adjust).toContainText('used up → active');
    await keys.press('Enter');
    await expect(adjust).toContainText('Uses saved: total 2, 1 used, 1 use left');
    expect(keys.take()).toBe(2);

    // ---- A revoked pass cannot be changed, and says so where the fields are ---------------
    await keys.press('End');
    await expect(passList.getByRole('option', { selected: true })).toContainText('Refunded pack');
    await expect(page.getByTestId('adjust-revoked')).toContainText('This pass is revoked: it can never be used or changed again.');
    // Its keys change nothing, and it shows no field or button that could (issue 13).
    await keys.press('2');
    await expect(adjust.getByRole('textbox')).toHaveCount(0);
    await expect(adjust.getByRole('button')).toHaveCount(0);

    // ---- A total below the uses already redeemed: refused at the field, before saving ----
    await keys.press('Escape');
    await keys.type('tom');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'tom');
    await keys.press('Enter');
    await expect(passList).toBeFocused();
    await keys.press('t');
    await expect(page.getByRole('textbox', { name: /Set total to/ })).toBeFocused();
    await keys.type('4');
    const problem = adjust.locator('#adjust-uses-outcome');
    await expect(problem).toContainText('Cannot save: The total cannot be below the uses already redeemed. 5 uses are already redeemed, so the total must be at least 5.');
    await expect(adjust.getByRole('button', { name: /^Save/ })).toBeDisabled();
    await keys.press('Enter'); // refused: nothing is saved
    await expect(passList.getByRole('option').first()).toContainText('18 uses left of 23');
    await keys.press('Escape');
    await expect(passList).toBeFocused();
    await expect(problem).toBeEmpty();
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});
