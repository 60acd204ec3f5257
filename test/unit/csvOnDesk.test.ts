// The desk's venue-file import accepts what the endpoint accepts (issue 13, item 8): each CSV of
// docs/import-examples/, read by the same shared/venue/csvRecords.ts, added to the venue the
// desk holds; a pass takes its product's terms; a file with a mistake changes nothing.
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import type { VenueData } from '../../shared/schema/records';
import { openTestDesk } from '../sync/syncTestbed';
import type { TestDesk } from '../sync/syncTestbed';
import { wordsIn } from '../../renderer/i18n/wordsIn';

const example = (collection: string) => readFileSync(new URL(`../../docs/import-examples/${collection}.csv`, import.meta.url), 'utf8');
const emptyVenue: VenueData = { venue: { id: 'examples', timeZone: 'Europe/London', name: 'Examples studio' }, products: [], customers: [], passes: [], sessions: [], bookings: [], ledger: [] };

let opened: TestDesk | null = null;
afterEach(async () => {
  await opened?.close();
  opened = null;
});

it('imports every example CSV into the venue the desk holds, passes with their product terms', async () => {
  opened = await openTestDesk({ deskId: 'csv-desk', venue: emptyVenue, nowMs: Date.parse('2026-12-08T08:30:00Z') });
  const { desk } = opened;
  const counts = { customers: 3, products: 4, passes: 3, sessions: 2, bookings: 2 };
  for (const collection of ['customers', 'products', 'passes', 'sessions', 'bookings'] as const) {
    expect(await desk.call('loadVenueFile', { text: example(collection) }), collection).toEqual({ ok: true, counts: { [collection]: counts[collection] } });
  }
  const found = await desk.call('search', { query: 'priya', limit: 5 });
  expect(found).toMatchObject({ ok: true, hits: [{ customer: { id: 'c-1003', name: 'Priya Raman' } }] });
  const pass = await desk.call('passDetail', { passId: 'x-2002' });
  expect(pass).toMatchObject({ ok: true, view: { pass: { productName: 'Yoga term until the end of March', terms: { uses: 12, expiry: { kind: 'fixed', date: '2027-03-31' }, validFor: ['yoga', 'pilates'] } } } });
  const attendees = await desk.call('sessionAttendees', { sessionId: 's-3001' });
  expect(attendees).toMatchObject({ ok: true, attendees: [{ customer: { id: 'c-1002' } }] });
});

it('refuses a CSV whose references the desk does not hold, by line and field, and changes nothing', async () => {
  opened = await openTestDesk({ deskId: 'csv-desk-2', venue: emptyVenue });
  const refused = await opened.desk.call('loadVenueFile', { text: example('passes') });
  expect(refused).toMatchObject({ ok: false, error: 'invalid-input' });
  const lines = refused.ok ? [] : refused.problems ?? [];
  expect(lines.map(wordsIn('en-GB').importProblemLine)).toContain('line 2, customerId: no customer with id "c-1001" here: import the customers first');
  // Main sends the problem as a message and its values: the desk says it in its language.
  expect(lines.map(wordsIn('de').importProblemLine)).toContain('Zeile 2, customerId: kein Kunde mit der ID "c-1001" vorhanden: importieren Sie zuerst die Kunden');
  expect(opened.desk.status('connected').counts.passes).toBe(0);
});

it('says that a CSV adds to a venue: a desk with none loads the venue file first', async () => {
  opened = await openTestDesk({ deskId: 'csv-desk-3', venue: null });
  expect(await opened.desk.call('loadVenueFile', { text: example('customers') })).toEqual({ ok: false, error: 'invalid-input', note: { note: 'csv-needs-venue' } });
});
