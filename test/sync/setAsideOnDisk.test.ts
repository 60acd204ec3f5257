// Issue 12, build item 1: "Nothing read from anywhere — a pulled document, a snapshot page, a
// venue file, a record already on disk — can crash main or stop a desk from opening: what a
// desk cannot use is set aside (kept, logged, counted in the status), never thrown at start."
// Records already on a desk's disk, of every collection, bad and extreme: the desk opens.
import { afterEach, describe, expect, it } from 'vitest';
import type { RxCollection } from 'rxdb';
import { MAX_HLC_COUNTER, MAX_HLC_WALL_MS, formatHlc } from '../../shared/rules/hybridLogicalClock';
import type { TestDesk } from './syncTestbed';
import { openTestDesk, testDeskEpochMs, tinyVenue } from './syncTestbed';

const opened: TestDesk[] = [];
afterEach(async () => {
  for (const desk of opened.splice(0)) await desk.close().catch(() => undefined);
});

const widest = (length: number) => '漢'.repeat(length);
type Collection = 'products' | 'customers' | 'passes' | 'sessions' | 'bookings' | 'ledger';

/** What an older version, or a bug, may have left on disk: not one of these fits the shared schemas. */
const bad: [Collection, Record<string, unknown>][] = [
  ['customers', { id: 'c-bad', email: 7 }],
  ['passes', { id: 'x-bad', customerId: 'c1', code: { nested: true } }],
  ['products', { id: 'p-bad', validFor: null }],
  ['sessions', { id: 's-bad', startsAt: 'yesterday' }],
  ['bookings', { id: 'b-bad', passId: 'x1' }],
  ['ledger', { id: 'l-bad', kind: 'uses-override', venueId: 'v-disk', passId: 'x1', customerId: 'c1', sessionId: '', deskId: 'zz', staff: '', reason: '', at: 'never', hlc: '999999999999999:999999:zz', total: -1 }],
];

/** Records at every edge the schemas allow: the desk takes them. */
const extreme: [Collection, Record<string, unknown>][] = [
  ['customers', { id: 'c-x', name: widest(200), email: widest(320) }],
  ['products', { id: 'p-x', name: widest(200), uses: 100_000, expiry: { kind: 'relative', days: 3650 }, validFor: [widest(100)] }],
  ['passes', { id: 'x-x', customerId: 'c-x', productId: 'p-x', productName: widest(200), purchasedAt: '0001-01-01T00:00:00.000Z', code: widest(100), terms: { uses: 100_000, expiry: { kind: 'fixed', date: '9999-12-31' }, validFor: 'all' } }],
  ['sessions', { id: 's-x', name: widest(200), category: widest(100), startsAt: '9999-12-31T23:59:59.999Z', endsAt: '0001-01-01T00:00:00.000Z' }],
  ['bookings', { id: 'b-x', sessionId: 's-x', customerId: 'c-x', passId: 'x-x', bookedAt: '9999-12-31T23:59:59.999Z' }],
  ['ledger', {
    id: 'l-x', kind: 'uses-override', venueId: 'v-disk', passId: 'x-x', customerId: 'c-x', sessionId: '', deskId: widest(200), staff: widest(200), reason: widest(500),
    at: '9999-12-31T23:59:59.999Z', hlc: formatHlc({ wallMs: MAX_HLC_WALL_MS, counter: MAX_HLC_COUNTER }, widest(200)), total: 100_000,
  }],
];

async function reopenedWith(records: [Collection, Record<string, unknown>][]): Promise<TestDesk> {
  const first = await openTestDesk({ deskId: 'A', venue: tinyVenue('v-disk') });
  for (const [collection, record] of records) {
    await (first.desk.context.db[collection] as unknown as RxCollection<Record<string, unknown>>).insert(record);
  }
  await first.close();
  const again = await openTestDesk({ deskId: 'A', venue: null, databaseName: first.databaseName });
  opened.push(again);
  // The door opens before the customers and passes are read (main/desk/loadMemory.ts): all of it is looked at here.
  await again.desk.customersIn;
  return again;
}

describe('records already on disk', () => {
  it('that fit no schema: the desk opens, sets each aside (logged, counted in the status), and checks people in', async () => {
    const desk = await reopenedWith(bad);
    const status = desk.desk.status('connected');
    expect(status.venue?.id).toBe('v-disk');
    expect(status.setAside).toBeGreaterThanOrEqual(1);
    expect(desk.logs.some((line) => line.startsWith('desk: set aside ledger entry l-bad'))).toBe(true);
    expect(await desk.desk.call('checkIn', { customerId: 'c2', sessionId: null, confirmDuplicate: true })).toMatchObject({ ok: true });
    expect(await desk.desk.call('search', { query: 'ada' })).toMatchObject({ ok: true });
  });

  it('at every edge the schemas allow: the desk opens, takes them, and stays on its own clock', async () => {
    const desk = await reopenedWith(extreme);
    expect(desk.desk.status('connected').setAside).toBe(0);
    expect(desk.desk.context.memory.customers.has('c-x')).toBe(true);
    expect(desk.desk.context.memory.ledger.has('l-x')).toBe(true);
    expect(await desk.desk.call('passState', { passId: 'x-x' })).toMatchObject({ ok: true, view: { state: { total: 100_000 } } });
    const checkedIn = await desk.desk.call('checkIn', { customerId: 'c2', sessionId: null, confirmDuplicate: true });
    expect(checkedIn).toMatchObject({ ok: true });
    const own = desk.desk.context.memory.ledger.get((checkedIn as { checkInId: string }).checkInId)!;
    expect(own.hlc.startsWith(String(testDeskEpochMs).padStart(15, '0'))).toBe(true);
  });
});
