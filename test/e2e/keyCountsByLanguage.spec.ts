// Issue 16, "by keyboard as before (key counts unchanged)": the door's keyboard flows take the
// same keys in every language as in English (en-GB). A fresh desk a language, the same venue,
// the same tasks, reached by keys and test ids only (no word of any language), each counted:
// find → check in, a refusal → its fix from the door (extend the expired pass), and a use
// taken away on the pass page.
import { expect, test } from '@playwright/test';
import { connectDeskApi } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { KeyCount } from './keyCount';
import { testPort } from '../testPorts';
import type { DeskLanguage } from '../../shared/schema/deskLanguages';

type Counts = { findAndCheckIn: number; refusalToFix: number; takeUseAway: number };

async function countKeys(language: DeskLanguage): Promise<Counts> {
  const folders = await deskFolders(testPort(5086));
  const desk = await openBrowserDesk(folders, deskVenue().data);
  const url = new URL(desk.desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  try {
    const { page } = desk;
    expect(await api.call('setLanguage', { language })).toMatchObject({ answered: true, result: { ok: true } });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    const keys = new KeyCount(page);
    const search = page.getByTestId('customer-search');
    const result = page.getByTestId('check-in-result');

    // Find → check in: a few letters and Enter.
    await page.getByTestId('session-select').selectOption('walk-in');
    await search.focus();
    keys.take();
    await keys.type('ada');
    await expect(page.getByTestId('check-in-preview')).toContainText('Ada Lovelace');
    await keys.press('Enter');
    await expect(result).toHaveAttribute('data-outcome', 'checked-in');
    const findAndCheckIn = keys.take();

    // A refusal (every pass of Ivy, for the yoga session) → the fix from the door: Tab to
    // "extend expiry" of the expired pass, Enter, the days, Enter.
    await page.getByTestId('session-select').selectOption('session:s-yoga');
    await search.focus();
    keys.take();
    await keys.type('ivy');
    await expect(page.getByTestId('check-in-preview')).toContainText('Ivy Refused');
    await keys.press('Enter');
    await expect(result).toHaveAttribute('data-outcome', 'refused');
    await expect(result.locator('.ineligible__passes li')).toHaveCount(4);
    await keys.press('Tab');
    await keys.press('Enter');
    const adjust = page.getByTestId('adjust-pass');
    await expect(adjust.locator('input.adjust__number').first()).toBeFocused();
    await expect(page.getByTestId('pass-list').getByRole('option', { selected: true })).toContainText('Summer pass');
    await keys.type('10');
    await keys.press('Enter');
    await expect(adjust.locator('.adjust__saved')).toBeVisible();
    const refusalToFix = keys.take();

    // A use taken away on a pass: F3, a few letters, Enter, "-", Enter.
    await keys.press('F3');
    await keys.type('tom');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'tom');
    await keys.press('Enter');
    await expect(page.getByTestId('pass-list')).toBeFocused();
    await keys.press('-');
    await expect(adjust).toContainText('23 → 22');
    await keys.press('Enter');
    await expect(adjust.locator('.adjust__saved')).toBeVisible();
    const takeUseAway = keys.take();

    return { findAndCheckIn, refusalToFix, takeUseAway };
  } finally {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
  }
}

test('the door\'s keyboard flows take the same keys in German, French, Spanish and Dutch as in English', async () => {
  test.setTimeout(180_000);
  const english = await countKeys('en-GB');
  // The numbers: a check-in in 3 letters and Enter; a fix from the door in 6 keys; a use taken away in 7.
  expect(english).toEqual({ findAndCheckIn: 4, refusalToFix: 9, takeUseAway: 7 });
  for (const language of ['de', 'fr', 'es', 'nl'] as const) {
    expect(await countKeys(language), `keys in ${language}`).toEqual(english);
  }
});
