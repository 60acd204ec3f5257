// Issue 16 item 4: a word on screen that did not come from a catalog. A desk in the
// pseudo-locale en-XA (every catalog text accented, longer and marked ⟦ … ⟧) walked over the
// screens and states the suite reaches; on each, every line of text on screen, every
// attribute people read or hear (placeholder, aria-label, title, alt) and the window's title,
// less the marked parts and the venue's own data (names, emails, pass codes, products,
// sessions, the venue's name, dates and numbers), must have no letter left. The walk includes
// the problem lines of a venue file and a CSV not imported, the status bar with a wrong clock,
// with the sync server's disk full and offline, and the freshness line at the door.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { connectDeskApi } from '../crash/deskApiSocket';
import { closeBrowserDesk, deskFolders, openBrowserDesk } from './browserDesk';
import { deskVenue } from './deskVenue';
import { testPort } from '../testPorts';
import { pseudoClose, pseudoOpen } from '../../shared/i18n/pseudoLocale';
import { startBrowserDesk } from '../../main/browser/startBrowserDesk';
import { launchChromium } from './chromium';
import { openStaffedDesk, signIn, staff } from './staffedDesk';
import { withPairedDesk } from './venueEndpoint';
import type { PairedBrowserDesk } from './venueEndpoint';

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

/**
 * Lengths of time and lists as Intl writes them for en-GB (the pseudo-locale's formats), like
 * the dates: "3 hours", "25 min", "a or b".
 */
function intlWords(): string[] {
  const words = new Set<string>([' or ']);
  for (const unit of ['minute', 'hour', 'day'] as const) {
    for (let count = 0; count <= 120; count += 1) words.add(new Intl.RelativeTimeFormat('en-GB', { numeric: 'always', style: 'short' }).format(-count, unit));
  }
  for (const unit of ['minute', 'hour', 'day', 'year'] as const) {
    for (const unitDisplay of ['long', 'short'] as const) {
      for (let count = 0; count <= 120; count += 1) words.add(new Intl.NumberFormat('en-GB', { style: 'unit', unit, unitDisplay }).format(count));
    }
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

/** What is left of a line once the catalog's words and the data are taken out (and the name of an attribute it came from). */
export function unmarkedText(line: string, data: string[]): string {
  let rest = line.replace(/^\[(?:document title|[a-z\d]+ [a-z-]+)\] /, '');
  const innermost = new RegExp(`${escape(pseudoOpen)}[^${escape(pseudoOpen)}${escape(pseudoClose)}]*${escape(pseudoClose)}`, 'gu');
  for (let before = ''; before !== rest;) { before = rest; rest = rest.replace(innermost, ' '); }
  for (const text of data) rest = rest.split(text).join(' ');
  return rest.replace(keyNames, ' ');
}

/** Attributes people read or hear: a field's hint, a screen reader's name, a tooltip, a picture's words. */
const readAttributes = ['placeholder', 'aria-label', 'title', 'alt'] as const;

/** Every line of text on screen, every read attribute (as `[name] text`), a file field's own words and the window's title. */
async function linesOnScreen(page: Page): Promise<string[]> {
  const { text, attributes, title } = await page.evaluate((names) => {
    // In the page (this file is typed without the DOM library).
    type Element = { getAttribute(name: string): string | null; tagName: string; getBoundingClientRect(): { width: number } };
    const { document } = globalThis as unknown as { document: { title: string; body: { innerText: string }; querySelectorAll(selector: string): ArrayLike<Element> } };
    const found: string[] = [];
    // A file field on screen draws Chromium's own words ("Choose File", "No file chosen"), in
    // the browser's language, which no text of the page holds (issue 16).
    for (const field of Array.from(document.querySelectorAll('input[type="file"]'))) {
      if (field.getBoundingClientRect().width > 0) found.push(`[input file] Chromium's "Choose File" and "No file chosen" (#${field.getAttribute('id') ?? ''})`);
    }
    for (const name of names) {
      for (const element of Array.from(document.querySelectorAll(`[${name}]`))) {
        const value = element.getAttribute(name)?.trim();
        if (value) found.push(`[${element.tagName.toLowerCase()} ${name}] ${value}`);
      }
    }
    return { text: document.body.innerText, attributes: found, title: document.title };
  }, [...readAttributes]);
  return [...text.split('\n').map((line) => line.trim()).filter(Boolean), ...attributes, `[document title] ${title}`];
}

/** Looks at screen after screen, keeping each line (or attribute) with a letter left, and the screen it was first on. */
function screenWalker(page: Page, data: string[]) {
  const missed = new Map<string, string>();
  return {
    missed,
    look: async (screen: string) => {
      await page.screenshot({ path: `test-results/pseudo/${screen}.png` });
      for (const line of await linesOnScreen(page)) {
        if (/\p{L}/u.test(unmarkedText(line, data)) && !missed.has(line)) missed.set(line, screen);
      }
    },
    expectNoneMissed: () => expect([...missed].map(([line, screen]) => `${screen}: ${line}`), 'text on screen that is not from a catalog').toEqual([]),
  };
}

test('the pseudo-locale over every screen: no word on screen that did not come from a catalog', async () => {
  const venue = deskVenue();
  const data = [...dataStrings(venue.data), ...dateWords(), ...intlWords(), ...autonyms()].sort((a, b) => b.length - a.length);
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

    // The review list, with an entry of each kind this venue holds (an overdrawn pass, a
    // check-in by two desks), and what Undo says.
    await page.keyboard.press('F8');
    const review = page.getByTestId('review-list');
    const undo = review.getByRole('listitem').last().getByRole('button').first();
    await expect(undo).toBeVisible();
    await look('review-list');
    await undo.focus();
    await page.keyboard.press('Enter');
    await expect(review.getByRole('listitem')).toHaveCount(0);
    await look('review-undone');
    await page.keyboard.press('Escape');
    await expect(review).toBeHidden();

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
    await page.keyboard.press('h');
    await expect(page.getByTestId('pass-numbers')).toBeVisible();
    await look('pass-details-and-history');
    await page.keyboard.press('F4');
    await page.waitForTimeout(300);
    await look('setup');

    // A venue file and a CSV that are not imported: every problem line is the catalog's words
    // around the file's own (its fields' places, ids and values), each at its line and column.
    const venueNote = page.getByTestId('venue-note');
    const fileInput = page.locator('.setup input[type="file"]').first();
    const brokenFile = JSON.stringify({
      venue: venue.data.venue,
      customers: [{ id: 'c-new', name: '' }, { id: 'c-other' }],
      products: [{ id: 'p-new', name: 'Ten visits', uses: 2.5, expiry: { kind: 'weekly' }, validFor: 'everything', colour: 'blue' }],
      passes: [{ id: 'x-new', customerId: 'c-gone', productId: 'p-new', purchasedAt: 'yesterday' }],
    }, null, 2);
    await fileInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(brokenFile) });
    await expect(venueNote.getByRole('listitem')).toHaveCount(7);
    // The file's own words, as they are in it: the places of its fields, and its values.
    data.unshift('broken.json', 'broken.csv', '"c-gone"', '"weekly', '"everything"', '"none", "fixed", "relative"', '"yesterday"', '"all"', '"name"', 'colour', 'customerId', 'uses', 'expiry', '"ten');
    for (const place of await venueNote.getByRole('listitem').allInnerTexts()) {
      const at = /, ([\w.[\]]+):/.exec(place);
      if (at) data.unshift(at[1]!);
    }
    data.sort((a, b) => b.length - a.length);
    await look('import-problems-venue-file');
    const brokenCsv = 'id,name,uses,expiry,validFor\np-ten,Ten visits,ten,weekly,all\n';
    await fileInput.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(brokenCsv) });
    await expect(venueNote.getByRole('listitem')).toHaveCount(2);
    await look('import-problems-csv');

    // Pairing refused: one sentence, and what the network said behind Details (English for the
    // venue's admin, the one text on screen meant to be so).
    await page.locator('#pair-entry').fill('http://127.0.0.1:9');
    await page.locator('#pair-token').fill('0123456789abcdef0123');
    await page.locator('#pair-token').press('Enter');
    const details = page.getByTestId('pair-note').getByTestId('technical-details');
    await expect(details).toBeVisible({ timeout: 15_000 });
    await details.locator('summary').click();
    data.unshift(...(await details.locator('p').allInnerTexts()).map((text) => text.trim()));
    await look('pair-refused-details');

    expect([...missed].map(([line, screen]) => `${screen}: ${line}`), 'text on screen that is not from a catalog').toEqual([]);
  } finally {
    api.close();
    await closeBrowserDesk(desk);
    await folders.remove();
  }
});

test('the pseudo-locale on a new desk: the first screen and the Pair screen', async () => {
  const folders = await deskFolders(testPort(5081));
  const desk = await startBrowserDesk({ port: folders.port, dataDir: folders.dataDir, log: () => undefined });
  const chromium = await launchChromium({ userDataDir: folders.profileDir });
  const url = new URL(desk.url);
  const api = await connectDeskApi(url.origin, url.searchParams.get('s')!, 10_000);
  const data = [...dateWords(), ...autonyms()].sort((a, b) => b.length - a.length);
  const missed = new Map<string, string>();
  try {
    const page = chromium.context.pages()[0] ?? await chromium.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    // The desk keeps its language once its storage (in the page) is up.
    await page.goto(desk.url);
    await expect(page.getByRole('heading').first()).toBeVisible();
    expect(await api.call('setLanguage', { language: 'en-XA' })).toMatchObject({ answered: true, result: { ok: true } });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    // The desk's own id and the name of who works it are the desk's data.
    const status = await api.call('deskStatus', {}) as { result?: { status?: { deskId: string; staff: string } } };
    data.unshift(status.result!.status!.deskId, status.result!.status!.staff);
    const look = async (screen: string) => {
      await page.screenshot({ path: `test-results/pseudo/${screen}.png` });
      for (const line of await linesOnScreen(page)) {
        if (/\p{L}/u.test(unmarkedText(line, data)) && !missed.has(line)) missed.set(line, screen);
      }
    };
    await expect(page.getByRole('heading').first()).toBeVisible();
    await expect(page.getByTestId('customer-search')).toHaveCount(0);
    await look('first-screen');
    // 2: pair with my venue; a code that is not one is refused before anything is sent.
    await page.keyboard.press('2');
    const code = page.locator('#pair-entry');
    await expect(code).toBeFocused();
    await look('pair-screen');
    await page.keyboard.type('not-a-code');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pair-note')).toBeVisible();
    await look('pair-screen-refused');

    expect([...missed].map(([line, screen]) => `${screen}: ${line}`), 'text on screen that is not from a catalog').toEqual([]);
  } finally {
    api.close();
    await desk.close();
    await chromium.close();
    await folders.remove();
  }
});

test('the pseudo-locale on a paired desk with staff: sign-in, a wrong PIN, step-up, the lock, the status bar, the kiosk', async () => {
  const desk = await openStaffedDesk(testPort(5082), testPort(5083), 'en-XA');
  const { page, api, venue } = desk;
  const firstNames = venue.data.customers.map((customer) => customer.name.split(' ')[0]!);
  const data = [...dataStrings(venue.data), ...firstNames, ...Object.values(staff).map((member) => member.name), ...dateWords(), ...autonyms()];
  const status = await api.call('deskStatus', {}) as { result?: { status?: { deskId: string; staff: string } } };
  // The endpoint's address is the venue's data too.
  data.push(status.result!.status!.deskId, status.result!.status!.staff, desk.endpoint.url);
  data.sort((a, b) => b.length - a.length);
  const { look, expectNoneMissed } = screenWalker(page, data);
  try {
    await look('sign-in');
    await page.locator('#sign-in-name').fill('dor');
    await page.keyboard.press('Enter');
    await page.locator('#sign-in-pin').fill('0000');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('sign-in-problem')).toBeVisible();
    await look('sign-in-wrong-pin');
    await page.locator('#sign-in-pin').fill(staff.door.pin);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('signed-in')).toContainText(staff.door.name);
    await page.keyboard.press('F1');
    await expect(page.getByTestId('customer-search')).toBeVisible();
    await look('door-paired');

    // Door staff may not revoke: the refusal, and a manager's PIN under it.
    await page.keyboard.press('F3');
    await page.keyboard.type('rosa');
    await expect(page.getByTestId('customer-results')).toHaveAttribute('data-query', 'rosa');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('pass-list')).toBeFocused();
    await page.keyboard.press('r');
    await page.keyboard.press('Enter');
    await expect(page.locator('#step-up-pin')).toBeVisible();
    await look('step-up');
    await page.locator('#step-up-who').selectOption({ label: staff.manager.name });
    await page.locator('#step-up-pin').fill(staff.manager.pin);
    await page.locator('.step-up button[type="submit"]').click();
    await expect(page.getByTestId('adjust-revoked')).toBeVisible();
    await look('stepped-up');

    // F9 locks the desk.
    await page.keyboard.press('F9');
    await expect(page.locator('#sign-in-name')).toBeVisible();
    await look('locked');

    // An admin makes the desk a kiosk: idle, a check-in, a refusal, leaving it.
    await signIn(page, 'ada a', staff.admin.pin);
    await page.keyboard.press('F4');
    await look('setup-admin');
    await page.getByTestId('kiosk-make').click();
    const box = page.locator('#kiosk-identifier');
    await expect(box).toBeVisible();
    await look('kiosk-idle');
    const answer = page.getByTestId('kiosk-answer');
    await box.pressSequentially('PASS-0001');
    await page.keyboard.press('Enter');
    await expect(answer).toContainText('Ada');
    await look('kiosk-success');
    await box.pressSequentially('wren@example.com');
    await page.keyboard.press('Enter');
    await expect(answer).not.toContainText('Ada');
    await look('kiosk-refusal');
    await page.locator('.kiosk__staff').click();
    await page.locator('#kiosk-leave-pin').fill('1111');
    await page.locator('#kiosk-leave-pin').press('Enter');
    await expect(page.getByTestId('kiosk-leave-problem')).toBeVisible();
    await look('kiosk-leave');
    await page.locator('#kiosk-leave-who').selectOption({ label: staff.manager.name });
    await page.locator('#kiosk-leave-pin').fill(staff.manager.pin);
    await page.locator('#kiosk-leave-pin').press('Enter');
    await expect(box).toBeHidden();
    await look('kiosk-left');

    expectNoneMissed();
  } finally {
    await desk.close();
  }
});

/**
 * A desk in the pseudo-locale, then paired (the page is reloaded for its language before the
 * desk syncs), and the words on it that are the venue's data.
 */
async function pseudoPairedDesk(desk: PairedBrowserDesk): Promise<string[]> {
  const { page, api, endpoint, settings } = desk;
  expect(await api.call('setLanguage', { language: 'en-XA' })).toMatchObject({ answered: true, result: { ok: true } });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  expect(await api.call('pairEndpoint', settings)).toMatchObject({ answered: true, result: { ok: true } });
  const status = await api.call('deskStatus', {}) as { result?: { status?: { deskId: string; staff: string } } };
  const data = [...dataStrings(endpoint.venue.data), ...dateWords(), ...intlWords(), ...autonyms(), status.result!.status!.deskId, status.result!.status!.staff, endpoint.url];
  return data.sort((a, b) => b.length - a.length);
}

test('the pseudo-locale on the status bar: a wrong clock, the sync server\'s disk full (and its Details), offline', async () => {
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'pseudo-endpoint-full-'));
  let freeBytes = 10 * 1024 ** 3;
  try {
    // The endpoint's clock three hours ahead of this computer's: the desk says its clock is wrong.
    await withPairedDesk({ endpointPort: 5087, deskPort: 5088, pair: false, now: () => Date.now() + 3 * 3_600_000, database: { kind: 'pglite', dataDir }, freeSpace: async () => freeBytes }, async (desk) => {
      const { page, api, endpoint } = desk;
      const data = await pseudoPairedDesk(desk);
      const { look, expectNoneMissed } = screenWalker(page, data);
      await expect(page.getByTestId('clock-status')).toBeVisible({ timeout: 30_000 });
      await expect(page.locator('.status-bar__progress')).toBeHidden({ timeout: 30_000 });
      await look('status-wrong-clock');

      freeBytes = 0;
      await expect.poll(async () => (await fetch(`${endpoint.server.url}/healthz`)).status).toBe(503);
      expect(await api.call('checkIn', { customerId: endpoint.venue.data.customers[0]!.id, sessionId: null, confirmDuplicate: true })).toMatchObject({ answered: true, result: { ok: true } });
      // On screen, or given way to its Details for want of room (renderer/status/fitStatusBar.ts).
      await expect(page.getByTestId('sync-problem')).toBeAttached({ timeout: 30_000 });
      await look('status-endpoint-full');
      const details = page.getByTestId('technical-details');
      await details.locator('summary').click();
      // What the server said, behind Details: English for the venue's admin, as for pairing.
      data.unshift(...(await details.locator('.tech-details__text').allInnerTexts()).map((text) => text.trim()));
      await look('status-endpoint-full-details');
      await details.locator('summary').click();

      await endpoint.close();
      await expect(page.locator('.status-bar__connection--offline')).toBeVisible({ timeout: 30_000 });
      await look('status-offline');
      expectNoneMissed();
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the pseudo-locale at the door of a desk offline for over a minute: the freshness line, the offline status bar', async () => {
  test.setTimeout(180_000);
  // The desk's clock two minutes behind the computer's (within what the desk takes as right):
  // its last exchange with the endpoint reads as over a minute ago as soon as the endpoint is gone.
  await withPairedDesk({ endpointPort: 5089, deskPort: 5090, pair: false, clock: () => Date.now() - 120_000 }, async (desk) => {
    const { page, endpoint } = desk;
    const firstNames = endpoint.venue.data.customers.map((customer) => customer.name.split(' ')[0]!);
    const data = [...await pseudoPairedDesk(desk), ...firstNames].sort((a, b) => b.length - a.length);
    const { look, expectNoneMissed } = screenWalker(page, data);
    await expect(page.locator('.status-bar__connection--online')).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.status-bar__progress')).toBeHidden({ timeout: 30_000 });
    await look('door-online');
    await endpoint.close();
    await expect(page.locator('.status-bar__connection--offline')).toBeVisible({ timeout: 30_000 });
    await look('door-offline');
    const search = page.getByTestId('customer-search');
    await search.pressSequentially('Nia');
    await expect(page.getByTestId('door-freshness-preview')).toBeVisible({ timeout: 60_000 });
    await look('door-freshness-preview');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('door-freshness')).toBeVisible();
    await look('door-freshness-result');
    expectNoneMissed();
  });
});
