// A new desk's first sync (docs/architecture.md, "Sync"): instead of replaying the endpoint's
// change feed from the beginning, one RxDB write per document (a quarter of an hour at a large
// venue before every pass's state is right), the desk reads a snapshot of the venue, door
// first: platform records, one summary per pass, the recent entries. The endpoint serves each
// part ready as the bundles the desk stores (server/sync/readySnapshots.ts): the snapshot's
// worker thread checks them (snapshotThread.ts), main puts their records into memory and writes
// them as they came (main/db/bundles.ts). From an endpoint without bundles, the door's parts
// are record pages checked on main and cut here. Once the door's parts are in, the desk is
// ready and its replications pull on from the snapshot's seqs, while the past ledger (the
// history) follows in the background with its progress.
//
// Restarts: the door's parts are taken again from the start (a desk is not ready until they
// are all in, and nothing it did meanwhile depends on them); the history is taken again from
// its start too, writing the same bundles over (the ledger at or below a seq never changes).
import type { BundleDocument, BundleKind } from '../../shared/schema/collections';
import type { LedgerEntry, PassSummaryRecord } from '../../shared/schema/records';
import type { SnapshotPart, SyncCollection } from '../../shared/schema/sync';
import type { SnapshotPage, SnapshotStart } from '../../shared/schema/syncContract';
import { doorParts } from '../../shared/schema/sync';
import type { DeskContext } from '../state/deskContext';
import type { BundlesState } from '../db/bundles';
import { BULK_WRITE_BYTES, BundleCutter, bundleId, readBundlesState, writeBundles, writeBundlesState } from '../db/bundles';
import { removeUnfinishedBundles } from '../venue/venueBundles';
import type { EndpointFailure, EndpointResult, SyncEndpoint } from './syncEndpoint';
import type { ReplicationObserver } from './collectionReplication';
import { screenSnapshotRecords } from '../../shared/sync/pulledDocuments';
import type { Backoff } from './backoff';
import { retryAfterMsOf } from '../../shared/sync/syncRequest';
import type { SnapshotSource } from './snapshotThread';
import { SnapshotThread } from './snapshotThread';

export type SnapshotStage = 'door' | 'history';

export type SnapshotOptions = {
  context: DeskContext;
  endpoint: SyncEndpoint;
  venueId: string;
  observer: Pick<ReplicationObserver, 'exchanged' | 'failed' | 'dropped'>;
  progress: (stage: SnapshotStage, done: number, total: number | null) => void;
  log: (line: string) => void;
  backoff: Backoff;
  /** Resolves when the sync stops (unpairing, closing): no further request is made. */
  stopping: Promise<void>;
  pageSize: number;
  /** Tells the renderer that the door's data is in. */
  doorReady: () => void;
  /**
   * Resolves when no call from the renderer is under way; `stepMs`, how long the step just
   * done held the storage: while the door is in use, it rests as long first (main/desk/callScheduler.ts).
   */
  idle: (stepMs?: number) => Promise<void>;
};

/** Records of a part put into memory; a check-in runs between two slices. */
const SLICE = 250;

type Taken = BundlesState & { snapshot: NonNullable<BundlesState['snapshot']> };

class Stopped extends Error {}
/** The endpoint refused a snapshot request (not the token, not for now): start over. */
class Refused extends Error {}
/** A part's ready bundles refused (or failing their check): start over with pages. */
class BundlesRefused extends Refused {}

/** Whether a desk starts from a snapshot: it holds nothing yet, or a snapshot's door did not finish. */
export async function needsSnapshot(context: DeskContext): Promise<boolean> {
  const state = await readBundlesState(context.db);
  if (state) return state.source === 'snapshot' && !state.doorComplete;
  const { memory } = context;
  return memory.customers.size === 0 && memory.passes.size === 0 && memory.ledger.size === 0;
}

/** The snapshot whose replications go on from its seqs at this endpoint, if this desk took one there. */
export async function snapshotSeqs(context: DeskContext, endpointUrl: string, venueId: string): Promise<Record<SyncCollection, number> | null> {
  const state = await readBundlesState(context.db);
  const snapshot = state?.source === 'snapshot' && state.doorComplete ? state.snapshot : null;
  return snapshot && snapshot.endpoint === endpointUrl && snapshot.venueId === venueId ? snapshot.seqs as Record<SyncCollection, number> : null;
}

/**
 * The endpoint a first download (a snapshot whose door or history is not all in) is still
 * coming from, if any. Only that endpoint can finish it: its door restarts from nothing
 * anywhere else, and its history comes from the endpoint that made the snapshot.
 */
export async function downloadingFrom(context: DeskContext): Promise<string | null> {
  const state = await readBundlesState(context.db);
  if (state?.source !== 'snapshot' || !state.snapshot) return null;
  return state.doorComplete && state.history.complete ? null : state.snapshot.endpoint;
}

export async function historyPending(context: DeskContext): Promise<Taken | null> {
  const state = await readBundlesState(context.db);
  return state?.source === 'snapshot' && state.doorComplete && !state.history.complete && state.snapshot ? state as Taken : null;
}

/**
 * The door's parts of a snapshot into this desk. `unsupported`: the endpoint keeps no
 * snapshots (an older server), and the replications pull everything instead. Null: stopped.
 */
export async function takeDoorParts(options: SnapshotOptions): Promise<Taken | 'unsupported' | null> {
  const { context } = options;
  context.memory.arriving = true;
  // Ready bundles first; record pages from an endpoint that has none, or after bundles that failed their check.
  let source: SnapshotSource = 'bundles';
  try {
    for (;;) {
      try {
        return await attemptDoorParts(options, source);
      } catch (error) {
        if (!(error instanceof Refused)) throw error;
        if (error instanceof BundlesRefused) source = 'pages';
        options.log(`sync: the snapshot was refused (${error.message}); starting it again${error instanceof BundlesRefused ? ' as pages' : ''}`);
        await pause(options, 0);
      }
    }
  } catch (error) {
    if (error instanceof Stopped) return null;
    throw error;
  } finally {
    context.memory.arriving = false;
  }
}

async function attemptDoorParts(options: SnapshotOptions, source: SnapshotSource): Promise<Taken | 'unsupported'> {
  const { context, endpoint } = options;
  const { db, memory } = context;
  await removeUnfinishedBundles(db);
  const start = await retrying(options, () => endpoint.snapshotStart(), { unsupportedOn404: true });
  if (start === UNSUPPORTED) return 'unsupported';
  if (start.venue.id !== options.venueId) throw new Refused(`it is of venue "${start.venue.id}", not "${options.venueId}"`);
  const state: Taken = {
    source: 'snapshot',
    doorComplete: false,
    ordinals: {},
    counts: {},
    history: { complete: false, after: null, entries: 0 },
    snapshot: { endpoint: endpoint.settings.url, venueId: options.venueId, seqs: start.seqs, recentSince: start.recentSince, expected: start.counts },
  };
  await writeBundlesState(db, state);
  const total = doorParts.reduce((sum, part) => sum + start.counts[part], 0);
  let done = 0;
  options.progress('door', 0, total);
  const fetched = (count: number) => {
    done += count;
    options.progress('door', done, total);
  };
  // Checked off main's loop: the worker's start overlaps the first request.
  const thread = source === 'bundles' ? new SnapshotThread(options.venueId) : null;
  try {
    for (const part of doorParts) {
      // Nothing waits on the storage yet: bundles go in large writes.
      const writes = new PendingWrites(db);
      const asBundles = thread ? await bundlesOrRefused(() => readPartBundles(options, thread, start, part, writes, fetched)) : 'no-bundles';
      if (asBundles === 'no-bundles' && thread) options.log(`sync: the endpoint serves no ready bundles of ${part} (an older endpoint); reading it as pages`);
      const { ordinal, taken } = asBundles === 'no-bundles' ? await readPartPages(options, start, part, writes, fetched) : asBundles;
      await writes.flush();
      state.ordinals[part] = ordinal;
      state.counts[part] = taken;
      // Sorted once, so that the first keystroke at the door does not pay for it.
      if (part === 'customers') memory.search.buildNow();
    }
  } finally {
    await thread?.close();
  }
  state.doorComplete = true;
  await writeBundlesState(db, state);
  memory.bundledRecent = state.counts.recent ?? 0;
  options.log(`sync: the door's part of the snapshot is in (${done} records; ${JSON.stringify(state.counts)})`);
  options.doorReady();
  return state;
}

/**
 * The past ledger of a snapshot whose door is in, as history bundles grouped by pass. True
 * when it is complete; false when stopped (it starts again from its beginning next time). A
 * refusal is asked again, from the beginning, after a pause.
 */
export async function takeHistory(options: SnapshotOptions, state: Taken): Promise<boolean> {
  // Ready bundles first; the record pages from an endpoint that has none, or after bundles that failed their check.
  let source: SnapshotSource = 'bundles';
  for (;;) {
    try {
      if (await attemptHistory(options, state, source) === 'no-bundles') {
        options.log('sync: the endpoint serves no ready history bundles (an older endpoint); reading the history as pages');
        source = 'pages';
        continue;
      }
      return true;
    } catch (error) {
      if (error instanceof Stopped) return false;
      if (!(error instanceof Refused)) throw error;
      // Background work the desk needs in the end: asked again after a pause, from its beginning.
      options.log(`sync: the snapshot's history was refused (${error.message}); starting it again${source === 'bundles' ? ' as pages' : ''}`);
      source = 'pages';
      try {
        await pause(options, 0);
      } catch (stopped) {
        if (stopped instanceof Stopped) return false;
        throw stopped;
      }
    }
  }
}

async function attemptHistory(options: SnapshotOptions, state: Taken, source: SnapshotSource): Promise<'no-bundles' | void> {
  const { db } = options.context;
  const seq = state.snapshot.seqs.ledger ?? 0;
  const request = source === 'bundles'
    ? (after: string | null) => retrying(options, () => options.endpoint.bundlesText('history', { seq, after }))
    : (after: string | null) => retrying(options, () => options.endpoint.snapshotPageText('history', { seq, after, limit: options.pageSize }));
  let next: Promise<string>;
  if (source === 'bundles') {
    // An endpoint without the route says so with the contract's code; the first page tells.
    const first = await retrying(options, () => options.endpoint.bundlesText('history', { seq, after: null }), { unsupportedOn404: true });
    if (first === UNSUPPORTED) return 'no-bundles';
    next = Promise.resolve(first);
  } else {
    next = request(null);
  }
  // Main only forwards: each page's text goes to the worker, which parses, checks and cuts it (or checks the bundles that came).
  const thread = new SnapshotThread(options.venueId);
  thread.begin('history', source);
  try {
    let done = 0;
    let taken = 0;
    let writeMs = 0;
    for (;;) {
      const page = await thread.take(await next);
      if (!page.ok) {
        const failure: EndpointFailure = { kind: 'bad-answer', message: page.message };
        options.observer.failed(failure);
        throw new Refused(failure.message);
      }
      // The next page travels while this one's bundles are written.
      if (page.next !== null) {
        next = request(page.next);
        next.catch(() => undefined);
      }
      if (page.dropped.length > 0) options.observer.dropped(page.dropped);
      // The door is open: a bundle a write, the door's calls first, so that a check-in waits
      // behind little; while the door is in use, a rest as long as each write (callScheduler.ts).
      for (const bundle of page.bundles) {
        await giveWay(options, writeMs);
        const started = performance.now();
        await writeBundles(db, [bundle]);
        writeMs = performance.now() - started;
      }
      taken += page.count - page.dropped.length;
      done += page.count;
      options.progress('history', done, state.snapshot.expected.history ?? null);
      if (page.next === null) break;
    }
    const end = await thread.finish();
    if (end.last) await writeBundles(db, [end.last]);
    // An earlier attempt may have cut more bundles: those past this one's last are not history.
    await db.bundles.find({ selector: { id: { $gte: bundleId('history', end.ordinal), $lt: 'history;' } } }).remove();
    state.ordinals.history = end.ordinal;
    state.counts.history = taken;
    state.history = { complete: true, after: null, entries: taken };
    await writeBundlesState(db, state);
    options.context.memory.bundledHistory = taken;
    options.log(`sync: the snapshot's history is in (${taken} ledger entries)`);
  } finally {
    await thread.close();
  }
}

/** The door's bundles not yet written, written once they come to BULK_WRITE_BYTES and at the part's end. */
class PendingWrites {
  private pending: BundleDocument[] = [];
  private bytes = 0;

  constructor(private readonly db: DeskContext['db']) {}

  async add(bundle: BundleDocument): Promise<void> {
    this.pending.push(bundle);
    this.bytes += bundle.records.length;
    if (this.bytes >= BULK_WRITE_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length > 0) await writeBundles(this.db, this.pending);
    this.pending = [];
    this.bytes = 0;
  }
}

type PartTaken = { ordinal: number; taken: number };

/** A refusal while reading ready bundles is theirs: the attempt starts again with pages. */
async function bundlesOrRefused<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw error instanceof Refused && !(error instanceof BundlesRefused) ? new BundlesRefused(error.message) : error;
  }
}

/**
 * A door's part as the endpoint's ready bundles, checked in the worker: main only parses each
 * bundle that passed (JSON.parse, no schema) into memory and writes it as it came. 'no-bundles':
 * the endpoint has no such route (its first page tells). A bundle that fails its whole check
 * refuses the attempt (Refused), which starts again as pages.
 */
async function readPartBundles(
  options: SnapshotOptions,
  thread: SnapshotThread,
  start: Pick<SnapshotStart, 'seqs' | 'recentSince'>,
  part: SnapshotPart,
  writes: PendingWrites,
  fetched: (count: number) => void,
): Promise<PartTaken | 'no-bundles'> {
  const page = { seq: start.seqs[collectionOf(part)], ...(part === 'recent' ? { since: start.recentSince } : {}) };
  const first = await retrying(options, () => options.endpoint.bundlesText(part, { ...page, after: null }), { unsupportedOn404: true });
  if (first === UNSUPPORTED) return 'no-bundles';
  thread.begin(part, 'bundles');
  let next: Promise<string> = Promise.resolve(first);
  let taken = 0;
  for (;;) {
    const result = await thread.take(await next);
    if (!result.ok) {
      const failure: EndpointFailure = { kind: 'bad-answer', message: result.message };
      options.observer.failed(failure);
      throw new Refused(failure.message);
    }
    // The next page travels while this one's bundles go in.
    if (result.next !== null) {
      const after = result.next;
      next = retrying(options, () => options.endpoint.bundlesText(part, { ...page, after }));
      next.catch(() => undefined);
    }
    if (result.dropped.length > 0) options.observer.dropped(result.dropped);
    for (const bundle of result.bundles) {
      // A bundle's records at a time; between two, the door's calls go first.
      await giveWay(options);
      for (const record of JSON.parse(bundle.records) as unknown[]) intoMemory(options.context, part, record);
      taken += bundle.count;
      await writes.add(bundle);
    }
    fetched(result.count);
    if (result.next === null) break;
  }
  return { ordinal: (await thread.finish()).ordinal, taken };
}

/** A door's part as record pages (an endpoint without bundles): checked on main, put into memory and cut into bundles here. */
async function readPartPages(
  options: SnapshotOptions,
  start: Pick<SnapshotStart, 'seqs' | 'recentSince'>,
  part: SnapshotPart,
  writes: PendingWrites,
  fetched: (count: number) => void,
): Promise<PartTaken> {
  const cutter = new BundleCutter<Record<string, unknown>>(part, keyOf(part));
  const taken = await readPart(options, start, part, async (records) => {
    for (const record of records) {
      intoMemory(options.context, part, record);
      const closed = cutter.add(record as Record<string, unknown>);
      if (closed) await writes.add(closed);
    }
  }, fetched);
  const last = cutter.flush();
  if (last) await writes.add(last);
  return { ordinal: cutter.ordinal, taken };
}

/**
 * Every page of a part, checked and handed to `take` a slice at a time; returns how many
 * records were accepted. Between slices the door's commands go first: a check-in waits for at
 * most one slice's work here and one bundle's write in the storage host.
 */
async function readPart(
  options: SnapshotOptions,
  start: Pick<SnapshotStart, 'seqs' | 'recentSince'>,
  part: SnapshotPart,
  take: (records: unknown[]) => Promise<void>,
  fetched: (count: number) => void,
): Promise<number> {
  const seq = start.seqs[collectionOf(part)];
  const request = (after: string | null) => retrying(options, () => options.endpoint.snapshotPage(part, {
    seq, after, limit: options.pageSize, ...(part === 'recent' ? { since: start.recentSince } : {}),
  }));
  let accepted = 0;
  let next: Promise<SnapshotPage> = request(null);
  for (;;) {
    const page = await next;
    // The next page travels while this one is checked and written.
    if (page.next !== null) {
      next = request(page.next);
      next.catch(() => undefined);
    }
    for (let from = 0; from < page.records.length; from += SLICE) {
      await giveWay(options);
      const screened = screenSnapshotRecords(part, page.records.slice(from, from + SLICE), options.venueId);
      if (screened.dropped.length > 0) options.observer.dropped(screened.dropped);
      await take(screened.accepted);
      accepted += screened.accepted.length;
    }
    fetched(page.records.length);
    if (page.next === null) return accepted;
  }
}

/** A snapshot page's record into memory, through the one intake (main/state/stateIntake.ts). */
function intoMemory(context: DeskContext, part: SnapshotPart, record: unknown): void {
  const { intake } = context;
  switch (part) {
    case 'products':
    case 'sessions':
    case 'customers':
    case 'passes':
    case 'bookings':
      return intake.record(part, record as never);
    case 'summaries':
      intake.summary(record as PassSummaryRecord, 'snapshot');
      return;
    case 'recent':
      intake.ledgerEntry(record as LedgerEntry, 'snapshot');
      return;
    case 'history':
      return;
  }
}

function keyOf(part: BundleKind): (record: Record<string, unknown>) => string {
  return part === 'summaries' ? (record) => String(record.passId) : (record) => String(record.id);
}

function collectionOf(part: SnapshotPart): SyncCollection {
  return part === 'summaries' || part === 'recent' || part === 'history' ? 'ledger' : part;
}

const UNSUPPORTED = Symbol('the endpoint keeps no snapshots');

/** A request again after a growing pause while the endpoint is away or busy; a refusal of the request ends the attempt. */
async function retrying<T>(options: SnapshotOptions, request: () => Promise<EndpointResult<T>>): Promise<T>;
async function retrying<T>(options: SnapshotOptions, request: () => Promise<EndpointResult<T>>, how: { unsupportedOn404: true }): Promise<T | typeof UNSUPPORTED>;
async function retrying<T>(options: SnapshotOptions, request: () => Promise<EndpointResult<T>>, how: { unsupportedOn404?: boolean } = {}): Promise<T | typeof UNSUPPORTED> {
  for (;;) {
    const answer = await Promise.race([request(), options.stopping.then(() => null)]);
    if (answer === null) throw new Stopped();
    if (answer.ok) {
      options.backoff.reset();
      options.observer.exchanged();
      return answer.value;
    }
    const failure: EndpointFailure = answer.failure;
    // An endpoint that has no snapshot route says so with the contract's code (never a bare 404).
    if (how.unsupportedOn404 && failure.kind === 'rejected' && failure.code === 'not-found') return UNSUPPORTED;
    options.observer.failed(failure);
    // This request refused, or an answer not the endpoint's: the attempt starts over. Away, busy,
    // asking to wait or refusing the token: the same request again, after the pause it asked for.
    if (failure.kind === 'rejected' || failure.kind === 'bad-answer') throw new Refused(failure.message);
    await pause(options, retryAfterMsOf(failure));
  }
}

/** Waits while the door's calls run; throws Stopped if the sync stops meanwhile (unpairing waits for it). */
async function giveWay(options: SnapshotOptions, stepMs = 0): Promise<void> {
  const stopped = await Promise.race([options.idle(stepMs).then(() => false), options.stopping.then(() => true)]);
  if (stopped) throw new Stopped();
}

async function pause(options: SnapshotOptions, askedMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stopped = await Promise.race([
    new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), options.backoff.next(askedMs)); }),
    options.stopping.then(() => true),
  ]);
  clearTimeout(timer);
  if (stopped) throw new Stopped();
}
