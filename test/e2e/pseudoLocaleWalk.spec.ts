// Issue 16 item 4: a word on screen that did not come from a catalog. A desk in the
// pseudo-locale en-XA (every catalog text accented, longer and marked ⟦ … ⟧) walked over the
// screens and states the suite reaches; on each, every line of text on screen, less the
// marked parts and the venue's own data (names, emails, pass codes, products, sessions, the
// venue's name, dates and numbers), must have no letter left.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { connectDeskApi } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';
import { pseudoClose, pseudoOpen } from '../../renderer/i18n/pseudoLocale';

/** Every string of the venue's data: it is shown as it is, in any language. */
function dataStrings(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') { if (value.length >= 2) into.add(value); }
  else if (Array.isArray(value)) for (const item of value) dataStrings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) dataStrings(item, into);
  return into;
}

/** Month and weekday names of en-GB (the pseudo-locale's dates), from Intl. */
function dateWords(): string[] {
  const words = new Set<string>();
  for (let month = 0; month < 12; month += 1) {
    for (const style of ['long', 'short'] as const) words.add(new Intl.DateTimeFormat('en-GB', { month: style, timeZone: 'UTC' }).format(Date.UTC(2026, month, 1)));
  }
  for (let day = 0; day < 7; day += 1) {
    for (const style of ['long', 'short'] as const) words.add(new Intl.DateTimeFormat('en-GB', { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2026, 0, 5 + day)));
  }
  return [...words];
}

/** The languages in Setup, each named in its own language (as Intl names it), whatever the desk speaks. */
function autonyms(): string[] {
  return ['en-GB', 'en-US', 'de', 'fr', 'es', 'nl'].map((language) => {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language)!;
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  });
}

/** Keys on their keycaps (F1, Esc, Enter, a letter): the keyboard's names, not words. */
const keyNames = /(?<![\p{L}\d])(F\d{1,2}|Esc|Enter|Tab|\p{Lu})(?![\p{L}\d])/gu;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What is left of a line once the catalog's words and the data are taken out. */
export function unmarkedText(line: string, data: string[]): string {
  let rest = line;
  const innermost = new RegExp(`${escape(pseudoOpen)}[^${escape(pseudoOpen)}${escape(pseudoClose)}]*${escape(pseudoClose)}`, 'gu');
  for (let before = ''; before !== rest;) { before = rest; rest = rest.replace(innermost, ' '); }
  for (const text of data) rest = rest.split(text).join(' ');
  return rest.replace(keyNames, ' ');
}

async function linesOnScreen(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

test('the pseudo-locale over every screen: no word on screen that did not come from a catalog', async () => {
  const venue = deskVenue();
  const data = [...dataStrings(venue.data), ...dateWords(), ...autonyms()].sort((a, b) => b.length - a.length);
  const folders = await deskFolders(testPort(5063));
  const desk = await openBrowserDesk(folders, venue.data, { width: 1280, height: 800 });
  const url = new URL(desk.desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  const missed = new Map<string, string>();
  const look = async (screen: string) => {
    await page.screenshot({ path: `test-results/pseudo/${screen}.png` });
    for (const line of await linesOnScreen(page)) {
      if (/\p{L}/u.test(unmarkedText(line, data)) && !missed.has(line)) missed.set(line, screen);
    }
  };
  const { page } = desk;
  try {
    expect(await api.call('setLanguage', { language: 'en-XA' })).toMatchObject({ answered: true, result: { ok: true } });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    // The desk's own id and the name of who works it are the desk's data.
    const status = await api.call('deskStatus', {}) as { result?: { status?: { deskId: string; staff: string } } };
    expect(status.result?.status).toBeTruthy();
    data.unshift(status.result!.status!.deskId, status.result!.status!.staff);
    const search = page.getByTestId('customer-search');
    const result = page.getByTestId('check-in-result');

    await look('door-idle');
    await search.focus();
    await page.keyboard.type('brown');
    await expect(page.getByTestId('customer-matches').getByRole('option').first()).toBeVisible();
    await look('search-results');
    await page.keyboard.press('Escape');
    await page.keyboard.type('ada');
    await expect(page.getByTestId('check-in-preview')).toContainText('Ada Lovelace');
    await look('preview');
    await page.keyboard.press('Enter');
    await expect(result).toHaveAttribute('data-outcome', /.+/);
    await look('check-in-result');
    await page.getByTestId('session-select').selectOption('session:s-yoga');
    await search.focus();
    await page.keyboard.type('ivy');
    await expect(page.getByTestId('check-in-preview')).toContainText('Ivy Refused');
    await page.keyboard.press('Enter');
    await expect(result.locator('.ineligible__passes li')).toHaveCount(4);
    await look('refusal');

    await page.keyboard.press('F2');
    await page.waitForTimeout(300);
    await look('attendance');
    await page.keyboard.press('F3');
    await page.waitForTimeout(300);
    await look('customers');
    await page.keyboard.type('tom');
    await expect(page.getByTestId('customer-results')).toContainText('Tom Baker');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pass-list')).toBeFocused();
    await look('pass-page');
    await page.keyboard.press('-');
    await expect(page.getByTestId('adjust-pass')).toContainText('23');
    await look('adjustment-panel');
    await page.keyboard.press('Escape');
    await page.keyboard.press('F4');
    await page.waitForTimeout(300);
    await look('setup');

    expect([...missed].map(([line, screen]) => `${screen}: ${line}`), 'text on screen that is not from a catalog').toEqual([]);
  } finally {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});
