// Issue 12, finding 1: "One entry stops every desk of a venue." A ledger entry that passes every
// schema but carries an extreme clock stamp (`999999999999999:999999:zz`), pushed once with any
// valid device token, was accepted and replicated; each desk's clock jumped to it, its next
// stamp overflowed to 16 digits, its own entries were refused by its own push schema, and the
// database could no longer be opened. SPEC "Clocks": "No entry from any desk, whatever its time
// stamp, may stop another desk or move its clock far from real time."
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/schema/records';
import type { LedgerDocument } from '../../shared/schema/collections';
import { CLOCK_SKEW_BOUND_MS, MAX_HLC_WALL_MS, formatHlc, parseHlc } from '../../shared/rules/hybridLogicalClock';
import type { EndpointSettings } from '../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { TestDesk } from './syncTestbed';
import { endpointDocuments, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';
import { jsonAnswer, networkWith } from './faultyNetwork';

const deskNowMs = Date.parse('2026-02-01T17:00:00Z');
let endpoint: RunningEndpoint;
let venues = 0;
const opened: TestDesk[] = [];

beforeAll(async () => {
  endpoint = await startTestEndpoint();
});
afterAll(async () => {
  await endpoint?.close();
});
afterEach(async () => {
  for (const desk of opened.splice(0)) await desk.close().catch(() => undefined);
});

async function freshVenue(): Promise<{ venueId: string; desk: EndpointSettings; attacker: EndpointSettings }> {
  const venueId = `clock-${++venues}`;
  const [desk, attacker] = await venueOnEndpoint(endpoint, tinyVenue(venueId), ['A', 'attacker']);
  return { venueId, desk: desk!, attacker: attacker! };
}

async function open(deskId: string, venueId: string, databaseName?: string): Promise<TestDesk> {
  const desk = await openTestDesk({ deskId, venue: databaseName ? null : tinyVenue(venueId), nowMs: deskNowMs, ...(databaseName ? { databaseName } : {}) });
  opened.push(desk);
  return desk;
}

async function reopen(desk: TestDesk, venueId: string): Promise<TestDesk> {
  opened.splice(opened.indexOf(desk), 1);
  await desk.close();
  return open(desk.desk.context.deskId, venueId, desk.databaseName);
}

function checkInStamped(venueId: string, id: string, hlc: string): LedgerEntry {
  return {
    id, kind: 'check-in', venueId, passId: 'x2', customerId: 'c2', sessionId: '', deskId: 'zz', staff: 'Mallory', reason: '',
    at: '2026-02-01T16:00:00Z', hlc, charged: true, bookingId: '', venueDay: '2026-02-01',
  };
}

async function checkIn(on: TestDesk): Promise<string> {
  const result = await on.desk.call('checkIn', { customerId: 'c1', sessionId: null, confirmDuplicate: true });
  expect(result).toMatchObject({ ok: true });
  return (result as { checkInId: string }).checkInId;
}

const ownStamp = (on: TestDesk, id: string) => on.desk.context.memory.ledger.get(id)!.hlc;

describe('one entry stamped 999999999999999:999999:zz', () => {
  it('pushed with a valid device token is refused by the endpoint, and no desk ever sees it', async () => {
    const { venueId, desk, attacker } = await freshVenue();
    const pushed = await new SyncEndpoint(attacker).push([{ newDocumentState: { ...checkInStamped(venueId, 'poison', '999999999999999:999999:zz'), _deleted: false } }]);
    expect(pushed).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 400 } });
    expect((await endpointDocuments(desk, 'ledger')).map((document) => document.id)).not.toContain('poison');
  });

  it('already on a desk\'s disk (written before stamps had bounds) does not stop it opening, moving its clock, or sending its own entries', async () => {
    const { venueId, desk: settings } = await freshVenue();
    const a = await open('A', venueId);
    await a.desk.context.db.ledger.insert(checkInStamped(venueId, 'poison', '999999999999999:999999:zz') as LedgerDocument);
    const again = await reopen(a, venueId);
    expect(again.desk.status('connected').setAside).toBe(1);
    expect(again.logs.some((line) => line.includes('set aside ledger entry poison'))).toBe(true);
    const id = await checkIn(again);
    expect(parseHlc(ownStamp(again, id)).wallMs).toBe(deskNowMs);
    expect(await again.desk.sync.syncRound(settings)).toMatchObject({ ok: true });
    expect((await endpointDocuments(settings, 'ledger')).map((document) => document.id)).toContain(id);
    const third = await reopen(again, venueId);
    expect(third.desk.context.memory.ledger.has(id)).toBe(true);
  });
});

describe('a stamp far ahead but within the bounds', () => {
  const farAhead = (venueId: string, id: string) => checkInStamped(venueId, id, formatHlc({ wallMs: MAX_HLC_WALL_MS, counter: 999_999 }, 'zz'));

  it('is refused by the endpoint with clock-ahead', async () => {
    const { venueId, attacker } = await freshVenue();
    const pushed = await new SyncEndpoint(attacker).push([{ newDocumentState: { ...farAhead(venueId, 'ahead'), _deleted: false } }]);
    expect(pushed).toMatchObject({ ok: false, failure: { kind: 'rejected', status: 409, code: 'clock-ahead' } });
  });

  it('pulled by a desk is stored and counted, but moves its clock no more than ε past its own time', async () => {
    const { venueId, desk: settings } = await freshVenue();
    const a = await open('A', venueId);
    const usedBefore = await passUsed(a, 'x2');
    // An endpoint that lets it through (an older one, or one with a bug) hands it to the desk.
    const smuggling = networkWith(async (exchange, deliver) => {
      if (!exchange.url.pathname.endsWith('/sync/ledger/pull') || exchange.url.searchParams.has('seq')) return deliver();
      const answer = (await (await deliver()).json()) as { documents: unknown[]; checkpoint: unknown };
      return jsonAnswer({ ...answer, documents: [...answer.documents, { ...farAhead(venueId, 'ahead'), _deleted: false }] });
    });
    expect(await a.desk.sync.syncRound(settings, smuggling)).toMatchObject({ ok: true });
    expect(a.desk.context.memory.ledger.has('ahead')).toBe(true);
    expect(await passUsed(a, 'x2')).toBe(usedBefore + 1);
    const id = await checkIn(a);
    expect(parseHlc(ownStamp(a, id)).wallMs).toBeLessThanOrEqual(deskNowMs + CLOCK_SKEW_BOUND_MS);
    const again = await reopen(a, venueId);
    const next = await checkIn(again);
    expect(parseHlc(ownStamp(again, next)).wallMs).toBeLessThanOrEqual(deskNowMs + CLOCK_SKEW_BOUND_MS);
    expect(await again.desk.sync.syncRound(settings)).toMatchObject({ ok: true });
  });
});

async function passUsed(on: TestDesk, passId: string): Promise<number> {
  const answer = await on.desk.call('passState', { passId });
  if (!answer.ok) throw new Error(answer.error);
  return answer.view.state.used;
}
