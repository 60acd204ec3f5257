// A paired desk's ongoing sync: one replication per collection, fed by the live stream,
// retried with back-off while the endpoint is away. Commands never wait on any of it: they
// write to the database and the replications carry the writes when they can.
//
// A new desk first takes a snapshot of the venue, door first (main/sync/snapshotSync.ts), and
// its replications then pull on from the snapshot's seqs while the history follows. The
// replications start in order, platform collections first and the ledger last, each a short
// catch-up on later starts.
import type { Subscription } from 'rxjs';
import type { SyncCollection } from '../../shared/schema/sync';
import type { DeskContext } from '../state/deskContext';
import type { SyncSession } from './syncSession';
import type { CollectionReplication } from './collectionReplication';
import { LiveStream } from './liveStream';
import { Backoff } from './backoff';
import type { SyncStatusTracker } from './syncStatusTracker';
import type { FetchFunction } from './syncEndpoint';
import type { SnapshotOptions } from './snapshotSync';
import { historyPending, needsSnapshot, snapshotSeqs, takeDoorParts, takeHistory } from './snapshotSync';

/** Platform data first (customers and passes before the bookings that refer to them), the ledger last. */
export const syncOrder: readonly SyncCollection[] = ['products', 'sessions', 'customers', 'passes', 'bookings', 'ledger'];

type InitialSyncMark = { done: true };

export type LiveSyncOptions = {
  context: DeskContext;
  /** Data the renderer should ask for again (the door's data arrived). */
  notifyChanged: (collections: string[]) => void;
  session: SyncSession;
  tracker: SyncStatusTracker;
  log: (line: string) => void;
  fetch?: FetchFunction;
  /** The endpoint's document count (GET /sync/hello), for the first sync's progress. */
  expectedDocuments: Promise<number | null>;
  resyncEveryMs?: number;
  /** Resolves when no call from the renderer is under way: the first sync gives way to calls. */
  idle: (stepMs?: number) => Promise<void>;
  /**
   * The desk turned to this endpoint from another of its list (failover, or back): it holds the
   * venue already, so catching up with this endpoint's checkpoints is no "first sync" to show.
   */
  switched?: boolean;
};

export class LiveSync {
  private readonly stream: LiveStream;
  private readonly replications: CollectionReplication[] = [];
  private readonly subscriptions: Subscription[] = [];
  private stopped = false;
  private stopRequested!: () => void;
  private readonly stopping = new Promise<void>((resolve) => { this.stopRequested = resolve; });
  private running: Promise<void> = Promise.resolve();
  private history: Promise<void> = Promise.resolve();

  constructor(private readonly options: LiveSyncOptions) {
    const { tracker, session } = options;
    this.stream = new LiveStream(session.endpoint, {
      log: options.log,
      backoff: new Backoff({ initialMs: session.tuning.retryInitialMs, maxMs: session.tuning.retryMaxMs }),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.resyncEveryMs === undefined ? {} : { resyncEveryMs: options.resyncEveryMs }),
      opened: () => tracker.streamOpened(),
      closed: (failure) => {
        if (this.stopped) return;
        session.observer.failed(failure);
        tracker.streamClosed(failure);
      },
    });
  }

  start(): void {
    // Until run() has looked (two local reads), say that a first sync may be under way rather
    // than that nothing is: a status read meanwhile must not look caught up.
    if (!this.options.switched) this.options.tracker.initialProgress({ stage: 'replication', done: 0, total: null });
    this.running = this.run().catch((error: unknown) => {
      this.options.log(`sync: stopped by an error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopRequested();
    this.stream.close();
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.all(this.replications.map((replication) => replication.cancel()));
    await this.running;
    await this.history;
  }

  /** Resolves when every collection's replication is running and has caught up once. */
  private async run(): Promise<void> {
    const { context, session, tracker } = this.options;
    const { db } = context;
    const markDocument = session.localDocumentId('sync-initial');
    const firstSync = (await db.getLocal<InitialSyncMark>(markDocument)) === null && !this.options.switched;

    // A new desk starts from a snapshot, door first (main/sync/snapshotSync.ts). The status says
    // a first sync runs before the stream can make the desk look online and caught up.
    const snapshot = await needsSnapshot(context);
    tracker.initialProgress(snapshot || firstSync ? { stage: snapshot ? 'door' : 'replication', done: 0, total: null } : null);
    if (this.stopped) return;
    this.stream.start();
    let seqs: Record<SyncCollection, number> | null = null;
    let history: Awaited<ReturnType<typeof historyPending>> = null;
    if (snapshot) {
      const taken = await takeDoorParts(this.snapshotOptions());
      if (taken === null) return;
      if (taken !== 'unsupported') {
        seqs = taken.snapshot.seqs as Record<SyncCollection, number>;
        history = taken;
      }
    } else {
      seqs = await snapshotSeqs(context, session.endpoint.settings.url, session.venueId);
      // A snapshot's history comes from the endpoint that took it: a desk that turned to another
      // endpoint of its list meanwhile pulls everything from that one's checkpoints instead.
      history = seqs === null ? null : await historyPending(context);
    }
    if (history) {
      const pending = history;
      tracker.initialProgress({ stage: 'history', done: 0, total: pending.snapshot.expected.history ?? null });
      this.history = takeHistory(this.snapshotOptions(), pending).then(async (complete) => {
        if (!complete || this.stopped) return;
        await db.upsertLocal<InitialSyncMark>(markDocument, { done: true });
        tracker.initialProgress(null);
      }, (error: unknown) => {
        this.options.log(`sync: the snapshot's history stopped: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      });
    } else if (seqs) {
      tracker.initialProgress(null);
    }

    // A desk that held data already (or whose endpoint keeps no snapshots) pulls what it lacks
    // record by record; while that first sync runs the status shows documents so far. Progress
    // counts what was fetched: a document this desk already holds is not written again (RxDB's
    // `received$` skips it), but it is one of the endpoint's count all the same.
    let pulled = 0;
    let counting = firstSync && seqs === null;
    let received = 0;
    let total: number | null = null;
    if (counting) {
      tracker.initialProgress({ stage: 'replication', done: 0, total: null });
      void this.options.expectedDocuments.then((count) => {
        total = count;
        if (!this.stopped && counting) tracker.initialProgress({ stage: 'replication', done: pulled, total });
      });
    }
    for (const name of syncOrder) {
      if (this.stopped) return;
      // The replications keep pulling after the first sync is done: only its pulls count.
      const initialCheckpoint = seqs ? { seq: seqs[name], id: '' } : undefined;
      const replication = session.replicate(name, this.stream.itemsFor(name), (count) => {
        if (!counting) return;
        pulled += count;
        tracker.initialProgress({ stage: 'replication', done: pulled, total });
      }, initialCheckpoint);
      this.replications.push(replication);
      if (counting) this.subscriptions.push(replication.received$.subscribe(() => { received += 1; }));
      const caughtUp = await Promise.race([replication.awaitInitialReplication().then(() => true), this.stopping.then(() => false)]);
      if (!caughtUp) return;
    }
    if (counting) {
      counting = false;
      for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
      await db.upsertLocal<InitialSyncMark>(markDocument, { done: true });
      tracker.initialProgress(null);
      this.options.log(`sync: first sync done (${pulled} documents fetched, ${received} new or changed)`);
    }
  }

  private snapshotOptions(): SnapshotOptions {
    const { context, session, tracker } = this.options;
    return {
      context,
      endpoint: session.endpoint,
      venueId: session.venueId,
      observer: session.observer,
      progress: (stage, done, total) => {
        if (!this.stopped) tracker.initialProgress({ stage, done, total });
      },
      log: this.options.log,
      backoff: new Backoff({ initialMs: session.tuning.retryInitialMs, maxMs: session.tuning.retryMaxMs }),
      stopping: this.stopping,
      pageSize: session.tuning.snapshotPageSize,
      doorReady: () => this.options.notifyChanged(['customers', 'passes', 'sessions', 'bookings', 'ledger']),
      idle: this.options.idle,
    };
  }
}
