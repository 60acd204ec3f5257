// The renderer's own copy of the customer search (renderer/search/) against a real desk (Dexie
// over fake-indexeddb): main's corpus feed, read whole in pages, then by what changed; the
// worker's part (run in this realm) preparing a load the page takes in; and the copy answering
// what main's search answers, also after customers and pass codes change.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { DeskApiResults, DeskClient, DeskEventName, DeskEvents } from '../../../shared/schema/api';
import { deskApiNames } from '../../../shared/schema/apiNames';
import type { Customer, VenueData } from '../../../shared/schema/records';
import { openDeskDatabase } from '../../../main/db/deskDatabase';
import { openDesk } from '../../../main/desk/openDesk';
import type { Desk } from '../../../main/desk/openDesk';
import { CORPUS_PAGE } from '../../../main/queries/searchCorpus';
import { SearchFeed } from '../../../main/state/searchFeed';
import { CorpusIndex } from '../../../renderer/search/corpusIndex';
import { LocalCustomerSearch } from '../../../renderer/search/localSearch';
import { inRealmSearchPort } from '../../../renderer/search/searchWorkerCore';
import type { FromSearchWorker, SearchWorkerPort, ToSearchWorker } from '../../../renderer/search/searchWorkerProtocol';

const FIRSTS = ['Ada', 'José', 'Zoë', 'Søren', 'Anna', 'Ann', 'Mark', 'Maria', 'Kim', 'Sian'];
const LASTS = ['Lovelace', 'Núñez', "O'Brien", 'Øberg', 'Smith', 'Smithers', 'Chen', 'Garcia', 'Okafor', 'Patel'];

/** More customers than a page of the corpus holds, each with a pass, some with a code. */
function venue(customers = CORPUS_PAGE * 2 + 7): VenueData {
  const people: Customer[] = [];
  for (let i = 0; i < customers; i += 1) {
    const name = `${FIRSTS[i % FIRSTS.length]} ${LASTS[Math.floor(i / FIRSTS.length) % LASTS.length]}`;
    people.push(i % 3 === 0 ? { id: `c${i}`, name } : { id: `c${i}`, name, email: `p${i}@example.com` });
  }
  return {
    venue: { id: 'v1', timeZone: 'Europe/London' },
    products: [],
    customers: people,
    passes: people.map((person, i) => ({
      id: `x${i}`, customerId: person.id, productId: 'p', productName: '10 classes', purchasedAt: '2026-01-05T10:00:00Z',
      code: i % 2 === 0 ? `PASS-${String(i).padStart(5, '0')}` : '',
      terms: { uses: 10, expiry: { kind: 'fixed' as const, date: '2026-12-31' }, validFor: 'all' as const },
    })),
    sessions: [],
    bookings: [],
    ledger: [],
  };
}

const QUERIES = ['a', 'ada', 'jose nu', 'obrien', 'soren', 'smith', 'smi', 'ma', 'mar gar', 'p12@example.com', 'PASS-00010', 'pass-00011', 'ki ok', 'zz', 'example com'];

/** The renderer's client, in this realm: each call straight to the desk, its changes as events. */
function clientOf(desk: Desk): DeskClient & { emit<E extends DeskEventName>(event: E, data: DeskEvents[E]): void } {
  const listeners = new Map<string, Set<(data: never) => void>>();
  const emit = (event: string, data: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(data as never);
  };
  desk.onChange((collections) => emit('changed', { collections }));
  const calls = Object.fromEntries(deskApiNames.map((name) => [name, (payload: unknown) => desk.call(name, payload)]));
  return {
    ...calls,
    on(event: string, listener: (data: never) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as never);
      return () => set.delete(listener as never);
    },
    emit,
  } as never;
}

let desk: Desk;
let dbCounter = 0;
const copies: LocalCustomerSearch[] = [];

beforeEach(async () => {
  const db = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), `localSearch${dbCounter++}`);
  desk = await openDesk({ db, identity: { deskId: 'A', staff: 'Sam' }, now: () => Date.parse('2026-03-10T07:55:00Z') });
  const loaded = await desk.loadVenue(venue());
  expect(loaded.ok).toBe(true);
});

afterEach(async () => {
  for (const copy of copies.splice(0)) copy.close();
  await desk.close();
});

async function mainsHits(query: string, limit: number) {
  const result = await desk.call('search', { query, limit });
  if (!result.ok) throw new Error(result.error);
  return result.hits;
}

function startCopy(client: DeskClient, port: SearchWorkerPort = inRealmSearchPort(), retryMs = 20): LocalCustomerSearch {
  const copy = new LocalCustomerSearch(client, port, retryMs);
  copies.push(copy);
  return copy;
}

async function whenFound(copy: LocalCustomerSearch, query: string, test: (names: string[]) => boolean): Promise<string[]> {
  let names: string[] = [];
  await vi.waitFor(() => {
    names = (copy.find(query, 10) ?? []).map((hit) => hit.customer.name);
    expect(test(names)).toBe(true);
  }, { timeout: 10_000, interval: 10 });
  return names;
}

describe('main\'s corpus feed', () => {
  it('hands out the whole corpus in pages, every customer once with its pass codes', async () => {
    const seen = new Map<string, string[]>();
    let offset: number | null = 0;
    let feed: string | null = null;
    let pages = 0;
    while (offset !== null) {
      const page: DeskApiResults['searchCorpus'] = await desk.call('searchCorpus', { feed, after: null, offset });
      if (!page.ok) throw new Error(page.error);
      feed = page.feed;
      pages += 1;
      for (const { customer, codes } of page.customers) {
        expect(seen.has(customer.id)).toBe(false);
        seen.set(customer.id, codes.map((code) => code.code));
      }
      offset = page.next;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(CORPUS_PAGE * 2 + 7);
    expect(seen.get('c10')).toEqual(['PASS-00010']);
    expect(seen.get('c11')).toEqual([]);
  });

  it('says what changed after a version, and to load again when it no longer knows', async () => {
    const first = await desk.call('searchCorpus', { feed: null, after: null, offset: 0 });
    if (!first.ok) throw new Error(first.error);
    const none = await desk.call('searchCorpus', { feed: first.feed, after: first.version });
    expect(none).toMatchObject({ ok: true, reload: false, customers: [], version: first.version });

    await desk.context.db.customers.upsert({ id: 'c5', name: 'Renamed Person' });
    // (A loaded venue's records are in bundles: a change arrives as a record of its own, as from sync.)
    await desk.context.db.passes.upsert({ ...desk.context.memory.passes.get('x4')!, code: 'NEW-CODE' });
    await vi.waitFor(() => expect(desk.context.memory.customers.get('c5')?.name).toBe('Renamed Person'));
    await vi.waitFor(() => expect(desk.context.memory.passes.get('x4')?.code).toBe('NEW-CODE'));
    const changes = await desk.call('searchCorpus', { feed: first.feed, after: first.version });
    if (!changes.ok) throw new Error(changes.error);
    expect(changes.reload).toBe(false);
    expect(changes.customers.map(({ customer }) => customer.id).sort()).toEqual(['c4', 'c5']);
    expect(changes.customers.find(({ customer }) => customer.id === 'c4')!.codes).toEqual([{ passId: 'x4', code: 'NEW-CODE' }]);

    expect(await desk.call('searchCorpus', { feed: 'another-memory', after: 0 })).toMatchObject({ ok: true, reload: true, customers: [] });
    expect(await desk.call('searchCorpus', { feed: first.feed, after: changes.version + 5 })).toMatchObject({ ok: true, reload: true });
  });

  it('refuses while a first sync brings the venue in, and refuses bad input', async () => {
    desk.context.memory.arriving = true;
    expect(await desk.call('searchCorpus', { feed: null, after: null })).toMatchObject({ ok: false, error: 'venue-arriving' });
    desk.context.memory.arriving = false;
    for (const payload of [{ feed: null, after: -1 }, { feed: null, after: 1.5 }, { feed: 7, after: null }, { feed: null }, { feed: null, after: null, offset: -3 }, { feed: null, after: null, extra: 1 }]) {
      expect(await desk.call('searchCorpus', payload)).toMatchObject({ ok: false, error: 'invalid-input' });
    }
  });

  it('keeps so many changes, then asks for a whole load', () => {
    const feed = new SearchFeed(4);
    for (const id of ['a', 'b', 'a', 'c']) feed.note(id);
    expect(feed.changedSince(0)).toEqual(['a', 'b', 'c']);
    expect(feed.changedSince(2)).toEqual(['a', 'c']);
    feed.note('d'); // over: the oldest half is dropped
    expect(feed.changedSince(0)).toBeNull();
    expect(feed.changedSince(2)).toBeNull();
    expect(feed.changedSince(3)).toEqual(['c', 'd']);
    expect(feed.changedSince(5)).toEqual([]);
    expect(feed.changedSince(6)).toBeNull();
  });
});

describe('the page\'s copy of the search', () => {
  it('loads whole and answers every search as main does, the same customers in the same order', async () => {
    const copy = startCopy(clientOf(desk));
    expect(copy.find('ada', 8)).toBeNull(); // nothing yet: main answers meanwhile
    await vi.waitFor(() => expect(copy.ready).toBe(true), { timeout: 20_000, interval: 20 });
    for (const query of QUERIES) {
      for (const limit of [1, 8, 200]) expect([query, limit, copy.find(query, limit)]).toEqual([query, limit, await mainsHits(query, limit)]);
    }
  });

  it('follows customers and pass codes that change in main, a few at a time and many at once', async () => {
    const client = clientOf(desk);
    const port = inRealmSearchPort();
    const loads = vi.spyOn(port, 'post');
    const prepared = () => loads.mock.calls.filter(([message]) => message.kind === 'prepare').length;
    const copy = startCopy(client, port);
    await vi.waitFor(() => expect(copy.ready).toBe(true), { timeout: 20_000, interval: 20 });
    expect(prepared()).toBe(1);
    const revision = copy.revision;

    // A rename, a new customer, a code moved to another customer, a code taken off.
    const { db } = desk.context;
    await db.customers.upsert({ id: 'c1', name: 'Grace Hopper', email: 'grace@navy.example' });
    await db.customers.upsert({ id: 'new1', name: 'Katherine Johnson' });
    await db.passes.upsert({ ...desk.context.memory.passes.get('x10')!, customerId: 'new1' });
    await db.passes.upsert({ ...desk.context.memory.passes.get('x12')!, code: '' });

    await whenFound(copy, 'grace hop', (names) => names[0] === 'Grace Hopper');
    await whenFound(copy, 'PASS-00010', (names) => names[0] === 'Katherine Johnson');
    await whenFound(copy, 'PASS-00012', (names) => names.length === 0);
    expect(copy.revision).toBeGreaterThan(revision);
    for (const query of [...QUERIES, 'grace', 'kath', 'PASS-00010', 'PASS-00012']) expect(copy.find(query, 8)).toEqual(await mainsHits(query, 8));
    expect(prepared()).toBe(1); // applied in the page, no whole load

    // Many at once (an import, a first sync): a whole load again, the old index answering meanwhile.
    const many = Array.from({ length: 6000 }, (_, i) => ({ id: `bulk${i}`, name: `Bulk Person${i}` }));
    await db.customers.bulkUpsert(many);
    await whenFound(copy, 'bulk person5999', (names) => names[0] === 'Bulk Person5999');
    expect(prepared()).toBe(2);
    for (const query of [...QUERIES, 'bulk', 'bulk person12', 'grace']) expect(copy.find(query, 8)).toEqual(await mainsHits(query, 8));
  });

  it('takes in a venue loaded into an empty desk after it started', async () => {
    const db = await openDeskDatabase(getRxStorageDexie({ indexedDB, IDBKeyRange }), `localSearchEmpty${dbCounter++}`);
    const empty = await openDesk({ db, identity: { deskId: 'B', staff: 'Sam' }, now: () => Date.parse('2026-03-10T07:55:00Z') });
    try {
      const copy = startCopy(clientOf(empty));
      await vi.waitFor(() => expect(copy.ready).toBe(true), { timeout: 20_000, interval: 20 });
      expect(copy.find('ada', 8)).toEqual([]);
      // A venue file into an empty desk goes in as bundles: no change event per record.
      expect((await empty.loadVenue(venue(50))).ok).toBe(true);
      await whenFound(copy, 'ada', (names) => names.length > 0);
      const mains = await empty.call('search', { query: 'ada', limit: 8 });
      expect(mains.ok && copy.find('ada', 8)).toEqual(mains.ok && mains.hits);
    } finally {
      for (const copy of copies.splice(0)) copy.close();
      await empty.close();
    }
  });

  it('asks again after a refusal, and hands every search to main if its worker fails', async () => {
    desk.context.memory.arriving = true;
    const copy = startCopy(clientOf(desk));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(copy.ready).toBe(false);
    desk.context.memory.arriving = false;
    await vi.waitFor(() => expect(copy.ready).toBe(true), { timeout: 20_000, interval: 20 });

    // A worker that fails on its first message: the copy never answers; the screens ask main.
    const listeners: ((message: FromSearchWorker) => void)[] = [];
    const failing: SearchWorkerPort = {
      post: (message: ToSearchWorker) => setTimeout(() => listeners.forEach((listener) => listener({ kind: 'failed', message: `cannot ${message.kind}` })), 0),
      onMessage: (listener) => listeners.push(listener),
      close: () => undefined,
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = startCopy(clientOf(desk), failing);
    await vi.waitFor(() => expect(errors).toHaveBeenCalled(), { timeout: 10_000 });
    expect(broken.find('ada', 8)).toBeNull();
    errors.mockRestore();
  });
});

describe('the index the page holds', () => {
  const customer = (id: string, name: string): Customer => ({ id, name });

  it('moves a pass code between customers whichever of the two changes is taken first', () => {
    for (const order of [['to', 'from'], ['from', 'to']] as const) {
      const index = new CorpusIndex();
      index.apply([
        { customer: customer('a', 'Ann Lee'), codes: [{ passId: 'x1', code: 'CODE-1' }] },
        { customer: customer('b', 'Bob Ray'), codes: [] },
      ], { sortNow: true });
      const changes = {
        from: { customer: customer('a', 'Ann Lee'), codes: [] },
        to: { customer: customer('b', 'Bob Ray'), codes: [{ passId: 'x1', code: 'CODE-1' }] },
      };
      for (const which of order) index.apply([changes[which]], { sortNow: true });
      expect(index.find('code-1', 8).map((hit) => hit.customer.id)).toEqual(['b']);
    }
  });

  it('answers the same after a trip through the worker as applied in place', () => {
    const changed = venue(300).customers.map((person, i) => ({ customer: person, codes: i % 4 === 0 ? [{ passId: `x${i}`, code: `C-${i}` }] : [] }));
    const inPlace = new CorpusIndex();
    inPlace.apply(changed, { sortNow: true });
    const worker = new CorpusIndex();
    worker.apply(changed.slice(0, 100), { sortNow: false });
    worker.apply(changed.slice(100), { sortNow: false });
    const taken = CorpusIndex.taking();
    for (const part of worker.prepared(37)) {
      expect(taken.ready).toBe(false);
      taken.take(structuredClone(part));
    }
    expect(taken.ready).toBe(true);
    expect(taken.size).toBe(300);
    for (const query of [...QUERIES, 'C-8', 'c-12', 'C-13']) expect(taken.find(query, 20)).toEqual(inPlace.find(query, 20));
  });
});
