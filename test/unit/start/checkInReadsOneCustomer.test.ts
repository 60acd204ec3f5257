// Issue 14 item 7a: the first check-in on a pass waited for every customer's passes and
// summaries (the customers' part of the start: at the large venue ~40 s against 0.9 s of a bare
// read, docs/performance.md). A check-in, and its preview, now read their customer alone when
// the bundles are cut by customer (main/state/customersOnDemand.ts), and decide exactly as a
// desk that read everything first.
import { describe, expect, it } from 'vitest';
import type { RxStorage, RxStorageInstance } from 'rxdb';
import type { VenueData } from '../../../shared/schema/records';
import { generateDemoVenue } from '../../../shared/venue/generateDemoVenue';
import { resolveVenueFile } from '../../../shared/venue/resolveVenueFile';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import type { DeskDatabase } from '../../../main/db/deskDatabase';
import { BUNDLES_DOCUMENT, readBundlesState } from '../../../main/db/bundles';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import { closedAfterEach, fakeStorage } from '../desk/deskOnFakeStorage';

const today = '2026-03-10';
const nowMs = Date.parse('2026-03-10T17:00:00Z');
const resolved = resolveVenueFile(generateDemoVenue({ customers: 300, seed: 3, today, timeZone: 'Europe/London' }));
if (!resolved.ok) throw new Error('the demo venue is refused');
const venue: VenueData = resolved.data;
const candidates = venue.customers.slice(0, 40).map((customer) => customer.id);

/**
 * The fake storage, with every read of the customers' part of the start (the bundles of
 * customers, passes and summaries read in bundle order) held until `release`.
 */
function heldStorage(): { storage: RxStorage<unknown, unknown>; release: () => void } {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  const storage: RxStorage<unknown, unknown> = {
    ...fakeStorage,
    async createStorageInstance(params) {
      const instance = await fakeStorage.createStorageInstance(params as never) as RxStorageInstance<unknown, unknown, unknown>;
      if (params.collectionName !== 'bundles') return instance;
      const query = instance.query.bind(instance);
      instance.query = async (prepared) => {
        const from = (prepared.query.selector as { id?: { $gt?: unknown } }).id?.$gt;
        if (typeof from === 'string' && /^(customers|passes|summaries):/.test(from)) await released;
        return query(prepared);
      };
      return instance;
    },
  } as RxStorage<unknown, unknown>;
  return { storage, release };
}

const opened = closedAfterEach();
const open = async (name: string, storage: RxStorage<unknown, unknown> = fakeStorage): Promise<Desk> =>
  (opened.desk = await openDesk({ db: await openDeskDatabase(storage, name), identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs }));

/** The venue loaded into a new database, closed: the next open is a cold start. */
const loaded = async (name: string, change?: (db: DeskDatabase) => Promise<void>) => {
  const desk = await open(name);
  expect((await desk.loadVenue(venue)).ok).toBe(true);
  await change?.(desk.context.db);
  await desk.close();
  opened.desk = null;
};

/** What the door does for each candidate: the preview, then the check-in (twice: the second sees the first). */
const doorRounds = async (desk: Desk, customerIds: readonly string[] = candidates) => {
  const answers = [];
  for (const customerId of customerIds) {
    answers.push(await desk.call('previewCheckIn', { customerId, sessionId: null }));
    for (let round = 0; round < 2; round += 1) {
      const answer = await desk.call('checkIn', { customerId, sessionId: null, confirmDuplicate: true });
      answers.push(answer.ok ? { passId: answer.passId, charged: answer.charged, remaining: answer.charged ? answer.remaining : null } : answer);
    }
  }
  return answers;
};

/**
 * Long enough for a loaded machine to answer what it can (a desk that waits for the held part
 * never answers); a call that must wait is looked at after WAITING_MS.
 */
const ANSWERED_WITHIN_MS = 40_000;
const WAITING_MS = 300;

/** `promise`, or 'still waiting' after `ms`. */
const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);

describe('the first check-in on a pass after a cold start', () => {
  it('is answered while every other customer is still being read, as a desk that read everything first answers it', async () => {
    await loaded('one-customer-whole');
    const whole = await open('one-customer-whole');
    await whole.customersIn;
    const expected = await doorRounds(whole);
    await whole.close();

    await loaded('one-customer-alone');
    const held = heldStorage();
    const desk = await open('one-customer-alone', held.storage);
    const answers = await within(doorRounds(desk), ANSWERED_WITHIN_MS);
    const customersWereIn = desk.context.memory.customers.size === venue.customers.length;
    held.release();
    await desk.customersIn;
    expect(customersWereIn).toBe(false);
    expect(answers).toEqual(expected);
    expect(expected.some((answer) => 'ok' in answer && !answer.ok)).toBe(true);
    // The customers' part, read after, leaves what was read alone as it was: the same answers again.
    expect(await doorRounds(desk, candidates.slice(0, 10))).toEqual(await doorRounds(await reopenedWhole('one-customer-whole'), candidates.slice(0, 10)));
  }, 180_000);

  it('counts an entry another desk wrote, pulled while the customer is not read yet', async () => {
    const customerId = candidates[3]!;
    await loaded('pulled-b');
    const other = await openDesk({ db: await openDeskDatabase(fakeStorage, 'pulled-b'), identity: { deskId: 'B', staff: 'Kim' }, now: () => nowMs });
    await other.customersIn;
    const theirs = await other.call('checkIn', { customerId, sessionId: null });
    expect(theirs.ok && theirs.charged).toBe(true);
    const pulled = other.context.memory.ledger.get(theirs.ok ? theirs.checkInId : '')!;
    const after = await other.call('previewCheckIn', { customerId, sessionId: null });
    await other.close();

    await loaded('pulled-a');
    const held = heldStorage();
    const desk = await open('pulled-a', held.storage);
    // As a pull writes it (main/sync/collectionReplication.ts): into the ledger, seen by its change event.
    await desk.context.db.ledger.insert(pulled as never);
    const preview = await within(desk.call('previewCheckIn', { customerId, sessionId: null }), ANSWERED_WITHIN_MS);
    held.release();
    expect(preview).toEqual({ ...(after as object), preview: { ...(after as { preview: object }).preview, alreadyCheckedIn: true } });
    await desk.customersIn;
    expect(await desk.call('previewCheckIn', { customerId, sessionId: null })).toEqual(preview);
  });

  it('waits for every customer when one of the customer\'s passes was written since the bundles (its summary may be another customer\'s)', async () => {
    const customerId = candidates[0]!;
    const other = candidates[1]!;
    const moved = venue.passes.find((pass) => pass.customerId === other)!;
    await loaded('moved-pass', (db) => db.passes.upsert({ ...moved, customerId }).then(() => undefined));
    const held = heldStorage();
    const desk = await open('moved-pass', held.storage);
    const waiting = desk.call('previewCheckIn', { customerId, sessionId: null });
    expect(await within(waiting, WAITING_MS)).toBe('still waiting');
    // Another customer is read alone meanwhile.
    const third = await within(desk.call('previewCheckIn', { customerId: candidates[2]!, sessionId: null }), ANSWERED_WITHIN_MS);
    expect(third).not.toBe('still waiting');
    held.release();
    const preview = await waiting;
    expect(preview.ok && preview.passes.some((view) => view.pass.id === moved.id)).toBe(true);
    const otherPreview = await desk.call('previewCheckIn', { customerId: other, sessionId: null });
    expect(otherPreview.ok && otherPreview.passes.some((view) => view.pass.id === moved.id)).toBe(false);
    expect(otherPreview.ok).toBe(true);
  });

  it('waits for every customer on bundles cut by pass (a snapshot\'s, or an older desk\'s venue file)', async () => {
    await loaded('cut-by-pass', async (db) => {
      const state = await readBundlesState(db);
      const { byCustomer, ...byPass } = state!;
      expect(byCustomer).toBe(true);
      await db.upsertLocal(BUNDLES_DOCUMENT, byPass);
    });
    const held = heldStorage();
    const desk = await open('cut-by-pass', held.storage);
    const waiting = desk.call('previewCheckIn', { customerId: candidates[0]!, sessionId: null });
    expect(await within(waiting, WAITING_MS)).toBe('still waiting');
    held.release();
    expect((await waiting).ok).toBe(true);
  });
});

async function reopenedWhole(name: string): Promise<Desk> {
  const whole = await openDesk({ db: await openDeskDatabase(fakeStorage, name), identity: { deskId: 'A', staff: 'Sam' }, now: () => nowMs });
  await whole.customersIn;
  // Closed with the test's desk: both are open at once here.
  const close = opened.desk!.close.bind(opened.desk!);
  opened.desk!.close = async () => { await whole.close(); await close(); };
  return whole;
}
