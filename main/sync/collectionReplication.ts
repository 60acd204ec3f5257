// RxDB's replication protocol for one collection against the sync endpoint: pull by
// checkpoint in batches (every collection), push (the ledger only), and the live stream when
// there is one. The handlers are where the network meets the database, so they are where a
// desk defends itself: nothing unvalidated is stored, nothing the endpoint says may rewrite
// local history, and a failure is thrown only so that RxDB retries it (after a growing delay).
import type { Observable } from 'rxjs';
import { concatMap, filter } from 'rxjs/operators';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { SyncCheckpoint, SyncCollection, SyncDocument } from '../../shared/schema/sync';
import { ledgerEntrySchema } from '../../shared/schema/records';
import type { DeskDatabase } from '../db/deskDatabase';
import type { EndpointFailure, SyncEndpoint } from './syncEndpoint';
import { EndpointError } from './syncEndpoint';
import type { DroppedDocument } from '../../shared/sync/pulledDocuments';
import { screenPulledDocuments } from '../../shared/sync/pulledDocuments';
import type { HeldLedger, LedgerConflict } from './ledgerHistoryGuard';
import { guardLocalHistory, recordOf } from './ledgerHistoryGuard';
import type { StreamItem } from './liveStream';
import { Backoff } from './backoff';
import { retryAfterMsOf } from '../../shared/sync/syncRequest';
import { WriteBacklog } from './writeBacklog';
import type { ClockAheadRetimer } from './clockAhead';

type Stamped = { id: string; hlc: string; deskId: string };

/** What a replication reports as it runs; the desk's sync turns it into status, log and acks. */
export type ReplicationObserver = {
  exchanged(): void;
  failed(failure: EndpointFailure): void;
  dropped(documents: DroppedDocument[]): void;
  conflicts(conflicts: LedgerConflict[]): void;
  /** Ledger entries the endpoint holds: pushed and answered, or seen in a pull. */
  onEndpoint(entries: Stamped[]): void;
  /** A pushed document this desk will not send (it fails the shared schema), with why. */
  unsendable(id: string, reason: string): void;
};

export type SyncTuning = {
  pullBatchSize: number;
  pushBatchSize: number;
  retryInitialMs: number;
  retryMaxMs: number;
  timeoutMs: number;
  /** Records per page of a new desk's snapshot (main/sync/snapshotSync.ts). */
  snapshotPageSize: number;
};

/**
 * Pulls come in pages of 250: each page is one write in the storage host, and a check-in at
 * the door waits behind the write in progress. Measured on a first sync of 33,000 documents
 * (test/sync/bench/initialSyncBench.ts --customers 2000 --batch N): pages of 1,000 gave
 * 2,271 documents/s and check-ins meanwhile at p50 216 ms, p99 438 ms; pages of 250 gave
 * 2,174 documents/s, p50 48 ms, p99 161 ms.
 */
export const defaultTuning: SyncTuning = { pullBatchSize: 250, pushBatchSize: 100, retryInitialMs: 1_000, retryMaxMs: 60_000, timeoutMs: 15_000, snapshotPageSize: 2_000 };

export type CollectionReplicationOptions = {
  db: DeskDatabase;
  name: SyncCollection;
  endpoint: SyncEndpoint;
  /** Names the replication's checkpoints: one set per venue and endpoint. */
  identifier: string;
  venueId: string;
  stream$?: Observable<StreamItem>;
  /** The ledger entries this desk holds under the ids of pulled ones, for the guard of local history. */
  ledger: HeldLedger;
  /** Whether this desk holds a document of the collection under the id (its memory). */
  isHeld: (collection: SyncCollection, id: string) => boolean;
  tuning: SyncTuning;
  observer: ReplicationObserver;
  /** Each page the pull handler fetched: how many documents it held (the first sync's progress). */
  onPulled?: (count: number) => void;
  /** Where a first pull starts: after the snapshot this desk took (main/sync/snapshotSync.ts). */
  initialCheckpoint?: SyncCheckpoint;
  /** Own entries refused as clock-ahead are re-timed here (main/sync/clockAhead.ts). */
  retimer?: ClockAheadRetimer;
};

export type CollectionReplication = RxReplicationState<Record<string, unknown>, SyncCheckpoint>;

export function replicateCollection(options: CollectionReplicationOptions): CollectionReplication {
  const { db, name, endpoint, observer, tuning } = options;
  const collection = db[name] as unknown as RxCollection<Record<string, unknown>>;
  const backoff = new Backoff({ initialMs: tuning.retryInitialMs, maxMs: tuning.retryMaxMs });
  let state: CollectionReplication | null = null;

  const fail = (failure: EndpointFailure): never => {
    observer.failed(failure);
    // RxDB waits `retryTime` before it tries again: grow it while the endpoint stays away, and
    // never shorter than the endpoint asked (Retry-After).
    if (state) state.retryTime = backoff.next(retryAfterMsOf(failure));
    throw new EndpointError(failure);
  };
  const succeed = () => {
    backoff.reset();
    observer.exchanged();
  };

  /** Validation, then (ledger) the guard of local history; acknowledges own entries seen. */
  const admit = async (documents: readonly unknown[]): Promise<SyncDocument[]> => {
    const screened = screenPulledDocuments(name, documents, options.venueId);
    if (screened.dropped.length > 0) observer.dropped(screened.dropped);
    if (name !== 'ledger') return screened.accepted;
    const guarded = await guardLocalHistory(options.ledger, screened.accepted);
    if (guarded.conflicts.length > 0) observer.conflicts(guarded.conflicts);
    observer.onEndpoint(guarded.accepted as unknown as Stamped[]);
    return guarded.accepted;
  };

  // RxDB pulls the next batch without waiting for the last one to be stored, and stores
  // whatever piled up meanwhile in one write: on a first sync of a large venue that is
  // hundreds of thousands of documents in one write over the storage bridge, all in memory,
  // and the door's memory updated in one long stall. So a batch is handed over only once the
  // batch before the previous one is stored (documents this desk does not hold yet are each
  // written once: RxDB's `received$`), and the next page is fetched while one is stored.
  const writes = new WriteBacklog(tuning.pullBatchSize);
  let prefetched: { after: string; page: ReturnType<SyncEndpoint['pull']> } | null = null;
  const fetchPage = (cursor: SyncCheckpoint | undefined, batchSize: number) => {
    const ahead = prefetched;
    prefetched = null;
    return ahead && ahead.after === JSON.stringify(cursor ?? null) ? ahead.page : endpoint.pull(name, cursor, batchSize);
  };

  const pullHandler = async (checkpoint: SyncCheckpoint | undefined, batchSize: number) => {
    let cursor = checkpoint ?? options.initialCheckpoint;
    const documents: SyncDocument[] = [];
    for (;;) {
      const page = await fetchPage(cursor, batchSize);
      if (!page.ok) return fail(page.failure);
      succeed();
      options.onPulled?.(page.value.documents.length);
      documents.push(...(await admit(page.value.documents)));
      if (page.value.checkpoint) cursor = page.value.checkpoint;
      const more = page.value.documents.length >= batchSize && page.value.checkpoint !== null;
      // RxDB takes a batch shorter than batchSize (or an empty one) as "nothing more": a page
      // thinned by dropped documents must not look like the end while the endpoint has more.
      if (!more || documents.length >= batchSize) {
        await writes.roomFor(documents.filter((document) => !options.isHeld(name, document.id)).length);
        if (more) prefetched = { after: JSON.stringify(cursor ?? null), page: endpoint.pull(name, cursor, batchSize) };
        return { documents, checkpoint: cursor };
      }
    }
  };

  const pushHandler = async (batch: { assumedMasterState?: Record<string, unknown>; newDocumentState: Record<string, unknown> }[]) => {
    // RxDB retries a refused batch with the very rows it first handed over: re-timed entries
    // (clock-ahead) must go with their new times on the retry, not only in a later batch.
    const rows = options.retimer ? batch.map((row) => options.retimer!.applied(row)) : batch;
    const answer = await endpoint.push(rows.map((row) => ({ assumedMasterState: row.assumedMasterState ?? null, newDocumentState: row.newDocumentState })));
    if (!answer.ok) {
      const { failure } = answer;
      if (failure.kind === 'rejected' && failure.code === 'clock-ahead' && options.retimer) {
        await options.retimer.retime(rows, failure.problems ?? []);
      }
      return fail(failure);
    }
    succeed();
    const conflicting = new Map(answer.value.conflicts.map((document) => [String(document.id), document]));
    const held: Stamped[] = [];
    const conflicts: LedgerConflict[] = [];
    for (const row of rows) {
      const pushed = row.newDocumentState as unknown as Stamped;
      const remote = conflicting.get(pushed.id);
      if (remote) conflicts.push({ id: pushed.id, found: 'push', local: recordOf(row.newDocumentState), remote: recordOf(remote) });
      else held.push(pushed);
    }
    observer.onEndpoint(held);
    options.retimer?.sent(held.map((entry) => entry.id));
    if (conflicts.length > 0) observer.conflicts(conflicts);
    // Never hand the endpoint's version to RxDB: its conflict handling would replace this
    // desk's entry with it, and history is never edited. The conflict is logged and shown.
    return [];
  };

  state = replicateRxCollection<Record<string, unknown>, SyncCheckpoint>({
    replicationIdentifier: `${options.identifier}:${name}`,
    collection,
    live: true,
    retryTime: tuning.retryInitialMs,
    autoStart: true,
    waitForLeadership: false,
    pull: {
      batchSize: tuning.pullBatchSize,
      handler: pullHandler as never,
      ...(options.stream$
        ? {
          stream$: options.stream$.pipe(
            // In order: a later batch's checkpoint must never be stored before an earlier batch.
            concatMap(async (item) => {
              if (item === 'RESYNC') return item;
              const documents = await admit(item.documents);
              return documents.length > 0 ? { documents, checkpoint: item.checkpoint } : null;
            }),
            filter((item): item is NonNullable<typeof item> => item !== null),
          ) as never,
        }
        : {}),
    },
    ...(name === 'ledger'
      ? {
        push: {
          batchSize: tuning.pushBatchSize,
          handler: pushHandler as never,
          // A local entry that fails the shared schema (or is of another venue) would make the
          // endpoint refuse its whole batch forever: it stays on this desk, logged, unsent.
          modifier: (stored: Record<string, unknown>) => {
            if (options.retimer?.notSent.has(String(stored.id))) {
              observer.unsendable(String(stored.id), 'it came from an endpoint stamped ahead of the endpoint\'s clock');
              return null;
            }
            // Re-timed entries (clock-ahead) get their new times in the push handler, retries included.
            const document = stored;
            const parsed = ledgerEntrySchema.safeParse(recordOf(document));
            if (parsed.success && parsed.data.venueId === options.venueId) return document;
            const reason = parsed.success ? `of venue "${parsed.data.venueId}"` : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
            observer.unsendable(String(document.id), reason);
            return null;
          },
        },
      }
      : {}),
  });
  state.received$.subscribe(() => writes.written());
  return state;
}
