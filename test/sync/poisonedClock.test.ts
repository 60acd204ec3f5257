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
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';
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

async function open(deskId: string, venueId: string, databaseName?: string, nowMs = deskNowMs): Promise<TestDesk> {
  const desk = await openTestDesk({ deskId, venue: databaseName ? null : tinyVenue(venueId), nowMs, ...(databaseName ? { databaseName } : {}) });
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

describe('a desk whose clock is wrong', () => {
  const dayMs = 86_400_000;

  async function roundsUntilOk(on: TestDesk, settings: EndpointSettings): Promise<void> {
    for (let round = 0; round < 10; round += 1) if ((await on.desk.sync.syncRound(settings)).ok) return;
    throw new Error(`no successful round: ${on.logs.join('\n')}`);
  }

  it('a day fast while offline: its check-in and override, refused as clock-ahead, are re-timed by the measured offset, count, and do not outrank a later genuine override', async () => {
    const { venueId, desk: settingsA } = await freshVenue();
    const b = (await endpoint.server.admin.issueDevice(venueId, 'B')).token;
    const a = await open('A', venueId, undefined, deskNowMs + dayMs);
    const usedBefore = await passUsed(a, 'x2');
    const checkInId = await a.desk.call('checkIn', { customerId: 'c2', sessionId: null, confirmDuplicate: true }).then((result) => (result as { checkInId: string }).checkInId);
    expect(await a.desk.call('overrideUses', { passId: 'x2', total: 5, reason: '' })).toMatchObject({ ok: true });
    // Desk B, whose clock is right, sets the total a minute later (in real time): it must win.
    const deskB = await open('B', venueId, undefined, deskNowMs + 60_000);
    expect(await deskB.desk.call('overrideUses', { passId: 'x2', total: 7, reason: '' })).toMatchObject({ ok: true });
    await roundsUntilOk(deskB, { url: endpoint.url, token: b });

    await roundsUntilOk(a, settingsA);
    expect(a.logs.some((line) => line.includes(`ledger entry ${checkInId} was stamped`))).toBe(true);
    const onEndpoint = (await endpointDocuments(settingsA, 'ledger')) as unknown as LedgerEntry[];
    const fromA = onEndpoint.filter((entry) => entry.deskId === 'A');
    expect(fromA).toHaveLength(2);
    for (const entry of fromA) expect(parseHlc(entry.hlc).wallMs).toBeLessThanOrEqual(deskNowMs + CLOCK_SKEW_BOUND_MS);
    await roundsUntilOk(deskB, { url: endpoint.url, token: b });
    for (const each of [a, deskB]) {
      const answer = await each.desk.call('passState', { passId: 'x2' });
      expect(answer).toMatchObject({ ok: true, view: { state: { total: 7 } } });
      expect(await passUsed(each, 'x2')).toBe(usedBefore + 1);
    }
    // The desk knows its clock is a day fast, says so, and stamps new entries from the endpoint's time.
    expect(a.desk.status('connected').clock).toMatchObject({ wrong: true });
    expect(a.desk.status('connected').clock.offsetMs!).toBeLessThan(-dayMs + 60_000);
    const later = await checkIn(a);
    expect(Math.abs(parseHlc(ownStamp(a, later)).wallMs - deskNowMs)).toBeLessThan(60_000);
    expect(await a.desk.sync.syncRound(settingsA)).toMatchObject({ ok: true });
  });

  // Issue 12: re-timing moved only the stamp; the check-in kept the instant and venue day of
  // the wrong clock, so it counted (and stood in the duplicate rule) on a day it never happened.
  it('a day fast while offline: its re-timed check-in counts on the venue day it really happened, its instant and venue day moved with its stamp', async () => {
    const { venueId, desk: settingsA } = await freshVenue();
    const a = await open('A', venueId, undefined, deskNowMs + dayMs);
    const checkInId = await checkIn(a);
    expect(await a.desk.call('overrideUses', { passId: 'x2', total: 5, reason: '' })).toMatchObject({ ok: true });
    expect(a.desk.context.memory.ledger.get(checkInId)).toMatchObject({ at: '2026-02-02T17:00:00.000Z', venueDay: '2026-02-02' });
    await roundsUntilOk(a, settingsA);
    const onEndpoint = (await endpointDocuments(settingsA, 'ledger')) as unknown as LedgerEntry[];
    for (const held of [onEndpoint.filter((entry) => entry.deskId === 'A'), [...a.desk.context.memory.ledger.values()].filter((entry) => entry.deskId === 'A')]) {
      expect(held).toHaveLength(2);
      for (const entry of held) {
        expect(Math.abs(Date.parse(entry.at) - deskNowMs)).toBeLessThan(60_000);
        expect(Math.abs(Date.parse(entry.at) - parseHlc(entry.hlc).wallMs)).toBeLessThan(60_000);
      }
      expect(held.find((entry) => entry.id === checkInId)).toMatchObject({ venueDay: '2026-02-01' });
    }
    expect((await a.desk.context.db.ledger.findOne(checkInId).exec())?.venueDay).toBe('2026-02-01');
    // The duplicate rule sees it on its real day: a second walk-in of Ada today asks first.
    expect(await a.desk.call('checkIn', { customerId: 'c1', sessionId: null, confirmDuplicate: false })).toMatchObject({ ok: false, error: 'already-checked-in' });
    expect(await a.desk.call('syncReview', {})).toMatchObject({ ok: true, items: [] });
  });

  it('the endpoint\'s time cannot be read: its entry refused as clock-ahead is listed in the review list with why, and sent (and no longer listed) once it can', async () => {
    const { venueId, desk: settingsA } = await freshVenue();
    const a = await open('A', venueId, undefined, deskNowMs + dayMs);
    const checkInId = await checkIn(a);
    const noHello = networkWith(async (exchange, deliver) => (exchange.url.pathname.endsWith('/sync/hello') ? jsonAnswer({ error: 'unavailable' }, 503) : deliver()));
    expect(await a.desk.sync.syncRound(settingsA, noHello)).toMatchObject({ ok: false });
    expect(await a.desk.call('syncReview', {})).toMatchObject({
      ok: true, items: [{ kind: 'not-sent', entryId: checkInId, entryKind: 'check-in', customerName: 'Ada Lovelace', reason: 'clock-unmeasured' }],
    });
    await roundsUntilOk(a, settingsA);
    expect(await a.desk.call('syncReview', {})).toMatchObject({ ok: true, items: [] });
    const sent = ((await endpointDocuments(settingsA, 'ledger')) as unknown as LedgerEntry[]).find((entry) => entry.id === checkInId);
    expect(Math.abs(Date.parse(sent!.at) - deskNowMs)).toBeLessThan(60_000);
  });

  it('refused again after re-timing (the endpoint\'s time read wrong): listed in the review list with why; re-timed again from its first times, never twice over, once the time is read right', async () => {
    const { venueId, desk: settingsA } = await freshVenue();
    const a = await open('A', venueId, undefined, deskNowMs + dayMs);
    const checkInId = await checkIn(a);
    // A proxy that answers the endpoint's time a day late: re-timing by it changes nothing.
    const wrongTime = networkWith(async (exchange, deliver) => {
      if (!exchange.url.pathname.endsWith('/sync/hello')) return deliver();
      const hello = (await (await deliver()).json()) as { serverTime: string };
      return jsonAnswer({ ...hello, serverTime: new Date(Date.parse(hello.serverTime) + dayMs).toISOString() });
    });
    expect(await a.desk.sync.syncRound(settingsA, wrongTime)).toMatchObject({ ok: false });
    expect(await a.desk.sync.syncRound(settingsA, wrongTime)).toMatchObject({ ok: false });
    expect(await a.desk.call('syncReview', {})).toMatchObject({ ok: true, items: [{ kind: 'not-sent', entryId: checkInId, reason: 'clock-ahead-again' }] });
    await roundsUntilOk(a, settingsA);
    expect(await a.desk.call('syncReview', {})).toMatchObject({ ok: true, items: [] });
    const sent = ((await endpointDocuments(settingsA, 'ledger')) as unknown as LedgerEntry[]).find((entry) => entry.id === checkInId);
    expect(Math.abs(Date.parse(sent!.at) - deskNowMs)).toBeLessThan(60_000);
    expect(sent).toMatchObject({ venueDay: '2026-02-01' });
  });

  it('paired live, it measures its clock at the endpoint and says so until it is fixed', async () => {
    const { venueId, desk: settings } = await freshVenue();
    const a = await open('A', venueId, undefined, deskNowMs - 2 * 3_600_000);
    expect(await a.desk.call('pairEndpoint', settings)).toMatchObject({ ok: true });
    await eventually('the clock measured as wrong', () => a.desk.status('connected').clock.wrong);
    expect(a.desk.status('connected').clock.offsetMs!).toBeGreaterThan(2 * 3_600_000 - 60_000);
    expect(a.logs.some((line) => /clock is \d+ s slow/.test(line))).toBe(true);
    const id = await checkIn(a);
    expect(Math.abs(parseHlc(ownStamp(a, id)).wallMs - deskNowMs)).toBeLessThan(60_000);
    await eventually('the check-in on the endpoint', async () => (await endpointDocuments(settings, 'ledger')).some((document) => document.id === id));
  });
});
