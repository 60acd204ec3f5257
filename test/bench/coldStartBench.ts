// Cold start to the first possible check-in. Chromium is launched afresh on the loaded
// profile (so nothing of the data is in the storage host's memory), then:
//   baseline, in the page: a bare batched read (getAll, pages of the same size as the desk's)
//     of every object store of the six collections' Dexie databases;
//   the desk, in Node: openDeskDatabase + openDesk (which loads the venue into memory over the
//     storage bridge) + one walk-in check-in, answered after its durable write.
// The baseline runs first, while nothing else uses the page.
//
// The desk's collections are handed to openDesk through a thin wrapper that counts the pages
// loadMemory reads (so that a cold start too long to wait for still says how far it got and
// at what pace). It found that without an index hint RxDB's planner served loadMemory's
// `id > after, sort id` pages from a secondary index (quadratic; now fixed in loadMemory).
import type { RxCollection } from 'rxdb';
import type { DeskHttpServer } from '../../main/browser/deskHttpServer';
import type { DeskDatabase } from '../../main/db/deskDatabase';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import type { Desk } from '../../main/desk/openDesk';
import { openDesk } from '../../main/desk/openDesk';
import type { DeskIdentity } from '../../main/desk/deskContext';
import { collectionNames } from '../../shared/schema/collections';
import { checkInPayload, pickWalkIns } from './checkInBench';
import type { BatchedRead } from './pageIdb';
import { batchedRead, databaseNames } from './pageIdb';
import { megabytes, progress, round } from './percentiles';
import type { StorageHost } from './storageHost';
import { openStorageHost } from './storageHost';

/** The desk reads its collections in pages of this many (main/desk/loadMemory.ts). */
const PAGE = 5000;
const DATABASE_NAME = 'boxoffice';

export type ColdStartBaseline = { name: string; ms: number; docs: number; byCollection: Record<string, { docs: number; ms: number }> };

type PageLog = Record<string, { pages: number; docs: number; ms: number }>;

export type ColdStartVariant = {
  variant: string;
  finished: boolean;
  /** Not part of the figure: launching Chromium and the storage host page until it connects. */
  browserLaunchToStorageConnectedMs: number;
  openDatabaseMs: number;
  /** openDesk: the venue read into memory over the storage bridge. */
  openDeskMs: number;
  firstCheckInMs: number | null;
  firstCheckIn: string | null;
  /** openDatabase + openDesk + the first check-in (picking the customer is not counted). */
  totalMs: number;
  docsInMemory: number | null;
  /** loadMemory's page queries per collection: how many, documents, time. */
  pages: PageLog;
  /**
   * When stopped at the budget: the time it would have taken, with the rest of the collection
   * it was reading at the pace of that collection's pages so far (and nothing for any later one).
   */
  budgetMs?: number;
  stoppedIn?: string;
  extrapolatedTotalMs?: number;
  ratio?: number;
};

/** Wraps the database so that `find` page queries are counted and timed. */
function observed(db: DeskDatabase, log: PageLog): DeskDatabase {
  const collections = new Map<string, RxCollection>();
  const wrap = (name: string, collection: RxCollection) => new Proxy(collection, {
    get(target, property) {
      if (property !== 'find') {
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (query: Record<string, unknown>) => {
        const rxQuery = target.find(query);
        return {
          exec: async () => {
            const started = performance.now();
            const documents = await rxQuery.exec();
            const entry = log[name] ??= { pages: 0, docs: 0, ms: 0 };
            entry.pages += 1;
            entry.docs += documents.length;
            entry.ms += performance.now() - started;
            return documents;
          },
        };
      };
    },
  });
  return new Proxy(db, {
    get(target, property) {
      if (typeof property === 'string' && (collectionNames as string[]).includes(property)) {
        let collection = collections.get(property);
        if (!collection) collections.set(property, collection = wrap(property, target.collections[property as keyof typeof target.collections] as unknown as RxCollection));
        return collection;
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export async function bareColdRead(host: StorageHost): Promise<ColdStartBaseline> {
  // Dexie names one database per collection: rxdb-dexie-<database>--<schema version>--<collection>.
  const present = new Set(await databaseNames(host.page));
  const names = collectionNames.map((name) => `rxdb-dexie-${DATABASE_NAME}--0--${name}`).filter((name) => present.has(name));
  const bare = await batchedRead(host.page, names, PAGE);
  const docs = bare.stores.reduce((sum, store) => sum + store.count, 0);
  progress(`bare batched read of ${docs} documents in ${Math.round(bare.ms)} ms`);
  return {
    name: `bare batched read in the page: getAll in pages of ${PAGE} over every object store of the six collections' Dexie databases`,
    ms: round(bare.ms, 1),
    docs,
    byCollection: byCollection(bare),
  };
}

/** A finished cold start leaves its browser and desk open for the other measurements. */
export type ColdStartRun = { host: StorageHost; desk: Desk; figures: ColdStartVariant } | { host: null; desk: null; figures: ColdStartVariant };

/**
 * Launches Chromium, optionally takes the baseline, and opens the desk. With a budget, a
 * desk that has not opened in time is abandoned (the browser is closed under it) and the
 * figures say how far it got.
 */
export async function coldStart(
  server: DeskHttpServer,
  profileDir: string,
  identity: DeskIdentity,
  random: () => number,
  options: { budgetMs: number | null; baseline: (host: StorageHost) => Promise<unknown>; expectedDocs: Record<string, number> },
): Promise<ColdStartRun> {
  const variant = 'the desk as it is';
  const host = await openStorageHost(server, profileDir);
  progress(`cold start: storage host connected ${Math.round(host.launchToConnectedMs)} ms after launching Chromium`);
  await options.baseline(host).catch(async (error: unknown) => {
    await host.close();
    throw error;
  });

  const pages: PageLog = {};
  const started = performance.now();
  const db = await openDeskDatabase(host.connection.storage, DATABASE_NAME);
  const opened = performance.now();
  const heartbeat = setInterval(() => {
    progress(`  opening the desk: ${Math.round((performance.now() - started) / 1000)} s, pages ${JSON.stringify(pages, (key, value: unknown) => (key === 'ms' ? Math.round(value as number) : value))}, Node heap ${megabytes(process.memoryUsage().heapUsed)} MB`);
  }, 60_000);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'budget'>((resolve) => {
    if (options.budgetMs !== null) timer = setTimeout(() => resolve('budget'), options.budgetMs);
  });
  const opening = openDesk({ db: observed(db, pages), identity, now: () => Date.now(), log: progress });
  const outcome = await Promise.race([opening, budget]).finally(() => {
    clearInterval(heartbeat);
    clearTimeout(timer);
  });
  const ready = performance.now();
  const rounded = () => Object.fromEntries(Object.entries(pages).map(([name, entry]) => [name, { ...entry, ms: Math.round(entry.ms) }]));

  if (outcome === 'budget') {
    progress(`cold start not finished after ${Math.round((ready - started) / 1000)} s: stopping it`);
    // Closing the browser answers every pending storage call with an error, so openDesk ends.
    await host.close();
    await opening.then((desk) => desk.close(), () => undefined);
    await db.close().catch(() => undefined);
    const stoppedIn = Object.keys(pages).at(-1) ?? '';
    const current = pages[stoppedIn];
    const expected = options.expectedDocs[stoppedIn] ?? Number.NaN;
    return {
      host: null,
      desk: null,
      figures: {
        variant,
        finished: false,
        browserLaunchToStorageConnectedMs: Math.round(host.launchToConnectedMs),
        openDatabaseMs: round(opened - started, 1),
        openDeskMs: round(ready - opened, 1),
        firstCheckInMs: null,
        firstCheckIn: null,
        totalMs: round(ready - started, 1),
        docsInMemory: null,
        pages: rounded(),
        budgetMs: options.budgetMs!,
        stoppedIn,
        ...(current && Number.isFinite(expected) && current.docs > 0
          ? { extrapolatedTotalMs: Math.round(ready - started + ((expected - current.docs) / PAGE) * (current.ms / current.pages)) }
          : {}),
      },
    };
  }

  const desk = outcome;
  progress(`desk open in ${Math.round(ready - started)} ms`);
  try {
    const [walkIn] = await pickWalkIns(desk, 1, random);
    if (!walkIn) throw new Error('no customer can be checked in as a walk-in now');
    const checkInStarted = performance.now();
    const answer = await desk.call('checkIn', checkInPayload(walkIn));
    const checkInMs = performance.now() - checkInStarted;
    const memory = desk.context.memory;
    return {
      host,
      desk,
      figures: {
        variant,
        finished: true,
        browserLaunchToStorageConnectedMs: Math.round(host.launchToConnectedMs),
        openDatabaseMs: round(opened - started, 1),
        openDeskMs: round(ready - opened, 1),
        firstCheckInMs: round(checkInMs),
        firstCheckIn: answer.ok ? 'ok' : answer.error,
        totalMs: round(ready - started + checkInMs, 1),
        docsInMemory: memory.customers.size + memory.products.size + memory.passes.size + memory.sessions.size + memory.bookings.size + memory.ledger.size,
        pages: rounded(),
      },
    };
  } catch (error) {
    await desk.close();
    await host.close();
    throw error;
  }
}

/** Each collection's database: documents read and the time of all its object stores. */
function byCollection(read: BatchedRead): Record<string, { docs: number; ms: number }> {
  const result: Record<string, { docs: number; ms: number }> = {};
  for (const store of read.stores) {
    const name = store.database.slice(store.database.lastIndexOf('--') + 2);
    const entry = result[name] ??= { docs: 0, ms: 0 };
    entry.docs += store.count;
    entry.ms = round(entry.ms + store.ms, 1);
  }
  return result;
}
