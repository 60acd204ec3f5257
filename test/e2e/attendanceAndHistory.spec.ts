// A session's attendee list (booked and walk-ins, who has arrived, counts, check-in from the
// list, CSV export) and a pass's history (before → after, who, which desk, when, reason,
// CSV export), keyboard only. The CSV files are the real downloads, read back.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), start()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('attendance: booked and walk-ins, counts, check-in from the list, CSV export', async () => {
  const folders = await deskFolders(testPort(4841));
  const desk = await openBrowserDesk(folders, deskVenue().data);
  try {
    const { page } = desk;
    const result = page.getByRole('status', { name: 'Check-in result' });
    // Two walk-ins at the door, to the session on now (the door's default).
    await expect(page.getByLabel('Session')).toHaveValue('session:s-yoga');
    for (const name of ['ada', 'zoe']) {
      await page.keyboard.type(name);
      await page.keyboard.press('Enter');
      await expect(result).toContainText('Checked in');
    }

    await page.keyboard.press('F2');
    const list = page.getByTestId('attendee-list');
    const counts = page.getByTestId('attendance-counts');
    await expect(page.getByTestId('attendance-filter')).toBeFocused();
    await expect(list.getByRole('option')).toHaveCount(5);
    await expect(list.getByRole('option', { name: /Bea Booked/ })).toContainText('Booked');
    await expect(list.getByRole('option', { name: /Bea Booked/ })).toContainText('Not yet');
    await expect(list.getByRole('option', { name: /Ada Lovelace/ })).toContainText('Walk-in');
    await expect(list.getByRole('option', { name: /Ada Lovelace/ })).toContainText('Arrived');
    await expect(counts).toContainText('3 in the room');
    await expect(counts).toContainText('0/2 booked arrived');
    await expect(counts).toContainText('3 walk-ins');
    await expect(counts).toContainText('2 not yet here');

    // Check in from the list: a few letters, Enter.
    await page.keyboard.type('bea');
    await expect(list.getByRole('option')).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(result).toContainText('Attendance marked (booked)');
    await expect(list.getByRole('option', { name: /Bea Booked/ })).toContainText('Arrived');
    await expect(counts).toContainText('1/2 booked arrived');
    // Again: the list asks before charging twice.
    await page.keyboard.type('bea');
    await page.keyboard.press('Enter');
    await expect(result).toContainText('Already checked in to this session');
    await page.keyboard.press('Escape');
    await expect(result).toContainText('Not charged again');
    // Arrows and Enter, no letters.
    await page.keyboard.press('ArrowDown');
    await expect(list.getByRole('option', { selected: true })).toContainText('Bea Booked');
    await page.keyboard.press('ArrowDown');
    await expect(list.getByRole('option', { selected: true })).toContainText('Carl Booked');
    await page.keyboard.press('Enter');
    await expect(result).toContainText('Carl Booked');
    await expect(result).toContainText('Attendance marked (booked)');
    await expect(counts).toContainText('2/2 booked arrived');

    // CSV export: Tab to the button, Enter.
    await page.getByRole('button', { name: 'Export attendance as CSV' }).focus();
    const csv = await downloaded(page, () => page.keyboard.press('Enter'));
    expect(csv.name).toMatch(/^attendance-\d{4}-\d{2}-\d{2}-00-05-yoga-flow\.csv$/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Name,Email,Booked,Walk-in,Arrived,Check-ins,Customer id');
    expect(lines).toContain('Ada Lovelace,ada@example.com,no,yes,yes,1,c-ada');
    expect(lines).toContain('Bea Booked,bea@example.com,yes,no,yes,1,c-bea');
    expect(lines).toContain('Dana Twodesks,dana@example.com,no,yes,yes,2,c-dana');
    // A cell that a spreadsheet would run as a formula is kept as text, and quoted.
    expect(lines).toContain(`Zoë O'Brien,"'=HYPERLINK(""http://x"")@example.com",no,yes,yes,1,c-zoe`);
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});

test('a pass page: terms, numbers, the history with who and why, CSV export', async () => {
  const folders = await deskFolders(testPort(4842));
  const desk = await openBrowserDesk(folders, deskVenue().data);
  try {
    const { page } = desk;
    // The staff name goes into every change's history.
    await page.keyboard.press('F4');
    const staff = page.getByLabel(/Staff name/);
    await expect(staff).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Maya');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('staff-note')).toContainText('signed “Maya”');
    await expect(page.locator('.desk-header__facts')).toContainText('Maya');

    await page.keyboard.press('F3');
    await page.keyboard.type('tom');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'tom');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pass-list')).toBeFocused();
    await page.keyboard.press('-');
    // The reason field is the one without a key: Tab order from the Save row.
    await page.getByLabel(/Reason/).focus();
    await page.keyboard.type('came to a class without booking, 12 Nov');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('adjust-pass')).toContainText('Uses saved: total 22');

    await page.keyboard.press('h');
    const numbers = page.getByTestId('pass-numbers');
    await expect(numbers).toContainText('Total22');
    await expect(numbers).toContainText('Used5');
    await expect(numbers).toContainText('Remaining17 uses left');
    await expect(page.getByTestId('pass-terms')).toContainText('Uses23');
    await expect(page.getByTestId('pass-terms')).toContainText('Valid forall events');
    const newest = page.getByTestId('pass-history').getByRole('listitem').first();
    await expect(newest).toContainText('Uses changed');
    await expect(newest).toContainText('total 23 → 22 · 18 uses left → 17 uses left');
    await expect(newest).toContainText('Maya');
    await expect(newest).toContainText('came to a class without booking');

    const csv = await downloaded(page, () => page.keyboard.press('x'));
    expect(csv.name).toBe('history-tom-baker-23-class-pass-x-tom.csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('When,What,Change,Before,After,Staff,Desk,Session,Reason,Entry');
    expect(lines).toHaveLength(1 + 7); // bought, 5 bookings, the change
    expect(lines[1]).toContain(',Bought,');
    const last = lines[7]!;
    expect(last).toContain('Uses changed,total 23 → 22 · 18 uses left → 17 uses left,');
    expect(last).toContain(',Maya,desk-');
    expect(last).toContain('"came to a class without booking, 12 Nov"');

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('pass-list')).toBeFocused();
  } finally {
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});
