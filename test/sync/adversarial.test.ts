// Sync against a network and an endpoint that misbehave (STYLE.md "Adversarial sync tests"):
// duplicate delivery, a push retried after its answer was lost, a late replay, out-of-order
// pulls, a different entry under an id this desk holds, and documents that fail the shared
// schemas. Desks are driven by explicit rounds, each over the network the test gives it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../shared/schema/records';
import type { LedgerDocument } from '../../shared/schema/collections';
import type { EndpointSettings, FetchFunction } from '../../main/sync/syncEndpoint';
import { SyncEndpoint } from '../../main/sync/syncEndpoint';
import { recordOf } from '../../main/sync/ledgerHistoryGuard';
import type { RunningEndpoint } from '../scenarios/scenarioEndpoint';
import type { TestDesk } from './syncTestbed';
import { endpointDocuments, eventually, openTestDesk, startTestEndpoint, tinyVenue, venueOnEndpoint } from './syncTestbed';
import { jsonAnswer, networkDown, networkWith, randomNetwork, reliable } from './faultyNetwork';

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

/** A venue of its own for each test, on the shared endpoint: desk names → settings, plus an observer. */
async function freshVenue(...desks: string[]): Promise<{ venueId: string; settings: Record<string, EndpointSettings>; observer: EndpointSettings }> {
  const venueId = `adv-${++venues}`;
  const issued = await venueOnEndpoint(endpoint, tinyVenue(venueId), [...desks, 'observer']);
  return { venueId, settings: Object.fromEntries(desks.map((desk, index) => [desk, issued[index]!])), observer: issued[desks.length]! };
}

async function desk(deskId: string, venueId: string, withData = true): Promise<TestDesk> {
  const venue = tinyVenue(venueId);
  const opening = await openTestDesk({ deskId, venue: withData ? venue : { ...venue, products: [], customers: [], passes: [], sessions: [], bookings: [], ledger: [] } });
  opened.push(opening);
  return opening;
}

async function checkIn(on: TestDesk, customerId: string): Promise<string> {
  const result = await on.desk.call('checkIn', { customerId, sessionId: null, confirmDuplicate: true });
  expect(result).toMatchObject({ ok: true });
  return (result as { checkInId: string }).checkInId;
}

async function roundsUntilOk(on: TestDesk, settings: EndpointSettings, fetch?: FetchFunction, most = 30): Promise<void> {
  for (let round = 0; round < most; round += 1) if ((await on.desk.sync.syncRound(settings, fetch)).ok) return;
  throw new Error(`no successful round in ${most}`);
}

const isPush = (url: URL, method: string) => method === 'POST' && url.pathname.endsWith('/sync/ledger/push');
const isPull = (url: URL, collection: string) => url.pathname.endsWith(`/sync/${collection}/pull`);
const countOf = (ids: string[], id: string) => ids.filter((each) => each === id).length;

describe('pushes', () => {
  it('delivered twice are stored once and acknowledged', async () => {
    const { venueId, settings, observer } = await freshVenue('A');
    const a = await desk('A', venueId);
    const id = await checkIn(a, 'c1');
    const twice = networkWith(async ({ url, method }, deliver) => {
      if (isPush(url, method)) await (await deliver()).text();
      return deliver();
    });
    expect(await a.desk.sync.syncRound(settings.A!, twice)).toMatchObject({ ok: true });
    const ids = (await endpointDocuments(observer, 'ledger')).map((document) => document.id);
    expect(countOf(ids, id)).toBe(1);
    expect(a.logs.filter((line) => line.includes('conflict'))).toEqual([]);
  });

  it('whose answer was lost after the endpoint stored them are sent again and acknowledged once', async () => {
    const { venueId, settings, observer } = await freshVenue('A');
    const a = await desk('A', venueId);
    const id = await checkIn(a, 'c1');
    const answerLost = networkWith(async ({ url, method }, deliver) => {
      if (!isPush(url, method)) return deliver();
      await (await deliver()).text();
      return networkDown();
    });
    expect(await a.desk.sync.syncRound(settings.A!, answerLost)).toMatchObject({ ok: false });
    expect(countOf((await endpointDocuments(observer, 'ledger')).map((document) => document.id), id)).toBe(1);

    // The retry sends the same entry again: the endpoint acknowledges it again, nothing doubles.
    expect(await a.desk.sync.syncRound(settings.A!)).toMatchObject({ ok: true });
    expect(await a.desk.sync.syncRound(settings.A!)).toEqual({ ok: true, moved: 0 });
    expect(countOf((await endpointDocuments(observer, 'ledger')).map((document) => document.id), id)).toBe(1);
    expect(a.logs.filter((line) => line.includes('conflict'))).toEqual([]);
  });

  it('replayed late change nothing, and another desk counts each check-in once', async () => {
    const { venueId, settings, observer } = await freshVenue('A', 'B');
    const a = await desk('A', venueId);
    const pushes: string[] = [];
    const recording = networkWith(async ({ url, method, body }, deliver) => {
      if (isPush(url, method) && body) pushes.push(body);
      return deliver();
    });
    await checkIn(a, 'c1');
    expect(await a.desk.sync.syncRound(settings.A!, recording)).toMatchObject({ ok: true });
    a.setNow(Date.parse('2026-02-01T17:05:00Z'));
    await checkIn(a, 'c1');
    expect(await a.desk.sync.syncRound(settings.A!, recording)).toMatchObject({ ok: true });
    const before = (await endpointDocuments(observer, 'ledger')).map((document) => document.id).sort();

    const stale = new SyncEndpoint(settings.A!);
    for (const body of pushes) {
      const replayed = await stale.push((JSON.parse(body) as { rows: never[] }).rows);
      expect(replayed).toEqual({ ok: true, value: { conflicts: [] } });
    }
    expect((await endpointDocuments(observer, 'ledger')).map((document) => document.id).sort()).toEqual(before);

    const b = await desk('B', venueId);
    await roundsUntilOk(b, settings.B!);
    expect(await b.desk.call('passState', { passId: 'x1' })).toMatchObject({ ok: true, view: { state: { used: 2, remaining: 0 } } });
  });
});

describe('pulls', () => {
  it('answered out of order (earlier answers again) still end with every entry, once', async () => {
    const { venueId, settings, observer } = await freshVenue('A', 'B');
    const a = await desk('A', venueId);
    for (let minute = 0; minute < 6; minute += 1) {
      a.setNow(Date.parse(`2026-02-01T17:0${minute}:00Z`));
      await checkIn(a, 'c2');
      await roundsUntilOk(a, settings.A!);
    }
    const b = await desk('B', venueId);
    const outOfOrder = randomNetwork({ ...reliable, seed: 7, stalePull: 0.5 });
    for (let round = 0; round < 5; round += 1) await b.desk.sync.syncRound(settings.B!, outOfOrder.fetch);
    expect(outOfOrder.counts.stalePull).toBeGreaterThan(0);
    await roundsUntilOk(b, settings.B!);
    const onEndpoint = (await endpointDocuments(observer, 'ledger')).map((document) => document.id).sort();
    expect([...b.desk.context.memory.ledger.keys()].sort()).toEqual(onEndpoint);
  });
});

describe('a different entry under an id this desk holds', () => {
  it('on the endpoint already: the desk keeps its own, logs both, and shows the conflict', async () => {
    const { venueId, settings, observer } = await freshVenue('A');
    const theirs: LedgerEntry = { ...(tinyVenue(venueId).ledger[0]!), id: 'same-id', staff: 'Someone else' };
    await endpoint.server.admin.importVenueData(venueId, { ...tinyVenue(venueId), ledger: [theirs] });
    const a = await desk('A', venueId);
    const ours: LedgerEntry = { ...theirs, deskId: 'A', staff: 'staff at A', hlc: '001769965200000:000000:A' };
    await a.desk.context.db.ledger.insert(ours as LedgerDocument);

    await roundsUntilOk(a, settings.A!);
    const local = (await a.desk.context.db.ledger.findOne('same-id').exec())!.toJSON() as Record<string, unknown>;
    expect(recordOf(local)).toEqual(ours);
    const stored = (await endpointDocuments(observer, 'ledger')).find((document) => document.id === 'same-id')!;
    expect(recordOf(stored)).toEqual(theirs);
    expect(a.logs.some((line) => /ledger entry same-id conflicts with the endpoint's.*keeps its own/.test(line))).toBe(true);
    // Nothing is sent again, nothing overwritten on a later round.
    expect(await a.desk.sync.syncRound(settings.A!)).toEqual({ ok: true, moved: 0 });
    // Paired, the desk shows it in its status (remembered across sessions), not as waiting.
    expect(await a.desk.call('pairEndpoint', settings.A!)).toMatchObject({ ok: true });
    const status = await eventually('the conflict in the status', () => {
      const sync = a.desk.status('connected').sync;
      return sync.online && sync.problem ? sync : null;
    });
    expect(status).toMatchObject({ waiting: 0 });
    // A note for the screen's sentence (main sends codes); the entry's id in the details.
    expect(status.problem).toEqual({ note: 'sync-conflicts', count: 1 });
    expect(status.problemDetails).toMatch(/1 ledger entry conflicts with a different entry under the same id.*same-id/);
  });

  it('sent by the endpoint in a pull: the desk keeps its own and pushes it as it is', async () => {
    const { venueId, settings, observer } = await freshVenue('A');
    const a = await desk('A', venueId);
    const id = await checkIn(a, 'c1');
    const ours = recordOf((await a.desk.context.db.ledger.findOne(id).exec())!.toJSON() as Record<string, unknown>);
    const tampering = networkWith(async ({ url }, deliver) => {
      const answer = await deliver();
      if (!isPull(url, 'ledger')) return answer;
      const page = await answer.json() as { documents: Record<string, unknown>[]; checkpoint: unknown };
      return jsonAnswer({ ...page, documents: [...page.documents, { ...ours, staff: 'Mallory', _deleted: false }] });
    });
    await roundsUntilOk(a, settings.A!, tampering);
    expect(recordOf((await a.desk.context.db.ledger.findOne(id).exec())!.toJSON() as Record<string, unknown>)).toEqual(ours);
    expect(a.desk.context.memory.ledger.get(id)?.staff).toBe('staff at A');
    expect(recordOf((await endpointDocuments(observer, 'ledger')).find((document) => document.id === id)!)).toEqual(ours);
    expect(a.logs.some((line) => line.includes(`ledger entry ${id} conflicts`))).toBe(true);
  });
});

describe('documents that fail the shared schemas', () => {
  const bad: Record<string, unknown[]> = {
    products: [{ id: 'p-bad', name: 'No terms' }],
    customers: [42, { id: 'c-gone', name: 'Deleted', _deleted: true }],
    passes: [{ id: 'x-bad', customerId: 5, productId: 'p10', productName: 'x', purchasedAt: 'yesterday', code: 'X', terms: { uses: 1, expiry: { kind: 'none' }, validFor: 'all' } }],
    sessions: [{ id: 's-bad', name: 'No times', category: 'yoga' }],
    bookings: [{ id: 'b-bad', sessionId: 's1', customerId: 'c1', bookedAt: '2026-01-01T00:00:00Z', extra: true }],
    ledger: [{ ...tinyVenue('other-venue').ledger[0]!, id: 'foreign-entry' }],
  };
  const poisoning = networkWith(async ({ url }, deliver) => {
    const answer = await deliver();
    const collection = Object.keys(bad).find((name) => isPull(url, name));
    if (!collection) return answer;
    const page = await answer.json() as { documents: unknown[]; checkpoint: unknown };
    // The bad ones first: they must not hold up the good ones after them.
    return jsonAnswer({ ...page, documents: page.documents.length > 0 ? [...bad[collection]!, ...page.documents] : [] });
  });

  it('are refused one by one, with the reason logged; the rest is stored; nothing crashes', async () => {
    const { venueId, settings } = await freshVenue('A');
    const a = await desk('A', venueId, false);
    await roundsUntilOk(a, settings.A!, poisoning);
    const memory = a.desk.context.memory;
    expect([...memory.customers.keys()].sort()).toEqual(['c1', 'c2']);
    expect([...memory.passes.keys()].sort()).toEqual(['x1', 'x2']);
    expect([...memory.products.keys()]).toEqual(['p10']);
    expect([...memory.sessions.keys()]).toEqual(['s1']);
    expect([...memory.bookings.keys()]).toEqual(['b1']);
    expect([...memory.ledger.keys()]).toEqual(['past-1']);
    for (const reason of [/products document p-bad.*uses/, /customers document \(no id\).*not an object/, /customers document c-gone.*a deletion/, /passes document x-bad.*customerId/, /sessions document s-bad/, /bookings document b-bad.*extra/, /ledger document foreign-entry.*venue "other-venue"/]) {
      expect(a.logs.some((line) => reason.test(line)), String(reason)).toBe(true);
    }
    expect(await a.desk.call('checkIn', { customerId: 'c1', sessionId: null })).toMatchObject({ ok: true });
  });

  it('that thin a full page do not end the pull early: one round brings everything else', async () => {
    const venueId = `adv-${++venues}`;
    const many = tinyVenue(venueId);
    many.customers = Array.from({ length: 9 }, (_, index) => ({ id: `c${index + 1}`, name: `Customer ${index + 1}` }));
    await endpoint.server.admin.createVenue(many.venue);
    await endpoint.server.admin.importVenueData(venueId, many);
    const token = (await endpoint.server.admin.issueDevice(venueId, 'A')).token;
    // Pages of 3, each with its first customer spoilt: every page comes back thinner than asked.
    const spoiling = networkWith(async ({ url }, deliver) => {
      const answer = await deliver();
      if (!isPull(url, 'customers')) return answer;
      const page = await answer.json() as { documents: Record<string, unknown>[]; checkpoint: unknown };
      return jsonAnswer({ ...page, documents: page.documents.map((document, index) => (index === 0 ? { ...document, name: '' } : document)) });
    });
    const a = await openTestDesk({ deskId: 'A', venue: { ...many, customers: [] }, tuning: { pullBatchSize: 3 } });
    opened.push(a);
    expect(await a.desk.sync.syncRound({ url: endpoint.url, token }, spoiling)).toMatchObject({ ok: true });
    expect([...a.desk.context.memory.customers.keys()].sort()).toEqual(['c2', 'c3', 'c5', 'c6', 'c8', 'c9']);
  });

  it('on the live stream, or as a message that is not the protocol, are refused and shown in the status', async () => {
    const { venueId, settings } = await freshVenue('A');
    const streamed = networkWith(async ({ url, init }, deliver) => {
      if (!url.pathname.endsWith('/sync/stream')) return deliver();
      const changes = `data: ${JSON.stringify({ kind: 'changes', collection: 'passes', documents: bad.passes, checkpoint: { seq: 1_000_000, id: 'x-bad' } })}\n\n`;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          const send = (line: string) => controller.enqueue(new TextEncoder().encode(line));
          send('data: {not json\n\n');
          // Again and again: a replication hears the stream only once it has started.
          const timer = setInterval(() => send(changes), 200);
          init.signal?.addEventListener('abort', () => {
            clearInterval(timer);
            controller.close();
          });
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    });
    const a = await openTestDesk({ deskId: 'A', venue: tinyVenue(venueId), fetch: streamed });
    opened.push(a);
    expect(await a.desk.call('pairEndpoint', settings.A!)).toMatchObject({ ok: true });
    const status = await eventually('the refusal in the status', () => {
      const sync = a.desk.status('connected').sync;
      return sync.problemDetails?.includes('refused as invalid') ? sync : null;
    });
    expect(status.problem).toEqual({ note: 'sync-dropped', count: 1 });
    expect(status.problemDetails).toMatch(/passes x-bad: customerId/);
    expect(a.logs.some((line) => line.includes('live stream message was not understood'))).toBe(true);
    expect(a.desk.context.memory.passes.has('x-bad')).toBe(false);
    expect(await a.desk.call('checkIn', { customerId: 'c2', sessionId: null })).toMatchObject({ ok: true });
  });
});
