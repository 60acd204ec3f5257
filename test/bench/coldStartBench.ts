// Cold start to the first possible check-in. Chromium is launched afresh on the loaded
// profile (so nothing of the data is in the storage host's memory), then:
//   baseline, in the page: a bare batched read (getAll, in pages) of what the start reads, in
//     two parts, each named by what needs it (main/desk/loadMemory.ts):
//     - the door's: the object stores of the products, sessions, bookings and ledger
//       collections' Dexie databases (the records written one each) and, in the bundles'
//       database, the bundles of products, sessions, bookings and recent entries;
//     - the customers': the same of the customers and passes collections, and the bundles of
//       customers, passes and pass summaries;
//     the history bundles are read by neither (a pass's history is read when it is asked for);
//   the desk, in Node: openDeskDatabase + openDesk (which resolves when the door's part is in
//     memory: the door is open), then until the customers' part is in too (`Desk.customersIn`),
//     then one walk-in check-in on a customer's pass, answered after its durable write.
// Two first check-ins are timed. The first on a customer read alone: right after the door opens,
// the door's preview of customers picked by id (as a scan or a pick from the search would give
// them), in a seeded random order, until one has a pass to redeem, then that customer's
// check-in; each preview reads its customer alone (main/state/customersOnDemand.ts) while every
// other customer is still being read. What it needs is the door's part and, for each customer
// previewed, their bundles (the bundles of customers, passes and summaries whose key range holds
// the customer's id) and documents, so it is compared with the bare read of the door's part plus
// a bare read of exactly those, customer by customer. The second after the customers' part is in (what any other call waits for),
// compared with the bare read of both parts; the door's opening with the bare read of the door's
// part.
// The baseline runs first, while nothing else uses the page (with the plain driver, on a
// launch of its own driven by Playwright, closed before the desk's plain launch: see
// test/bench/storageHost.ts).
import type { DeskHttpServer } from '../../main/browser/deskHttpServer';
import { openDeskDatabase } from '../../main/db/deskDatabase';
import type { Desk } from '../../main/desk/openDesk';
import { openDesk } from '../../main/desk/openDesk';
import type { DeskIdentity } from '../../main/state/deskContext';
import type { BundleKind, CollectionName } from '../../shared/schema/collections';
import { demoCustomerId } from '../../shared/venue/generateDemoVenue';
import { checkInPayload, pickWalkIns } from './checkInBench';
import type { BatchedRead } from './pageIdb';
import type { CustomerRead } from './pageIdb';
import { batchedRead, customerRead, databaseNames, rangesRead } from './pageIdb';
import { megabytes, progress, round } from './percentiles';
import type { ChromiumDriver, StorageHost } from './storageHost';
import { openStorageHost } from './storageHost';

/** The desk reads its collections in pages of this many documents, and bundles this many at a time (main/desk/loadMemory.ts, main/db/bundles.ts). */
const PAGE = 5000;
const BUNDLE_PAGE = 20;
const DATABASE_NAME = 'boxoffice';

type PartRead = { ms: number; docs: number; byCollection: Record<string, { docs: number; ms: number; megabytesOfText?: number }> };
/**
 * `ms`, `docs`: both parts, what a call waiting for the customers' part needs; `oneCustomer`: the
 * bare read of each candidate customer's bundles and documents, in the order the desk previews
 * them (`aloneBaselineMs`: the door's part and those the desk previewed).
 */
export type ColdStartBaseline = { name: string; ms: number; docs: number; door: PartRead; customers: PartRead; oneCustomer: (CustomerRead & { customerId: string })[] };

/** What the first check-in on a customer read alone needs: the door's part, and each customer previewed alone. */
export function aloneBaselineMs(baseline: ColdStartBaseline, previewed: number): number {
  return round(baseline.door.ms + baseline.oneCustomer.slice(0, previewed).reduce((sum, one) => sum + one.ms, 0), 1);
}

/** What each part of the start reads (main/desk/loadMemory.ts: loadDoor, loadCustomers). */
const startParts: Record<'door' | 'customers', { collections: CollectionName[]; bundles: BundleKind[] }> = {
  door: { collections: ['products', 'sessions', 'bookings', 'ledger'], bundles: ['products', 'sessions', 'bookings', 'recent'] },
  customers: { collections: ['customers', 'passes'], bundles: ['customers', 'passes', 'summaries'] },
};

export type ColdStartVariant = {
  variant: string;
  finished: boolean;
  /** Not part of the figure: launching Chromium and the storage host page until it connects. */
  browserLaunchToStorageConnectedMs: number;
  openDatabaseMs: number;
  /** openDesk: the door's part of the venue read into memory over the storage bridge. */
  openDeskMs: number;
  /** openDatabase + openDesk: the door open. */
  doorOpenMs: number;
  /** From openDatabase until the customers, passes and summaries are in memory too. */
  customersInMs: number;
  /** CPU time of main's process (all its threads: GC helpers too) from openDeskDatabase until the door is open. */
  mainCpuAtDoorMs: number;
  /** The same until the customers are in memory too. */
  mainCpuMs: number;
  firstCheckInMs: number | null;
  firstCheckIn: string | null;
  /**
   * From openDatabase until the first check-in on a customer read alone is answered: the door
   * open, then that customer's preview and check-in, with the customers' part still being read.
   */
  firstCheckInAloneMs: number | null;
  /** Its answer: ok, or the refusal (a decision on the customer's passes all the same). */
  firstCheckInAlone: string | null;
  /** How many customers were previewed until one had a pass to redeem (the last is checked in). */
  firstCheckInAlonePreviewed: number | null;
  /** Whether the customers' part was still being read when it was answered. */
  firstCheckInAloneBeforeCustomersIn: boolean | null;
  /** openDatabase + openDesk + the customers in + the first check-in (picking the customer is not counted). */
  totalMs: number;
  docsInMemory: number | null;
  /** When stopped at the budget. */
  budgetMs?: number;
  ratio?: number;
};

export async function bareColdRead(host: StorageHost, customerIds: readonly string[]): Promise<ColdStartBaseline> {
  // Dexie names one database per collection: rxdb-dexie-<database>--<schema version>--<collection>.
  const present = new Set(await databaseNames(host.page));
  const door = await partRead(host, present, startParts.door);
  const nameOf = (collection: CollectionName | 'bundles') => {
    const name = `rxdb-dexie-${DATABASE_NAME}--0--${collection}`;
    return present.has(name) ? name : null;
  };
  const oneCustomer = [];
  for (const customerId of customerIds) {
    const one = await customerRead(host.page, { bundles: nameOf('bundles') ?? '', customers: nameOf('customers'), passes: nameOf('passes') }, ['customers', 'passes', 'summaries'], customerId);
    oneCustomer.push({ customerId, ms: round(one.ms, 1), docs: one.docs, chars: one.chars });
  }
  const one = oneCustomer[0]!;
  const customers = await partRead(host, present, startParts.customers);
  const docs = door.docs + customers.docs;
  const ms = round(door.ms + customers.ms, 1);
  progress(`bare batched read of ${docs} documents in ${Math.round(ms)} ms (the door's ${door.docs} in ${Math.round(door.ms)} ms; customer ${one.customerId} alone: ${one.docs} documents in ${one.ms} ms)`);
  const describe = (part: { collections: string[]; bundles: string[] }) => `the collections ${part.collections.join(', ')} and the bundles of ${part.bundles.join(', ')}`;
  return {
    name: `bare batched read in the page of what a start reads: getAll in pages of ${PAGE} over every object store of the collections' Dexie databases, and of ${BUNDLE_PAGE} over the bundles; the door's part ${describe(startParts.door)}, the customers' part ${describe(startParts.customers)}`,
    ms,
    docs,
    door,
    customers,
    oneCustomer,
  };
}

async function partRead(host: StorageHost, present: ReadonlySet<string>, part: { collections: CollectionName[]; bundles: BundleKind[] }): Promise<PartRead> {
  const names = part.collections.map((name) => `rxdb-dexie-${DATABASE_NAME}--0--${name}`).filter((name) => present.has(name));
  const bare = await batchedRead(host.page, names, PAGE);
  const bundlesName = `rxdb-dexie-${DATABASE_NAME}--0--bundles`;
  // Bundle ids are `kind:ordinal`; ';' follows ':'.
  const bundles = present.has(bundlesName)
    ? await rangesRead(host.page, bundlesName, part.bundles.map((kind) => [`${kind}:`, `${kind};`] as const), BUNDLE_PAGE)
    : { ms: 0, stores: [] };
  return {
    ms: round(bare.ms + bundles.ms, 1),
    docs: bare.stores.reduce((sum, store) => sum + store.count, 0) + bundles.stores.reduce((sum, store) => sum + store.count, 0),
    byCollection: {
      ...byCollection(bare),
      ...Object.fromEntries(bundles.stores.map((store) => [`bundles ${store.store.slice(0, -1)}`, { docs: store.count, ms: round(store.ms, 1), megabytesOfText: round(store.chars / 1e6, 1) }])),
    },
  };
}

/** The demo venue's customers a cold start previews first, each read alone: ten of `customers`, by `random`. */
export function firstCustomersOf(customers: number, random: () => number): string[] {
  return Array.from({ length: 10 }, () => demoCustomerId(Math.floor(random() * customers)));
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
  options: { budgetMs: number | null; baseline: (host: StorageHost) => Promise<unknown>; driver: ChromiumDriver; firstCustomers: readonly string[] },
): Promise<ColdStartRun> {
  const variant = options.driver === 'plain'
    ? 'the desk as it is, its Chromium started with no debugging protocol (as installed)'
    : 'the desk as it is, its Chromium driven by Playwright (CDP mirrors the storage bridge\'s frames)';
  let host: StorageHost;
  if (options.driver === 'plain') {
    // The baseline reads the profile in a page: Playwright drives that launch, which is then
    // closed, and the desk starts on a fresh plain launch of the same profile.
    const probe = await openStorageHost(server, profileDir, 'playwright');
    try {
      await options.baseline(probe);
    } finally {
      await probe.close();
    }
    host = await openStorageHost(server, profileDir, 'plain');
    progress(`cold start: storage host connected ${Math.round(host.launchToConnectedMs)} ms after launching Chromium`);
  } else {
    host = await openStorageHost(server, profileDir, 'playwright');
    progress(`cold start: storage host connected ${Math.round(host.launchToConnectedMs)} ms after launching Chromium`);
    await options.baseline(host).catch(async (error: unknown) => {
      await host.close();
      throw error;
    });
  }

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const db = await openDeskDatabase(host.connection.storage, DATABASE_NAME);
  const opened = performance.now();
  const heartbeat = setInterval(() => {
    progress(`  opening the desk: ${Math.round((performance.now() - started) / 1000)} s, Node heap ${megabytes(process.memoryUsage().heapUsed)} MB`);
  }, 60_000);
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<'budget'>((resolve) => {
    if (options.budgetMs !== null) timer = setTimeout(() => resolve('budget'), options.budgetMs);
  });
  const opening = openDesk({ db, identity, now: () => Date.now(), log: progress });
  const outcome = await Promise.race([opening, budget]).finally(() => {
    clearInterval(heartbeat);
    clearTimeout(timer);
  });
  const ready = performance.now();
  const cpuAtDoor = process.cpuUsage(cpuBefore);
  const mainCpuAtDoorMs = Math.round((cpuAtDoor.user + cpuAtDoor.system) / 1000);

  if (outcome === 'budget') {
    progress(`cold start not finished after ${Math.round((ready - started) / 1000)} s: stopping it`);
    // Closing the browser answers every pending storage call with an error, so openDesk ends.
    await host.close();
    await opening.then((desk) => desk.close(), () => undefined);
    await db.close().catch(() => undefined);
    return {
      host: null,
      desk: null,
      figures: {
        variant,
        finished: false,
        browserLaunchToStorageConnectedMs: Math.round(host.launchToConnectedMs),
        openDatabaseMs: round(opened - started, 1),
        openDeskMs: round(ready - opened, 1),
        doorOpenMs: round(ready - started, 1),
        customersInMs: round(ready - started, 1),
        mainCpuAtDoorMs,
        mainCpuMs: mainCpuAtDoorMs,
        firstCheckInMs: null,
        firstCheckIn: null,
        firstCheckInAloneMs: null,
        firstCheckInAlone: null,
        firstCheckInAlonePreviewed: null,
        firstCheckInAloneBeforeCustomersIn: null,
        totalMs: round(ready - started, 1),
        docsInMemory: null,
        budgetMs: options.budgetMs!,
      },
    };
  }

  const desk = outcome;
  progress(`desk open (the door) in ${Math.round(ready - started)} ms`);
  try {
    // The door's first customer, by id, at once: the preview, then the check-in (a walk-in).
    let customersInYet = false;
    desk.customersIn.then(() => { customersInYet = true; }, () => undefined);
    let previewed = 0;
    let customerId = options.firstCustomers[0]!;
    for (const candidate of options.firstCustomers) {
      customerId = candidate;
      previewed += 1;
      const preview = await desk.call('previewCheckIn', { customerId, sessionId: null });
      if (preview.ok && preview.preview.kind === 'redeem') break;
    }
    const alone = await desk.call('checkIn', { customerId, sessionId: null, confirmDuplicate: true });
    const aloneAnswered = performance.now();
    const aloneBeforeCustomersIn = !customersInYet;
    progress(`first check-in on ${customerId} read alone ${Math.round(aloneAnswered - started)} ms after the start (${alone.ok ? 'ok' : alone.error}; ${previewed} customers previewed; the customers ${aloneBeforeCustomersIn ? 'not in yet' : 'already in'})`);
    await desk.customersIn;
    const customersIn = performance.now();
    const cpu = process.cpuUsage(cpuBefore);
    const mainCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    progress(`customers in memory ${Math.round(customersIn - started)} ms after the start`);
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
        doorOpenMs: round(ready - started, 1),
        customersInMs: round(customersIn - started, 1),
        mainCpuAtDoorMs,
        mainCpuMs,
        firstCheckInMs: round(checkInMs),
        firstCheckIn: answer.ok ? 'ok' : answer.error,
        firstCheckInAloneMs: round(aloneAnswered - started, 1),
        firstCheckInAlone: alone.ok ? 'ok' : alone.error,
        firstCheckInAlonePreviewed: previewed,
        firstCheckInAloneBeforeCustomersIn: aloneBeforeCustomersIn,
        totalMs: round(customersIn - started + checkInMs, 1),
        docsInMemory: memory.customers.size + memory.products.size + memory.passes.size + memory.sessions.size + memory.bookings.size + memory.ledger.size,
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
