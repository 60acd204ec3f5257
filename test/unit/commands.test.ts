// The desk's command layer on a real RxDatabase (Dexie over fake-indexeddb): each command
// validates, answers a value, and writes exactly one ledger entry or none.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { VenueData } from '../../shared/schema/records';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import { openDesk } from '../../main/desk/openDesk';
import type { Desk } from '../../main/desk/openDesk';

const at = (iso: string) => Date.parse(iso);

function venue(): VenueData {
  return {
    venue: { id: 'v1', timeZone: 'Europe/London' },
    products: [],
    customers: [
      { id: 'c1', name: 'Ada Lovelace', email: 'ada@example.com' },
      { id: 'c2', name: "Zoë O'Brien", email: 'zoe@example.com' },
      { id: 'c3', name: 'José Núñez' },
    ],
    passes: [
      { id: 'x-old', customerId: 'c1', productId: 'p', productName: '10 classes', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001', terms: { uses: 10, expiry: { kind: 'fixed', date: '2026-12-31' }, validFor: 'all' } },
      { id: 'x-new', customerId: 'c1', productId: 'p', productName: '10 classes', purchasedAt: '2026-03-01T10:00:00Z', code: 'PASS-0002', terms: { uses: 10, expiry: { kind: 'fixed', date: '2026-06-30' }, validFor: 'all' } },
      { id: 'x-yoga', customerId: 'c2', productId: 'q', productName: 'Yoga pack', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0003', terms: { uses: 2, expiry: { kind: 'relative', days: 30 }, validFor: ['yoga'] } },
    ],
    sessions: [
      { id: 's1', name: 'Morning yoga', category: 'yoga', startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T09:00:00Z' },
      { id: 's2', name: 'Spin', category: 'spin', startsAt: '2026-03-10T08:00:00Z', endsAt: '2026-03-10T09:00:00Z' },
    ],
    bookings: [{ id: 'b1', sessionId: 's1', customerId: 'c2', passId: 'x-yoga', bookedAt: '2026-03-01T09:00:00Z' }],
    ledger: [],
  };
}

let desk: Desk;
let nowMs = at('2026-03-10T07:55:00Z');
let dbCounter = 0;

beforeEach(async () => {
  nowMs = at('2026-03-10T07:55:00Z');
  const db = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), `commands${dbCounter++}`);
  desk = await openDesk({ db, identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs, log: (line) => console.log(line) });
  const loaded = await desk.loadVenue(venue());
  expect(loaded.ok).toBe(true);
});

afterEach(async () => {
  await desk.close();
});

const ledgerSize = async () => (await desk.context.db.ledger.find().exec()).length;

describe('checkIn', () => {
  it('redeems the oldest eligible pass and writes one ledger entry', async () => {
    const result = await desk.call('checkIn', { customerId: 'c1', sessionId: 's1' });
    expect(result).toMatchObject({ ok: true, charged: true, passId: 'x-old', remaining: 9, expiresOn: '2026-12-31' });
    expect(await ledgerSize()).toBe(1);
    const stored = await desk.context.db.ledger.find().exec();
    expect(stored[0]!.toJSON()).toMatchObject({ kind: 'check-in', deskId: 'A', staff: 'Sam', sessionId: 's1', passId: 'x-old', charged: true });
  });

  it('warns about a second check-in to the same session and charges it only when confirmed', async () => {
    await desk.call('checkIn', { customerId: 'c1', sessionId: 's1' });
    expect(await desk.call('checkIn', { customerId: 'c1', sessionId: 's1' })).toEqual({ ok: false, error: 'already-checked-in' });
    expect(await desk.call('checkIn', { customerId: 'c1', sessionId: 's1', confirmDuplicate: true })).toMatchObject({ ok: true, charged: true, remaining: 8 });
    expect(await ledgerSize()).toBe(2);
  });

  it('marks attendance for a booked customer without redeeming again', async () => {
    expect(await desk.call('checkIn', { customerId: 'c2', sessionId: 's1' })).toMatchObject({ ok: true, charged: false, bookingId: 'b1' });
    const state = await desk.call('passState', { passId: 'x-yoga' });
    expect(state).toMatchObject({ ok: true, view: { state: { used: 1, remaining: 1 } } });
  });

  it('says why per pass when none can be used', async () => {
    expect(await desk.call('checkIn', { customerId: 'c2', sessionId: 's2' })).toEqual({
      ok: false, error: 'no-eligible-pass', passes: [{ passId: 'x-yoga', reasons: ['not-valid-for-session'] }],
    });
    expect(await desk.call('checkIn', { customerId: 'c3', sessionId: null })).toEqual({ ok: false, error: 'no-passes' });
    expect(await ledgerSize()).toBe(0);
  });

  it.each([
    [{ customerId: 'c1' }],
    [{ customerId: '', sessionId: null }],
    [{ customerId: 'c1', sessionId: 5 }],
    [{ customerId: 'c1', sessionId: null, extra: true }],
    [null],
    ['c1'],
  ])('refuses %j as invalid-input and changes nothing', async (payload) => {
    expect(await desk.call('checkIn', payload)).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await ledgerSize()).toBe(0);
  });

  it('refuses unknown customers and sessions', async () => {
    expect(await desk.call('checkIn', { customerId: 'nobody', sessionId: null })).toEqual({ ok: false, error: 'unknown-customer' });
    expect(await desk.call('checkIn', { customerId: 'c1', sessionId: 'nope' })).toEqual({ ok: false, error: 'unknown-session' });
  });
});

describe('undoCheckIn', () => {
  it('gives the use back once', async () => {
    const checkIn = await desk.call('checkIn', { customerId: 'c1', sessionId: null });
    if (!checkIn.ok) throw new Error('check-in refused');
    expect(await desk.call('undoCheckIn', { checkInId: checkIn.checkInId })).toEqual({ ok: true, passId: 'x-old', remaining: 10 });
    expect(await desk.call('undoCheckIn', { checkInId: checkIn.checkInId })).toEqual({ ok: false, error: 'already-undone' });
    expect(await desk.call('undoCheckIn', { checkInId: 'nope' })).toEqual({ ok: false, error: 'unknown-check-in' });
    expect(await desk.call('passState', { passId: 'x-old' })).toMatchObject({ view: { state: { used: 0, remaining: 10 } } });
    // An undone check-in no longer counts as "already checked in".
    expect(await desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true, remaining: 9 });
  });
});

describe('overrides and revocation', () => {
  it('sets the total the pass started with, and refuses one below the uses redeemed', async () => {
    await desk.call('checkIn', { customerId: 'c1', sessionId: null });
    expect(await desk.call('overrideUses', { passId: 'x-old', total: 3, reason: 'goodwill' })).toMatchObject({ ok: true, total: 3, used: 1, remaining: 2 });
    expect(await desk.call('overrideUses', { passId: 'x-old', total: 0 })).toEqual({ ok: false, error: 'total-below-used' });
    expect(await desk.call('overrideUses', { passId: 'x-old', total: 1.5 })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await ledgerSize()).toBe(2);
  });

  it('takes exactly one of fixedDate and relativeDays', async () => {
    expect(await desk.call('overrideExpiry', { passId: 'x-old', fixedDate: '2027-01-31' })).toMatchObject({ ok: true, expiresOn: '2027-01-31' });
    expect(await desk.call('overrideExpiry', { passId: 'x-old', fixedDate: '2027-01-31', relativeDays: 3 })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await desk.call('overrideExpiry', { passId: 'x-old' })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await desk.call('overrideExpiry', { passId: 'x-old', relativeDays: 0 })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await desk.call('overrideExpiry', { passId: 'x-old', relativeDays: 3651 })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await desk.call('overrideExpiry', { passId: 'x-old', fixedDate: '2027-02-30' })).toMatchObject({ ok: false, error: 'invalid-input' });
    expect(await desk.call('overrideExpiry', { passId: 'zz', relativeDays: 3 })).toEqual({ ok: false, error: 'unknown-pass' });
    expect(await ledgerSize()).toBe(1);
  });

  it('revokes once, after which overrides are refused and history is kept', async () => {
    expect(await desk.call('revokePass', { passId: 'x-old', reason: 'refunded' })).toMatchObject({ ok: true });
    expect(await desk.call('revokePass', { passId: 'x-old' })).toEqual({ ok: false, error: 'pass-revoked' });
    expect(await desk.call('overrideUses', { passId: 'x-old', total: 20 })).toEqual({ ok: false, error: 'pass-revoked' });
    expect(await desk.call('overrideExpiry', { passId: 'x-old', relativeDays: 20 })).toEqual({ ok: false, error: 'pass-revoked' });
    const history = await desk.call('passHistory', { passId: 'x-old' });
    expect(history.ok && history.items.map((item) => item.kind)).toEqual(['purchase', 'revoke']);
    expect(history.ok && history.items[1]).toMatchObject({ deskId: 'A', staff: 'Sam', reason: 'refunded', before: { status: 'active' }, after: { status: 'revoked' } });
    // The next check-in falls through to the newer pass.
    expect(await desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true, passId: 'x-new' });
  });
});

describe('queries', () => {
  it('finds customers by word prefixes ignoring accents, case and punctuation, and by exact pass code', async () => {
    const ids = async (query: string) => {
      const result = await desk.call('search', { query });
      return result.ok ? result.hits.map((hit) => hit.customer.id) : result;
    };
    expect(await ids('jose nunez')).toEqual(['c3']);
    expect(await ids('obrien')).toEqual(['c2']);
    expect(await ids('ZOE')).toEqual(['c2']);
    expect(await ids('pass-0002')).toEqual(['c1']);
    expect(await ids('lov')).toEqual(['c1']);
    expect(await ids('')).toEqual([]);
  });

  it('lists a session\'s booked customers and walk-ins', async () => {
    await desk.call('checkIn', { customerId: 'c1', sessionId: 's1' });
    const result = await desk.call('sessionAttendees', { sessionId: 's1' });
    expect(result.ok && result.attendees.map((a) => [a.customer.id, a.bookingId, a.arrived, a.walkIn])).toEqual([
      ['c1', null, true, true],
      ['c2', 'b1', false, false],
    ]);
  });

  it('lists an overdrawn pass after a merge with the check-ins that could give a use back', async () => {
    // Yoga pack: 2 uses, one booked. Another desk's walk-in arrives by sync, then this desk's.
    const other = { id: 'l-other', kind: 'check-in', venueId: 'v1', passId: 'x-yoga', customerId: 'c2', deskId: 'B', staff: 'Kim', reason: '',
      at: '2026-03-10T07:50:00Z', hlc: '001773129000000:000000:B', sessionId: 's1', charged: true, bookingId: '', venueDay: '2026-03-10' } as const;
    await desk.context.db.ledger.insert(other);
    await desk.context.db.ledger.insert({ ...other, id: 'l-other-2', at: '2026-03-10T07:52:00Z', hlc: '001773129120000:000000:B', sessionId: '' });
    // Entries that arrive by sync reach memory through the database's change events.
    await vi.waitFor(() => expect(desk.context.memory.ledger.has('l-other-2')).toBe(true));
    const review = await desk.call('syncReview', {});
    expect(review).toMatchObject({ ok: true, items: [{ kind: 'overdrawn', passId: 'x-yoga', productName: 'Yoga pack', customerName: "Zoë O'Brien", overdrawnBy: 1 }] });
    const overdrawn = review.ok && review.items[0]?.kind === 'overdrawn' ? review.items[0] : null;
    expect(overdrawn?.checkIns).toEqual([
      { checkInId: 'l-other', deskId: 'B', at: '2026-03-10T07:50:00Z', passId: 'x-yoga' },
      { checkInId: 'l-other-2', deskId: 'B', at: '2026-03-10T07:52:00Z', passId: 'x-yoga' },
    ]);
    // Giving one back settles it: nothing left to review.
    expect(await desk.call('undoCheckIn', { checkInId: 'l-other', reason: 'overdrawn after sync' })).toMatchObject({ ok: true });
    expect(await desk.call('syncReview', {})).toEqual({ ok: true, items: [] });
  });

  it('previews which pass a check-in would use before the key is pressed, with the passes to name it by', async () => {
    const preview = await desk.call('previewCheckIn', { customerId: 'c1', sessionId: null });
    expect(preview).toMatchObject({ ok: true, preview: { kind: 'redeem', passId: 'x-old', alreadyCheckedIn: false } });
    expect(preview.ok && preview.passes.map((view) => view.pass.id)).toEqual(['x-new', 'x-old']);
  });

  it('answers the door with the matches and what Enter would do for the first, in one call', async () => {
    const answer = await desk.call('findAtDoor', { query: 'ada', limit: 5, sessionId: null });
    expect(answer).toMatchObject({ ok: true, hits: [{ customer: { id: 'c1' }, matchedCode: null }] });
    expect(answer.ok && answer.previewOfFirst).toEqual(await desk.call('previewCheckIn', { customerId: 'c1', sessionId: null }));
    expect(await desk.call('findAtDoor', { query: 'pass-0003', sessionId: 's1' })).toMatchObject({
      ok: true, hits: [{ customer: { id: 'c2' }, matchedCode: 'PASS-0003' }], previewOfFirst: { ok: true, preview: { kind: 'attendance', bookingId: 'b1' } },
    });
    expect(await desk.call('findAtDoor', { query: 'nobody', sessionId: null })).toEqual({ ok: true, hits: [], previewOfFirst: null });
    // A session gone (a re-import): the matches still come, the preview says why it has none.
    expect(await desk.call('findAtDoor', { query: 'ada', sessionId: 's-gone' })).toMatchObject({
      ok: true, hits: [{ customer: { id: 'c1' } }], previewOfFirst: { ok: false, error: 'unknown-session' },
    });
  });
});

describe('the one entry point', () => {
  // Found by the fuzz (test/fuzz/apiFuzz.ts): a call that takes no payload ran whatever it was
  // given, and a name that cannot be made text made `call` reject instead of answering.
  it.each([
    { rule: 'a payload where none is taken', name: 'unpairEndpoint', payload: { force: true }, issue: /^payload: Unrecognized key/ },
    { rule: 'no payload at all', name: 'todaySessions', payload: undefined, issue: /^payload: / },
    { rule: 'a name that cannot be made text', name: { toString: 5 }, payload: {}, issue: /^name: no such call/ },
  ])('refuses $rule, as the bridges\' gate does', async ({ name, payload, issue }) => {
    const result = await desk.call(name as never, payload);
    expect(result).toMatchObject({ ok: false, error: 'invalid-input' });
    expect((result as { issues?: string[] }).issues).toContainEqual(expect.stringMatching(issue));
  });
});

describe('loading a venue file', () => {
  it('refuses one that moves the venue to another time zone, and changes nothing', async () => {
    const moved = venue();
    moved.venue = { ...moved.venue, timeZone: 'America/New_York' };
    moved.customers = [...moved.customers, { id: 'c-new', name: 'New Person' }];
    const loaded = await desk.loadVenue(moved);
    expect(loaded).toMatchObject({ ok: false });
    expect(loaded).toMatchObject({ note: { note: 'file-time-zone', file: 'America/New_York' } });
    expect(desk.context.memory.customers.has('c-new')).toBe(false);
    expect(await desk.context.db.customers.findOne('c-new').exec()).toBeNull();
  });
});

describe('persistence of memory', () => {
  it('rebuilds the same state from the database on reopen', async () => {
    await desk.call('checkIn', { customerId: 'c1', sessionId: null });
    nowMs += 60_000;
    await desk.call('overrideUses', { passId: 'x-old', total: 5 });
    const before = await desk.call('passState', { passId: 'x-old' });
    const db = desk.context.db;
    const name = db.name;
    await desk.close();
    const reopened = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), name);
    desk = await openDesk({ db: reopened, identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs });
    expect(await desk.call('passState', { passId: 'x-old' })).toEqual(before);
    // The clock continues after the stored entries, never behind them.
    nowMs -= 3_600_000;
    await desk.call('overrideUses', { passId: 'x-old', total: 6 });
    expect(await desk.call('passState', { passId: 'x-old' })).toMatchObject({ view: { state: { total: 6 } } });
  });
});
