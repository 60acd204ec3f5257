// Issue 13, a rough edge seen in the trial: "Last check-ins on this desk" came back scrambled
// after a restart (memory is filled in the database's key order, and ids are UUIDs), and the
// door's Undo sits on the top row, which must be the newest check-in.
import { describe, expect, it } from 'vitest';
import { closedAfterEach, openDeskNamed, venueWith } from '../desk/deskOnFakeStorage';

const customers = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal'].map((name, index) => ({ id: `c${index}`, name }));

const venue = venueWith('v-recent', customers, customers.map((customer) => ({
  id: `x-${customer.id}`, customerId: customer.id, productId: 'p', productName: '10 classes',
  purchasedAt: '2026-01-05T10:00:00Z', code: `PASS-${customer.id}`, terms: { uses: 10, expiry: { kind: 'none' as const }, validFor: 'all' as const },
})));
const opened = closedAfterEach();

describe('last check-ins on this desk', () => {
  it('come back newest first after a restart, so Undo on the top row undoes the latest', async () => {
    let nowMs = Date.parse('2026-03-10T17:00:00Z');
    const name = 'recent-order';
    const desk = opened.desk = await openDeskNamed(name, () => nowMs);
    expect((await desk.loadVenue(venue)).ok).toBe(true);
    for (const customer of customers) {
      nowMs += 60_000;
      expect(await desk.call('checkIn', { customerId: customer.id, sessionId: null })).toMatchObject({ ok: true });
    }
    const newestFirst = [...customers].reverse().map((customer) => customer.name);
    const names = async () => {
      const answer = await opened.desk!.call('recentCheckIns', {});
      return answer.ok ? answer.items.map((item) => item.customerName) : [];
    };
    expect(await names()).toEqual(newestFirst);

    await desk.close();
    opened.desk = await openDeskNamed(name, () => nowMs);
    expect(await names()).toEqual(newestFirst);
  });
});
