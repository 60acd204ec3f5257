// A venue taken whole by an empty desk goes in as bundles (main/venue/venueBundles.ts): the
// desk must answer exactly as if every record and entry were held one each, after a restart
// too, with a pass's history read back from the bundles and its state from the summaries.
import { afterEach, describe, expect, it } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CheckInEntry, LedgerEntry, VenueData } from '../../shared/schema/records';
import { foldPassState } from '../../shared/rules/passState';
import { BUNDLE_BYTES, bundlesOf, readBundlesState, writeBundlesState } from '../../main/db/bundles';
import type { DeskDatabase } from '../../main/db/deskDatabase';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import type { Desk } from '../../main/desk/openDesk';
import { openDesk } from '../../main/desk/openDesk';
import { LedgerReader } from '../../main/state/ledgerReader';
import { demoVenueFor } from '../../main/venue/demoVenue';

const storage = getRxStorageDexie({ indexedDB, IDBKeyRange });
let opened: Desk[] = [];
let counter = 0;

async function deskOn(name: string, nowMs: number): Promise<Desk> {
  const db = await openDeskDatabase(storage, name);
  const desk = await openDesk({ db, identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs, log: (line) => console.log(line) });
  opened.push(desk);
  return desk;
}

async function reopen(desk: Desk, name: string, nowMs: number): Promise<Desk> {
  await desk.close();
  opened = opened.filter((one) => one !== desk);
  const again = await deskOn(name, nowMs);
  // The door opens before the customers are read: these tests look at memory whole.
  await again.customersIn;
  return again;
}

afterEach(async () => {
  for (const desk of opened) await desk.close();
  opened = [];
});

function entriesByPass(ledger: readonly LedgerEntry[]): Map<string, LedgerEntry[]> {
  const byPass = new Map<string, LedgerEntry[]>();
  for (const entry of ledger) {
    if (entry.passId) byPass.set(entry.passId, [...(byPass.get(entry.passId) ?? []), entry]);
  }
  return byPass;
}

async function expectStatesOfTheFold(desk: Desk, venue: VenueData, ledger: readonly LedgerEntry[], nowMs: number): Promise<void> {
  const byPass = entriesByPass(ledger);
  for (const pass of venue.passes) {
    const answer = await desk.call('passState', { passId: pass.id });
    const bookings = venue.bookings.filter((booking) => booking.passId === pass.id);
    expect(answer.ok && answer.view.state, pass.id).toEqual(foldPassState(pass, bookings, byPass.get(pass.id) ?? [], venue.venue.timeZone, nowMs));
  }
}

describe('bundles', () => {
  it('cut records in key order into bundles of about BUNDLE_BYTES, never splitting a group', () => {
    const records = Array.from({ length: 3_000 }, (_, index) => ({ id: `e${String(index).padStart(5, '0')}`, passId: `p${Math.floor(index / 7)}`, text: 'x'.repeat(300) }));
    const bundles = bundlesOf('history', records, (record) => record.id, (record) => record.passId);
    expect(bundles.length).toBeGreaterThan(2);
    expect(bundles.map((bundle) => bundle.id)).toEqual(bundles.map((_, index) => `history:${String(index).padStart(7, '0')}`));
    expect(bundles.reduce((sum, bundle) => sum + bundle.count, 0)).toBe(records.length);
    for (const [index, bundle] of bundles.entries()) {
      const inside = JSON.parse(bundle.records) as typeof records;
      expect(inside[0]!.passId).toBe(bundle.firstKey);
      expect(inside.at(-1)!.passId).toBe(bundle.lastKey);
      if (index > 0) expect(bundle.firstKey > bundles[index - 1]!.lastKey).toBe(true);
      if (index < bundles.length - 1) expect(bundle.records.length).toBeGreaterThanOrEqual(BUNDLE_BYTES);
    }
  });
});

describe('a venue taken by an empty desk, as bundles', () => {
  const nowMs = Date.parse('2026-03-10T12:00:00Z');

  it('answers every pass state as the fold of the whole ledger, before and after a restart, and keeps the records out of the collections', async () => {
    const venue = demoVenueFor(nowMs, 120);
    const name = `bundles${counter++}`;
    let desk = await deskOn(name, nowMs);
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    await expectStatesOfTheFold(desk, venue, venue.ledger, nowMs);
    expect(await desk.context.db.customers.count().exec()).toBe(0);
    expect(await desk.context.db.ledger.count().exec()).toBe(0);

    desk = await reopen(desk, name, nowMs);
    await expectStatesOfTheFold(desk, venue, venue.ledger, nowMs);
    const status = await desk.call('deskStatus', {});
    expect(status.ok && status.status.counts).toEqual({ customers: venue.customers.length, passes: venue.passes.length, ledger: venue.ledger.length });
    const search = await desk.call('search', { query: venue.customers[7]!.name.split(' ')[0]!.slice(0, 4) });
    expect(search.ok && search.hits.map((hit) => hit.customer.id)).toContain(venue.customers[7]!.id);
  });

  it('finds the bulk-loaded entries that sync sends again, reading each history bundle once a page', async () => {
    const venue = demoVenueFor(nowMs, 120);
    const desk = await deskOn(`bundles${counter++}`, nowMs);
    await desk.loadVenue(venue);
    const { db, memory } = desk.context;
    const historyBundles = await db.bundles.count({ selector: { kind: 'history' } }).exec();
    let queries = 0;
    const query = db.bundles.storageInstance.query.bind(db.bundles.storageInstance);
    db.bundles.storageInstance.query = (prepared) => {
      queries += 1;
      return query(prepared);
    };
    const page = venue.ledger.slice(0, 250);
    const held = await new LedgerReader(db, memory).heldOf(page);
    // Every entry of the page is held as loaded (the recent ones in memory, the rest in bundles).
    expect([...held.keys()].sort()).toEqual(page.map((entry) => entry.id).sort());
    for (const entry of page) expect(held.get(entry.id)).toEqual(entry);
    expect(queries).toBeGreaterThan(0);
    expect(queries).toBeLessThanOrEqual(historyBundles);
    // A reader kept across pages (as the desk keeps one) reads a bundle once in all.
    const reader = new LedgerReader(db, memory, historyBundles);
    await reader.heldOf(page);
    const before = queries;
    expect((await reader.heldOf(page)).size).toBe(page.length);
    expect(queries).toBe(before);
    // An id no one holds, and a held id claimed for another pass, are not found.
    const stranger = { ...page.find((entry) => entry.kind === 'check-in' && entry.passId !== '')! };
    const other = venue.passes.find((pass) => pass.id !== stranger.passId)!;
    const unknown: LedgerEntry = { ...stranger, id: 'never-written' };
    expect((await reader.heldOf([unknown])).size).toBe(0);
    const claimed: LedgerEntry = { ...stranger, passId: other.id };
    expect((await reader.heldOf([claimed])).size).toBe(memory.ledger.has(stranger.id) ? 1 : 0);
  });

  it('reads a pass history back from the bundles and adds what was written since', async () => {
    const venue = demoVenueFor(nowMs, 60);
    const name = `bundles${counter++}`;
    let desk = await deskOn(name, nowMs);
    await desk.loadVenue(venue);
    const busiest = [...entriesByPass(venue.ledger)].sort((a, b) => b[1].length - a[1].length)[0]!;
    const [passId, entries] = busiest;
    const pass = venue.passes.find((one) => one.id === passId)!;
    const override = await desk.call('overrideUses', { passId, total: 100 });
    expect(override.ok).toBe(true);
    desk = await reopen(desk, name, nowMs);
    const history = await desk.call('passHistory', { passId });
    expect(history.ok && history.items.map((item) => item.id)).toEqual(expect.arrayContaining([...entries.map((entry) => entry.id), pass.id]));
    expect(history.ok && history.items.at(-1)).toMatchObject({ kind: 'uses-override', after: { total: 100 } });
  });

  it('undoes an old check-in that is only in the bundles, once', async () => {
    const venue = demoVenueFor(nowMs, 60);
    const name = `bundles${counter++}`;
    let desk = await deskOn(name, nowMs);
    await desk.loadVenue(venue);
    desk = await reopen(desk, name, nowMs);
    const undone = new Set(venue.ledger.flatMap((entry) => (entry.kind === 'undo-check-in' ? [entry.checkInId] : [])));
    const old = venue.ledger.find((entry): entry is CheckInEntry => entry.kind === 'check-in' && entry.charged && !undone.has(entry.id) && entry.venueDay < '2026-03-01')!;
    expect(desk.context.memory.ledger.has(old.id)).toBe(false);
    const before = await desk.call('passState', { passId: old.passId });
    expect(await desk.call('undoCheckIn', { checkInId: old.id })).toMatchObject({ ok: true, passId: old.passId });
    const after = await desk.call('passState', { passId: old.passId });
    expect(before.ok && after.ok && after.view.state.used).toBe(before.ok ? before.view.state.used - 1 : NaN);
    expect(await desk.call('undoCheckIn', { checkInId: old.id })).toMatchObject({ ok: false, error: 'already-undone' });
  });

  it('holds yesterday\'s and today\'s check-ins whole: the duplicate rule sees them', async () => {
    const venue = demoVenueFor(nowMs, 80);
    const today = venue.ledger.find((entry): entry is CheckInEntry => entry.kind === 'check-in' && entry.venueDay === '2026-03-10' && entry.sessionId === '');
    const desk = await deskOn(`bundles${counter++}`, nowMs);
    await desk.loadVenue(venue);
    if (!today) return; // the generator made no walk-in today for this size
    const undone = venue.ledger.some((entry) => entry.kind === 'undo-check-in' && entry.checkInId === today.id);
    const again = await desk.call('checkIn', { customerId: today.customerId, sessionId: null });
    if (!undone) expect(again).toMatchObject({ ok: false, error: 'already-checked-in' });
  });

  it('does not read the bundles of a load that did not finish, and a second load replaces them', async () => {
    const venue = demoVenueFor(nowMs, 30);
    const name = `bundles${counter++}`;
    let desk = await deskOn(name, nowMs);
    await desk.loadVenue(venue);
    const db: DeskDatabase = desk.context.db;
    const state = (await readBundlesState(db))!;
    await writeBundlesState(db, { ...state, doorComplete: false });
    desk = await reopen(desk, name, nowMs);
    expect(desk.context.memory.customers.size).toBe(0);
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    desk = await reopen(desk, name, nowMs);
    expect(desk.context.memory.customers.size).toBe(venue.customers.length);
    await expectStatesOfTheFold(desk, venue, venue.ledger, nowMs);
  });

  it('goes in one record each into a desk that holds the venue already', async () => {
    const venue = demoVenueFor(nowMs, 20);
    const desk = await deskOn(`bundles${counter++}`, nowMs);
    await desk.loadVenue(venue);
    const renamed = { ...venue, customers: venue.customers.map((customer, index) => (index === 0 ? { ...customer, name: 'Renamed Person' } : customer)) };
    expect((await desk.loadVenue(renamed)).ok).toBe(true);
    expect(await desk.context.db.customers.count().exec()).toBe(venue.customers.length);
    const found = await desk.call('search', { query: 'renamed' });
    expect(found.ok && found.hits.map((hit) => hit.customer.id)).toEqual([venue.customers[0]!.id]);
  });
});
