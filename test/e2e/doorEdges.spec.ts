// Issue 13's rough edges at the door and on a pass, each seen in the trial, each a test named
// after it (one desk for all of them, in order): the fixes offered only where they would let
// the customer in; Undo by key, saying the uses left after it; F1 and Esc bring the focus back
// to the search box; a revoked pass shows nothing to change and no uses as if usable; a pass
// shows its terms now beside its product name; an export says which file it wrote.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { VenueData } from '../../shared/schema/records';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import type { DeskFolders, RunningBrowserDesk } from './browserDesk';
import { deskVenue, ZONE } from './deskVenue';
import { DateTime } from 'luxon';
import { wordsIn } from '../../renderer/i18n/wordsIn';
import { testPort } from '../testPorts';
import { expectStatusBarOnOneLine } from './statusBarLine';
import { openPassesOf } from './customerPasses';

const { dateWords } = wordsIn('en-GB');

function doorEdgesVenue(): VenueData {
  const base = deskVenue();
  const data = base.data;
  return {
    ...data,
    // A UK venue: dates are day/month/year here, whatever the browser's own locale says.
    venue: { ...data.venue, locale: 'en-GB' },
    customers: [...data.customers, { id: 'c-kit', name: 'Kit Climber', email: 'kit@example.com' }],
    // One use, spent on a booking: no uses left, and only valid for climbing.
    passes: [...data.passes, {
      id: 'x-kit', customerId: 'c-kit', productId: 'p-kit', productName: '1 climbing session', purchasedAt: base.dayAt(-12), code: '',
      terms: { uses: 1, expiry: { kind: 'none' }, validFor: ['climbing'] },
    }],
    bookings: [...data.bookings, { id: 'b-kit', sessionId: 's-past-8', customerId: 'c-kit', passId: 'x-kit', bookedAt: base.dayAt(-9) }],
    // Tom came to the Morning yoga a week ago (he had booked it): in the venue's history, not in the desk's memory.
    ledger: [...data.ledger, {
      id: 'l-tom-7', kind: 'check-in', venueId: 'e2e-venue', passId: 'x-tom', customerId: 'c-tom', deskId: 'desk-front', staff: 'Maya', reason: '',
      at: base.dayAt(-7, '08:55'), hlc: `${String(Date.parse(base.dayAt(-7, '08:55'))).padStart(15, '0')}:000000:desk-front`,
      sessionId: 's-past-7', charged: false, bookingId: 'b-tom-7', venueDay: DateTime.fromISO(base.dayAt(-7, '08:55')).setZone(ZONE).toISODate()!,
    }],
  };
}

let folders: DeskFolders;
let desk: RunningBrowserDesk;
let page: Page;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  folders = await deskFolders(testPort(4961));
  // The desk's computer is set to US English (its date picker would want month/day/year).
  desk = await openBrowserDesk(folders, doorEdgesVenue(), undefined, { locale: 'en-US' });
  page = desk.page;
});

test.afterAll(async () => {
  await closeBrowserDesk(desk);
  await folders.remove();
});

const result = () => page.getByRole('status', { name: 'Check-in result' });
const search = () => page.getByLabel('Find customer');

test('a refused customer is offered "give back a use" only where it would let them in', async () => {
  await page.keyboard.press('F1');
  // Yoga: Kit's pass has no uses left AND is not valid for yoga: giving a use back would not help.
  await page.getByTestId('session-select').selectOption('session:s-yoga');
  await search().focus();
  await page.keyboard.type('kit');
  await expect(page.getByTestId('check-in-preview')).toContainText('No pass can be used');
  await page.keyboard.press('Enter');
  await expect(result()).toContainText('no uses left; not valid for this session');
  await expect(result().getByRole('button', { name: /Give back a use/ })).toHaveCount(0);
  await expect(result()).not.toContainText('give back a use');
  await expect(result()).toContainText('What you can do: sell a pass on the platform');
  await page.screenshot({ path: 'test-results/door-edges-no-useless-fix.png' });
  // Climbing: the same pass is valid there, so a use given back lets Kit in.
  await page.getByTestId('session-select').selectOption('session:s-climb');
  await search().focus();
  await page.keyboard.type('kit');
  await page.keyboard.press('Enter');
  await expect(result().getByRole('button', { name: 'Give back a use: 1 climbing session' })).toBeVisible();
  await expect(result()).toContainText('What you can do: give back a use · sell a pass on the platform');
});

test('F1 and Esc bring the focus back to the search box from a button', async () => {
  await page.keyboard.press('F1');
  await page.getByTestId('session-select').selectOption('session:s-climb');
  await search().focus();
  await page.keyboard.type('kit');
  await page.keyboard.press('Enter');
  const fix = result().getByRole('button', { name: /Give back a use/ });
  await expect(fix).toBeVisible();
  await expect(search()).toBeFocused();
  // The focus on the refusal's fix button (as Tab leaves it).
  await fix.focus();
  await page.keyboard.press('Escape');
  await expect(search()).toBeFocused();
  await fix.focus();
  await page.keyboard.press('F1');
  await expect(search()).toBeFocused();
});

test('Undo has a key while the result shows, and says how many uses are left after it', async () => {
  await page.getByTestId('session-select').selectOption({ label: 'Walk-in, no session' });
  await search().focus();
  await page.keyboard.type('ada');
  await page.keyboard.press('Enter');
  await expect(result()).toContainText('Checked in');
  await expect(result()).toContainText('9 left');
  await expect(result()).toContainText('Ctrl+Z undoes this check-in');
  await page.screenshot({ path: 'test-results/door-edges-undo-hint.png' });
  await page.keyboard.press('Control+z');
  await expect(result()).toContainText('Check-in undone');
  await expect(result()).toContainText('The use was given back: 10 uses left now.');
  await expect(page.getByTestId('recent-check-ins').locator('li').first()).toContainText('undone');
  await expect(search()).toBeFocused();
  await page.screenshot({ path: 'test-results/door-edges-undone.png' });
  // An Undo button on the list of this desk: Esc from it goes back to the box too.
  await page.keyboard.type('ada');
  await page.keyboard.press('Enter');
  await expect(result()).toContainText('9 left');
  await page.getByTestId('recent-check-ins').getByRole('button', { name: /Undo check-in of Ada Lovelace/ }).focus();
  await page.keyboard.press('Escape');
  await expect(search()).toBeFocused();
});

test('a revoked pass shows no editable fields and no uses left as if usable', async () => {
  const passList = await openPassesOf(page, 'ivy');
  await page.keyboard.press('End');
  const revoked = passList.getByRole('option', { selected: true });
  await expect(revoked).toContainText('Refunded pack');
  await expect(revoked).toContainText('revoked · 0 used');
  await expect(revoked).not.toContainText('uses left');
  const adjust = page.getByTestId('adjust-pass');
  await expect(adjust).toContainText('This pass is revoked: it can never be used or changed again.');
  await expect(adjust.getByRole('textbox')).toHaveCount(0);
  await expect(adjust.getByRole('button')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/door-edges-revoked.png' });
  await page.keyboard.press('h');
  await expect(page.getByTestId('pass-numbers')).toContainText('Remainingnone: revoked');
  await page.keyboard.press('Escape');
});

test('a pass shows its terms now beside its product name: 30 days extended to 44', async () => {
  const passList = await openPassesOf(page, 'nia');
  const nia = passList.getByRole('option', { selected: true });
  await expect(nia).toContainText('10 classes, 30 days from first use · now 10 uses, 30 days from first use');
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('adjust-pass')).toContainText('Expiry saved');
  await expect(nia).toContainText('now 10 uses, 44 days from first use');
  await page.screenshot({ path: 'test-results/door-edges-terms-now.png' });
  await page.keyboard.press('h');
  await expect(page.getByTestId('pass-page').getByTestId('pass-terms-now')).toHaveText('now 10 uses, 44 days from first use');
});

test('an export says which file it wrote', async () => {
  await openPassesOf(page, 'tom');
  await page.keyboard.press('h');
  // The pass's detail is in (X exports it).
  await expect(page.getByTestId('pass-numbers')).toContainText('Total23');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('x')]);
  const note = page.getByTestId('export-note');
  await expect(note).toContainText(`Exported to the file ${download.suggestedFilename()} in your downloads.`);
  await page.screenshot({ path: 'test-results/door-edges-export-note.png' });
  await page.keyboard.press('F2');
  const [attendance] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export attendance as CSV/ }).click()]);
  await expect(page.getByTestId('export-note')).toContainText(`Exported to the file ${attendance.suggestedFilename()} in your downloads.`);
});

test('the fixed-date field at an en-GB venue in an en-US browser: day/month/year, the format said when wrong, a past date confirmed', async () => {
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  await openPassesOf(page, 'rosa');
  await page.keyboard.press('f');
  const field = page.getByRole('textbox', { name: /or a fixed date/ });
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('placeholder', 'DD/MM/YYYY');
  const adjust = page.getByTestId('adjust-pass');
  const outcome = adjust.locator('#adjust-expiry-outcome');
  await page.keyboard.type('07/01/2027');
  await expect(outcome).toContainText('expires 7 Jan 2027');
  await page.screenshot({ path: 'test-results/door-edges-date-en-gb.png' });

  await page.keyboard.press('Control+A');
  await page.keyboard.type('2027-01-07');
  await expect(outcome).toContainText('Cannot save: Type the date as DD/MM/YYYY, for example 25/12/2026.');

  const yesterday = DateTime.now().setZone(ZONE).minus({ days: 1 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(yesterday.toFormat('dd/MM/yyyy'));
  await expect(outcome).toContainText('This date is in the past: the pass would expire at once.');
  await page.keyboard.press('Enter');
  await expect(outcome).toContainText('Save this date in the past? The pass expires at once and can no longer be used.');
  await expect(page.getByTestId('pass-list').getByRole('option', { selected: true })).toContainText('active');
  await page.screenshot({ path: 'test-results/door-edges-date-past-confirm.png' });
  await page.keyboard.press('Enter');
  await expect(adjust).toContainText(`Expiry saved: expires ${dateWords(yesterday.toISODate()!)}.`);
  await expect(page.getByTestId('pass-list').getByRole('option', { selected: true })).toContainText('expired');
});

test('attendance export for a past session, picked by keyboard', async () => {
  await page.keyboard.press('F2');
  const filter = page.getByTestId('attendance-filter');
  await expect(filter).toBeFocused();
  // Back from the filter to the day, then a week back with the arrows (days with sessions, newest first).
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  const day = page.getByLabel('Day', { exact: true });
  await expect(day).toBeFocused();
  const dayWordsOf = (ago: number) => wordsIn('en-GB').dayWords(DateTime.now().setZone(ZONE).minus({ days: ago }).toISODate()!);
  // The days are in (today first).
  await expect(day.locator('option:checked')).toHaveText(`Today, ${dayWordsOf(0)}`);
  await expect(day.locator('option')).toHaveCount(6);
  // Two arrows at once: the second moves on from the first day before that day's sessions are in.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(day).toBeFocused();
  const weekAgo = DateTime.now().setZone(ZONE).minus({ days: 7 });
  await expect(day.locator('option:checked')).toHaveText(wordsIn('en-GB').dayWords(weekAgo.toISODate()!));
  await expect(page.getByLabel('Session', { exact: true })).toHaveValue('s-past-7');
  const list = page.getByTestId('attendee-list');
  await expect(list).toContainText('Tom Baker');
  await expect(list.getByRole('option', { name: /Tom Baker/ })).toContainText('Arrived');
  await expect(page.locator('#attendance-hint')).toContainText('A past session');
  await page.screenshot({ path: 'test-results/door-edges-past-attendance.png' });
  const exportButton = page.getByRole('button', { name: /Export attendance as CSV/ });
  await exportButton.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe(`attendance-${weekAgo.toISODate()}-09-00-morning-yoga.csv`);
  const text = await readFile(await download.path(), 'utf8');
  expect(text).toContain('Tom Baker,tom.baker@example.net,yes,no,yes,1,c-tom');
  await expect(page.getByTestId('export-note')).toContainText(download.suggestedFilename());
});

test('the status bar stays one line at 1280 and 1024, with what needs review and the storage warning on it', async () => {
  await page.keyboard.press('F1');
  await expect(page.getByTestId('review-toggle')).toBeVisible();
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    await expectStatusBarOnOneLine(page, width);
    await page.screenshot({ path: `test-results/door-edges-status-bar-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});
