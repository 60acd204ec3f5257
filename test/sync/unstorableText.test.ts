// Found by the fuzzed boundaries (test/fuzz/): a reason with a NUL character (or half a
// surrogate pair) was accepted by the desk, and the endpoint, which cannot store it, refused
// the ledger entry and with it the desk's whole push, at every round, for ever. The desk now
// refuses such text where it is typed, and an entry that holds some already is kept on the
// desk, logged, while the rest of its entries sync.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/schema/records';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import { endpointDocuments, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';

let endpoint: RunningEndpoint;
beforeAll(async () => {
  endpoint = await startTestEndpoint();
});
afterAll(async () => {
  await endpoint?.close();
});

it('refuses a reason the endpoint cannot store, and keeps an entry holding one on the desk while the others sync', async () => {
  const venue = tinyVenue('unstorable');
  const [settings, observer] = await venueOnEndpoint(endpoint, venue, ['A', 'observer']);
  const a = await openTestDesk({ deskId: 'A', venue });
  try {
    const checkIn = await a.desk.call('checkIn', { customerId: 'c2', sessionId: null, confirmDuplicate: true }) as { checkInId: string };
    expect(await a.desk.call('undoCheckIn', { checkInId: checkIn.checkInId, reason: 'typo\u0000' })).toMatchObject({ ok: false, error: 'invalid-input', issues: [expect.stringMatching(/^reason: /)] });

    // As an entry written before the desk refused such text would be.
    const { context } = a.desk;
    const held: LedgerEntry = {
      kind: 'undo-check-in', id: 'undo-with-nul', venueId: venue.venue.id, checkInId: checkIn.checkInId, passId: 'x2', customerId: 'c2', sessionId: '',
      deskId: 'A', staff: context.identity.staff, reason: 'typo\u0000', at: new Date(context.now()).toISOString(), hlc: context.nextHlc(context.now()),
    };
    await context.appendLedger(held);
    const later = await a.desk.call('checkIn', { customerId: 'c1', sessionId: null, confirmDuplicate: true }) as { checkInId: string };

    expect(await a.desk.sync.syncRound(settings!)).toMatchObject({ ok: true });
    const ids = (await endpointDocuments(observer!, 'ledger')).map((document) => document.id);
    expect(ids).toEqual(expect.arrayContaining([checkIn.checkInId, later.checkInId]));
    expect(ids).not.toContain('undo-with-nul');
    expect(a.logs).toContainEqual(expect.stringMatching(/ledger entry undo-with-nul is not sent to the endpoint \(reason: must not contain the NUL character/));
  } finally {
    await a.close();
  }
});
